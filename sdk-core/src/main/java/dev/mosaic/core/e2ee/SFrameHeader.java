package dev.mosaic.core.e2ee;

/**
 * The SFrame header of RFC 9605 §4.3: one config byte {@code X K(3) Y C(3)}, then the KID and CTR
 * bytes when they do not fit in 3 bits. Both values are unsigned 64-bit, carried in a long.
 *
 * @param kid key id
 * @param ctr frame counter
 */
public record SFrameHeader(long kid, long ctr) {
    /** The longest possible header: config byte + 8 KID bytes + 8 CTR bytes. */
    public static final int MAX_LENGTH = 17;

    /** A header read from bytes, with the number of bytes it took (encoders may not be minimal). */
    public record Decoded(SFrameHeader header, int length) {}

    /** The minimal encoding, as RFC 9605 requires of senders. */
    public byte[] encode() {
        int kidLen = valueLength(kid);
        int ctrLen = valueLength(ctr);
        byte[] out = new byte[1 + kidLen + ctrLen];
        int config = kidLen == 0 ? (int) kid << 4 : 0x80 | (kidLen - 1) << 4;
        config |= ctrLen == 0 ? (int) ctr : 0x08 | (ctrLen - 1);
        out[0] = (byte) config;
        writeBigEndian(kid, kidLen, out, 1);
        writeBigEndian(ctr, ctrLen, out, 1 + kidLen);
        return out;
    }

    /** Reads the header that starts at {@code offset} and must end before {@code limit}. */
    public static Decoded decode(byte[] data, int offset, int limit) {
        if (offset >= limit) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "empty SFrame header");
        }
        int config = data[offset] & 0xFF;
        int pos = offset + 1;
        long kid;
        if ((config & 0x80) == 0) {
            kid = (config >>> 4) & 0x07;
        } else {
            int n = ((config >>> 4) & 0x07) + 1;
            kid = readBigEndian(data, pos, n, limit);
            pos += n;
        }
        long ctr;
        if ((config & 0x08) == 0) {
            ctr = config & 0x07;
        } else {
            int n = (config & 0x07) + 1;
            ctr = readBigEndian(data, pos, n, limit);
            pos += n;
        }
        return new Decoded(new SFrameHeader(kid, ctr), pos - offset);
    }

    public static Decoded decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    /** 0 when the value fits the 3-bit field, otherwise its minimal byte count (1..8). */
    private static int valueLength(long v) {
        if (v >= 0 && v < 8) {
            return 0;
        }
        return Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 7) / 8);
    }

    private static void writeBigEndian(long v, int length, byte[] out, int offset) {
        for (int i = 0; i < length; i++) {
            out[offset + i] = (byte) (v >>> (8 * (length - 1 - i)));
        }
    }

    private static long readBigEndian(byte[] data, int offset, int length, int limit) {
        if (offset + length > limit) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "SFrame header truncated");
        }
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = v << 8 | (data[offset + i] & 0xFF);
        }
        return v;
    }

    @Override
    public String toString() {
        return "SFrameHeader[kid=" + Long.toUnsignedString(kid) + ", ctr=" + Long.toUnsignedString(ctr) + "]";
    }
}
