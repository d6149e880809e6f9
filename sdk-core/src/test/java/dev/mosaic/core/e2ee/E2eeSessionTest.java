package dev.mosaic.core.e2ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mosaic.core.e2ee.E2eeException.Reason;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Several participants run the whole key exchange through an in-memory relay that behaves like
 * the server: broadcasts go to everyone else, unicasts to one, every message as JSON.
 */
class E2eeSessionTest {
    private static final String ROOM = "physics-101";
    private static final String SESSION = "0123456789abcdef0123456789abcdef";
    private final ManualClock clock = new ManualClock();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, E2eeSession> room = new LinkedHashMap<>();
    private final List<String> offline = new ArrayList<>();
    private final Map<String, IdentityKey> identities = new LinkedHashMap<>();

    private E2eeSession join(String id) {
        identities.put(id, IdentityKey.generate(random));
        E2eeSession s = new E2eeSession(new E2eeSession.Config(
                ROOM,
                SESSION,
                id,
                "Name of " + id,
                identities.get(id),
                EphemeralKey.generate(random),
                null,
                List.of("chat"),
                clock,
                n -> {
                    byte[] b = new byte[n];
                    random.nextBytes(b);
                    return b;
                }));
        for (E2eeSession other : room.values()) {
            other.onHello(s.hello());
            s.onHello(other.hello());
        }
        room.put(id, s);
        return s;
    }

    /** Delivers messages the way the server relays them, and the replies they cause (acks, activations). */
    private void relay(String sender, List<E2eeSession.Outgoing> messages) {
        for (E2eeSession.Outgoing o : messages) {
            for (Map.Entry<String, E2eeSession> e : new ArrayList<>(room.entrySet())) {
                boolean addressed =
                        o.to() == null ? !e.getKey().equals(sender) : e.getKey().equals(o.to());
                if (addressed && !offline.contains(e.getKey())) {
                    relay(e.getKey(), receive(e.getValue(), o.message()));
                }
            }
        }
    }

    private static List<E2eeSession.Outgoing> receive(E2eeSession s, JsonObject m) {
        switch (m.get("type").getAsString()) {
            case "e2ee.roster" -> s.onRoster(m);
            case "e2ee.key" -> {
                JsonObject ack = s.onKey(m).ack();
                return List.of(new E2eeSession.Outgoing(ack.get("to").getAsString(), ack));
            }
            case "e2ee.ack" -> {
                return s.onAck(m);
            }
            case "e2ee.activate" -> s.onActivate(m);
            default -> throw new AssertionError("unexpected " + m);
        }
        return List.of();
    }

    private void assertEveryoneAt(long epoch, String... ids) {
        String code = room.get(ids[0]).securityCode();
        for (String id : ids) {
            assertEquals(OptionalLong.of(epoch), room.get(id).activeEpoch(), id);
            assertEquals(code, room.get(id).securityCode(), "security code at " + id);
        }
    }

    @Test
    void aLeaderKeysTheRoomAndEveryoneReadsChatAndSharesTheCode() {
        E2eeSession alice = join("alice");
        E2eeSession bob = join("bob");
        E2eeSession carol = join("carol");
        relay("alice", alice.startEpoch(List.of("bob", "carol")));
        assertEveryoneAt(1, "alice", "bob", "carol");
        assertTrue(alice.securityCode().matches("(\\d{5} ){5}\\d{5}"));
        E2eeSession.RosterAccepted heartbeat =
                bob.onRoster(alice.rosterHeartbeat().orElseThrow().message());
        assertFalse(heartbeat.codeChanged());
        assertEquals(1, heartbeat.roster().epoch());
        assertTrue(bob.rosterHeartbeat().isEmpty(), "only the leader sends the roster");

        JsonObject hi = bob.encryptChat("bonjour à tous");
        assertEquals("bonjour à tous", alice.decryptChat(hi).text());
        E2eeSession.ChatText atCarol = carol.decryptChat(hi);
        assertEquals("bob", atCarol.from());
        assertEquals(
                Reason.STALE,
                assertThrows(E2eeException.class, () -> carol.decryptChat(hi)).reason());
        assertFalse(hi.toString().contains("bonjour"));
    }

    @Test
    void rotationOnLeaveLocksTheLeaverOutAndALeaderChangeContinuesTheChain() {
        E2eeSession alice = join("alice");
        E2eeSession bob = join("bob");
        E2eeSession carol = join("carol");
        relay("alice", alice.startEpoch(List.of("bob", "carol")));
        String codeWithCarol = alice.securityCode();

        room.remove("carol"); // carol left; she keeps listening with what she had
        relay("alice", alice.startEpoch(List.of("bob")));
        assertEveryoneAt(2, "alice", "bob");
        assertNotEquals(codeWithCarol, alice.securityCode());
        JsonObject secret = alice.encryptChat("after carol left");
        assertEquals(
                Reason.NO_KEY,
                assertThrows(E2eeException.class, () -> carol.decryptChat(secret))
                        .reason());

        room.remove("alice"); // the leader leaves: bob leads, dave joins
        E2eeSession dave = join("dave");
        relay("bob", bob.startEpoch(List.of("dave")));
        assertEveryoneAt(3, "bob", "dave");
        assertEquals(3, bob.currentRoster().epoch());
        assertEquals("bob", dave.currentRoster().leaderId());
        assertEquals(4, dave.currentRoster().member("dave").senderIndex(), "sender indexes are never reused");
        assertEquals(
                "hello dave", dave.decryptChat(bob.encryptChat("hello dave")).text());
    }

