package dev.mosaic.core.e2ee;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Reads and writes the fields of the {@code e2ee.*} and {@code chat.e2ee} messages
 * (docs/protocol.md, "End-to-end encryption"): bytes as base64 or lowercase hex, and a
 * {@link E2eeException.Reason#MALFORMED} error naming the field when one is missing or of the wrong shape. The server relays these objects
 * unchanged, so they stay plain JSON here.
 */
final class E2eeJson {
    static final int VERSION = 1;
    private static final HexFormat HEX = HexFormat.of();

    private E2eeJson() {}

    static JsonObject message(String type) {
        JsonObject o = new JsonObject();
        o.addProperty("type", type);
        o.addProperty("v", VERSION);
        return o;
    }

    static void requireType(JsonObject o, String type) {
        String actual = string(o, "type");
        if (!type.equals(actual)) {
            throw malformed("expected a " + type + " message, got " + actual);
        }
        JsonElement v = o.get("v");
        if (v == null || !v.isJsonPrimitive() || v.getAsInt() != VERSION) {
            throw malformed(type + " has an unsupported version v=" + v);
        }
    }

    static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null
                || !e.isJsonPrimitive()
                || !e.getAsJsonPrimitive().isString()
                || e.getAsString().isEmpty()) {
            throw malformed("field '" + field + "' must be a non-empty string");
        }
        return e.getAsString();
    }

    static long u32(JsonObject o, String field) {
        long v = number(o, field);
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw malformed("field '" + field + "' must be a u32");
        }
        return v;
    }

    static long number(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw malformed("field '" + field + "' must be a number");
        }
        try {
            return e.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
        } catch (ArithmeticException notInteger) {
            throw malformed("field '" + field + "' must be an integer");
        }
    }

    static byte[] b64(JsonObject o, String field, int length) {
        try {
            byte[] b = Base64.getDecoder().decode(string(o, field));
            if (length >= 0 && b.length != length) {
                throw malformed("field '" + field + "' must hold " + length + " bytes");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw malformed("field '" + field + "' is not base64");
        }
    }

    static byte[] hex(JsonObject o, String field, int length) {
        try {
            byte[] b = HEX.parseHex(string(o, field));
            if (b.length != length) {
                throw malformed("field '" + field + "' must hold " + length + " bytes");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw malformed("field '" + field + "' is not hex");
        }
    }

    static JsonArray array(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonArray()) {
            throw malformed("field '" + field + "' must be an array");
        }
        return e.getAsJsonArray();
    }

    static JsonObject object(JsonElement e, String what) {
        if (e == null || !e.isJsonObject()) {
            throw malformed(what + " must be an object");
        }
        return e.getAsJsonObject();
    }

    static JsonPrimitive b64(byte[] b) {
        return new JsonPrimitive(Base64.getEncoder().encodeToString(b));
    }

    static JsonPrimitive hex(byte[] b) {
        return new JsonPrimitive(HEX.formatHex(b));
    }

    static E2eeException malformed(String message) {
        return new E2eeException(E2eeException.Reason.MALFORMED, message);
    }
}
