package dev.mosaic.core.protocol;

/** What a participant is sending, as shown on their tile. */
public record MediaState(boolean audio, boolean video, boolean screen, boolean hand) {
    public static final MediaState NONE = new MediaState(false, false, false, false);
}
