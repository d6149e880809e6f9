package dev.mosaic.server.web;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.room.Actor;
import dev.mosaic.server.room.Room;
import dev.mosaic.server.room.RoomState;
import dev.mosaic.server.room.Rooms;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Host actions for the application's backend, under {@code /api/rooms/{room}}: the same changes a host
 * makes from inside the meeting, taken by {@link Actor#APPLICATION} so that no host needs to be in the
 * room (a teacher's dashboard, staff handling an abuse report). Each answers the room as it is
 * afterwards, like {@code GET /api/rooms/{room}}. See docs/rest.md, "Moderation".
 */
final class ModerationApi {
    private final Rooms rooms;

    private ModerationApi(Rooms rooms) {
        this.rooms = rooms;
    }

    /** {@code guard} checks the app secret before running an action (see {@link RoomsApi#guarded}). */
    static void register(JavalinConfig config, Rooms rooms, BiConsumer<Context, RoomsApi.Action> guard) {
        ModerationApi api = new ModerationApi(rooms);
        config.routes.get("/api/rooms/{room}/participants", ctx -> guard.accept(ctx, api::participants));
        config.routes.post("/api/rooms/{room}/participants/{id}/mute", ctx -> guard.accept(ctx, api::mute));
        config.routes.post("/api/rooms/{room}/participants/{id}/remove", ctx -> guard.accept(ctx, api::remove));
        config.routes.post("/api/rooms/{room}/participants/{id}/promote", ctx -> guard.accept(ctx, api::promote));
        config.routes.post("/api/rooms/{room}/mute-all", ctx -> guard.accept(ctx, api::muteAll));
        config.routes.post("/api/rooms/{room}/allow-unmute", ctx -> guard.accept(ctx, api::allowUnmute));
        config.routes.post("/api/rooms/{room}/lock", ctx -> guard.accept(ctx, api::lock));
        config.routes.post("/api/rooms/{room}/waiting/{id}/admit", ctx -> guard.accept(ctx, api::admit));
        config.routes.post("/api/rooms/{room}/waiting/{id}/deny", ctx -> guard.accept(ctx, api::deny));
    }

    private void participants(Context ctx) throws ProtocolException {
        RoomState state = room(ctx).state();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("room", state.room());
        out.put("participants", state.participants());
        out.put("waiting", state.waiting());
        RoomsApi.json(ctx, out);
    }

    private void mute(Context ctx) throws ProtocolException {
        Room room = room(ctx);
        MediaKind kind = kind(RoomsApi.body(ctx));
        room.mute(Actor.APPLICATION, ctx.pathParam("id"), kind);
        answer(ctx, room);
    }

    private void remove(Context ctx) throws ProtocolException {
        Room room = room(ctx);
        room.remove(Actor.APPLICATION, ctx.pathParam("id"));
        answer(ctx, room);
    }

    private void promote(Context ctx) throws ProtocolException {
        Room room = room(ctx);
        String role = RoomsApi.string(RoomsApi.body(ctx), "role");
        if (role != null && !role.equals("host") && !role.equals("participant")) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, "'role' must be host or participant (roles are never lowered)");
        }
        room.promote(Actor.APPLICATION, ctx.pathParam("id"), "participant".equals(role) ? Role.PARTICIPANT : Role.HOST);
        answer(ctx, room);
    }

    /** {@code {"kind":"audio","allowUnmute":false}}: without {@code allowUnmute} the room's setting stays. */
    private void muteAll(Context ctx) throws ProtocolException {
        Room room = room(ctx);
        JsonObject body = RoomsApi.body(ctx);
        room.muteAll(Actor.APPLICATION, kind(body), RoomsApi.optionalBool(body, "allowUnmute"));
        answer(ctx, room);
    }

    /** {@code {"kind":"audio","allowed":false}} for the room, plus {@code "participant":id} for one person. */
    private void allowUnmute(Context ctx) throws ProtocolException {
        Room room = room(ctx);
        JsonObject body = RoomsApi.body(ctx);
        MediaKind kind = kind(body);
        Boolean allowed = RoomsApi.optionalBool(body, "allowed");
        if (allowed == null) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, "send {\"kind\": \"audio\", \"allowed\": true or false}");
        }
        String participant = RoomsApi.string(body, "participant");
        if (participant == null) {
            room.allowUnmute(Actor.APPLICATION, kind, allowed);
        } else {
            room.allowUnmute(Actor.APPLICATION, participant, kind, allowed);
        }
        answer(ctx, room);
    }

    private void lock(Context ctx) throws ProtocolException {
        Room room = room(ctx);
        JsonElement locked = RoomsApi.body(ctx).get("locked");
        if (!(locked instanceof JsonPrimitive p && p.isBoolean())) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "send {\"locked\": true} or {\"locked\": false}");
        }
        room.lock(Actor.APPLICATION, locked.getAsBoolean());
        answer(ctx, room);
    }

    private void admit(Context ctx) throws ProtocolException {
        Room room = room(ctx);
        room.admit(Actor.APPLICATION, ctx.pathParam("id"));
        answer(ctx, room);
    }

    private void deny(Context ctx) throws ProtocolException {
        Room room = room(ctx);
        room.deny(Actor.APPLICATION, ctx.pathParam("id"));
        answer(ctx, room);
    }

    private Room room(Context ctx) throws ProtocolException {
        return RoomsApi.room(rooms, ctx);
    }

    private static MediaKind kind(JsonObject body) throws ProtocolException {
        String kind = RoomsApi.string(body, "kind");
        if (kind != null) {
            switch (kind) {
                case "audio" -> {
                    return MediaKind.AUDIO;
                }
                case "video" -> {
                    return MediaKind.VIDEO;
                }
                case "screen" -> {
                    return MediaKind.SCREEN;
                }
                default -> {}
            }
        }
        throw new ProtocolException(ErrorCode.BAD_REQUEST, "send {\"kind\": \"audio\"}, \"video\" or \"screen\"");
    }

    /** The room after the action; an action that ended it (the last person removed) answers it empty. */
    private static void answer(Context ctx, Room room) {
        RoomsApi.json(ctx, room.state());
    }
}
