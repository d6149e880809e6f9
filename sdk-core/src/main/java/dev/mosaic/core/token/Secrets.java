package dev.mosaic.core.token;

import java.util.HashMap;
import java.util.Map;

/**
 * The checks every shared secret of Mosaic passes (the app secret, the webhook secret), wherever it is
 * read, so that one that would fail in one place fails at start, with a message, in all of them.
 */
public final class Secrets {
    /** HS256 and HMAC-SHA256 need at least 256 bits. */
    public static final int MIN_BYTES = 32;
    /** Fewer different characters than this is a pattern, not a random value. */
    static final int MIN_DISTINCT = 8;
    /**
     * The least a secret's character counts may promise, in bits (length times the Shannon entropy of its
     * characters). Random values pass with room to spare (32 hex digits, 128 bits, score about 115; 48
     * random bytes in Base64 about 300); {@code "a" x 32} scores 0 and {@code "abcd" x 8} scores 64. A
     * sanity check against placeholders and typed patterns, not a measure of real randomness.
     */
    static final double MIN_ESTIMATED_BITS = 80;

    private Secrets() {}

    /**
     * For a secret given as text (an environment variable, a configuration value): throws
     * {@link IllegalArgumentException}, naming {@code what}, if it starts or ends with white space (a
     * newline copied from a file would otherwise sign tokens but never match an {@code Authorization}
     * header), then as {@link #requireUsable}. Returns its UTF-8 bytes.
     */
    public static byte[] requireUsableText(String what, String secret) {
        byte[] bytes = secret == null ? null : secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        requireNoSurroundingSpace(what, bytes);
        requireUsable(what, bytes);
        return bytes;
    }

    /**
     * Throws {@link IllegalArgumentException}, naming {@code what}, if {@code secret} is shorter than
     * {@value #MIN_BYTES} bytes or looks guessable. Random bytes always pass.
     */
    public static void requireUsable(String what, byte[] secret) {
        if (secret == null || secret.length < MIN_BYTES) {
            throw new IllegalArgumentException(what + " must be at least " + MIN_BYTES
                    + " bytes (256 bits); generate one with: openssl rand -base64 48");
        }
        Map<Byte, Integer> counts = new HashMap<>();
        for (byte b : secret) {
            counts.merge(b, 1, Integer::sum);
        }
        double bits = 0;
        for (int count : counts.values()) {
            double p = (double) count / secret.length;
            bits -= count * (Math.log(p) / Math.log(2));
        }
        if (counts.size() < MIN_DISTINCT || bits < MIN_ESTIMATED_BITS) {
            throw new IllegalArgumentException(
                    what + " looks guessable (" + counts.size() + " different characters, about " + Math.round(bits)
                            + " bits); generate a random one with: openssl rand -base64 48");
        }
    }

    /**
     * Only the white-space check of {@link #requireUsableText}, also for secrets whose length and form
     * another system dictates (the TURN server's shared secret).
     */
    public static void requireNoSurroundingSpace(String what, byte[] secret) {
        if (secret != null && secret.length > 0 && (isSpace(secret[0]) || isSpace(secret[secret.length - 1]))) {
            throw new IllegalArgumentException(what + " starts or ends with white space (a newline from a file?); "
                    + "remove it, e.g. MOSAIC_SECRET=\"$(tr -d '\\n' < secret-file)\"");
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0b;
    }
}
