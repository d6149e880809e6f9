package dev.mosaic.core.protocol;

import com.google.gson.annotations.SerializedName;

/**
 * How a room's media travels: {@code mesh}, every pair of browsers connected directly (small meetings,
 * no media server), or {@code sfu}, every browser sending once to a Janus media server that forwards
 * to the others (classes of 50; docs/sfu.md), or {@code auto}, a mesh that moves, live and for good, to
 * the SFU when it grows past a threshold. {@code auto} is a room's setting only: {@code joined.media} and
 * {@code roomUpdated.media} always say how media travel now, {@code mesh} or {@code sfu}.
 */
public enum MediaMode {
    @SerializedName("mesh")
    MESH,
    @SerializedName("sfu")
    SFU,
    @SerializedName("auto")
    AUTO;

    /** The wire name. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The mode of a wire name ({@code mesh}, {@code sfu} or {@code auto}); {@code IllegalArgumentException} otherwise. */
    public static MediaMode parse(String name) {
        for (MediaMode mode : values()) {
            if (mode.wireName().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("media must be mesh, sfu or auto, got " + Quoted.of(name));
    }
}
