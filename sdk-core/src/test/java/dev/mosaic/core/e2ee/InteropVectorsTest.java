package dev.mosaic.core.e2ee;

import static dev.mosaic.core.e2ee.TestVectors.hex;
import static dev.mosaic.core.e2ee.TestVectors.unhex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Java reproduces vectors/wmx1-interop.json, the frozen file the widget's tests check too: same
 * inputs, byte-identical hello bindings, roster hashes, signatures, wrapped keys, chat, media
 * frames and security codes in both languages.
 */
class InteropVectorsTest {
    private static final JsonObject V = TestVectors.load("wmx1-interop.json");
    private static final String ROOM = V.get("roomId").getAsString();
    private static final String SESSION = V.get("sessionId").getAsString();
    private static final byte[] MK = hex(V, "mk");

    private final Map<String, IdentityKey> iks = new HashMap<>();
    private final Map<String, EphemeralKey> eks = new HashMap<>();
    private final Map<String, Integer> senderIndexes = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();

    InteropVectorsTest() {
        for (JsonElement e : V.getAsJsonArray("participants")) {
            JsonObject p = e.getAsJsonObject();
            String id = p.get("participantId").getAsString();
            iks.put(id, IdentityKey.fromPrivateKey(hex(p, "ikPrivate")));
            eks.put(id, EphemeralKey.fromPrivateKey(hex(p, "ekPrivate")));
            senderIndexes.put(id, p.get("senderIndex").getAsInt());
            names.put(id, p.get("name").getAsString());
            assertArrayEquals(hex(p, "ik"), iks.get(id).publicKey(), "Ed25519 public key of " + id);
            assertArrayEquals(hex(p, "ek"), eks.get(id).publicKey(), "X25519 public key of " + id);
        }
    }

    @Test
    void helloBindingAndSignatureMatch() {
        for (JsonElement e : V.getAsJsonArray("hellos")) {
            JsonObject h = e.getAsJsonObject();
            String id = h.get("participantId").getAsString();
            HelloBinding hello = new HelloBinding(
                    ROOM, SESSION, id, names.get(id), eks.get(id).publicKey(), hex(h, "dtlsFp"));
            assertArrayEquals(hex(h, "bind"), hello.toBytes());
            assertArrayEquals(hex(h, "sig"), hello.sign(iks.get(id)));
            hello.verify(iks.get(id).publicKey(), hex(h, "sig"));
        }
    }

    @Test
    void rosterHashesChainAndSignaturesMatch() {
        RosterChain chain = new RosterChain(new IdentityPins());
        for (Roster r : rosters()) {
            JsonObject expected =
                    V.getAsJsonArray("rosters").get((int) r.epoch() - 1).getAsJsonObject();
            assertArrayEquals(hex(expected, "rosterHash"), r.hash());
            byte[] sig = hex(expected, "sig");
            assertArrayEquals(sig, r.sign(iks.get(r.leaderId())));
            chain.accept(r, sig);
            assertArrayEquals(
                    hex(expected, "activateSig"), Activation.sign(iks.get(r.leaderId()), r.epoch(), r.hash()));
            Activation.verify(iks.get(r.leaderId()).publicKey(), r.epoch(), r.hash(), hex(expected, "activateSig"));
            assertEquals(expected.get("securityCode").getAsString(), SecurityCode.compute(ROOM, SESSION, r.members()));
        }
        assertEquals(2, chain.current().epoch());
    }

    @Test
    void keyWrapMatchesAndUnwrapsAtEachMember() {
        byte[] rosterHash = rosters().get(1).hash();
        for (JsonElement e : V.getAsJsonArray("keyWraps")) {
            JsonObject w = e.getAsJsonObject();
            String from = w.get("from").getAsString();
            String to = w.get("to").getAsString();
            KeyDelivery d = new KeyDelivery(ROOM, SESSION, V.get("epoch").getAsLong(), from, to);
            assertArrayEquals(hex(w, "aad"), d.aad());
            byte[] wrapped = KeyWrap.wrap(eks.get(from), eks.get(to).publicKey(), d, MK, rosterHash, hex(w, "nonce"));
            assertArrayEquals(hex(w, "wrapped"), wrapped);
            KeyWrap.Unwrapped u = KeyWrap.unwrap(eks.get(to), eks.get(from).publicKey(), d, hex(w, "nonce"), wrapped);
            assertArrayEquals(MK, u.mk());
            u.requireRoster(rosterHash);
        }
    }

