package dev.mosaic.server.events;

import dev.mosaic.core.protocol.HostAction;
import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.Participant;
import java.time.Instant;

/**
 * Hooks for the host application. Override only what you need; every method has a default.
 * <p>{@link #onJoinRequest} runs on the connection's thread before the join goes on, so keep it quick.
 * The other methods run one at a time, in the order things happened, on one Mosaic event thread: a
 * slow listener delays later callbacks but never the meeting itself. Exceptions are logged and ignored.
 */
public interface MeetingListener {

    /** Decide whether a person with a valid token may enter. Default: allow. */
    default JoinDecision onJoinRequest(JoinRequest request) {
        return JoinDecision.allow();
    }

    /** The first participant entered {@code room}. */
    default void onRoomStarted(String room, Instant startedAt) {}

    /**
     * The room ended (last person left, or a host or the application ended it), with who attended when.
     * Only rooms that started end this way: a created room that expires unused reports nothing.
     */
    default void onRoomEnded(String room, Attendance attendance) {}

    /** Someone entered (after the waiting room, if any). */
    default void onParticipantJoined(String room, Participant participant) {}

    /** Someone left; {@code reason} is {@code LEFT}, {@code DISCONNECTED}, {@code REMOVED} or {@code ENDED}. */
    default void onParticipantLeft(String room, Participant participant, LeaveReason reason) {}

    /** Someone's media or hand state changed. */
    default void onParticipantUpdated(String room, Participant participant) {}

    /** Someone put their hand up. Also reported as {@link #onParticipantUpdated}. */
    default void onHandRaised(String room, Participant participant) {}

    /** A chat message was sent to the room. */
    default void onChat(String room, Participant from, String text, Instant sentAt) {}

    /**
     * A host acted ({@link HostAction}: mute, mute all, allow or disallow unmuting, remove, promote, lock,
     * unlock, admit, deny, end); {@code targetId} is
     * the participant acted on, or null. {@code host} is null when your application itself acted through
     * the REST API (docs/rest.md, "Moderation"): the application is no participant.
     */
    default void onHostAction(String room, Participant host, HostAction action, String targetId) {}

    /** Someone reported a participant (see {@link Report}); the reported person is not told. */
    default void onReport(Report report) {}

    /**
     * A learning platform launched Mosaic (LTI 1.3, docs/lti.md): which course link opened which room
     * for whom, before they join. Record it to report attendance per course: {@link #onRoomEnded} and
     * the attendance API name the same room. The join itself still goes through {@link #onJoinRequest}.
     */
    default void onLtiLaunch(LtiLaunch launch) {}
}
