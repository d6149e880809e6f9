package dev.mosaic.core.protocol;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Map;

/**
 * JSON as RFC 8259 defines it, and nothing more: no comments, single quotes, unquoted names, NaN,
 * trailing commas or text after the object, no raw control characters, and no value of one JSON type
 * read as another ({@code "text":5} is not the string "5", {@code "audio":"true"} not a boolean).
 * What the server relays (E2EE messages) is thus always JSON that a browser's {@code JSON.parse} reads.
 */
final class StrictJson {
    private StrictJson() {}

    /** Parses {@code text} as exactly one JSON object. */
    static JsonObject parseObject(String text) throws ProtocolException {
        // A byte order mark is tolerated by Gson but refused by browsers' JSON.parse.
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            throw notJson("a byte order mark before the object");
        }
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        JsonElement element;
        try {
            element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw notJson("text after the object");
            }
        } catch (JsonParseException | IOException | StackOverflowError e) {
            throw notJson(null);
        }
        if (!element.isJsonObject()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "a message must be a JSON object");
        }
        return element.getAsJsonObject();
    }

    private static ProtocolException notJson(String detail) {
        return new ProtocolException(
                ErrorCode.BAD_REQUEST,
                "message is not valid JSON"
                        + (detail == null
                                ? " (strict RFC 8259: no comments, single quotes, NaN or raw control characters)"
                                : ": " + detail));
    }

    /**
     * Refuses control characters other than tab, line feed and carriage return in any name or string of
     * {@code json}: the protocol has no use for them (chat and SDP need only those three), and each would
     * be written back as a six-byte escape to everyone who receives the message.
     */
    static void requireNoControlCharacters(JsonObject json, String requestId) throws ProtocolException {
        String field = firstWithControlCharacter(json, "");
        if (field != null) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    "field " + Quoted.of(field)
                            + " contains a control character; only tab, line feed and carriage return are allowed",
                    requestId);
        }
    }

    private static String firstWithControlCharacter(JsonElement element, String path) {
        if (element.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (hasControlCharacter(e.getKey())) {
                    return at;
                }
                String found = firstWithControlCharacter(e.getValue(), at);
                if (found != null) {
                    return found;
                }
            }
        } else if (element.isJsonArray()) {
            int i = 0;
            for (JsonElement item : element.getAsJsonArray()) {
                String found = firstWithControlCharacter(item, path + "[" + i++ + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (element.isJsonPrimitive()
                && element.getAsJsonPrimitive().isString()
                && hasControlCharacter(element.getAsString())) {
            return path;
        }
        return null;
    }

    private static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }

    /** Gson adapters that refuse a JSON value of the wrong type instead of converting it; null stays null. */
    static GsonBuilder strictTypes(GsonBuilder builder) {
        TypeAdapter<String> string = adapter(JsonToken.STRING, JsonReader::nextString, JsonWriter::value);
        TypeAdapter<Boolean> bool = adapter(JsonToken.BOOLEAN, JsonReader::nextBoolean, JsonWriter::value);
        // Whole numbers only, in range (1.8e2 is 180; 180.5 is refused, not cut to 180).
        TypeAdapter<Integer> integer =
                adapter(JsonToken.NUMBER, in -> new BigDecimal(in.nextString()).intValueExact(), JsonWriter::value);
        TypeAdapter<Long> longs =
                adapter(JsonToken.NUMBER, in -> new BigDecimal(in.nextString()).longValueExact(), JsonWriter::value);
        TypeAdapter<Double> doubles = adapter(JsonToken.NUMBER, JsonReader::nextDouble, JsonWriter::value);
        return builder.registerTypeAdapter(String.class, string)
                .registerTypeAdapter(Boolean.class, bool)
                .registerTypeAdapter(boolean.class, bool)
                .registerTypeAdapter(Integer.class, integer)
                .registerTypeAdapter(int.class, integer)
                .registerTypeAdapter(Long.class, longs)
                .registerTypeAdapter(long.class, longs)
                .registerTypeAdapter(Double.class, doubles)
                .registerTypeAdapter(double.class, doubles);
    }

    private interface Read<T> {
        T read(JsonReader in) throws IOException;
    }

    private interface Write<T> {
        JsonWriter write(JsonWriter out, T value) throws IOException;
    }

    private static <T> TypeAdapter<T> adapter(JsonToken expected, Read<T> read, Write<T> write) {
        return new TypeAdapter<T>() {
            @Override
            public void write(JsonWriter out, T value) throws IOException {
                if (value == null) {
                    out.nullValue();
                } else {
                    write.write(out, value);
                }
            }

            @Override
            public T read(JsonReader in) throws IOException {
                JsonToken token = in.peek();
                if (token == JsonToken.NULL) {
                    in.nextNull();
                    return null;
                }
                if (token != expected) {
                    throw new JsonParseException("expected " + expected + " but found " + token);
                }
                return read.read(in);
            }
        };
    }
}
