package dev.mosaic.core.protocol;

import com.google.gson.annotations.SerializedName;

/**
 * Why someone left the room or the waiting room: the {@code reason} of {@code left}, {@code participantLeft}
 * and {@code participantWaitingLeft}, of attendance records and of the {@code participant.left} webhook.
 * Clients switch on these; never rename one. A reason a newer server adds reads as null in this client.
 */
public enum LeaveReason {
    /** They asked to leave. */
    @SerializedName("left")
    LEFT,
    /** Their connection dropped and did not come back within the resume grace period, or they closed it. */
    @SerializedName("disconnected")
    DISCONNECTED,
    /** A host or the application removed them. */
    @SerializedName("removed")
    REMOVED,
    /** A host or the application ended the meeting. */
    @SerializedName("ended")
    ENDED,
    /** A host or the application turned them away from the waiting room. */
    @SerializedName("denied")
    DENIED,
    /** Waiting room only: a host or the application let them in. */
    @SerializedName("admitted")
    ADMITTED;

    /** The reason as it appears on the wire, e.g. {@code removed}. */
    public String wireName() {
        return WireNames.of(this);
    }
}
