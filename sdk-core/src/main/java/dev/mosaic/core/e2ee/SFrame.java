package dev.mosaic.core.e2ee;

import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * RFC 9605 §4.4.3/§4.4.4 encryption: the output is {@code header ‖ ciphertext ‖ tag} with
 * AAD = header ‖ metadata. (WMX1 media frames rearrange this, see {@link MediaFrame}.)
 */
public final class SFrame {
    private SFrame() {}

    public static byte[] encrypt(SFrameKey key, long ctr, byte[] metadata, byte[] plaintext) {
        byte[] header = new SFrameHeader(key.kid(), ctr).encode();
        byte[] aad = concat(header, metadata);
        byte[] ct = key.aead().seal(key.nonce(ctr), aad, plaintext);
        return concat(header, ct);
    }

    /**
     * Decrypts with the key that {@code keys} returns for the frame's KID ({@code null} when none is
     * held, reported as {@link E2eeException.Reason#NO_KEY}).
     */
    public static byte[] decrypt(LongFunction<SFrameKey> keys, byte[] metadata, byte[] frame) {
        SFrameHeader.Decoded h = SFrameHeader.decode(frame);
        SFrameKey key = keys.apply(h.header().kid());
        if (key == null) {
            throw new E2eeException(
                    E2eeException.Reason.NO_KEY,
                    "no key for KID " + Long.toUnsignedString(h.header().kid()));
        }
        byte[] header = Arrays.copyOf(frame, h.length());
        byte[] ct = Arrays.copyOfRange(frame, h.length(), frame.length);
        return key.aead().open(key.nonce(h.header().ctr()), concat(header, metadata), ct);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
