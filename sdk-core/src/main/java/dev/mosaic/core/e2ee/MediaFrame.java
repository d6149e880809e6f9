package dev.mosaic.core.e2ee;

import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * The WMX1 media frame (docs/e2ee.md, "Pieces": WMX1 media frame):
 * {@code prefix(P) ‖ AES-GCM ciphertext ‖ tag(16) ‖ SFrame header(H) ‖ H(1 byte)} with
 * AAD = prefix ‖ header and nonce = sframe_salt XOR CTR. The header sits at the end so the codec
 * prefix stays at offset 0 where the packetizer looks for it.
 */
public final class MediaFrame {
    private MediaFrame() {}

    /** Encrypts {@code frame}, keeping its first {@code prefixLength} bytes (or all of a shorter frame) in clear. */
    public static byte[] seal(SFrameKey key, long ctr, int prefixLength, byte[] frame) {
        int p = Math.min(prefixLength, frame.length);
        byte[] prefix = Arrays.copyOf(frame, p);
        byte[] header = new SFrameHeader(key.kid(), ctr).encode();
        byte[] ct = key.aead()
                .seal(key.nonce(ctr), SFrame.concat(prefix, header), Arrays.copyOfRange(frame, p, frame.length));
        byte[] out = new byte[p + ct.length + header.length + 1];
        System.arraycopy(prefix, 0, out, 0, p);
        System.arraycopy(ct, 0, out, p, ct.length);
        System.arraycopy(header, 0, out, p + ct.length, header.length);
        out[out.length - 1] = (byte) header.length;
        return out;
    }

    /** The (KID, CTR) at the end of a sealed frame, to pick the key before decrypting. */
    public static SFrameHeader header(byte[] sealed) {
        return locateHeader(sealed).header();
    }

    /**
     * Decrypts a sealed frame to {@code prefix ‖ plaintext}. {@code prefixLength} is what
     * {@link CodecPrefix} says for the sealed bytes; a frame too short for it had its whole
     * payload in the prefix.
     */
    public static byte[] open(LongFunction<SFrameKey> keys, int prefixLength, byte[] sealed) {
        SFrameHeader.Decoded h = locateHeader(sealed);
        SFrameKey key = keys.apply(h.header().kid());
        if (key == null) {
            throw new E2eeException(
                    E2eeException.Reason.NO_KEY,
                    "no key for KID " + Long.toUnsignedString(h.header().kid()));
        }
        int tag = key.suite().tagLength();
        int body = sealed.length - 1 - h.length();
        if (body < tag) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "media frame shorter than its tag");
        }
        int p = Math.min(prefixLength, body - tag);
        byte[] prefix = Arrays.copyOf(sealed, p);
        byte[] header = Arrays.copyOfRange(sealed, body, body + h.length());
        byte[] pt = key.aead()
                .open(key.nonce(h.header().ctr()), SFrame.concat(prefix, header), Arrays.copyOfRange(sealed, p, body));
        return SFrame.concat(prefix, pt);
    }

    private static SFrameHeader.Decoded locateHeader(byte[] sealed) {
        if (sealed.length < 2) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "media frame too short");
        }
        int h = sealed[sealed.length - 1] & 0xFF;
        if (h < 1 || h > SFrameHeader.MAX_LENGTH || h > sealed.length - 1) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "media frame has an impossible header length " + h);
        }
        int start = sealed.length - 1 - h;
        SFrameHeader.Decoded d = SFrameHeader.decode(sealed, start, sealed.length - 1);
        if (d.length() != h) {
            throw new E2eeException(
                    E2eeException.Reason.MALFORMED, "media frame header length byte does not match the header");
        }
        return d;
    }
}