    @Test
    void theOldEpochStillDecryptsForTenSecondsAfterRotation() {
        E2eeSession alice = join("alice");
        E2eeSession bob = join("bob");
        relay("alice", alice.startEpoch(List.of("bob")));
        JsonObject inFlight = alice.encryptChat("sent just before the rotation");
        relay("alice", alice.startEpoch(List.of("bob")));
        clock.advance(Duration.ofSeconds(9));
        assertEquals("sent just before the rotation", bob.decryptChat(inFlight).text());
        JsonObject late = alice.encryptChat("x");
        late.addProperty("epoch", 1); // claims the old epoch; signature no longer matches
        assertEquals(
                Reason.BAD_SIGNATURE,
                assertThrows(E2eeException.class, () -> bob.decryptChat(late)).reason());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(
                Reason.NO_KEY,
                assertThrows(E2eeException.class, () -> bob.decryptChat(inFlight))
                        .reason());
    }

    @Test
    void aSilentMemberDoesNotHoldUpActivationAndGetsOneResend() {
        E2eeSession alice = join("alice");
        join("bob");
        join("carol");
        offline.add("carol");
        relay("alice", alice.startEpoch(List.of("bob", "carol")));
        assertEquals(OptionalLong.empty(), alice.activeEpoch(), "waits for carol's ack");
        clock.advance(KeyDistribution.ACK_TIMEOUT);
        List<E2eeSession.Outgoing> actions = alice.pollLeader();
        assertEquals(
                List.of("e2ee.activate", "e2ee.key"),
                actions.stream().map(o -> o.message().get("type").getAsString()).toList());
        assertEquals("carol", actions.get(1).to());
        relay("alice", actions);
        assertEveryoneAt(1, "alice", "bob");
        clock.advance(KeyDistribution.ACK_TIMEOUT);
        alice.pollLeader();
        assertEquals(List.of("carol"), alice.unresponsiveMembers());
    }

    /** The leader's activation of epoch 1, as it was broadcast. */
    private JsonObject epoch1Activation(E2eeSession leader) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "e2ee.activate");
        o.addProperty("v", 1);
        o.addProperty("epoch", 1);
        o.addProperty(
                "sig",
                java.util.Base64.getEncoder()
                        .encodeToString(Activation.sign(
                                identities.get("alice"),
                                1,
                                leader.currentRoster().hash())));
        return o;
    }

    @Test
    void forgedOrReplayedMessagesAreRefused() {
        E2eeSession alice = join("alice");
        E2eeSession bob = join("bob");
        E2eeSession carol = join("carol");
        List<E2eeSession.Outgoing> epoch1 = alice.startEpoch(List.of("bob", "carol"));
        JsonObject roster = epoch1.get(0).message();
        JsonObject keyForBob = epoch1.get(1).message();

        JsonObject badHash = roster.deepCopy();
        badHash.addProperty("rosterHash", "00".repeat(32));
        assertEquals(
                Reason.ROSTER_MISMATCH,
                assertThrows(E2eeException.class, () -> bob.onRoster(badHash)).reason());
        assertEquals(
                Reason.ROSTER_MISMATCH,
                assertThrows(E2eeException.class, () -> bob.onKey(keyForBob)).reason(),
                "a key before its signed roster");
        relay("alice", epoch1);

        // The server swaps bob's identity key in a new hello: a hard error.
        IdentityKey mallory = IdentityKey.generate(random);
        E2eeSession fakeBob = new E2eeSession(new E2eeSession.Config(
                ROOM,
                SESSION,
                "bob",
                "Name of bob",
                mallory,
                EphemeralKey.generate(random),
                null,
                List.of("chat"),
                clock,
                n -> new byte[n]));
        assertEquals(
                Reason.IDENTITY_CHANGED,
                assertThrows(E2eeException.class, () -> carol.onHello(fakeBob.hello()))
                        .reason());

        // Replaying the epoch-1 roster, key or activation changes nothing.
        assertFalse(carol.onRoster(roster).codeChanged());
        JsonObject keyForCarol = epoch1.get(2).message();
        assertEquals(1, carol.onKey(keyForCarol).epoch(), "a re-sent key is harmless");
        JsonObject bobsKeyToCarol = keyForCarol.deepCopy();
        bobsKeyToCarol.addProperty("wrapped", keyForBob.get("wrapped").getAsString());
        bobsKeyToCarol.addProperty("nonce", keyForBob.get("nonce").getAsString());
        assertEquals(
                Reason.AUTH_FAILED,
                assertThrows(E2eeException.class, () -> carol.onKey(bobsKeyToCarol))
                        .reason(),
                "a key wrapped for bob does not open for carol");
        assertEquals(
                Reason.STALE,
                assertThrows(E2eeException.class, () -> carol.onActivate(epoch1Activation(alice)))
                        .reason());
        JsonObject activate = new JsonObject();
        activate.addProperty("type", "e2ee.activate");
        activate.addProperty("v", 1);
        activate.addProperty("epoch", 1);
        activate.addProperty("sig", java.util.Base64.getEncoder().encodeToString(mallory.sign(new byte[] {1})));
        assertEquals(
                Reason.BAD_SIGNATURE,
                assertThrows(E2eeException.class, () -> carol.onActivate(activate))
                        .reason());

        // Chat signed by someone else than its claimed sender.
        JsonObject chat = bob.encryptChat("hi");
        chat.addProperty("from", "carol");
        assertEquals(
                Reason.BAD_SIGNATURE,
                assertThrows(E2eeException.class, () -> alice.decryptChat(chat)).reason());
        JsonObject otherRoom = roster.deepCopy();
        otherRoom.addProperty("roomId", "chemistry");
        assertEquals(
                Reason.MALFORMED,
                assertThrows(E2eeException.class, () -> bob.onRoster(otherRoom)).reason());
    }
}
