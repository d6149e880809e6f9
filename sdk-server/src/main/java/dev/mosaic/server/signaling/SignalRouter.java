package dev.mosaic.server.signaling;

import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.MediaState;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.core.token.JoinTokenClaims;
import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.events.EventDispatcher;
import dev.mosaic.server.events.JoinDecision;
import dev.mosaic.server.events.JoinRequest;
import dev.mosaic.server.room.Connection;
import dev.mosaic.server.room.DisplayNames;
import dev.mosaic.server.room.Member;
import dev.mosaic.server.room.ResumeSecrets;
import dev.mosaic.server.room.Room;
import dev.mosaic.server.room.RoomNames;
import dev.mosaic.server.room.Rooms;
import dev.mosaic.server.sfu.SfuMedia;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Acts on decoded messages. Each message type has one handler, registered in the constructor;
 * a new type is one record in {@link ClientMessage} and one line here. Handlers for members check
 * that the sender is in a room; host handlers also check the role.
 */
final class SignalRouter {
    private static final SecureRandom RANDOM = new SecureRandom();

    @FunctionalInterface
    private interface Handler<M extends ClientMessage> {
        void handle(ClientSession session, M message) throws ProtocolException;
    }

    @FunctionalInterface
    private interface MemberHandler<M extends ClientMessage> {
        void handle(Room room, Member member, M message) throws ProtocolException;
    }

    private final JoinTokens tokens;
    private final Rooms rooms;
    private final ResumeSecrets resumes;
    private final EventDispatcher events;
    private final Clock clock;
    private final SfuMedia sfu;
    private final Map<Class<?>, Handler<?>> handlers = new HashMap<>();

    SignalRouter(
            JoinTokens tokens, Rooms rooms, ResumeSecrets resumes, EventDispatcher events, Clock clock, SfuMedia sfu) {
        this.sfu = sfu;
        this.tokens = tokens;
        this.rooms = rooms;
        this.resumes = resumes;
        this.events = events;
        this.clock = clock;

        on(ClientMessage.Join.class, this::join);
        on(ClientMessage.Resume.class, this::resume);
        on(ClientMessage.Leave.class, this::leave);
        member(
                ClientMessage.Offer.class,
                (room, from, m) -> room.relay(
                        from,
                        someoneElse(from, meshOnly(room, m.to(), "offer"), "offer"),
                        new ServerMessage.Offer(from.id(), m.sdp())));
        member(
                ClientMessage.Answer.class,
                (room, from, m) -> room.relay(
                        from,
                        someoneElse(from, meshOnly(room, m.to(), "answer"), "answer"),
                        new ServerMessage.Answer(from.id(), m.sdp())));
        member(
                ClientMessage.Candidate.class,
                (room, from, m) -> room.relay(
                        from,
                        someoneElse(from, meshOnly(room, m.to(), "candidate"), "candidate"),
                        new ServerMessage.Candidate(from.id(), m.candidate())));
        member(
                ClientMessage.ViewConstraints.class,
                (room, from, m) -> room.relay(
                        from,
                        someoneElse(from, meshOnly(room, m.to(), "view.constraints"), "view.constraints"),
                        new ServerMessage.ViewConstraints(from.id(), m.maxHeight(), m.maxFps(), m.active())));
        member(ClientMessage.Chat.class, (room, from, m) -> {
            requireSender(from, "chat");
            if (room.options().e2ee()) {
                throw new ProtocolException(
                        ErrorCode.FORBIDDEN, "this room is end-to-end encrypted: send chat.e2ee, never plain chat");
            }
            room.chat(from, m.text());
        });
        member(ClientMessage.E2ee.class, this::relayE2ee);
        member(ClientMessage.UpdateMedia.class, (room, from, m) -> {
            if (m.media().audio() || m.media().video() || m.media().screen()) {
                requireSender(from, "send audio, video or a screen");
            }
            room.updateMedia(from, m.media());
        });
        host(ClientMessage.End.class, (room, host, m) -> room.end(host));
        host(ClientMessage.Mute.class, (room, host, m) -> room.mute(host, m.target(), m.kind()));
        host(ClientMessage.Remove.class, (room, host, m) -> room.remove(host, m.target()));
        host(ClientMessage.Lock.class, (room, host, m) -> room.lock(host, m.locked()));
        host(ClientMessage.Admit.class, (room, host, m) -> room.admit(host, m.target()));
        host(ClientMessage.Deny.class, (room, host, m) -> room.deny(host, m.target()));
        host(ClientMessage.MuteAll.class, (room, host, m) -> room.muteAll(host, m.kind(), m.allowUnmute()));
        host(ClientMessage.AllowUnmute.class, (room, host, m) -> {
            if (m.target() == null) {
                room.allowUnmute(host, m.kind(), m.allowed());
            } else {
                room.allowUnmute(host, m.target(), m.kind(), m.allowed());
            }
        });
        host(ClientMessage.Promote.class, (room, host, m) -> room.promote(host, m.target(), m.newRole()));
        member(ClientMessage.Report.class, (room, from, m) -> room.report(from, m.target(), m.reason()));
        // SFU rooms: media goes through Janus, driven here; a viewer gets no publisher handle.
        member(ClientMessage.SfuPublish.class, (room, from, m) -> {
            requireSender(from, "publish media");
            sfu.publish(room, from, m);
        });
        member(ClientMessage.SfuUnpublish.class, (room, from, m) -> sfu.unpublish(room, from, m));
        member(ClientMessage.SfuSubscribe.class, (room, from, m) -> sfu.subscribe(room, from, m));
        member(ClientMessage.SfuAnswer.class, (room, from, m) -> sfu.answer(room, from, m));
        member(ClientMessage.SfuCandidate.class, (room, from, m) -> {
            if ("publisher".equals(m.pc())) {
                requireSender(from, "publish media");
            }
            sfu.candidate(room, from, m);
        });
    }

