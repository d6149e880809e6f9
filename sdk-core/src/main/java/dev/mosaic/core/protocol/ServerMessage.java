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
            Map.entry("error", Error.class));

    /**
     * Answer to {@code join}: who you are, who else is here, and how to reach them.
     * {@code id} echoes the join request.
     */
    record Joined(String id, String room, Participant you, List<Participant> participants,
                  List<IceServer> iceServers) implements ServerMessage {}

    /** Someone entered the room. */
    record ParticipantJoined(Participant participant) implements ServerMessage {}

    /** Someone left the room; {@code reason} is {@code left}, {@code disconnected} or {@code removed}. */
    record ParticipantLeft(String participantId, String reason) implements ServerMessage {}

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

    /** You have left the room; the server closes the connection after this. */
    record Left(String id, String reason) implements ServerMessage {}

    /** A request failed; {@code id} echoes the request when it had one. */
    record Error(ErrorCode code, String message, String id) implements ServerMessage {}
}
