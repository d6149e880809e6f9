package dev.mosaic.core.protocol;

import com.google.gson.annotations.SerializedName;

/** What a participant may do in a room. */
public enum Role {
    /** Runs the meeting: may mute, remove, lock, admit and end. */
    @SerializedName("host")
    HOST,
    /** Sends and receives media and chat. */
    @SerializedName("participant")
    PARTICIPANT,
    /** Receives only. */
    @SerializedName("viewer")
    VIEWER
}
