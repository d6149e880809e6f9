package dev.mosaic.core.e2ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mosaic.core.e2ee.E2eeException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every WMX1 check refuses what it must: wrong keys, changed bytes, replays, changed identities. */
class WmxRejectionTest {
    private static final String ROOM = "physics-101";
    private static final String SESSION = "s1";
    private final IdentityKey alice = IdentityKey.fromPrivateKey(InteropVectorsWriter.fixed("alice ik"));
    private final IdentityKey bob = IdentityKey.fromPrivateKey(InteropVectorsWriter.fixed("bob ik"));
    private final IdentityKey mallory = IdentityKey.fromPrivateKey(InteropVectorsWriter.fixed("mallory ik"));
    private final EphemeralKey aliceEk = EphemeralKey.fromPrivateKey(InteropVectorsWriter.fixed("alice ek"));
    private final EphemeralKey bobEk = EphemeralKey.fromPrivateKey(InteropVectorsWriter.fixed("bob ek"));
    private final EphemeralKey malloryEk = EphemeralKey.fromPrivateKey(InteropVectorsWriter.fixed("mallory ek"));
    private final byte[] mk = InteropVectorsWriter.fixed("MK");
    private final byte[] nonce = InteropVectorsWriter.fixed12("nonce");

    private static void assertRejected(Reason reason, Executable e) {
        assertEquals(reason, assertThrows(E2eeException.class, e).reason());
    }

    @Test
    void unwrapRefusesAnotherRecipientAChangedContextAndAnotherRoster() {
        KeyDelivery d = new KeyDelivery(ROOM, SESSION, 2, "alice", "bob");
        byte[] roster = InteropVectorsWriter.fixed("roster");
        byte[] wrapped = KeyWrap.wrap(aliceEk, bobEk.publicKey(), d, mk, roster, nonce);
        assertRejected(Reason.AUTH_FAILED, () -> KeyWrap.unwrap(malloryEk, aliceEk.publicKey(), d, nonce, wrapped));
        assertRejected(
                Reason.AUTH_FAILED,
                () -> KeyWrap.unwrap(
                        bobEk, aliceEk.publicKey(), new KeyDelivery(ROOM, SESSION, 3, "alice", "bob"), nonce, wrapped));
        assertRejected(
                Reason.AUTH_FAILED,
                () -> KeyWrap.unwrap(
                        bobEk, aliceEk.publicKey(), new KeyDelivery(ROOM, "s2", 2, "alice", "bob"), nonce, wrapped));
        byte[] flipped = wrapped.clone();
        flipped[5] ^= 0x40;
        assertRejected(Reason.AUTH_FAILED, () -> KeyWrap.unwrap(bobEk, aliceEk.publicKey(), d, nonce, flipped));
        KeyWrap.Unwrapped ok = KeyWrap.unwrap(bobEk, aliceEk.publicKey(), d, nonce, wrapped);
        assertRejected(Reason.ROSTER_MISMATCH, () -> ok.requireRoster(InteropVectorsWriter.fixed("other roster")));
        assertRejected(Reason.MALFORMED, () -> bobEk.sharedSecret(new byte[32])); // low-order point
    }

    @Test
    void chatRefusesForgedSenderChangedFieldsAndReplays() {
        byte[] chatKey = MediaKeys.chatKey(mk, 2);
        ChatMessage m = E2eeChat.encrypt(chatKey, ROOM, 2, "bob", 5, nonce, "hi", bob);
        // Mallory holds the group key but not Bob's identity key.
        ChatMessage forged = E2eeChat.encrypt(chatKey, ROOM, 2, "bob", 6, nonce, "send money", mallory);
        assertRejected(Reason.BAD_SIGNATURE, () -> E2eeChat.decrypt(chatKey, ROOM, forged, bob.publicKey()));
        ChatMessage otherSeq = new ChatMessage(2, "bob", 6, m.nonce(), m.ct(), m.sig());
        assertRejected(Reason.BAD_SIGNATURE, () -> E2eeChat.decrypt(chatKey, ROOM, otherSeq, bob.publicKey()));
        assertRejected(Reason.BAD_SIGNATURE, () -> E2eeChat.decrypt(chatKey, "other-room", m, bob.publicKey()));
        // Signed by Bob but encrypted under another epoch's key: the tag fails.
        ChatMessage wrongKey = E2eeChat.encrypt(MediaKeys.chatKey(mk, 3), ROOM, 2, "bob", 7, nonce, "hi", bob);
        assertRejected(Reason.AUTH_FAILED, () -> E2eeChat.decrypt(chatKey, ROOM, wrongKey, bob.publicKey()));

        ChatReplayGuard guard = new ChatReplayGuard();
        assertEquals("hi", E2eeChat.decrypt(chatKey, ROOM, m, bob.publicKey()));
        guard.accept("bob", m.seq());
        assertRejected(Reason.STALE, () -> guard.accept("bob", m.seq()));
        assertRejected(Reason.STALE, () -> guard.accept("bob", 4));
        guard.accept("alice", 1);
        guard.accept("bob", 6);
    }

