package dev.mosaic.core.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns protocol messages into JSON text and back. The {@code type} field picks the record;
 * {@code v} carries the protocol version. Unknown fields are ignored so newer peers can add some.
 * Reading is strict ({@link StrictJson}): only RFC 8259 JSON, and each field of its own JSON type.
 */
public final class MessageCodec {
    /** The protocol version this code speaks. */
    public static final int VERSION = 1;

    private static final Gson GSON =
            StrictJson.strictTypes(new GsonBuilder().disableHtmlEscaping()).create();
    private static final Map<Class<?>, String> TYPE_NAMES = new HashMap<>();

    static {
        ClientMessage.TYPES.forEach((name, type) -> TYPE_NAMES.put(type, name));
        ServerMessage.TYPES.forEach((name, type) -> TYPE_NAMES.put(type, name));
    }

    private MessageCodec() {}

    public static String encode(ClientMessage message) {
        return encodeAny(message);
    }

    public static String encode(ServerMessage message) {
        return encodeAny(message);
    }

    private static String encodeAny(Object message) {
        if (message instanceof ServerMessage.E2ee relayed) {
            return relayed.text();
        }
        JsonObject json = GSON.toJsonTree(message).getAsJsonObject();
        JsonObject out = new JsonObject();
        out.addProperty("v", VERSION);
        out.addProperty("type", TYPE_NAMES.get(message.getClass()));
        json.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
        return GSON.toJson(out);
    }

    /**
     * Reads and validates a message a participant sent. Its strings may not hold control characters
     * other than tab, line feed and carriage return.
     */
    public static ClientMessage decodeClient(String text) throws ProtocolException {
        JsonObject json = StrictJson.parseObject(text);
        StrictJson.requireNoControlCharacters(json, optionalString(json, "id"));
        String type = optionalString(json, "type");
        if (type != null
                && (ClientMessage.E2EE_BROADCAST.contains(type) || ClientMessage.E2EE_UNICAST.contains(type))) {
            String id = optionalString(json, "id");
            requireVersion(json, id);
            ClientMessage message = new ClientMessage.E2ee(
                    id, type, stringField(json, "to", id), stringField(json, "from", id), text, json);
            message.validate();
            return message;
        }
        ClientMessage message = decode(json, ClientMessage.TYPES);
        message.validate();
        return message;
    }

    /** Reads a message the server sent. */
    public static ServerMessage decodeServer(String text) throws ProtocolException {
        JsonObject json = StrictJson.parseObject(text);
        String type = optionalString(json, "type");
        if (type != null
                && (ClientMessage.E2EE_BROADCAST.contains(type) || ClientMessage.E2EE_UNICAST.contains(type))) {
            requireVersion(json, null);
            return new ServerMessage.E2ee(type, stringField(json, "from", null), text);
        }
        return decode(json, ServerMessage.TYPES);
    }

    private static <T> T decode(JsonObject json, Map<String, Class<? extends T>> types) throws ProtocolException {
        String id = optionalString(json, "id");
        requireVersion(json, id);
        String type = optionalString(json, "type");
        if (type == null) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "missing string field 'type'", id);
        }
        Class<? extends T> recordType = types.get(type);
        if (recordType == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown message type " + Quoted.of(type), id);
        }
        try {
            T message = GSON.fromJson(json, recordType);
            if (message == null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "empty " + type + " message", id);
            }
            return message;
        } catch (JsonParseException | IllegalArgumentException | ArithmeticException e) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, "a field of " + Quoted.of(type) + " has the wrong type", id);
        }
    }

    private static void requireVersion(JsonObject json, String id) throws ProtocolException {
        JsonElement v = json.get("v");
        if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, "missing protocol version 'v' (this server speaks v" + VERSION + ")", id);
        }
        if (v.getAsDouble() != VERSION) {
            throw new ProtocolException(
                    ErrorCode.UNSUPPORTED_VERSION,
                    "protocol version " + Quoted.of(v) + " is not supported; this server speaks v" + VERSION,
                    id);
        }
    }

    /** An optional string field; present but not a string is {@code bad_request}. */
    private static String stringField(JsonObject json, String field, String id) throws ProtocolException {
        JsonElement e = json.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        throw new ProtocolException(ErrorCode.BAD_REQUEST, "field '" + field + "' must be a string", id);
    }

    private static String optionalString(JsonObject json, String field) {
        JsonElement e = json.get(field);
        if (e instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        return null;
    }
}
