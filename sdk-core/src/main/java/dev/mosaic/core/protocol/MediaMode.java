package dev.mosaic.core.protocol;

import com.google.gson.annotations.SerializedName;

/**
 * How a room's media travels: {@code mesh}, every pair of browsers connected directly (small meetings,
 * no media server), or {@code sfu}, every browser sending once to a Janus media server that forwards
 * to the others (classes of 50; docs/sfu.md).
 */
public enum MediaMode {
    @SerializedName("mesh")
    MESH,
    @SerializedName("sfu")
    SFU;

    /** The wire name. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The mode of a wire name ({@code mesh} or {@code sfu}); {@code IllegalArgumentException} otherwise. */
    public static MediaMode parse(String name) {
        for (MediaMode mode : values()) {
            if (mode.wireName().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("media must be mesh or sfu, got " + Quoted.of(name));
    }
}
