package dev.mosaic.server;

import static dev.mosaic.server.ModerationTest.waitFor;
import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.token.JoinTokenClaims;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A room's settings and removals last as long as the room, not its meeting: when everyone has left, a
 * still-valid token neither reopens a created room plain nor lets a removed participant back in, and
 * the report limit does not reset on rejoining. Tokens may live no longer than the server's maximum,
 * which is also how long an empty room keeps what it knows.
 */
class RoomLifetimeTest {
    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    private final TestClock clock = new TestClock(START);
    private MosaicServer server;
    private ApiCalls api;

    private void start(MosaicServer.Builder builder) {
        server = builder.clock(clock).expirySweep(Duration.ofMillis(10)).start();
        api = new ApiCalls(server);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static void leave(RawClient c) throws InterruptedException {
        c.send("{\"v\":1,\"type\":\"leave\",\"id\":\"bye\"}");
        c.awaitClose();
    }

    private boolean empty(String room) {
        return server.rooms()
                .find(room)
                .map(r -> r.state().participants().isEmpty()
                        && r.state().waiting().isEmpty())
                .orElse(true);
    }

    @Test
    void aCreatedRoomKeepsPasscodeWaitingRoomAndE2eeAfterItEmpties() throws Exception {
        start(TestServers.builder());
        assertEquals(
                201,
                api.call(
                                "POST",
                                "/api/rooms",
                                "{\"room\":\"exam\",\"e2ee\":true,\"passcode\":\"4711\",\"waitingRoom\":true}")
                        .status());
        String studentToken = token(server, "exam", "Student", Role.PARTICIPANT);

        RawClient teacher = RawClient.connect(server);
        teacher.joinAs("exam", token(server, "exam", "Teacher", Role.HOST));
        leave(teacher);
        assertTrue(waitFor(() -> empty("exam")));

        // The meeting ended; the room did not. The student's still-valid token meets the same rules.
        RawClient student = RawClient.connect(server);
        JsonObject refused = student.join("exam", studentToken);
        assertEquals(
                "unauthorized",
                String.valueOf(refused.get("code")).replace("\"", ""),
                "the passcode is still needed: " + refused);
        student.send("{\"v\":1,\"type\":\"join\",\"id\":\"j2\",\"room\":\"exam\",\"passcode\":\"4711\",\"token\":\""
                + studentToken + "\"}");
        assertEquals("waiting", student.next().get("type").getAsString(), "and the waiting room");
        JsonObject state = api.call("GET", "/api/rooms/exam", null).json();
        assertTrue(state.get("e2ee").getAsBoolean());
        assertTrue(state.get("passcode").getAsBoolean());
        assertTrue(state.get("waitingRoom").getAsBoolean());
        student.close();
        assertTrue(waitFor(() -> empty("exam")));

        RawClient host = RawClient.connect(server);
        JsonObject joined = host.join("exam", token(server, "exam", "Teacher", Role.HOST));
        assertTrue(joined.get("e2ee").getAsBoolean(), "the next meeting is end-to-end encrypted too");
        host.send("{\"v\":1,\"type\":\"end\",\"id\":\"e\"}");
        host.awaitClose();
        assertTrue(server.rooms().find("exam").isPresent(), "a host ending the meeting does not delete the room");

        assertEquals(200, api.call("DELETE", "/api/rooms/exam", null).status(), "the application deletes it");
        assertEquals(404, api.call("GET", "/api/rooms/exam", null).status());
        RawClient after = RawClient.connect(server);
        assertEquals(
                "joined",
                after.join("exam", studentToken).get("type").getAsString(),
                "once deleted, the name starts a plain room again");
    }

    @Test
    void aRemovedTokenStaysRefusedAfterTheRoomEmpties() throws Exception {
        start(TestServers.builder());
        String malloryToken = token(server, "open-room", "Mallory", Role.PARTICIPANT);
        RawClient host = RawClient.connect(server);
        host.joinAs("open-room", token(server, "open-room", "Teacher", Role.HOST));
        RawClient mallory = RawClient.connect(server);
        String malloryId = mallory.joinAs("open-room", malloryToken);
        host.send("{\"v\":1,\"type\":\"remove\",\"id\":\"r\",\"target\":\"" + malloryId + "\"}");
        mallory.awaitClose();
        leave(host);
        assertTrue(waitFor(() -> empty("open-room")));

        RawClient again = RawClient.connect(server);
        JsonObject refused = again.join("open-room", malloryToken);
        assertEquals(
                "forbidden",
                String.valueOf(refused.get("code")).replace("\"", ""),
                "removed stays removed: " + refused);
        RawClient other = RawClient.connect(server);
        assertEquals(
                "joined",
                other.join("open-room", token(server, "open-room", "Ada", Role.PARTICIPANT))
                        .get("type")
                        .getAsString());
    }

    @Test
    void anEmptyRoomGoesOnceEveryTokenIssuedForItHasExpired() throws Exception {
        start(TestServers.builder().maxTokenLifetime(Duration.ofHours(3)));
        assertEquals(
                201,
                api.call("POST", "/api/rooms", "{\"room\":\"lesson\",\"passcode\":\"1234\",\"expiresInSeconds\":3600}")
                        .status());
        RawClient host = RawClient.connect(server);
        host.joinAs("lesson", token(server, "lesson", "Teacher", Role.HOST));
        leave(host);
        assertTrue(waitFor(() -> empty("lesson")));
        Instant keptUntil = Instant.parse(api.call("GET", "/api/rooms/lesson", null)
                .json()
                .get("expiresAt")
                .getAsString());
        assertEquals(
                START.plus(Duration.ofHours(3)).plus(Duration.ofSeconds(30)),
                keptUntil,
                "kept for the longest token lifetime (and the clock skew tokens are allowed)");

        clock.advance(Duration.ofHours(2));
        Thread.sleep(100); // several sweeps run; the room must survive them all
        assertTrue(server.rooms().find("lesson").isPresent(), "2 hours is less than 3");
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        assertTrue(waitFor(() -> server.rooms().find("lesson").isEmpty()), "gone after the longest token lifetime");
    }

    @Test
    void theReportLimitIsPerTokenNotPerStay() throws Exception {
        start(TestServers.builder());
        RawClient host = RawClient.connect(server);
        String hostId = host.joinAs("class", token(server, "class", "Teacher", Role.HOST));
        String adaToken = token(server, "class", "Ada", Role.PARTICIPANT);
        RawClient ada = RawClient.connect(server);
        ada.joinAs("class", adaToken);
        for (int i = 0; i < 20; i++) {
            ada.send("{\"v\":1,\"type\":\"report\",\"id\":\"r" + i + "\",\"target\":\"" + hostId
                    + "\",\"reason\":\"x\"}");
        }
        ada.send("{\"v\":1,\"type\":\"report\",\"id\":\"r20\",\"target\":\"" + hostId + "\",\"reason\":\"x\"}");
        assertEquals("rate_limited", ada.next("error").get("code").getAsString());
        leave(ada);

        RawClient back = RawClient.connect(server);
        back.joinAs("class", adaToken);
        back.send("{\"v\":1,\"type\":\"report\",\"id\":\"r21\",\"target\":\"" + hostId + "\",\"reason\":\"x\"}");
        JsonObject answer = back.next("error");
        assertEquals("rate_limited", answer.get("code").getAsString(), "rejoining does not reset the limit: " + answer);
    }

    @Test
    void tokensLongerLivedThanTheMaximumAreRefused() throws Exception {
        start(TestServers.builder());
        Instant now = Instant.now();
        JoinTokenClaims century =
                new JoinTokenClaims("r", "u", "U", Role.HOST, now, now.plus(Duration.ofDays(36_500)), "t-100y");
        IllegalArgumentException notIssued = assertThrows(
                IllegalArgumentException.class, () -> server.tokens().issue(century));
        assertTrue(notIssued.getMessage().contains("at most"), notIssued.getMessage());

        // A token signed elsewhere with the same secret and no such limit.
        dev.mosaic.core.token.JoinTokens unlimited = new dev.mosaic.core.token.JoinTokens(
                TestServers.SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        RawClient c = RawClient.connect(server);
        JsonObject refused = c.join("r", unlimited.issue(century));
        assertEquals("token_malformed", refused.get("code").getAsString());
        assertTrue(refused.get("message").getAsString().contains("longer than this server allows"), refused.toString());
        assertEquals(
                "joined",
                c.join("r", unlimited.issue("r", "u", "U", Role.HOST, Duration.ofDays(7)))
                        .get("type")
                        .getAsString(),
                "7 days, the default maximum, is fine");

        ApiCalls.Reply tooLong =
                api.call("POST", "/api/rooms/r/tokens", "{\"userId\":\"u\",\"ttlSeconds\":" + (7 * 86400 + 1) + "}");
        assertEquals(400, tooLong.status());
        server.stop();
        start(TestServers.builder().maxTokenLifetime(Duration.ofHours(1)));
        assertEquals(
                400,
                api.call("POST", "/api/rooms/r/tokens", "{\"userId\":\"u\",\"ttlSeconds\":3601}")
                        .status(),
                "the REST API issues no longer than the server accepts");
        assertEquals(
                201,
                api.call("POST", "/api/rooms/r/tokens", "{\"userId\":\"u\",\"ttlSeconds\":3600}")
                        .status());
        assertEquals(
                Duration.ofHours(1),
                Main.parse(
                                new String[] {"--max-token-lifetime", "3600"},
                                java.util.Map.of("MOSAIC_SECRET", TestServers.SECRET))
                        .build()
                        .limits()
                        .maxTokenLifetime());
        assertEquals(
                Duration.ofDays(2),
                Main.parse(
                                new String[0],
                                java.util.Map.of(
                                        "MOSAIC_SECRET", TestServers.SECRET, "MOSAIC_MAX_TOKEN_LIFETIME", "172800"))
                        .build()
                        .limits()
                        .maxTokenLifetime());
    }
}
