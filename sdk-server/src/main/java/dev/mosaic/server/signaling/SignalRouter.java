package dev.mosaic.server.signaling;

import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.IceServer;
import dev.mosaic.core.protocol.MediaState;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.core.token.JoinTokenClaims;
import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.room.Member;
import dev.mosaic.server.room.RoomNames;
import dev.mosaic.server.room.Rooms;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** Acts on decoded messages: join a room, relay signals to one named peer, share media state, leave. */
final class SignalRouter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JoinTokens tokens;
    private final Rooms rooms;
    private final List<IceServer> iceServers;

    SignalRouter(JoinTokens tokens, Rooms rooms, List<IceServer> iceServers) {
        this.tokens = tokens;
        this.rooms = rooms;
        this.iceServers = iceServers;
    }

    void handle(ConnectionState state, ClientMessage message) throws ProtocolException {
        if (message instanceof ClientMessage.Join join) {
            join(state, join);
            return;
        }
        if (!state.joined()) {
            throw new ProtocolException(ErrorCode.UNAUTHORIZED, "send 'join' with a token first", message.id());
        }
        String from = state.participant.id();
        if (message instanceof ClientMessage.Offer m) {
            relay(state, m.id(), m.to(), new ServerMessage.Offer(from, m.sdp()));
        } else if (message instanceof ClientMessage.Answer m) {
            relay(state, m.id(), m.to(), new ServerMessage.Answer(from, m.sdp()));
        } else if (message instanceof ClientMessage.Candidate m) {
            relay(state, m.id(), m.to(), new ServerMessage.Candidate(from, m.candidate()));
        } else if (message instanceof ClientMessage.ViewConstraints m) {
            relay(state, m.id(), m.to(), new ServerMessage.ViewConstraints(from, m.maxHeight(), m.maxFps(), m.active()));
        } else if (message instanceof ClientMessage.Chat m) {
            broadcast(rooms.members(state.room), new ServerMessage.Chat(from, state.participant.name(), m.text(), System.currentTimeMillis()));
        } else if (message instanceof ClientMessage.UpdateMedia m) {
            updateMedia(state, m.media());
        } else if (message instanceof ClientMessage.Leave m) {
            leave(state, m.id());
        }
    }

    private void join(ConnectionState state, ClientMessage.Join join) throws ProtocolException {
        if (state.joined()) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "this connection has already joined a room", join.id());
        }
        if (!RoomNames.isValid(join.room())) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, RoomNames.RULE, join.id());
        }
        JoinTokenClaims claims;
        try {
            claims = tokens.verify(join.token(), join.room());
        } catch (ProtocolException e) {
            throw e.withRequestId(join.id());
        }
        String name = claims.displayName() != null && !claims.displayName().isBlank() ? claims.displayName() : claims.userId();
        Participant you = new Participant(newParticipantId(), claims.userId(), name, claims.role(), MediaState.NONE);
        state.room = join.room();
        state.participant = you;
        List<Member> others = rooms.join(join.room(), new Member(you, state.connection));
        state.connection.send(new ServerMessage.Joined(join.id(), join.room(), you,
                others.stream().map(Member::participant).toList(), iceServers));
        broadcast(others, new ServerMessage.ParticipantJoined(you));
    }

    private void relay(ConnectionState state, String requestId, String to, ServerMessage relayed) throws ProtocolException {
        Member target = rooms.find(state.room, to)
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "no participant '" + to + "' in this room", requestId));
        target.connection().send(relayed);
    }

    private void updateMedia(ConnectionState state, MediaState media) {
        rooms.updateMedia(state.room, state.participant.id(), media).ifPresent(updated -> {
            state.participant = updated.participant();
            broadcast(rooms.members(state.room), new ServerMessage.ParticipantUpdated(updated.participant()));
        });
    }

    private void leave(ConnectionState state, String requestId) {
        removeFromRoom(state, "left");
        state.connection.send(new ServerMessage.Left(requestId, "left"));
        state.connection.close(1000, "left");
    }

    /** The WebSocket closed: take the participant out of the room if still in. */
    void disconnected(ConnectionState state) {
        removeFromRoom(state, "disconnected");
    }

    private void removeFromRoom(ConnectionState state, String reason) {
        Participant p = state.participant;
        if (p == null) {
            return;
        }
        state.participant = null;
        rooms.leave(state.room, p.id())
                .ifPresent(gone -> broadcast(rooms.members(state.room), new ServerMessage.ParticipantLeft(p.id(), reason)));
    }

    private static void broadcast(List<Member> members, ServerMessage message) {
        for (Member m : members) {
            m.connection().send(message);
        }
    }

    private static String newParticipantId() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
