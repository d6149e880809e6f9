package dev.mosaic.server.web;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.token.JoinTokenClaims;
import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.room.DisplayNames;
import dev.mosaic.server.room.Room;
import dev.mosaic.server.room.RoomIds;
import dev.mosaic.server.room.RoomNames;
import dev.mosaic.server.room.RoomOptions;
import dev.mosaic.server.room.Rooms;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The REST API for host applications' backends, under {@code /api/rooms}. Every call needs
 * {@code Authorization: Bearer <app secret>}; call it from your server, never from a browser.
 * See docs/rest.md.
 */
public final class RoomsApi {
    static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(2);
    static final int MAX_NAME_CHARS = 64;
    static final int MAX_USER_ID_CHARS = 128;

    private final Rooms rooms;
    private final JoinTokens tokens;
    private final byte[] secret;
    private final Clock clock;

    private RoomsApi(Rooms rooms, JoinTokens tokens, byte[] secret, Clock clock) {
        this.rooms = rooms;
        this.tokens = tokens;
        this.secret = secret.clone();
        this.clock = clock;
    }

    public static void register(JavalinConfig config, Rooms rooms, JoinTokens tokens, byte[] secret, Clock clock) {
        RoomsApi api = new RoomsApi(rooms, tokens, secret, clock);
        config.routes.post("/api/rooms", ctx -> api.guarded(ctx, api::create));
        config.routes.get("/api/rooms", ctx -> api.guarded(ctx, api::list));
        config.routes.get("/api/rooms/{room}", ctx -> api.guarded(ctx, api::get));
        config.routes.delete("/api/rooms/{room}", ctx -> api.guarded(ctx, api::end));
        config.routes.get("/api/rooms/{room}/attendance", ctx -> api.guarded(ctx, api::attendance));
        config.routes.post("/api/rooms/{room}/tokens", ctx -> api.guarded(ctx, api::issueToken));
        ModerationApi.register(config, rooms, api::guarded);
    }

    @FunctionalInterface
    interface Action {
        void run(Context ctx) throws ProtocolException;
    }

    /** Runs {@code action} if the request carries the app secret; its ProtocolException becomes {code, message}. */
    void guarded(Context ctx, Action action) {
        ctx.header("Cache-Control", "no-store");
        if (!BearerAuth.carries(ctx.header("Authorization"), secret)) {
            ctx.header("WWW-Authenticate", "Bearer");
            fail(ctx, 401, ErrorCode.UNAUTHORIZED, "send 'Authorization: Bearer <app secret>'");
            return;
        }
        try {
            action.run(ctx);
        } catch (ProtocolException e) {
            fail(ctx, HttpStatuses.of(e.code()), e.code(), e.getMessage());
        }
    }

