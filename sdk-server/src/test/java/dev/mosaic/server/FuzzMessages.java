package dev.mosaic.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes protocol messages for the fuzz test: valid messages of every client type (aimed at nobody
 * who exists), then mutated: fields swapped, dropped, added or given the wrong type, huge numbers,
 * deep nesting, long strings, truncation, random edits, garbage, invalid UTF-8 and oversized frames.
 */
final class FuzzMessages {
    /** What the server is expected to do with a message, before looking at its JSON. */
    enum Kind {
        TEXT,
        INVALID_UTF8,
        OVER_HARD_LIMIT
    }

    record Fuzzed(byte[] bytes, Kind kind, String text) {}

    static final String NOBODY = "pNoSuchPeer00";
    private static final String[] STRINGS = {
        "",
        " ",
        "x",
        NOBODY,
        "fuzz",
        "audio",
        "video",
        "screen",
        "hand",
        "host",
        "join",
        "chat",
        "\u0000",
        "\u202e\u0645",
        "\ud83d\ude00",
        "\\u0000",
        "'; DROP TABLE rooms; --",
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "%s%n%x",
        "null",
        "true",
        "1e999"
    };
    private static final String[] TYPES = {
        "join",
        "offer",
        "answer",
        "candidate",
        "media",
        "chat",
        "view.constraints",
        "leave",
        "resume",
        "end",
        "mute",
        "remove",
        "lock",
        "admit",
        "deny",
        "muteAll",
        "promote",
        "report",
        "e2ee.hello",
        "e2ee.roster",
        "e2ee.key",
        "e2ee.ack",
        "e2ee.activate",
        "chat.e2ee",
        "JOIN",
        "",
        "constructor",
        "__proto__",
        "e2ee.",
        "e2ee.nope"
    };
    private static final int VALID_TYPES = 24;
    private static final int FIRST_E2EE_TYPE = 18;

    private static final Pattern DEEP = Pattern.compile("\"@@DEEP:(\\d+)@@\"");
    private final Random random;
    private final String room;
    private final String token;
    private boolean e2eeMostly;
    private String me = NOBODY;
    private List<String> peers = List.of(NOBODY);

    FuzzMessages(Random random, String room, String token) {
        this.random = random;
        this.room = room;
        this.token = token;
    }

    /**
     * Mostly end-to-end encryption messages from here on, half of them naming {@code me} as their
     * sender and addressed to {@code peers}, so that they pass the server's routing checks and reach
     * the others.
     */
    FuzzMessages e2eeMostly(String me, List<String> peers) {
        this.e2eeMostly = true;
        this.me = me;
        this.peers = List.copyOf(peers);
        return this;
    }

    /**
     * Takes one message from the fuzzers' shared budget; false when it is spent. Never goes below
     * zero, so a message handed back (it was not read: the socket closed first) is not lost to a
     * worker that found the budget empty meanwhile.
     */
    static boolean take(java.util.concurrent.atomic.AtomicLong budget) {
        return budget.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
    }

    /** Whether the server's decoder refuses {@code text} (not JSON, bad fields, unknown type...). */
    static boolean undecodable(String text) {
        try {
            dev.mosaic.core.protocol.MessageCodec.decodeClient(text);
            return false;
        } catch (dev.mosaic.core.protocol.ProtocolException e) {
            return true;
        }
    }

    /** A valid message of a random client type. */
    JsonObject template() {
        String type = e2eeMostly && random.nextInt(10) > 0
                ? TYPES[FIRST_E2EE_TYPE + random.nextInt(VALID_TYPES - FIRST_E2EE_TYPE)]
                : TYPES[random.nextInt(VALID_TYPES)];
        JsonObject m = new JsonObject();
        m.addProperty("v", 1);
        m.addProperty("type", type);
        if (random.nextBoolean()) {
            m.addProperty("id", "f" + random.nextInt(1_000_000));
        }
        switch (type) {
            case "join" -> {
                m.addProperty("room", room);
                m.addProperty("token", token);
            }
            case "offer", "answer" -> {
                m.addProperty("to", NOBODY);
                m.addProperty("sdp", "v=0\r\no=- 4611 2 IN IP4 127.0.0.1\r\ns=-\r\n");
            }
            case "candidate" -> {
                m.addProperty("to", NOBODY);
                JsonObject c = new JsonObject();
                c.addProperty("candidate", "candidate:1 1 udp 2122260223 127.0.0.1 54321 typ host");
                c.addProperty("sdpMid", "0");
                c.addProperty("sdpMLineIndex", 0);
                m.add("candidate", c);
            }
            case "media" -> {
                JsonObject media = new JsonObject();
                for (String k : new String[] {"audio", "video", "screen", "hand"}) {
                    media.addProperty(k, random.nextBoolean());
                }
                m.add("media", media);
            }
            case "chat" -> m.addProperty("text", "fuzz chat " + random.nextInt(1000));
            case "view.constraints" -> {
                m.addProperty("to", NOBODY);
                m.addProperty("maxHeight", random.nextInt(4321));
                m.addProperty("maxFps", random.nextInt(121));
                m.addProperty("active", random.nextBoolean());
            }
            case "resume" -> m.addProperty("resume", "no-such-secret-" + random.nextInt(1000));
            case "mute" -> {
                m.addProperty("target", NOBODY);
                m.addProperty("kind", "audio");
            }
            case "muteAll" -> m.addProperty("kind", "video");
            case "remove", "admit", "deny", "promote" -> m.addProperty("target", NOBODY);
            case "lock" -> m.addProperty("locked", random.nextBoolean());
            case "report" -> {
                m.addProperty("target", NOBODY);
                m.addProperty("reason", "fuzzing");
            }
            default -> e2eeFields(type, m);
        }
        return m;
    }