    @Test
    void mediaFrameRefusesChangedPrefixHeaderCiphertextAndUnknownKid() {
        SFrameKey key = MediaKeys.frameKey(mk, 2, 1);
        byte[] frame = {(byte) 0x10, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}; // VP8 keyframe bit clear
        byte[] sealed = MediaFrame.seal(key, 9, CodecPrefix.VP8_KEYFRAME, frame);
        java.util.function.LongFunction<SFrameKey> keys = kid -> kid == key.kid() ? key : null;
        for (int i : new int[] {0, 9, 10, sealed.length - 2}) { // prefix, prefix end, ciphertext, header CTR
            byte[] t = sealed.clone();
            t[i] ^= 0x02;
            assertRejected(Reason.AUTH_FAILED, () -> MediaFrame.open(keys, CodecPrefix.VP8_KEYFRAME, t));
        }
        assertRejected(Reason.AUTH_FAILED, () -> MediaFrame.open(kid -> MediaKeys.frameKey(mk, 3, 1), 10, sealed));
        assertRejected(Reason.NO_KEY, () -> MediaFrame.open(kid -> null, 10, sealed));
        byte[] badLength = sealed.clone();
        badLength[badLength.length - 1] = 40;
        assertRejected(Reason.MALFORMED, () -> MediaFrame.open(keys, 10, badLength));
        assertRejected(Reason.MALFORMED, () -> MediaFrame.open(keys, 10, new byte[] {1}));
    }

    @Test
    void helloSignatureCoversNameEkAndFingerprint() {
        HelloBinding hello = new HelloBinding(ROOM, SESSION, "bob", "Bob", bobEk.publicKey(), new byte[32]);
        byte[] sig = hello.sign(bob);
        hello.verify(bob.publicKey(), sig);
        assertRejected(Reason.BAD_SIGNATURE, () -> hello.verify(mallory.publicKey(), sig));
        HelloBinding swappedEk = new HelloBinding(ROOM, SESSION, "bob", "Bob", malloryEk.publicKey(), new byte[32]);
        assertRejected(Reason.BAD_SIGNATURE, () -> swappedEk.verify(bob.publicKey(), sig));
        HelloBinding otherFp = new HelloBinding(ROOM, SESSION, "bob", "Bob", bobEk.publicKey(), new byte[] {1});
        assertRejected(Reason.BAD_SIGNATURE, () -> otherFp.verify(bob.publicKey(), sig));
        HelloBinding otherName = new HelloBinding(ROOM, SESSION, "bob", "Alice", bobEk.publicKey(), new byte[32]);
        assertRejected(Reason.BAD_SIGNATURE, () -> otherName.verify(bob.publicKey(), sig));
    }

