package dev.mosaic.server.web;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.room.RoomNames;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Dev mode only: {@code POST /api/dev/token {"room":…,"name":…}} gives anyone a join token, so the
 * demo page works without a host application. A real deployment issues tokens from its own backend.
 */
public final class DevTokenRoute {
    static final Duration DEMO_TOKEN_TTL = Duration.ofHours(4);
    private static final int MAX_NAME_CHARS = 64;
    private static final Gson GSON = new Gson();

    private DevTokenRoute() {}

    public static void register(JavalinConfig config, JoinTokens tokens) {
        config.routes.post("/api/dev/token", ctx -> issue(ctx, tokens));
    }

    private static void issue(Context ctx, JoinTokens tokens) {
        JsonObject body;
        try {
            body = JsonParser.parseString(ctx.body()).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            fail(ctx, "bad_request", "send a JSON object like {\"room\":\"demo\",\"name\":\"Ada\"}");
            return;
        }
        String room = string(body, "room");
        String name = string(body, "name");
        if (!RoomNames.isValid(room)) {
            fail(ctx, "bad_request", RoomNames.RULE);
            return;
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME_CHARS) {
            fail(ctx, "bad_request", "name must be 1-" + MAX_NAME_CHARS + " characters");
            return;
        }
        String token = tokens.issue(room, "dev-" + UUID.randomUUID(), name.strip(), Role.HOST, DEMO_TOKEN_TTL);
        ctx.contentType("application/json").result(GSON.toJson(Map.of("room", room, "token", token)));
    }

    private static String string(JsonObject body, String field) {
        var e = body.get(field);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    private static void fail(Context ctx, String code, String message) {
        ctx.status(400).contentType("application/json").result(GSON.toJson(Map.of("code", code, "message", message)));
    }
}
