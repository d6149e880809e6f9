package dev.mosaic.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.token.JoinTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Mosaic signaling v1: {@code join{room,token}}, then {@code offer{to,sdp}} relayed as {@code offer{from,sdp}}. */
public final class MosaicProtocol implements SignalingProtocol {
    private final URI uri;
    private final JoinTokens tokens;
    private final int roomSize;
    private String[] prepared = new String[0];

    public MosaicProtocol(int port, String secret, int roomSize) {
        this.uri = URI.create("ws://127.0.0.1:" + port + "/ws");
        this.tokens = new JoinTokens(secret.getBytes(StandardCharsets.UTF_8));
        this.roomSize = roomSize;
    }

    @Override
    public URI uri(int index) {
        return uri;
    }

    /** Issues every client's token before the clock starts: in real life the host backend does this, not the server. */
    @Override
    public void prepare(int count) {
        String[] hellos = new String[count];
        for (int i = 0; i < count; i++) {
            hellos[i] = join(i);
        }
        prepared = hellos;
    }

    @Override
    public String hello(int index) {
        return index < prepared.length ? prepared[index] : join(index);
    }

    private String join(int index) {
        String room = SignalingProtocol.room(index, roomSize);
        // A token per client, issued the way a host backend would, so the server verifies a real JWT per join.
        String token = tokens.issue(room, "user-" + index, "User " + index, Role.PARTICIPANT, Duration.ofHours(2));
        JsonObject join = new JsonObject();
        join.addProperty("v", 1);
        join.addProperty("type", "join");
        join.addProperty("id", "join-" + index);
        join.addProperty("room", room);
        join.addProperty("token", token);
        return join.toString();
    }

    @Override
    public String joinedId(String text, int index) {
        if (!text.contains("\"joined\"")) {
            return null;
        }
        JsonObject msg = JsonParser.parseString(text).getAsJsonObject();
        return "joined".equals(msg.get("type").getAsString())
                ? msg.getAsJsonObject("you").get("id").getAsString()
                : null;
    }

    @Override
    public String error(String text) {
        if (!text.contains("\"error\"")) {
            return null;
        }
        JsonObject msg = JsonParser.parseString(text).getAsJsonObject();
        return "error".equals(msg.get("type").getAsString())
                ? msg.get("code").getAsString() + ": " + msg.get("message").getAsString()
                : null;
    }

    @Override
    public String offer(String to, String sdpJson) {
        return "{\"v\":1,\"type\":\"offer\",\"to\":\"" + to + "\",\"sdp\":" + sdpJson + "}";
    }
}
