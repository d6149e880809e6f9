package dev.mosaic.core.e2ee;

/**
 * How many leading bytes of an encoded frame stay in clear (docs/e2ee.md, "Departures", 4), so that RTP
 * packetizers and an SFU can still read what they need: the VP8 payload header (10 bytes on a
 * keyframe, 3 otherwise) and the Opus TOC byte.
 */
public final class CodecPrefix {
    public static final int VP8_KEYFRAME = 10;
    public static final int VP8_DELTA = 3;
    public static final int OPUS = 1;
    public static final int NONE = 0;

    private CodecPrefix() {}

    /**
     * The prefix for a frame of {@code kind} ("audio" or "video"; E2EE rooms force Opus and VP8).
     * For VP8 the keyframe flag is bit 0 of the first byte (0 = keyframe, RFC 6386 §9.1); it is in
     * clear, so sender and receiver compute the same length from the bytes they hold.
     */
    public static int length(String kind, byte[] frame) {
        if ("audio".equals(kind)) {
            return OPUS;
        }
        if ("video".equals(kind) && frame.length > 0) {
            return (frame[0] & 0x01) == 0 ? VP8_KEYFRAME : VP8_DELTA;
        }
        return NONE;
    }
}
