package dev.mosaic.core.client;

import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.ServerMessage;

/**
 * What a {@link MeetingClient} reports. Override only what you need. Callbacks run one at a time,
 * in arrival order, on the client's own event thread, so they may call the client's methods.
 */
public interface MeetingClientListener {
    /** You are in: {@code joined} says who you are and who else is here. */
    default void onJoined(ServerMessage.Joined joined) {}

    /** You must wait for a host to admit you; {@link #onJoined} follows if they do. */
    default void onWaiting() {}

    default void onParticipantJoined(Participant participant) {}

    /** Someone left the room ({@code LEFT}, {@code DISCONNECTED}, {@code REMOVED}, {@code ENDED}). */
    default void onParticipantLeft(Participant participant, LeaveReason reason) {}

    /** Someone's media or hand state changed (yours too, e.g. after a host muted you). */
    default void onParticipantUpdated(Participant participant) {}

    /** A chat message to the room, including your own as the server relayed it. */
    default void onChat(ServerMessage.Chat chat) {}

    /** Someone put their hand up. Also reported as {@link #onParticipantUpdated}. */
    default void onHandRaised(Participant participant) {}

    /** A host turned off your {@code kind} of media; {@code byParticipantId} is null when the application did (REST API). */
    default void onMuted(String byParticipantId, MediaKind kind) {}

    /**
     * End-to-end encryption: {@code participant}'s user showed up with another identity key than the
     * one pinned for them before (another device, a reinstall, or someone impersonating them). Ask
     * them, or compare security codes, before trusting what they send.
     */
    default void onIdentityKeyChanged(Participant participant) {}

    /**
     * A host lets you turn {@code kind} on although the room does not let participants unmute
     * ({@code allowed}), or took that back; {@code byParticipantId} is null when the application did.
     */
    default void onUnmuteAllowed(String byParticipantId, MediaKind kind, boolean allowed) {}

    /** The room's settings changed (locked, e2ee, waiting room, which kinds participants may not unmute). */
    default void onRoomUpdated(ServerMessage.RoomUpdated room) {}

    /**
     * How the room's media travel changed: an {@code auto} room moved from {@code MESH} to {@code SFU}
     * as it grew (after {@link #onRoomUpdated}; it never moves back). Nobody left: the participants,
     * their order and the E2EE session stay as they were.
     */
    default void onMediaModeChanged(MediaMode media) {}

    /** Hosts only: someone is in the waiting room. */
    default void onParticipantWaiting(Participant participant) {}

    /** Hosts only: someone is no longer waiting ({@code ADMITTED}, {@code DENIED}, {@code DISCONNECTED}). */
    default void onParticipantWaitingLeft(String participantId, LeaveReason reason) {}

    /** Hosts only: someone in the room reported {@code report.target()}. */
    default void onReported(ServerMessage.Reported report) {}

    /** A WebRTC signal ({@code offer}, {@code answer}, {@code candidate}) or {@code view.constraints} for you. */
    default void onSignal(ServerMessage signal) {}

    /** The server refused one of your messages; the meeting goes on. */
    default void onError(ErrorCode code, String message, String requestId) {}

    /**
     * End-to-end encrypted rooms: the security code of the key roster, 30 digits in six groups, to
     * compare with the other participants'. {@code changed} is true when it replaces an earlier code
     * (someone joined or left, or the leader changed): verify it again.
     */
    default void onSecurityCode(String code, boolean changed) {}

    /**
     * End-to-end encrypted rooms: a key-exchange message was refused ({@code reason}: {@code malformed},
     * {@code auth_failed}, {@code no_key}, {@code bad_signature}, {@code identity_changed}, {@code stale},
     * {@code roster_mismatch}). The meeting goes on; {@code identity_changed} means someone's key was swapped.
     * Warnings about the roster itself: {@code unannounced_member} (the roster lists someone the server
     * does not show: a hidden listener), {@code unannounced_leader} and {@code not_leader} (a roster
     * from someone the leader rule does not name was refused), {@code leader_stalled} (the leader did
     * not hand out the key in time and the next member takes over).
     */
    default void onE2eeError(String reason, String message) {}

    /**
     * End-to-end encrypted rooms: the members the security code covers, from the signed roster (not
     * from the server's participant list). Show them next to the code; a member with
     * {@code announced == false} is one the server does not show, so flag it.
     */
    default void onE2eeRoster(java.util.List<dev.mosaic.core.e2ee.RosterEntry> members) {}

    /**
     * End-to-end encrypted rooms: who keeps this client without a meeting key ({@code reason}
     * {@code hello}: an earlier member's hello is awaited; {@code key}: the leader has not delivered),
     * or {@code null, null} once nobody does.
     */
    default void onE2eeWaiting(String participantId, String reason) {}

    /** The connection dropped; the client is reconnecting. */
    default void onReconnecting() {}

    /**
     * Back after a drop. {@code seamless}: the session was resumed and the others saw nothing;
     * otherwise the grace period had passed and the client joined afresh (as a new participant).
     */
    default void onReconnected(ServerMessage.Joined joined, boolean seamless) {}

    /**
     * You are out of the meeting for good: {@code LEFT}, {@code ENDED}, {@code REMOVED}, {@code DENIED},
     * or {@code DISCONNECTED} when reconnecting failed.
     */
    default void onLeft(LeaveReason reason) {}
}
