package dev.mosaic.core.protocol;

import com.google.gson.annotations.SerializedName;

/**
 * What a host (or the application, through the REST API) did to a room: the {@code action} of the
 * {@code host.action} webhook and of {@code MeetingListener.onHostAction}. Never rename one.
 */
public enum HostAction {
    @SerializedName("mute")
    MUTE,
    @SerializedName("muteAll")
    MUTE_ALL,
    /** The room, or one participant, may turn a kind of media on again. */
    @SerializedName("allowUnmute")
    ALLOW_UNMUTE,
    /** The room, or one participant, may no longer turn a kind of media on. */
    @SerializedName("disallowUnmute")
    DISALLOW_UNMUTE,
    @SerializedName("remove")
    REMOVE,
    @SerializedName("promote")
    PROMOTE,
    @SerializedName("lock")
    LOCK,
    @SerializedName("unlock")
    UNLOCK,
    @SerializedName("admit")
    ADMIT,
    @SerializedName("deny")
    DENY,
    @SerializedName("end")
    END;

    /** The action as it appears on the wire, e.g. {@code muteAll}. */
    public String wireName() {
        return WireNames.of(this);
    }
}
