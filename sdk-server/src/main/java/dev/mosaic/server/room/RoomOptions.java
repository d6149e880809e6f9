package dev.mosaic.server.room;

import dev.mosaic.core.protocol.MediaMode;

/**
 * How a room behaves, fixed when it is created.
 *
 * @param e2ee        clients must encrypt media end to end (announced in {@code joined.e2ee})
 * @param capacity    most participants at once, hosts included; 0 for no limit
 * @param passcode    a passcode non-hosts must send in {@code join.passcode}; null for none
 * @param waitingRoom non-hosts wait until a host admits them
 * @param media       how media travels ({@code mesh}, {@code sfu} or {@code auto}); null for the server's default
 * @param sfuThreshold an {@code auto} room moves to the SFU when more than this many people are in it;
 *                    0 for the server's default (docs/sfu.md)
 */
public record RoomOptions(
        boolean e2ee, int capacity, String passcode, boolean waitingRoom, MediaMode media, int sfuThreshold) {
    /** Rooms started by a join without being created first. */
    public static final RoomOptions DEFAULT = new RoomOptions(false, 0, null, false);

    public static final int MAX_CAPACITY = 10_000;
    public static final int MAX_PASSCODE_CHARS = 64;
    /** The server's default {@code sfuThreshold}: the fifth person in an {@code auto} room moves it to the SFU. */
    public static final int DEFAULT_SFU_THRESHOLD = 4;
    /** A larger mesh does not hold (docs/sfu.md), so no threshold above this makes sense. */
    public static final int MAX_SFU_THRESHOLD = 50;

    public RoomOptions {
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "capacity must be 0 (no limit) to " + MAX_CAPACITY + ", got " + capacity);
        }
        if (passcode != null && (passcode.isEmpty() || passcode.length() > MAX_PASSCODE_CHARS)) {
            throw new IllegalArgumentException("passcode must be 1-" + MAX_PASSCODE_CHARS + " characters");
        }
        if (sfuThreshold < 0 || sfuThreshold > MAX_SFU_THRESHOLD) {
            throw new IllegalArgumentException("sfuThreshold must be 1-" + MAX_SFU_THRESHOLD
                    + " (0 for the server's default), got " + sfuThreshold);
        }
    }

    /** Options with the server's default threshold for {@code auto} rooms. */
    public RoomOptions(boolean e2ee, int capacity, String passcode, boolean waitingRoom, MediaMode media) {
        this(e2ee, capacity, passcode, waitingRoom, media, 0);
    }

    /** Options with the server's default media mode. */
    public RoomOptions(boolean e2ee, int capacity, String passcode, boolean waitingRoom) {
        this(e2ee, capacity, passcode, waitingRoom, null);
    }

    /** These options with {@code media} where they name none. */
    public RoomOptions withDefaultMedia(MediaMode media) {
        return this.media != null ? this : new RoomOptions(e2ee, capacity, passcode, waitingRoom, media, sfuThreshold);
    }

    /** These options with {@code threshold} where they name none. */
    public RoomOptions withDefaultSfuThreshold(int threshold) {
        return sfuThreshold != 0 ? this : new RoomOptions(e2ee, capacity, passcode, waitingRoom, media, threshold);
    }

    /** More than this many people in an {@code auto} room move it to the SFU. */
    public int sfuThresholdOrDefault() {
        return sfuThreshold != 0 ? sfuThreshold : DEFAULT_SFU_THRESHOLD;
    }

    /** The media mode; mesh when none was set. */
    public MediaMode mediaOrMesh() {
        return media != null ? media : MediaMode.MESH;
    }
}
