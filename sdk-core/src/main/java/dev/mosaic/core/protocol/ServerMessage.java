package dev.mosaic.core.protocol;

import java.util.List;
import java.util.Map;

/** Messages the server sends to a participant. */
public sealed interface ServerMessage {

    /** The wire {@code type} of each message. */
    Map<String, Class<? extends ServerMessage>> TYPES = Map.ofEntries(
            Map.entry("joined", Joined.class),
            Map.entry("participantJoined", ParticipantJoined.class),
            Map.entry("participantLeft", ParticipantLeft.class),
            Map.entry("participantUpdated", ParticipantUpdated.class),
            Map.entry("offer", Offer.class),
            Map.entry("answer", Answer.class),
            Map.entry("candidate", Candidate.class),
            Map.entry("chat", Chat.class),
            Map.entry("view.constraints", ViewConstraints.class),
            Map.entry("left", Left.class),
            Map.entry("error", Error.class),
            Map.entry("waiting", Waiting.class),
            Map.entry("participantWaiting", ParticipantWaiting.class),
            Map.entry("participantWaitingLeft", ParticipantWaitingLeft.class),
            Map.entry("muted", Muted.class),
            Map.entry("roomUpdated", RoomUpdated.class),
            Map.entry("unmuteAllowed", UnmuteAllowed.class),
            Map.entry("reported", Reported.class),
            Map.entry("sfu.published", SfuPublished.class),
            Map.entry("sfu.feeds", SfuFeeds.class),
            Map.entry("sfu.offer", SfuOffer.class),
            Map.entry("sfu.restart", SfuRestart.class));

    /**
     * Answer to {@code join} (and to {@code resume}): who you are, who else is here, and how to reach
     * them. {@code id} echoes the request. {@code resume} is a secret for this participant session:
     * after a dropped connection, send it in {@code resume} on a new one within the grace period.
     * {@code e2ee} says whether the room requires end-to-end encryption; {@code locked} whether it
     * refuses new joins. {@code sessionId} names this instance of the room (random, new each time the
     * room starts), which end-to-end encryption binds its keys to; {@code e2eeLeader} is the participant
     * who hands out meeting keys (absent until someone has sent {@code e2ee.hello}). {@code media} is
     * {@code mesh} (negotiate with each peer through {@code offer}/{@code answer}/{@code candidate}) or
     * {@code sfu} (never send mesh signals: publish and subscribe with the {@code sfu.*} messages).
     */
    record Joined(
            String id,
            String room,
            Participant you,
            List<Participant> participants,
            List<IceServer> iceServers,
            String resume,
            boolean e2ee,
            boolean locked,
            String sessionId,
            String e2eeLeader,
            String iceTransportPolicy,
            List<MediaKind> unmuteLocked,
            MediaMode media)
            implements ServerMessage {}

    /** Someone entered the room. */
    record ParticipantJoined(Participant participant) implements ServerMessage {}

    /**
     * Someone left the room; {@code reason} is {@code left}, {@code disconnected}, {@code removed}
     * or {@code ended}.
     */
    record ParticipantLeft(String participantId, LeaveReason reason) implements ServerMessage {}

    /** Someone's media or hand state changed. */
    record ParticipantUpdated(Participant participant) implements ServerMessage {}

    /** An offer relayed from participant {@code from}. */
    record Offer(String from, String sdp) implements ServerMessage {}

    /** An answer relayed from participant {@code from}. */
    record Answer(String from, String sdp) implements ServerMessage {}

    /** An ICE candidate relayed from participant {@code from}. */
    record Candidate(String from, IceCandidate candidate) implements ServerMessage {}

    /** A chat message from participant {@code from} (display name {@code name}), sent at {@code sentAt} (epoch ms). */
    record Chat(String from, String name, String text, long sentAt) implements ServerMessage {}