    /** The fields of WMX1 messages (docs/protocol.md, "End-to-end encryption"), with random keys, hashes and signatures. */
    private void e2eeFields(String type, JsonObject m) {
        String self = random.nextBoolean() ? me : NOBODY;
        String peer = peers.get(random.nextInt(peers.size()));
        if (random.nextBoolean()) {
            m.addProperty("from", self);
        }
        switch (type) {
            case "e2ee.hello" -> {
                common(m);
                m.addProperty("participantId", self);
                m.addProperty("ik", b64(32));
                m.addProperty("ek", b64(32));
                m.addProperty("dtlsFp", hex(32));
                JsonArray caps = new JsonArray();
                caps.add("media");
                caps.add("chat");
                m.add("caps", caps);
                m.addProperty("sig", b64(64));
            }
            case "e2ee.roster" -> {
                common(m);
                m.addProperty("epoch", random.nextInt(100));
                m.addProperty("leaderId", self);
                JsonArray members = new JsonArray();
                for (String id : List.of(self, peer)) {
                    JsonObject member = new JsonObject();
                    member.addProperty("participantId", id);
                    member.addProperty("senderIndex", random.nextInt(70000));
                    member.addProperty("ik", b64(32));
                    members.add(member);
                }
                m.add("members", members);
                m.addProperty("prevRosterHash", hex(32));
                m.addProperty("rosterHash", hex(32));
                m.addProperty("sig", b64(64));
            }
            case "e2ee.key" -> {
                common(m);
                m.addProperty("epoch", random.nextInt(100));
                m.addProperty("to", peer);
                m.addProperty("nonce", b64(12));
                m.addProperty("wrapped", b64(64));
            }
            case "e2ee.ack" -> {
                m.addProperty("epoch", random.nextInt(100));
                m.addProperty("to", peer);
            }
            case "e2ee.activate" -> {
                m.addProperty("epoch", random.nextInt(100));
                m.addProperty("sig", b64(64));
            }
            case "chat.e2ee" -> {
                m.addProperty("epoch", random.nextInt(100));
                m.addProperty("seq", random.nextLong());
                m.addProperty("nonce", b64(12));
                m.addProperty("ct", b64(1 + random.nextInt(200)));
                m.addProperty("sig", b64(64));
            }
            default -> {}
        }
    }

    private void common(JsonObject m) {
        m.addProperty("roomId", room);
        m.addProperty("sessionId", hex(16));
    }