    private <M extends ClientMessage> void on(Class<M> type, Handler<M> handler) {
        handlers.put(type, handler);
    }

    /** For senders in the room (not waiting). */
    private <M extends ClientMessage> void member(Class<M> type, MemberHandler<M> handler) {
        on(type, (session, message) -> {
            Member member = session.member;
            if (member == null) {
                throw new ProtocolException(ErrorCode.UNAUTHORIZED, "send 'join' with a token first");
            }
            if (session.room.isWaiting(member)) {
                throw new ProtocolException(
                        ErrorCode.UNAUTHORIZED, "you are in the waiting room until a host admits you");
            }
            handler.handle(session.room, member, message);
        });
    }

    /**
     * Viewers receive only: they may raise a hand, report, and negotiate connections to receive
     * media, but not chat or announce media of their own until a host promotes them.
     */
    private static void requireSender(Member member, String what) throws ProtocolException {
        if (member.participant().role() == Role.VIEWER) {
            throw new ProtocolException(
                    ErrorCode.FORBIDDEN, "viewers cannot " + what + ": a host can promote you to participant");
        }
    }

    /**
     * {@code to}, unless it is the sender: nobody negotiates a connection with itself, and a client that
     * never reads could otherwise fill its own queue with its own large messages.
     */
    private static String someoneElse(Member from, String to, String type) throws ProtocolException {
        if (from.id().equals(to)) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, type + " addressed to yourself; 'to' must be another participant");
        }
        return to;
    }

    /**
     * {@code to}, if the room is a mesh now: in an sfu room (and in an auto room once it moved) media go
     * through the media server, and a mesh message still in flight from before the move gets a clear
     * error instead of reaching a peer that has closed its links.
     */
    private static String meshOnly(Room room, String to, String type) throws ProtocolException {
        if (room.media() != MediaMode.MESH) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    type + " is for mesh rooms; this room's media go through the media server now (media \"sfu\"):"
                            + " use the sfu.* messages");
        }
        return to;
    }

    /** For hosts in the room. */
    private <M extends ClientMessage> void host(Class<M> type, MemberHandler<M> handler) {
        member(type, (room, member, message) -> {
            if (member.participant().role() != Role.HOST) {
                throw new ProtocolException(ErrorCode.FORBIDDEN, "only a host can do this");
            }
            handler.handle(room, member, message);
        });
    }

    @SuppressWarnings("unchecked")
    void handle(ClientSession session, ClientMessage message) throws ProtocolException {
        Handler<ClientMessage> handler = (Handler<ClientMessage>) handlers.get(message.getClass());
        if (handler == null) {
            throw new ProtocolException(
                    ErrorCode.UNKNOWN_TYPE, "this server cannot handle that message yet", message.id());
        }
        try {
            handler.handle(session, message);
        } catch (ProtocolException e) {
            throw e.requestId() == null ? e.withRequestId(message.id()) : e;
        }
    }

    /**
     * Relays an E2EE message without reading its payload: only the routing fields are checked.
     * {@code from}, when the sender wrote it, must be the sender; when it did not, the server puts it
     * first so every recipient knows who sent the message. The text is otherwise passed on byte for byte.
     */
    private void relayE2ee(Room room, Member from, ClientMessage.E2ee m) throws ProtocolException {
        if ("chat.e2ee".equals(m.type())) {
            requireSender(from, "chat");
        }
        if (m.from() != null && !m.from().equals(from.id())) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "'from' must be your own participant id");
        }
        if ("e2ee.hello".equals(m.type()) && !from.id().equals(stringOrNull(m, "participantId"))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "e2ee.hello must carry your own participantId");
        }
        if ("e2ee.roster".equals(m.type()) && !from.id().equals(stringOrNull(m, "leaderId"))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "e2ee.roster must carry your own id as leaderId");
        }
        String text = m.from() != null ? m.text() : withFrom(m.text(), from.id());
        room.relayE2ee(
                from,
                m.broadcast() ? null : someoneElse(from, m.to(), m.type()),
                new ServerMessage.E2ee(m.type(), from.id(), text));
    }

    private static String stringOrNull(ClientMessage.E2ee m, String field) {
        var e = m.body().get(field);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    /** The sender's text with {@code "from":id} inserted first; participant ids need no JSON escaping. */
    private static String withFrom(String text, String id) {
        int brace = text.indexOf('{');
        return "{\"from\":\"" + id + "\"," + text.substring(brace + 1);
    }

    private void join(ClientSession session, ClientMessage.Join join) throws ProtocolException {
        if (session.joined()) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "this connection has already joined a room");
        }
        if (!RoomNames.isValid(join.room())) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, RoomNames.RULE);
        }
        JoinTokenClaims claims = tokens.verify(join.token(), join.room());
        JoinDecision decision = events.joinRequest(new JoinRequest(join.room(), claims, session.address));
        if (decision instanceof JoinDecision.Deny deny) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, deny.reason());
        }
        // Cleaned here, whoever issued the token: no bidi overrides or invisible characters reach other screens.
        String name = DisplayNames.clean(claims.displayName());
        if (name == null) {
            name = DisplayNames.clean(claims.userId());
        }
        if (name == null) {
            name = "Guest";
        }
        Participant you = new Participant(newParticipantId(), claims.userId(), name, claims.role(), MediaState.NONE);
        Member member = new Member(you, session.connection, join.id(), claims.tokenId(), clock.instant());
        while (true) {
            Room room = rooms.open(join.room());
            try {
                room.enter(member, decision instanceof JoinDecision.WaitingRoom, join.passcode());
                entered(session, member, room);
                return;
            } catch (Room.EndedException e) {
                // The room ended between open and enter; the next open starts a fresh one.
            }
        }
    }

    private void resume(ClientSession session, ClientMessage.Resume resume) throws ProtocolException {
        if (session.joined()) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "this connection has already joined a room");
        }
        ResumeSecrets.Resumable found = resumes.take(resume.resume())
                .orElseThrow(() -> new ProtocolException(
                        ErrorCode.NOT_FOUND, "unknown or expired resume secret; join again with your token"));
        found.room().resume(found.member(), session.connection, resume.id());
        entered(session, found.member(), found.room());
        // The resumed member needs the feeds list as much as the joined one.
        sfu.admitted(found.room(), found.member());
    }

    private static void entered(ClientSession session, Member member, Room room) {
        session.member = member;
        session.room = room;
        if (session.joinDeadline != null) {
            session.joinDeadline.cancel(false);
        }
    }

    private void leave(ClientSession session, ClientMessage.Leave leave) {
        Member member = session.member;
        session.member = null;
        if (member != null) {
            session.room.leave(member, LeaveReason.LEFT);
        }
        session.connection.send(new ServerMessage.Left(leave.id(), LeaveReason.LEFT));
        session.connection.close(Connection.CLOSE_DONE, "left");
    }

    /**
     * The WebSocket closed. A client closing on purpose (1000 normal, 1001 going away, e.g. a closed
     * tab) leaves at once, and so does one closed for breaking the protocol (1007 invalid UTF-8,
     * 1008 abuse, 1009 too big), so that it cannot hold a seat; any other close is a drop, and the
     * member keeps its place for the grace period.
     */
    void disconnected(ClientSession session, int closeCode) {
        Member member = session.member;
        if (member != null) {
            session.room.disconnected(member, session.connection, !CloseCodes.leavesAtOnce(closeCode));
        }
    }

    private static String newParticipantId() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