    @Test
    void chatCiphertextAndSignaturesMatch() {
        long epoch = V.get("epoch").getAsLong();
        byte[] chatKey = MediaKeys.chatKey(MK, epoch);
        assertArrayEquals(hex(V, "chatKey"), chatKey);
        for (JsonElement e : V.getAsJsonArray("chats")) {
            JsonObject c = e.getAsJsonObject();
            String from = c.get("from").getAsString();
            long seq = c.get("seq").getAsLong();
            ChatMessage m = E2eeChat.encrypt(
                    chatKey,
                    ROOM,
                    epoch,
                    from,
                    seq,
                    hex(c, "nonce"),
                    c.get("text").getAsString(),
                    iks.get(from));
            assertArrayEquals(hex(c, "aad"), E2eeChat.aad(ROOM, epoch, from, seq));
            assertArrayEquals(hex(c, "ct"), m.ct());
            assertArrayEquals(hex(c, "sig"), m.sig());
            assertEquals(
                    c.get("text").getAsString(),
                    E2eeChat.decrypt(chatKey, ROOM, m, iks.get(from).publicKey()));
        }
    }

    @Test
    void mediaKeysAndFramesMatch() {
        long epoch = V.get("epoch").getAsLong();
        KeyRing ring = new KeyRing(java.time.Clock.systemUTC());
        ring.install(epoch, MK);
        for (JsonElement e : V.getAsJsonArray("mediaFrames")) {
            JsonObject f = e.getAsJsonObject();
            int s = f.get("senderIndex").getAsInt();
            long ctr = f.get("ctr").getAsLong();
            byte[] frame = hex(f, "frame");
            assertArrayEquals(hex(f, "baseKey"), MediaKeys.baseKey(MK, epoch, s));
            assertEquals(f.get("kid").getAsLong(), MediaKeys.kid(epoch, s));
            SFrameKey key = MediaKeys.frameKey(MK, epoch, s);
            assertArrayEquals(hex(f, "sframeKey"), key.key());
            assertArrayEquals(hex(f, "sframeSalt"), key.salt());
            int prefix = CodecPrefix.length(f.get("kind").getAsString(), frame);
            assertEquals(f.get("prefixLength").getAsInt(), prefix);
            byte[] sealed = MediaFrame.seal(key, ctr, prefix, frame);
            assertArrayEquals(hex(f, "sealed"), sealed);
            assertEquals(new SFrameHeader(key.kid(), ctr), MediaFrame.header(sealed));
            int receiverPrefix = CodecPrefix.length(f.get("kind").getAsString(), sealed);
            assertArrayEquals(frame, MediaFrame.open(ring::frameKey, receiverPrefix, sealed));
        }
    }

    private List<Roster> rosters() {
        List<Roster> out = new ArrayList<>();
        byte[] prev = Roster.GENESIS;
        for (JsonElement e : V.getAsJsonArray("rosters")) {
            JsonObject r = e.getAsJsonObject();
            assertArrayEquals(hex(r, "prevRosterHash"), prev);
            List<RosterMember> members = new ArrayList<>();
            for (JsonElement id : r.getAsJsonArray("memberIds")) {
                String pid = id.getAsString();
                members.add(new RosterMember(
                        pid, senderIndexes.get(pid), iks.get(pid).publicKey(), names.get(pid)));
            }
            Roster roster = new Roster(
                    ROOM, SESSION, r.get("epoch").getAsLong(), r.get("leaderId").getAsString(), members, prev);
            prev = roster.hash();
            out.add(roster);
        }
        return out;
    }

    @Test
    void securityCodeDigitsAreFiveDigitChunksOfTheHash() {
        byte[] hash =
                unhex("00000186a0" + "ffffffffff" + "0000000000" + "0000000001" + "000001869f" + "0000000000" + "aa");
        assertEquals("00000 27775 00000 00001 99999 00000", SecurityCode.digits6x5(hash));
    }
}