    /** Participant {@code from} shows your video at most {@code maxHeight} pixels high; scale your stream to them. */
    record ViewConstraints(String from, int maxHeight, int maxFps, boolean active) implements ServerMessage {}

    /**
     * You have left the room; the server closes the connection after this. {@code reason} is
     * {@code left} (you asked), {@code ended} (a host or the application ended the meeting),
     * {@code removed} (a host removed you) or {@code denied} (a host turned you away from the waiting room).
     */
    record Left(String id, LeaveReason reason) implements ServerMessage {}

    /** A request failed; {@code id} echoes the request when it had one. */
    record Error(ErrorCode code, String message, String id) implements ServerMessage {}

    /** Answer to {@code join} when you must wait for a host to admit you; {@code joined} follows if they do. */
    record Waiting(String id) implements ServerMessage {}

    /** To hosts: {@code participant} is in the waiting room; answer with {@code admit} or {@code deny}. */
    record ParticipantWaiting(Participant participant) implements ServerMessage {}

    /**
     * To hosts: {@code participantId} is no longer waiting; {@code reason} is {@code admitted},
     * {@code denied} or {@code disconnected}.
     */
    record ParticipantWaitingLeft(String participantId, LeaveReason reason) implements ServerMessage {}

    /** Host {@code by} turned off your {@code kind} of media; stop sending it. */
    record Muted(String by, MediaKind kind) implements ServerMessage {}

    /**
     * The room's settings changed, e.g. a host locked it, or its key leader changed: {@code e2eeLeader}
     * is the earliest-joined participant still present that has sent {@code e2ee.hello}.
     */
    record RoomUpdated(
            boolean locked,
            boolean e2ee,
            boolean waitingRoom,
            String e2eeLeader,
            List<MediaKind> unmuteLocked,
            MediaMode media)
            implements ServerMessage {}

    /**
     * To one participant: a host lets them turn {@code kind} on although the room does not let
     * participants unmute themselves ({@code allowed}), or takes that back. {@code by} is absent when
     * the application acted.
     */
    record UnmuteAllowed(String by, MediaKind kind, boolean allowed) implements ServerMessage {}

    /**
     * An end-to-end encryption message relayed from participant {@code from}: {@code text} is the JSON
     * exactly as the sender wrote it, with {@code "from"} put first when the sender left it out. The
     * server does not read the payload; clients give the text to their E2EE session.
     */
    record E2ee(String type, String from, String text) implements ServerMessage {
        @Override
        public String toString() {
            return "E2ee[type=" + type + ", from=" + from + ", " + text.length() + " chars]";
        }
    }

    /**
     * To hosts (never to the reported person): {@code by} reported {@code target} for {@code reason}
     * at {@code reportedAt} (epoch ms, server time).
     */
    record Reported(Participant by, Participant target, String reason, long reportedAt) implements ServerMessage {}

    /** SFU rooms: the media server's answer to your {@code sfu.publish} of {@code source}. */
    record SfuPublished(String id, String source, String sdp) implements ServerMessage {}

    /**
     * SFU rooms: every feed published in the room now (yours included), after you join and on every
     * change. Ask for the ones you want with {@code sfu.subscribe}.
     */
    record SfuFeeds(List<SfuFeed> feeds) implements ServerMessage {}

    /**
     * SFU rooms: an offer for your receiving connection (recvonly, one connection for every feed);
     * answer with {@code sfu.answer}. {@code tracks} says whose media each {@code mid} carries.
     */
    record SfuOffer(String sdp, List<SfuTrack> tracks) implements ServerMessage {}

    /**
     * SFU rooms: the room's media server stopped and the room was made again on another one. Every
     * connection to the old one is gone: close your publisher and subscriber connections, forget the
     * feed list (a new {@code sfu.feeds} comes as people publish again), publish again and subscribe
     * again. {@code reason} is for people, not for programs.
     */
    record SfuRestart(String reason) implements ServerMessage {}
}
