package dev.mosaic.core.e2ee;

/**
 * The WMX1 media and chat keys derived from one epoch's meeting key MK (docs/e2ee.md, "Pieces": media keys).
 * Each sender gets its own base key, as RFC 9605 §4.4.1 asks, so (KID, CTR) pairs never collide.
 */
public final class MediaKeys {
    /** WMX1 media uses AES-256-GCM. */
    public static final CipherSuite SUITE = CipherSuite.AES_256_GCM_SHA512_128;
    /** Length of MK, base keys and the chat key. */
    public static final int KEY_LENGTH = 32;
    /** The KID keeps the low 4 bits of the epoch: 16 epochs can be told apart. */
    public static final int EPOCH_BITS = 4;

    private static final byte[] NO_SALT = new byte[0];

    private MediaKeys() {}

    /** base_key(e, s) = HKDF(MK_e, ∅, "WMX1 media" ‖ u32(e) ‖ u16(s), 32). */
    public static byte[] baseKey(byte[] mk, long epoch, int senderIndex) {
        requireMk(mk);
        byte[] info =
                new ByteWriter().label("WMX1 media").u32(epoch).u16(senderIndex).toByteArray();
        return Hkdf.sha256(mk, NO_SALT, info, KEY_LENGTH);
    }

    /** KID(e, s) = (s << 4) | (e & 0xF). */
    public static long kid(long epoch, int senderIndex) {
        if (senderIndex < 0 || senderIndex > 0xFFFF) {
            throw new IllegalArgumentException("senderIndex is a u16: " + senderIndex);
        }
        return ((long) senderIndex << EPOCH_BITS) | (epoch & 0xF);
    }

    public static int senderIndexOf(long kid) {
        return (int) (kid >>> EPOCH_BITS);
    }

    public static int epochBitsOf(long kid) {
        return (int) (kid & 0xF);
    }

    /** The SFrame key and salt one sender uses in one epoch. */
    public static SFrameKey frameKey(byte[] mk, long epoch, int senderIndex) {
        return SFrameKey.derive(SUITE, kid(epoch, senderIndex), baseKey(mk, epoch, senderIndex));
    }

    /** chat_key(e) = HKDF(MK_e, ∅, "WMX1 chat" ‖ u32(e), 32). */
    public static byte[] chatKey(byte[] mk, long epoch) {
        requireMk(mk);
        return Hkdf.sha256(
                mk, NO_SALT, new ByteWriter().label("WMX1 chat").u32(epoch).toByteArray(), KEY_LENGTH);
    }

    static void requireMk(byte[] mk) {
        if (mk == null || mk.length != KEY_LENGTH) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "a meeting key is 32 bytes");
        }
    }
}
