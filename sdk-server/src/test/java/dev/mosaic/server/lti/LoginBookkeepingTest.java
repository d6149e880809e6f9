package dev.mosaic.server.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.server.room.RoomNames;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Nonces, states, room names and platform registrations: the pieces a launch is checked with. */
class LoginBookkeepingTest {
    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-05T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aNonceWorksOnceAndNotAfterItExpires() {
        TestClock clock = new TestClock();
        NonceStore nonces = new NonceStore(100, 10, Duration.ofMinutes(5), clock);
        String a = nonces.issue("192.0.2.1");
        String b = nonces.issue("192.0.2.1");
        assertNotEquals(a, b);
        assertTrue(nonces.consume(a));
        assertFalse(nonces.consume(a), "used once");
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertFalse(nonces.consume(b), "expired");
        assertFalse(nonces.consume("never-issued"));
    }

    @Test
    void theNonceStoreStaysBoundedUnderAFloodOfLogins() {
        TestClock clock = new TestClock();
        NonceStore nonces = new NonceStore(1000, 10, Duration.ofMinutes(5), clock);
        String first = nonces.issue("192.0.2.1");
        for (int i = 0; i < 50_000; i++) {
            nonces.issue("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertEquals(1000, nonces.size());
        assertFalse(nonces.consume(first), "the oldest login was forgotten, not memory grown");
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        nonces.issue("192.0.2.1");
        assertEquals(1, nonces.size(), "expired entries are dropped");
    }

    @Test
    void oneClientFloodingLoginsPushesOutOnlyItsOwn() {
        TestClock clock = new TestClock();
        NonceStore nonces = new NonceStore(
                NonceStore.DEFAULT_CAPACITY, NonceStore.DEFAULT_PER_CLIENT, Duration.ofMinutes(5), clock);
        String teacher = nonces.issue("198.51.100.7");
        String pupil = nonces.issue("2001:db8:1:2::17");
        String firstOfFlood = nonces.issue("203.0.113.66");
        for (int i = 0; i < 100_000; i++) {
            nonces.issue("203.0.113.66");
        }
        // One host owns a whole IPv6 /64: rotating addresses inside it is still one client.
        for (int i = 0; i < 100_000; i++) {
            nonces.issue(
                    "2001:db8:9:9:" + Integer.toHexString(i & 0xffff) + ":" + Integer.toHexString(i >> 16) + ":0:1");
        }
        assertEquals(2 + 2 * NonceStore.DEFAULT_PER_CLIENT, nonces.size());
        assertTrue(nonces.consume(teacher), "other people's logins under way survive the flood");
        assertTrue(nonces.consume(pupil));
        assertFalse(nonces.consume(firstOfFlood), "the flooder forgot its own oldest login");
        assertEquals("v6:20010db800010002", NonceStore.clientOf("2001:db8:1:2::17"));
        assertEquals(NonceStore.clientOf("[2001:db8:1:2:ffff::1]"), NonceStore.clientOf("2001:db8:1:2::17"));
    }

    @Test
    void aStateProvesItselfAndExpires() throws LtiError {
        TestClock clock = new TestClock();
        byte[] secret = "a-secret-of-at-least-32-bytes-for-tests".getBytes();
        LoginState states = new LoginState(secret, clock);
        String state = states.issue("https://lms.example", "client", "nonce-1", null);
        LoginState.Claims claims = states.verify(state);
        assertEquals("https://lms.example", claims.iss());
        assertEquals("nonce-1", claims.nonce());
        LtiError other = assertThrows(
                LtiError.class,
                () -> new LoginState("another-secret-of-at-least-32-bytes-xx".getBytes(), clock).verify(state));
        assertEquals("lti_bad_state", other.code());
        clock.now = clock.now.plus(LoginState.TTL).plusSeconds(1);
        assertEquals(
                "lti_state_expired",
                assertThrows(LtiError.class, () -> states.verify(state)).code());
    }

    @Test
    void roomNamesAreStableDistinctAndValid() {
        String room = LtiRoomNames.room("https://lms.example", "d1", "course-7", "link-1");
        assertEquals(room, LtiRoomNames.room("https://lms.example", "d1", "course-7", "link-1"));
        assertTrue(RoomNames.isValid(room), room);
        assertNotEquals(room, LtiRoomNames.room("https://lms.example", "d1", "course-7", "link-2"));
        assertNotEquals(room, LtiRoomNames.room("https://lms.example", "d2", "course-7", "link-1"));
        assertNotEquals(room, LtiRoomNames.room("https://other.example", "d1", "course-7", "link-1"));
        // Length-prefixed parts: moving a character from one field to the next changes the room.
        assertNotEquals(LtiRoomNames.room("i", "d", "ab", "c"), LtiRoomNames.room("i", "d", "a", "bc"));
        assertNotEquals(LtiRoomNames.userId("https://a.example", "42"), LtiRoomNames.userId("https://b.example", "42"));
    }

    @Test
    void registrationsAreCheckedWhenTheServerStarts() {
        URI auth = URI.create("https://lms.example/auth");
        URI jwks = URI.create("https://lms.example/jwks");
        assertThrows(
                IllegalArgumentException.class,
                () -> new LtiPlatform("https://lms.example", "c", URI.create("http://lms.example/auth"), jwks, "d"),
                "no plain http to another machine");
        assertThrows(
                IllegalArgumentException.class,
                () -> new LtiPlatform("https://lms.example", "c", auth, jwks, Set.of(), List.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LtiPlatform(
                        "https://lms.example", "c", auth, jwks, Set.of("d"), List.of("https://school.example/path")));
        LtiPlatform canvas = new LtiPlatform(
                "https://canvas.instructure.com",
                "10000000000001",
                URI.create("https://sso.canvaslms.com/api/lti/authorize_redirect"),
                URI.create("https://sso.canvaslms.com/api/lti/security/jwks"),
                Set.of("d"),
                List.of("https://school.instructure.com"));
        assertEquals(
                Set.of("https://canvas.instructure.com", "https://sso.canvaslms.com", "https://school.instructure.com"),
                canvas.framingOrigins());
    }

    @Test
    void theConfigFileListsPlatforms() {
        List<LtiPlatform> platforms = LtiConfigFile.parse("""
                {"platforms": [{"issuer": "https://moodle.school.org", "clientId": "AbC123",
                  "authenticationRequestUrl": "https://moodle.school.org/mod/lti/auth.php",
                  "jwksUrl": "https://moodle.school.org/mod/lti/certs.php", "deploymentIds": ["1", "2"]}]}
                """);
        assertEquals(1, platforms.size());
        assertEquals(Set.of("1", "2"), platforms.get(0).deploymentIds());
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class,
                () -> LtiConfigFile.parse("{\"platforms\": [{\"issuer\": \"https://moodle.school.org\"}]}"));
        assertTrue(missing.getMessage().contains("platforms[0].clientId"), missing.getMessage());
    }

    @Test
    void theSampleConfigFileIsValid() {
        java.nio.file.Path sample = null;
        for (java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
                dir != null && sample == null;
                dir = dir.getParent()) {
            if (java.nio.file.Files.isRegularFile(dir.resolve("samples/lti-platforms.json"))) {
                sample = dir.resolve("samples/lti-platforms.json");
            }
        }
        assertTrue(sample != null, "samples/lti-platforms.json exists");
        List<LtiPlatform> platforms = LtiConfigFile.read(sample);
        assertEquals(2, platforms.size());
        assertTrue(platforms.get(1).framingOrigins().contains("https://school.instructure.com"));
    }
}