    @Test
    void rosterChainRefusesOldEpochBrokenChainForeignLeaderAndChangedIdentity() {
        IdentityPins pins = new IdentityPins();
        RosterChain chain = new RosterChain(pins);
        Roster r1 = new Roster(
                ROOM,
                SESSION,
                1,
                "alice",
                List.of(
                        new RosterMember("alice", 1, alice.publicKey(), "Alice"),
                        new RosterMember("bob", 2, bob.publicKey(), "Bob")),
                Roster.GENESIS);
        assertRejected(Reason.BAD_SIGNATURE, () -> chain.accept(r1, r1.sign(mallory)));
        chain.accept(r1, r1.sign(alice));

        Roster replay = new Roster(ROOM, SESSION, 1, "alice", r1.members(), r1.hash());
        assertRejected(Reason.STALE, () -> chain.accept(replay, replay.sign(alice)));
        Roster unchained = new Roster(ROOM, SESSION, 2, "alice", r1.members(), Roster.GENESIS);
        assertRejected(Reason.ROSTER_MISMATCH, () -> chain.accept(unchained, unchained.sign(alice)));
        Roster foreignLeader = new Roster(
                ROOM,
                SESSION,
                2,
                "mallory",
                List.of(
                        new RosterMember("mallory", 3, mallory.publicKey(), "Mallory"),
                        new RosterMember("bob", 2, bob.publicKey(), "Bob")),
                r1.hash());
        assertRejected(Reason.ROSTER_MISMATCH, () -> chain.accept(foreignLeader, foreignLeader.sign(mallory)));
        Roster swappedBob = new Roster(
                ROOM,
                SESSION,
                2,
                "alice",
                List.of(
                        new RosterMember("alice", 1, alice.publicKey(), "Alice"),
                        new RosterMember("bob", 2, mallory.publicKey(), "Bob")),
                r1.hash());
        assertRejected(Reason.IDENTITY_CHANGED, () -> chain.accept(swappedBob, swappedBob.sign(alice)));
        assertEquals(1, chain.current().epoch());

        Roster r2 = new Roster(
                ROOM, SESSION, 2, "bob", List.of(new RosterMember("bob", 2, bob.publicKey(), "Bob")), r1.hash());
        chain.accept(r2, r2.sign(bob));
        Activation.verify(bob.publicKey(), 2, r2.hash(), Activation.sign(bob, 2, r2.hash()));
        assertRejected(
                Reason.BAD_SIGNATURE,
                () -> Activation.verify(bob.publicKey(), 3, r2.hash(), Activation.sign(bob, 2, r2.hash())));
    }

    @Test
    void identityPinsFailHardInASessionAndWarnAcrossSessions() {
        IdentityPins pins = new IdentityPins();
        pins.pinForSession("p1", bob.publicKey());
        pins.pinForSession("p1", bob.publicKey());
        assertRejected(Reason.IDENTITY_CHANGED, () -> pins.pinForSession("p1", mallory.publicKey()));
        assertEquals(IdentityPins.Continuity.FIRST_SEEN, pins.pinForUser("user-bob", bob.publicKey()));
        assertEquals(IdentityPins.Continuity.SAME, pins.pinForUser("user-bob", bob.publicKey()));
        assertEquals(IdentityPins.Continuity.CHANGED, pins.pinForUser("user-bob", mallory.publicKey()));
        pins.newSession();
        pins.pinForSession("p1", mallory.publicKey());
    }

    @Test
    void securityCodeDiffersWhenAnyKeyIsSubstituted() {
        List<RosterMember> real = List.of(
                new RosterMember("alice", 1, alice.publicKey(), "Alice"),
                new RosterMember("bob", 2, bob.publicKey(), "Bob"));
        List<RosterMember> mitm = List.of(
                new RosterMember("alice", 1, alice.publicKey(), "Alice"),
                new RosterMember("bob", 2, mallory.publicKey(), "Bob"));
        String code = SecurityCode.compute(ROOM, SESSION, real);
        assertEquals(
                code, SecurityCode.compute(ROOM, SESSION, List.of(real.get(1), real.get(0))), "order does not matter");
        org.junit.jupiter.api.Assertions.assertNotEquals(code, SecurityCode.compute(ROOM, SESSION, mitm));
        org.junit.jupiter.api.Assertions.assertTrue(code.matches("(\\d{5} ){5}\\d{5}"), code);
    }

    @Test
    void securityCodeDiffersWhenASignedNameChanges() {
        List<RosterMember> real = List.of(
                new RosterMember("alice", 1, alice.publicKey(), "Alice"),
                new RosterMember("bob", 2, bob.publicKey(), "Bob"));
        List<RosterMember> renamed = List.of(real.get(0), new RosterMember("bob", 2, bob.publicKey(), "Alice"));
        org.junit.jupiter.api.Assertions.assertNotEquals(
                SecurityCode.compute(ROOM, SESSION, real), SecurityCode.compute(ROOM, SESSION, renamed));
    }
}
