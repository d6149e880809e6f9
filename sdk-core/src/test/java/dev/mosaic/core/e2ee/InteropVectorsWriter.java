package dev.mosaic.core.e2ee;

import static dev.mosaic.core.e2ee.TestVectors.hex;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes vectors/wmx1-interop.json: fixed keys and nonces in, every WMX1 output out. It was run
 * once and the file is frozen; Java ({@link InteropVectorsTest}) and the widget
 * (test/wmx1-interop.test.js) must both reproduce it byte for byte. Rerun only for a deliberate
 * format change (then bump the WMX version):
 * {@code java -cp <test classpath> dev.mosaic.core.e2ee.InteropVectorsWriter out.json}.
 */
public final class InteropVectorsWriter {
    private InteropVectorsWriter() {}

    /** A fixed, obviously non-random 32-byte value for a named input. */
    static byte[] fixed(String name) {
        return new ByteWriter().label("WMX1 interop vector input: " + name).sha256();
    }

    /** The display name a participant of the vectors signs: capitalised, and not ASCII for émile. */
    static String nameOf(String id) {
        return id.equals("émile") ? "Émile Noël" : Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }

    static byte[] fixed12(String name) {
        return java.util.Arrays.copyOf(fixed(name), 12);
    }

    public static void main(String[] args) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "description",
                "WMX1 cross-language vectors, generated once by sdk-core InteropVectorsWriter and frozen."
                        + " Inputs are fixed; every other field must be reproduced exactly by Java and JavaScript.");
        String roomId = "physics-101";
        String sessionId = "4f3c2b1a09f8e7d6c5b4a39281706f5e";
        out.put("roomId", roomId);
        out.put("sessionId", sessionId);

        String[] ids = {"alice", "bob", "émile"};
        int[] senderIndexes = {1, 2, 3};
        Map<String, IdentityKey> iks = new LinkedHashMap<>();
        Map<String, EphemeralKey> eks = new LinkedHashMap<>();
        List<Map<String, Object>> participants = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            IdentityKey ik = IdentityKey.fromPrivateKey(fixed(ids[i] + " ik"));
            EphemeralKey ek = EphemeralKey.fromPrivateKey(fixed(ids[i] + " ek"));
            iks.put(ids[i], ik);
            eks.put(ids[i], ek);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("participantId", ids[i]);
            p.put("name", nameOf(ids[i]));
            p.put("senderIndex", senderIndexes[i]);
            p.put("ikPrivate", hex(ik.privateKey()));
            p.put("ekPrivate", hex(fixed(ids[i] + " ek")));
            p.put("ik", hex(ik.publicKey()));
            p.put("ek", hex(ek.publicKey()));
            participants.add(p);
        }
        out.put("participants", participants);

        // hello: a browser (with DTLS fingerprint) and a Java SDK client (without)
        List<Map<String, Object>> hellos = new ArrayList<>();
        for (String id : List.of("bob", "émile")) {
            byte[] fp = id.equals("bob") ? fixed("bob dtls certificate") : new byte[0];
            HelloBinding hello = new HelloBinding(
                    roomId, sessionId, id, nameOf(id), eks.get(id).publicKey(), fp);
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("participantId", id);
            h.put("dtlsFp", hex(fp));
            h.put("bind", hex(hello.toBytes()));
            h.put("sig", hex(hello.sign(iks.get(id))));
            hellos.add(h);
        }
        out.put("hellos", hellos);

        // roster epoch 1 (alice, bob) then epoch 2 (adds émile), chained
        List<RosterMember> members1 = List.of(member(iks, "alice", 1), member(iks, "bob", 2));
        Roster roster1 = new Roster(roomId, sessionId, 1, "alice", members1, Roster.GENESIS);
        List<RosterMember> members2 = List.of(member(iks, "émile", 3), member(iks, "bob", 2), member(iks, "alice", 1));
        Roster roster2 = new Roster(roomId, sessionId, 2, "alice", members2, roster1.hash());
        List<Map<String, Object>> rosters = new ArrayList<>();
        for (Roster r : List.of(roster1, roster2)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", r.epoch());
            m.put("leaderId", r.leaderId());
            List<String> memberIds = new ArrayList<>();
            r.members().forEach(x -> memberIds.add(x.participantId()));
            m.put("memberIds", memberIds);
            m.put("prevRosterHash", hex(r.prevRosterHash()));
            m.put("rosterHash", hex(r.hash()));
            m.put("sig", hex(r.sign(iks.get("alice"))));
            m.put("activateSig", hex(Activation.sign(iks.get("alice"), r.epoch(), r.hash())));
            m.put("securityCode", SecurityCode.compute(roomId, sessionId, r.members()));
            rosters.add(m);
        }
        out.put("rosters", rosters);

        // key delivery of epoch 2 from the leader to each member
        byte[] mk = fixed("MK epoch 2");
        out.put("epoch", 2);
        out.put("mk", hex(mk));
        List<Map<String, Object>> wraps = new ArrayList<>();
        for (String to : List.of("bob", "émile")) {
            byte[] nonce = fixed12("wrap nonce to " + to);
            KeyDelivery d = new KeyDelivery(roomId, sessionId, 2, "alice", to);
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("from", "alice");
            w.put("to", to);
            w.put("nonce", hex(nonce));
            w.put(
                    "wrapKey",
                    hex(KeyWrap.wrapKey(
                            eks.get("alice").sharedSecret(eks.get(to).publicKey()),
                            d,
                            eks.get("alice").publicKey(),
                            eks.get(to).publicKey())));
            w.put("aad", hex(d.aad()));
            w.put(
                    "wrapped",
                    hex(KeyWrap.wrap(eks.get("alice"), eks.get(to).publicKey(), d, mk, roster2.hash(), nonce)));
            wraps.add(w);
        }
        out.put("keyWraps", wraps);

        // chat in epoch 2
        byte[] chatKey = MediaKeys.chatKey(mk, 2);
        out.put("chatKey", hex(chatKey));
        List<Map<String, Object>> chats = new ArrayList<>();
        for (Object[] c :
                new Object[][] {{"bob", 17L, "héllo from the browser 👋"}, {"émile", 1L, "Bonjour de Java"}}) {
            String from = (String) c[0];
            long seq = (Long) c[1];
            byte[] nonce = fixed12("chat nonce " + from + " " + seq);
            ChatMessage m = E2eeChat.encrypt(chatKey, roomId, 2, from, seq, nonce, (String) c[2], iks.get(from));
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("from", from);
            x.put("seq", seq);
            x.put("text", c[2]);
            x.put("nonce", hex(nonce));
            x.put("aad", hex(E2eeChat.aad(roomId, 2, from, seq)));
            x.put("ct", hex(m.ct()));
            x.put("sig", hex(m.sig()));
            chats.add(x);
        }
        out.put("chats", chats);

        // media frames of epoch 2
        List<Map<String, Object>> frames = new ArrayList<>();
        Object[][] frameInputs = {
            {"bob", "video", 0L, "VP8 keyframe"},
            {"bob", "video", 1L, "VP8 delta"},
            {"alice", "audio", 300L, "Opus"},
            {"émile", "video", 70000L, "VP8 delta, 2-byte frame"}
        };
        for (Object[] f : frameInputs) {
            String sender = (String) f[0];
            int s = senderIndexes[List.of(ids).indexOf(sender)];
            long ctr = (Long) f[2];
            byte[] frame = frame((String) f[3]);
            SFrameKey key = MediaKeys.frameKey(mk, 2, s);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", f[3]);
            x.put("senderIndex", s);
            x.put("kind", f[1]);
            x.put("ctr", ctr);
            x.put("baseKey", hex(MediaKeys.baseKey(mk, 2, s)));
            x.put("kid", MediaKeys.kid(2, s));
            x.put("sframeKey", hex(key.key()));
            x.put("sframeSalt", hex(key.salt()));
            x.put("prefixLength", CodecPrefix.length((String) f[1], frame));
            x.put("frame", hex(frame));
            x.put("sealed", hex(MediaFrame.seal(key, ctr, CodecPrefix.length((String) f[1], frame), frame)));
            frames.add(x);
        }
        out.put("mediaFrames", frames);

        String json = new GsonBuilder()
                        .setPrettyPrinting()
                        .disableHtmlEscaping()
                        .create()
                        .toJson(out) + "\n";
        Files.writeString(Path.of(args[0]), json, StandardCharsets.UTF_8);
    }

    private static RosterMember member(Map<String, IdentityKey> iks, String id, int senderIndex) {
        return new RosterMember(id, senderIndex, iks.get(id).publicKey(), nameOf(id));
    }

    /** Deterministic frame payloads whose first byte has the right VP8 keyframe bit. */
    private static byte[] frame(String name) {
        byte[] seed = new ByteWriter().label("frame " + name).sha256();
        int length = switch (name) {
            case "VP8 keyframe" -> 64;
            case "VP8 delta" -> 40;
            case "Opus" -> 33;
            default -> 2;
        };
        byte[] frame = new byte[length];
        for (int i = 0; i < length; i++) {
            frame[i] = seed[i % seed.length];
        }
        if (name.startsWith("VP8 keyframe")) {
            frame[0] &= (byte) 0xFE;
        } else if (name.startsWith("VP8")) {
            frame[0] |= 0x01;
        }
        return frame;
    }
}