    private void create(Context ctx) throws ProtocolException {
        JsonObject body = body(ctx);
        String name = string(body, "room");
        if (name == null) {
            name = RoomIds.random();
        }
        requireRoomName(name);
        RoomOptions options;
        try {
            String media = string(body, "media");
            options = new RoomOptions(
                    bool(body, "e2ee"),
                    integer(body, "capacity"),
                    string(body, "passcode"),
                    bool(body, "waitingRoom"),
                    media == null ? null : MediaMode.parse(media),
                    integer(body, "sfuThreshold"));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        Instant expiresAt = expiresAt(body);
        Room room = expiresAt != null ? rooms.create(name, options, expiresAt) : rooms.create(name, options);
        ctx.status(201);
        json(ctx, room.state());
    }

    /**
     * When a created room is removed if nobody has entered it: {@code expiresAt} (ISO-8601) or
     * {@code expiresInSeconds}, at most {@link Rooms#MAX_EXPIRY} ahead; null for the
     * server's default.
     */
    private Instant expiresAt(JsonObject body) throws ProtocolException {
        String at = string(body, "expiresAt");
        boolean in =
                body.has("expiresInSeconds") && !body.get("expiresInSeconds").isJsonNull();
        if (at != null && in) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "give expiresAt or expiresInSeconds, not both");
        }
        Instant now = clock.instant();
        Instant expiresAt;
        if (in) {
            expiresAt = now.plusSeconds(integer(body, "expiresInSeconds"));
        } else if (at != null) {
            try {
                expiresAt = Instant.parse(at);
            } catch (DateTimeParseException e) {
                throw new ProtocolException(
                        ErrorCode.BAD_REQUEST, "expiresAt must be an ISO-8601 time in UTC, e.g. 2026-12-01T09:00:00Z");
            }
        } else {
            return null;
        }
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(Rooms.MAX_EXPIRY))) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    "a room must expire in the future and within " + Rooms.MAX_EXPIRY.toDays() + " days");
        }
        return expiresAt;
    }

    private void list(Context ctx) {
        json(
                ctx,
                rooms.all().stream()
                        .map(Room::state)
                        .sorted(Comparator.comparing(s -> s.room()))
                        .toList());
    }

    private void get(Context ctx) throws ProtocolException {
        json(ctx, room(ctx).state());
    }

    private void end(Context ctx) throws ProtocolException {
        Room room = room(ctx);
        room.end();
        // A kept room waiting for its next meeting has no attendance of its own: answer its last meeting's.
        json(ctx, rooms.attendance(room.name()).orElse(room.attendance()));
    }

    private void attendance(Context ctx) throws ProtocolException {
        String name = ctx.pathParam("room");
        json(
                ctx,
                rooms.attendance(name)
                        .orElseThrow(() ->
                                new ProtocolException(ErrorCode.NOT_FOUND, "no attendance for room '" + name + "'")));
    }

    private void issueToken(Context ctx) throws ProtocolException {
        String room = ctx.pathParam("room");
        requireRoomName(room);
        JsonObject body = body(ctx);
        String userId = string(body, "userId");
        if (userId == null || userId.isBlank() || userId.length() > MAX_USER_ID_CHARS) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "userId must be 1-" + MAX_USER_ID_CHARS + " characters");
        }
        String name = DisplayNames.clean(string(body, "name"));
        if (string(body, "name") != null && (name == null || name.length() > MAX_NAME_CHARS)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "name must be 1-" + MAX_NAME_CHARS + " characters");
        }
        Role role = role(string(body, "role"));
        Duration ttl = body.has("ttlSeconds") ? Duration.ofSeconds(integer(body, "ttlSeconds")) : DEFAULT_TOKEN_TTL;
        // The server's longest token lifetime (7 days unless configured) bounds what the API issues.
        Duration max = tokens.maxLifetime() != null ? tokens.maxLifetime() : Duration.ofDays(7);
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(max) > 0) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "ttlSeconds must be 1 to " + max.toSeconds());
        }
        Instant now = clock.instant();
        JoinTokenClaims claims = new JoinTokenClaims(
                room, userId, name, role, now, now.plus(ttl), UUID.randomUUID().toString());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("room", room);
        out.put("token", tokens.issue(claims));
        out.put("tokenId", claims.tokenId());
        out.put("expiresAt", claims.expiresAt());
        ctx.status(201);
        json(ctx, out);
    }

    private Room room(Context ctx) throws ProtocolException {
        return room(rooms, ctx);
    }

    /** The going room named in the path; {@code not_found} if there is none. */
    static Room room(Rooms rooms, Context ctx) throws ProtocolException {
        String name = ctx.pathParam("room");
        return rooms.find(name)
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "no room '" + name + "' is going on"));
    }

    private static void requireRoomName(String name) throws ProtocolException {
        if (!RoomNames.isValid(name)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, RoomNames.RULE);
        }
    }

    private static Role role(String role) throws ProtocolException {
        if (role == null) {
            return Role.PARTICIPANT;
        }
        try {
            return Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "role must be host, participant or viewer");
        }
    }

    static JsonObject body(Context ctx) throws ProtocolException {
        try {
            JsonElement e = JsonParser.parseString(ctx.body().isBlank() ? "{}" : ctx.body());
            if (e.isJsonObject()) {
                return e.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            // answered below
        }
        throw new ProtocolException(ErrorCode.BAD_REQUEST, "the body must be a JSON object");
    }

    static String string(JsonObject body, String field) throws ProtocolException {
        JsonElement e = body.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be a string");
    }

    static boolean bool(JsonObject body, String field) throws ProtocolException {
        return Boolean.TRUE.equals(optionalBool(body, field));
    }

    /** True or false as sent; null when the field is absent. */
    static Boolean optionalBool(JsonObject body, String field) throws ProtocolException {
        JsonElement e = body.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e instanceof JsonPrimitive p && p.isBoolean()) {
            return p.getAsBoolean();
        }
        throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be true or false");
    }

    private static int integer(JsonObject body, String field) throws ProtocolException {
        JsonElement e = body.get(field);
        if (e == null || e.isJsonNull()) {
            return 0;
        }
        if (e instanceof JsonPrimitive p && p.isNumber()) {
            double d = p.getAsDouble();
            if (d == Math.rint(d) && d >= 0 && d <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw new ProtocolException(ErrorCode.BAD_REQUEST, "'" + field + "' must be a whole number, 0 or more");
    }

    private static void fail(Context ctx, int status, ErrorCode code, String message) {
        ctx.status(status);
        json(ctx, Map.of("code", code.wireName(), "message", message));
    }

    static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(Json.GSON.toJson(value));
    }
}
