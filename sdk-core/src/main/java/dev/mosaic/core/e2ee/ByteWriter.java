package dev.mosaic.core.e2ee;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Builds the byte strings that WMX1 hashes, signs and uses as HKDF info or AAD. All integers are
 * big-endian; {@code lp(x)} is a u16 length followed by the bytes (strings as UTF-8).
 */
public final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    /** Raw bytes of a fixed label such as {@code "WMX1 media"}, without a length. */
    public ByteWriter label(String ascii) {
        return bytes(ascii.getBytes(StandardCharsets.UTF_8));
    }

    public ByteWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public ByteWriter lp(String s) {
        return lp(s.getBytes(StandardCharsets.UTF_8));
    }

    public ByteWriter lp(byte[] b) {
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException("field longer than 65535 bytes cannot be length-prefixed");
        }
        u16(b.length);
        return bytes(b);
    }

    public ByteWriter u16(int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException("u16 out of range: " + v);
        }
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public ByteWriter u32(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("u32 out of range: " + v);
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    /** An unsigned 64-bit value; Java's long carries it bit for bit. */
    public ByteWriter u64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** SHA-256 of what was written. */
    public byte[] sha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
