package dev.mosaic.server.browser;

import static dev.mosaic.server.Waits.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.client.MeetingClientListener;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.server.E2eeRoom;
import dev.mosaic.server.KeySubstitution;
import dev.mosaic.server.ServerInTheMiddle;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * End-to-end encryption in real Chromium: rooms created through the REST API with {@code e2ee:true},
 * the widget's media worker counting every frame it encrypts and decrypts.
 */
class E2eeMeetingIT {
    @RegisterExtension
    final E2eeRoom room = new E2eeRoom("secret-class");

    private static long n(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    private static long decoded(DemoParticipant p, String fromId) {
        return p.remoteVideo().stream()
                .filter(v -> fromId.equals(v.get("id")))
                .mapToLong(v -> ((Number) v.getOrDefault("framesDecoded", 0)).longValue())
                .sum();
    }

    /** Everyone in {@code viewers} decodes live video from each of {@code senders} (other than itself). */
    private static boolean allDecoding(List<DemoParticipant> viewers, List<DemoParticipant> senders) {
        for (DemoParticipant v : viewers) {
            for (DemoParticipant s : senders) {
                if (v != s && decoded(v, s.participantId()) < 10) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void threeBrowsersEncryptEveryFrameAndALeaveRotatesWithoutFreezing() throws Exception {
        DemoParticipant alice = room.browser("Alice");
        DemoParticipant bob = room.browser("Bob");
        DemoParticipant carol = room.browser("Carol");
        List<DemoParticipant> all = List.of(alice, bob, carol);
        waitFor("each browser decodes the two others' video", Duration.ofSeconds(60), () -> allDecoding(all, all));
        waitFor(
                "one security code for all",
                Duration.ofSeconds(10),
                () -> alice.securityCode() != null
                        && alice.securityCode().equals(bob.securityCode())
                        && alice.securityCode().equals(carol.securityCode()));
        assertTrue(alice.securityCode().matches("\\d{5}( \\d{5}){5}"), alice.securityCode());
        String shown = (String) alice.script("return document.querySelector('.mosaic-security-code').textContent");
        assertEquals(alice.securityCode(), shown, "the code is on screen");
        for (DemoParticipant p : all) {
            waitFor(
                    p.name() + " checks both connections against the signed DTLS fingerprints",
                    Duration.ofSeconds(10),
                    () -> n(p.e2ee(), "dtlsVerified") == 2);
            assertEquals(0, n(p.e2ee(), "dtlsMismatches"));
        }

        // Steady state: every frame through the worker is encrypted (ours) or decrypted (theirs).
        List<Map<String, Object>> before =
                all.stream().map(DemoParticipant::e2ee).toList();
        Thread.sleep(3000);
        for (int i = 0; i < all.size(); i++) {
            Map<String, Object> b = before.get(i);
            Map<String, Object> a = all.get(i).e2ee();
            long frames = n(a, "frames") - n(b, "frames");
            long sealedOrOpened = (n(a, "encrypted") - n(b, "encrypted")) + (n(a, "decrypted") - n(b, "decrypted"));
            System.out.printf("%s worker: %s%n", all.get(i).name(), a);
            assertEquals(0, n(a, "authFail"), all.get(i).name() + ": " + a);
            assertEquals(n(b, "noKey"), n(a, "noKey"), "no frame dropped for a missing key once keyed: " + a);
            assertTrue(n(a, "encrypted") > 0 && n(a, "decrypted") > 0, a.toString());
            // A handful may be between the frames count and the crypto when the two snapshots are taken.
            assertTrue(
                    Math.abs(frames - sealedOrOpened) <= 12,
                    "frames " + frames + " vs encrypted+decrypted " + sealedOrOpened);
            long decodedFromOthers = 0;
            for (DemoParticipant s : all) {
                if (s != all.get(i)) {
                    decodedFromOthers += decoded(all.get(i), s.participantId());
                }
            }
            assertTrue(decodedFromOthers <= n(a, "decrypted"), "nothing reaches the decoder undecrypted");
        }

        // Carol leaves: Alice and Bob rotate to a new key and keep decoding each other, sampled every 100 ms.
        String aliceId = alice.participantId(), bobId = bob.participantId();
        long epochBefore = n(alice.e2ee(), "epoch");
        String codeBefore = alice.securityCode();
        carol.browser().quit();
        long[] last = {decoded(alice, bobId), decoded(bob, aliceId)};
        long[] lastChange = {System.nanoTime(), System.nanoTime()};
        long worstGap = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        while (System.nanoTime() < end) {
            long[] now = {decoded(alice, bobId), decoded(bob, aliceId)};
            for (int k = 0; k < 2; k++) {
                long t = System.nanoTime();
                if (now[k] > last[k]) {
                    worstGap = Math.max(worstGap, t - lastChange[k]);
                    last[k] = now[k];
                    lastChange[k] = t;
                }
            }
            Thread.sleep(100);
        }
        for (int k = 0; k < 2; k++) {
            worstGap = Math.max(worstGap, System.nanoTime() - lastChange[k]);
        }
        waitFor(
                "a new epoch without Carol",
                Duration.ofSeconds(10),
                () -> n(alice.e2ee(), "epoch") > epochBefore
                        && alice.securityCode() != null
                        && alice.securityCode().equals(bob.securityCode()));
        System.out.printf(
                "leave rotation: epoch %d -> %d, longest gap in decoded frames %d ms%n",
                epochBefore, n(alice.e2ee(), "epoch"), worstGap / 1_000_000);
        assertNotEquals(codeBefore, alice.securityCode(), "the code changes with the roster");
        assertEquals("true", alice.script("return document.querySelector('.mosaic-security').dataset.changed"));
        assertTrue(
                worstGap <= TimeUnit.SECONDS.toNanos(1),
                "video froze for " + worstGap / 1_000_000 + " ms across the rotation");
        assertEquals(0, n(alice.e2ee(), "authFail"));
    }

    @Test
    void aSwappedKeyLeavesTheVictimWithoutAFrameAndADifferentCode() throws Exception {
        // A proxy in front of the server swaps Eve's keys as the others see them: Eve is an observer without the key.
        ServerInTheMiddle mitm =
                room.closeAfter(new ServerInTheMiddle(room.server().port(), KeySubstitution.ofUser("Eve")));
        DemoParticipant alice = room.browser(mitm.url(), "Alice");
        DemoParticipant bob = room.browser(mitm.url(), "Bob");
        DemoParticipant eve = room.browser(mitm.url(), "Eve");
        List<DemoParticipant> keyed = List.of(alice, bob);
        waitFor("Alice and Bob decode each other", Duration.ofSeconds(60), () -> allDecoding(keyed, keyed));
        waitFor(
                "everyone has a code",
                Duration.ofSeconds(15),
                () -> alice.securityCode() != null
                        && bob.securityCode() != null
                        && eve.securityCode() != null
                        && alice.securityCode().equals(bob.securityCode()));
        Thread.sleep(3000); // frames keep flowing to Eve all along
        Map<String, Object> eveStats = eve.e2ee();
        System.out.printf("victim worker: %s; codes %s vs %s%n", eveStats, alice.securityCode(), eve.securityCode());
        assertNotEquals(alice.securityCode(), eve.securityCode(), "the victim's code differs");
        assertEquals(0, n(eveStats, "decrypted"), eveStats.toString());
        assertTrue(
                n(eveStats, "noKey") + n(eveStats, "authFail") > 0, "frames reached Eve and were dropped: " + eveStats);
        assertEquals(
                0, decoded(eve, alice.participantId()) + decoded(eve, bob.participantId()), "Eve decodes no frame");
        assertEquals(
                0,
                decoded(alice, eve.participantId()) + decoded(bob, eve.participantId()),
                "Eve, keyless, sends nothing decodable");
        assertEquals("error", eve.statusKind());
    }

    @Test
    void aConnectionWhoseCertificateIsNotTheSignedOneIsClosed() throws Exception {
        DemoParticipant alice = room.browser("Alice");
        DemoParticipant bob = room.browser("Bob");
        List<DemoParticipant> both = List.of(alice, bob);
        waitFor("Alice and Bob decode each other", Duration.ofSeconds(60), () -> allDecoding(both, both));
        for (DemoParticipant p : both) {
            waitFor(
                    p.name() + " verifies the other's DTLS certificate",
                    Duration.ofSeconds(10),
                    () -> n(p.e2ee(), "dtlsVerified") >= 1);
        }
        String bobId = bob.participantId();

        // Bob now signs a fingerprint that is not his certificate's, as Alice would see a relay that
        // terminates DTLS: she must drop the connection and say so.
        bob.diagnostic("announceWrongDtlsFingerprint()");
        waitFor("Alice detects the mismatch", Duration.ofSeconds(10), () -> n(alice.e2ee(), "dtlsMismatches") == 1);
        waitFor(
                "Alice closed the connection to Bob",
                Duration.ofSeconds(5),
                () -> alice.remoteVideo().stream().noneMatch(v -> bobId.equals(v.get("id"))));
        assertEquals("error", alice.statusKind());
        String status = alice.statusText();
        assertTrue(status.contains("Bob") && status.contains("intercepting"), status);
        Thread.sleep(3000); // Bob's side tries to reconnect: Alice takes no new connection from him
        assertTrue(alice.remoteVideo().stream().noneMatch(v -> bobId.equals(v.get("id"))), "no new connection to Bob");
        assertEquals(1, n(alice.e2ee(), "dtlsMismatches"));

        String events = hostEvents(alice);
        assertTrue(events.contains("\"state\":\"mitmSuspected\",\"participantId\":\"" + bobId + "\""), events);
    }

    private static String hostEvents(DemoParticipant p) {
        p.browser().switchTo().defaultContent();
        String events = p.browser().findElement(By.id("events")).getText();
        p.browser().switchTo().frame(p.browser().findElement(By.cssSelector("#meeting iframe")));
        return events;
    }

    @Test
    void theIdentityKeyOutlivesAReloadAndAKnownUserWithANewKeyIsFlagged() throws Exception {
        DemoParticipant alice = room.browser("Alice"); // first in: the key leader, who keys each newcomer
        DemoParticipant bob = room.browser("Bob");
        waitFor(
                "one code for Alice and Bob",
                Duration.ofSeconds(30),
                () -> alice.securityCode() != null && alice.securityCode().equals(bob.securityCode()));
        String bobKey = (String) bob.e2ee().get("identityKey");
        assertTrue(bobKey.matches("[0-9a-f]{64}"), bobKey);

        // Bob reloads the page and joins again: the key kept in IndexedDB comes back, Alice sees no change.
        bob.join(room.server().localUrl(), room.name(), true, room.token("Bob"));
        String bobAgain = bob.participantId();
        waitFor(
                "Alice keys the reloaded Bob",
                Duration.ofSeconds(30),
                () -> bob.securityCode() != null
                        && bob.securityCode().equals(alice.securityCode())
                        && n(bob.e2ee(), "epoch") > 0
                        && alice.remoteVideo().stream().anyMatch(v -> bobAgain.equals(v.get("id"))));
        assertEquals(bobKey, bob.e2ee().get("identityKey"), "same identity key after a reload");
        assertEquals(0, n(alice.e2ee(), "keyChanges"));

        // "Bob" again, from another browser (another key): Alice pinned the first one.
        bob.close();
        room.closedAlready(bob);
        DemoParticipant otherBob = room.browser("Bob");
        waitFor("Alice flags Bob's new key", Duration.ofSeconds(30), () -> n(alice.e2ee(), "keyChanges") == 1);
        assertNotEquals(bobKey, otherBob.e2ee().get("identityKey"));
        String status = alice.statusText();
        assertTrue(status.contains("Bob") && status.contains("different encryption key"), status);
        String events = hostEvents(alice);
        assertTrue(events.contains("\"state\":\"keyChanged\""), events);
    }

    private MeetingClient javaBot(BlockingQueue<String> chat) throws Exception {
        String token =
                room.server().tokens().issue(room.name(), "bot-1", "Java Bot", Role.PARTICIPANT, Duration.ofMinutes(5));
        MeetingClient bot = MeetingClient.builder(URI.create(room.server().webSocketUrl()), room.name(), token)
                .listener(new MeetingClientListener() {
                    @Override
                    public void onChat(ServerMessage.Chat m) {
                        chat.add(m.name() + ": " + m.text());
                    }
                })
                .build();
        room.closeAfter(bot);
        assertTrue(bot.join().e2ee());
        return bot;
    }

    @Test
    void aJavaLeaderKeysABrowser() throws Exception {
        MeetingClient bot = javaBot(new LinkedBlockingQueue<>()); // first in: the key leader, wrapping for the browser
        DemoParticipant alice = room.browser("Alice");
        waitFor(
                "the browser unwraps the Java leader's key and shows its code",
                Duration.ofSeconds(20),
                () -> alice.securityCode() != null
                        && alice.securityCode().equals(bot.securityCode())
                        && n(alice.e2ee(), "epoch") > 0);
        bot.sendChat("keys from Java");
        waitFor(
                "the browser decrypts the Java chat",
                Duration.ofSeconds(10),
                () -> alice.chatShown().contains("keys from Java"));
    }

    @Test
    void aJavaClientAndABrowserAgreeOnTheCodeAndChat() throws Exception {
        DemoParticipant alice = room.browser("Alice");
        BlockingQueue<String> javaChat = new LinkedBlockingQueue<>();
        MeetingClient bot = javaBot(javaChat);
        waitFor(
                "the browser and the Java client show one code",
                Duration.ofSeconds(20),
                () -> bot.securityCode() != null
                        && bot.securityCode().equals(alice.securityCode())
                        && bot.e2eeEpoch() > 0);

        bot.sendChat("Bonjour from Java 🔐");
        waitFor(
                "the browser shows the Java chat",
                Duration.ofSeconds(10),
                () -> alice.chatShown().contains("Bonjour from Java 🔐"));
        alice.script(
                "const i = document.querySelector('.mosaic-chat-input'); i.value = arguments[0];"
                        + "i.form.requestSubmit();",
                "héllo from the browser 👋");
        String got;
        do {
            got = javaChat.poll(10, TimeUnit.SECONDS);
            assertNotNull(got, "no chat from the browser reached Java");
        } while (!got.endsWith("héllo from the browser 👋"));
        assertEquals("Alice: héllo from the browser 👋", got);
    }
}
