package dev.mosaic.core.protocol;

import com.google.gson.annotations.SerializedName;

/** One kind of media a host can turn off for someone else ({@code mute}). */
public enum MediaKind {
    @SerializedName("audio")
    AUDIO,
    @SerializedName("video")
    VIDEO,
    @SerializedName("screen")
    SCREEN;

    /** Whether {@code state} has this kind on. */
    public boolean isOn(MediaState state) {
        return switch (this) {
            case AUDIO -> state.audio();
            case VIDEO -> state.video();
            case SCREEN -> state.screen();
        };
    }

    /** {@code state} with this kind switched off. */
    public MediaState turnOff(MediaState state) {
        return switch (this) {
            case AUDIO -> new MediaState(false, state.video(), state.screen(), state.hand());
            case VIDEO -> new MediaState(state.audio(), false, state.screen(), state.hand());
            case SCREEN -> new MediaState(state.audio(), state.video(), false, state.hand());
        };
    }
}