    private String b64(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return java.util.Base64.getEncoder().encodeToString(b);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    /** The next message to send: occasionally unmutated, mostly mutated. */
    Fuzzed next() {
        // Invalid UTF-8 and oversized frames cost the fuzzer its connection, so they are rarer.
        if (random.nextInt(5000) == 0) {
            return oversized();
        }
        int dice = random.nextInt(1000);
        if (dice < 10) {
            return new Fuzzed(invalidUtf8(template().toString()), Kind.INVALID_UTF8, null);
        }
        String text;
        if (dice < 100) {
            text = template().toString();
        } else if (dice < 600) {
            JsonObject m = template();
            int mutations = 1 + random.nextInt(3);
            for (int i = 0; i < mutations; i++) {
                mutate(m);
            }
            text = withDeepNesting(m.toString());
        } else if (dice < 900) {
            text = editText(template().toString());
        } else {
            text = garbage();
        }
        return new Fuzzed(text.getBytes(StandardCharsets.UTF_8), Kind.TEXT, text);
    }

    private void mutate(JsonObject m) {
        List<String> keys = new ArrayList<>(m.keySet());
        if (keys.isEmpty()) {
            m.add(STRINGS[random.nextInt(STRINGS.length)], wrongType());
            return;
        }
        String key = keys.get(random.nextInt(keys.size()));
        switch (random.nextInt(9)) {
            case 0 -> { // swap two fields' values
                String other = keys.get(random.nextInt(keys.size()));
                JsonElement a = m.get(key);
                m.add(key, m.get(other));
                m.add(other, a);
            }
            case 1 -> m.remove(key);
            case 2 -> m.add(key, wrongType());
            case 3 -> m.add(key, hugeNumber());
            case 4 -> m.add(key, deep(1 + random.nextInt(random.nextBoolean() ? 50 : 20_000)));
            case 5 -> m.addProperty(key, "x".repeat(random.nextInt(random.nextInt(10) == 0 ? 70_000 : 5000)));
            case 6 -> m.addProperty("type", TYPES[random.nextInt(TYPES.length)]);
            case 7 -> m.add("v", random.nextBoolean() ? hugeNumber() : wrongType());
            default -> m.add(STRINGS[random.nextInt(STRINGS.length)], wrongType());
        }
    }

    private JsonElement wrongType() {
        return switch (random.nextInt(7)) {
            case 0 -> JsonNull.INSTANCE;
            case 1 -> new JsonPrimitive(random.nextBoolean());
            case 2 -> new JsonPrimitive(random.nextInt());
            case 3 -> new JsonPrimitive(STRINGS[random.nextInt(STRINGS.length)]);
            case 4 -> new JsonArray();
            case 5 -> {
                JsonObject o = new JsonObject();
                o.addProperty(STRINGS[random.nextInt(STRINGS.length)], random.nextLong());
                yield o;
            }
            default -> new JsonPrimitive(random.nextDouble() * 1e6 - 5e5);
        };
    }

    private JsonElement hugeNumber() {
        return switch (random.nextInt(6)) {
            case 0 -> new JsonPrimitive(Long.MAX_VALUE);
            case 1 -> new JsonPrimitive(-Double.MAX_VALUE);
            case 2 -> new JsonPrimitive(new BigDecimal("1e400"));
            case 3 -> new JsonPrimitive(new BigDecimal("123456789012345678901234567890123456789"));
            case 4 -> new JsonPrimitive(Integer.MIN_VALUE);
            default -> new JsonPrimitive(new BigDecimal("-0.000000000000000000000000000001"));
        };
    }

    /** A marker that {@link #withDeepNesting} replaces by nested arrays (Gson would not write them that deep). */
    private JsonElement deep(int depth) {
        return new JsonPrimitive("@@DEEP:" + depth + "@@");
    }

    private static String withDeepNesting(String text) {
        Matcher m = DEEP.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int depth = Integer.parseInt(m.group(1));
            m.appendReplacement(out, "[".repeat(depth) + "]".repeat(depth));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Character-level damage: truncation, deletions, insertions, duplication. */
    private String editText(String text) {
        StringBuilder s = new StringBuilder(text);
        switch (random.nextInt(5)) {
            case 0 -> s.setLength(random.nextInt(s.length()));
            case 1 -> {
                for (int i = 0, n = 1 + random.nextInt(5); i < n && s.length() > 0; i++) {
                    s.deleteCharAt(random.nextInt(s.length()));
                }
            }
            case 2 -> {
                String junk = "{}[]\",:\\0123456789eE+-.truefalsenull \u0000\u00e9\ud83d\ude00";
                for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
                    s.insert(random.nextInt(s.length() + 1), junk.charAt(random.nextInt(junk.length())));
                }
            }
            case 3 -> s.append(text);
            default -> s.insert(0, "[").append("]");
        }
        return s.toString();
    }

    private String garbage() {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "null";
            case 2 -> "[1,2,3]";
            case 3 -> "\"just a string\"";
            case 4 -> String.valueOf(random.nextLong());
            case 5 -> "{".repeat(1 + random.nextInt(30_000));
            case 6 -> "{\"v\":1,\"type\":\"chat\",\"text\":\"" + "\\ud800".repeat(10) + "\"}";
            default -> {
                StringBuilder s = new StringBuilder();
                for (int i = 0, n = random.nextInt(200); i < n; i++) {
                    s.append((char) (32 + random.nextInt(95)));
                }
                yield s.toString();
            }
        };
    }

    /** Valid JSON bytes with bytes that are not UTF-8 spliced in. */
    private byte[] invalidUtf8(String text) {
        byte[][] bad = {
            {(byte) 0xFF},
            {(byte) 0xC3, 0x28},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}
        };
        byte[] insert = bad[random.nextInt(bad.length)];
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int at = random.nextInt(bytes.length + 1);
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    /** Above the server's hard frame limit (1 MiB by default): the socket is closed with 1009. */
    private Fuzzed oversized() {
        String text = "{\"v\":1,\"type\":\"chat\",\"text\":\"" + "y".repeat(1024 * 1024 + 100) + "\"}";
        return new Fuzzed(text.getBytes(StandardCharsets.UTF_8), Kind.OVER_HARD_LIMIT, null);
    }
}
