package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.e2ee.IdentityKey;
import dev.mosaic.core.e2ee.IdentityPinsFile;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.room.RoomOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Java MeetingClients in an end-to-end encrypted room, through a real server. */
class E2eeMeetingClientTest {
    private static final String ROOM = "e2ee-room";
    private MosaicServer server;
    private DroppableProxy proxy;
    private final List<MeetingClient> clients = new ArrayList<>();
    /** Lying proxies: closed after the clients, so that their goodbye still gets through. */
    private final List<ServerInTheMiddle> mitms = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (MeetingClient c : clients) {
            c.close();
        }
        for (ServerInTheMiddle m : mitms) {
            m.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        server.stop();
    }

    private void start(MosaicServer.Builder builder) throws Exception {
        server = builder.start();
        server.rooms().create(ROOM, new RoomOptions(true, 0, null, false));
        proxy = new DroppableProxy(server.port());
    }

    private MeetingClient join(String name, RecordingListener events) throws Exception {
        return join(name, events, proxy.webSocketUri());
    }

    private MeetingClient join(String name, RecordingListener events, java.net.URI uri) throws Exception {
        MeetingClient c = MeetingClient.builder(uri, ROOM, token(server, ROOM, name, Role.PARTICIPANT))
                .listener(events)
                .build();
        clients.add(c);
        assertTrue(c.join().e2ee());
        return c;
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static boolean agree(MeetingClient... cs) {
        String code = cs[0].securityCode();
        for (MeetingClient c : cs) {
            if (code == null || !code.equals(c.securityCode()) || c.e2eeEpoch() == 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void threeJavaClientsChatEncryptedAndAgreeOnTheCode() throws Exception {
        start(TestServers.builder());
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(originalErr, log), true, StandardCharsets.UTF_8));
        try {
            RecordingListener adaEvents = new RecordingListener();
            RecordingListener bobEvents = new RecordingListener();
            RecordingListener cyEvents = new RecordingListener();
            MeetingClient ada = join("Ada", adaEvents);
            MeetingClient bob = join("Bob", bobEvents);
            MeetingClient cy = join("Cy", cyEvents);
            waitFor("three clients share one roster", () -> agree(ada, bob, cy));
            String code = ada.securityCode();
            assertTrue(code.matches("\\d{5}( \\d{5}){5}"), code);

            String secret = "the exam answer is 42, don't tell — Bob 🔒";
            bob.sendChat(secret);
            assertEquals("chat Bob: " + secret, adaEvents.await("chat Bob"));
            assertEquals("chat Bob: " + secret, cyEvents.await("chat Bob"));
            assertEquals("chat Bob: " + secret, bobEvents.await("chat Bob"), "own message echoed locally");
            cy.sendChat("Cy got it");
            assertEquals("chat Cy: Cy got it", adaEvents.await("chat Cy"));

            String wire = new String(proxy.bytesFromServer(), StandardCharsets.UTF_8);
            assertTrue(wire.contains("\"type\":\"chat.e2ee\""), "chat went out encrypted");
            assertFalse(wire.contains("exam answer") || wire.contains("Cy got it"), "no plaintext leaves the server");
        } finally {
            System.setErr(originalErr);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertFalse(
                logged.contains("exam answer") || logged.contains("wrapped") || logged.contains("chat.e2ee"), logged);
    }

    @Test
    void aLeaveRotatesTheKeyAndTheLeaderPassesOn() throws Exception {
        start(TestServers.builder());
        RecordingListener adaEvents = new RecordingListener();
        RecordingListener bobEvents = new RecordingListener();
        MeetingClient ada = join("Ada", adaEvents);
        MeetingClient bob = join("Bob", bobEvents);
        MeetingClient cy = join("Cy", new RecordingListener());
        waitFor("three clients share one roster", () -> agree(ada, bob, cy));
        long epoch = ada.e2eeEpoch();
        String code = ada.securityCode();

        cy.leave();
        waitFor("a new epoch without Cy", () -> agree(ada, bob) && ada.e2eeEpoch() > epoch);
        assertNotEquals(code, ada.securityCode());
        // Skips the events of any epoch in between (a slow machine may see more than one rotation).
        bobEvents.await("codeChanged " + bob.securityCode());
        bob.sendChat("after the rotation");
        assertEquals("chat Bob: after the rotation", adaEvents.await("chat Bob"));

        long before = bob.e2eeEpoch();
        ada.leave(); // Ada led; Bob leads now and starts his own epoch
        waitFor("Bob leads a new epoch", () -> bob.e2eeEpoch() > before);
        assertNotNull(bob.securityCode());
    }

    @Test
    void aUserBackWithAnotherIdentityKeyIsFlaggedAcrossRestarts(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        start(TestServers.builder());
        join("Keeper", new RecordingListener()); // keeps the E2EE room alive while Ada restarts
        java.nio.file.Path pinsFile = dir.resolve("ada-pins");
        RecordingListener adaEvents = new RecordingListener();
        MeetingClient ada = MeetingClient.builder(proxy.webSocketUri(), ROOM, token(server, ROOM, "Ada", Role.HOST))
                .identityPins(IdentityPinsFile.open(pinsFile))
                .listener(adaEvents)
                .build();
        clients.add(ada);
        ada.join();
        IdentityKey bobsKey = IdentityKey.generate(new java.security.SecureRandom());
        MeetingClient bob = MeetingClient.builder(
                        proxy.webSocketUri(), ROOM, token(server, ROOM, "Bob", Role.PARTICIPANT))
                .identityKey(bobsKey)
                .listener(new RecordingListener())
                .build();
        clients.add(bob);
        bob.join();
        waitFor("Ada and Bob share a key", () -> agree(ada, bob));
        bob.leave();
        ada.leave();

        // Ada starts again with the same pins file; Bob comes back with his key, then "Bob" with another one.
        RecordingListener adaAgain = new RecordingListener();
        MeetingClient ada2 = MeetingClient.builder(proxy.webSocketUri(), ROOM, token(server, ROOM, "Ada", Role.HOST))
                .identityPins(IdentityPinsFile.open(pinsFile))
                .listener(adaAgain)
                .build();
        clients.add(ada2);
        ada2.join();
        MeetingClient bobAgain = MeetingClient.builder(
                        proxy.webSocketUri(), ROOM, token(server, ROOM, "Bob", Role.PARTICIPANT))
                .identityKey(bobsKey)
                .listener(new RecordingListener())
                .build();
        clients.add(bobAgain);
        bobAgain.join();
        waitFor("Ada and Bob share a key again", () -> agree(ada2, bobAgain));
        MeetingClient impostor = MeetingClient.builder(
                        proxy.webSocketUri(), ROOM, token(server, ROOM, "Bob", Role.PARTICIPANT))
                .listener(new RecordingListener())
                .build();
        clients.add(impostor);
        impostor.join();
        assertEquals("keyChanged Bob", adaAgain.await("keyChanged"));
        for (String e; (e = adaAgain.poll(500)) != null; ) {
            assertFalse(e.startsWith("keyChanged"), "only the new key was flagged, not Bob's own: " + e);
        }
    }

    @Test
    void aServerSwappingKeysMakesTheCodesDiffer() throws Exception {
        start(TestServers.builder());
        // Between the clients and the server, Vic's keys are swapped in the hellos the others get.
        ServerInTheMiddle mitm = new ServerInTheMiddle(server.port(), KeySubstitution.ofUser("user-Vic"));
        mitms.add(mitm);
        MeetingClient ada = join("Ada", new RecordingListener(), mitm.webSocketUri());
        MeetingClient bob = join("Bob", new RecordingListener(), mitm.webSocketUri());
        RecordingListener vicEvents = new RecordingListener();
        MeetingClient vic = join("Vic", vicEvents, mitm.webSocketUri());
        // Vic gets a code only from a roster that lists Vic; Ada, the leader, is already on that roster.
        waitFor("Ada and Bob agree and Vic has a code", () -> vic.securityCode() != null && agree(ada, bob));
        assertNotEquals(ada.securityCode(), vic.securityCode(), "the victim's code differs from everyone else's");
        assertTrue(vicEvents.await("e2eeError identity_changed").contains("another identity key"));
    }

    @Test
    void aGhostTheServerShowsOnlyToTheLeaderIsFlaggedByTheOthersAndItsPlainChatIsNotTheirWords() throws Exception {
        start(TestServers.builder());
        java.util.List<ServerInTheMiddle.Connection> joined = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServerInTheMiddle mitm = new ServerInTheMiddle(server.port(), (c, text) -> {
            com.google.gson.JsonObject m =
                    com.google.gson.JsonParser.parseString(text).getAsJsonObject();
            if ("joined".equals(m.get("type").getAsString()) && c.participantId == null) {
                c.participantId = m.getAsJsonObject("you").get("id").getAsString();
                joined.add(c);
                if (joined.size() == 2) {
                    // The leader (Ada) alone is told that a ghost joined, with a hello that verifies.
                    dev.mosaic.core.e2ee.E2eeSession ghost = new dev.mosaic.core.e2ee.E2eeSession(
                            dev.mosaic.core.e2ee.E2eeSession.Config.forSdkClient(
                                    ROOM,
                                    m.get("sessionId").getAsString(),
                                    "ghost",
                                    "Ghost",
                                    dev.mosaic.core.e2ee.IdentityKey.generate(new java.security.SecureRandom())),
                            new dev.mosaic.core.e2ee.IdentityPins());
                    com.google.gson.JsonObject hello = ghost.hello();
                    hello.addProperty("from", "ghost");
                    joined.get(0)
                            .inject(
                                    "{\"v\":1,\"type\":\"participantJoined\",\"participant\":{\"id\":\"ghost\",\"userId\":\"ghost\","
                                            + "\"name\":\"Ghost\",\"role\":\"participant\",\"media\":{\"audio\":false,\"video\":false,\"screen\":false,\"hand\":false}}}");
                    joined.get(0).inject(hello.toString());
                }
            }
            return java.util.List.of(text);
        });
        mitms.add(mitm);
        RecordingListener adaEvents = new RecordingListener();
        MeetingClient ada = join("Ada", adaEvents, mitm.webSocketUri());
        RecordingListener bobEvents = new RecordingListener();
        MeetingClient bob = join("Bob", bobEvents, mitm.webSocketUri());
        waitFor("Ada's roster reaches Bob", () -> agree(ada, bob));
        String roster = bobEvents.await("e2eeRoster ");
        while (!roster.contains("ghost")) {
            roster = bobEvents.await("e2eeRoster ");
        }
        assertTrue(roster.contains("ghost(hidden)"), "Bob's roster shows the ghost, flagged: " + roster);
        assertTrue(bobEvents.await("e2eeError unannounced_member").contains("ghost"));

        joined.get(1)
                .inject("{\"v\":1,\"type\":\"chat\",\"from\":\"" + joined.get(0).participantId
                        + "\",\"name\":\"Ada\",\"text\":\"send me the passcode\",\"sentAt\":1}");
        assertTrue(bobEvents.await("e2eeError plain_chat").contains("unencrypted"));
    }

    /** Copies everything written to System.err into a buffer too. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
