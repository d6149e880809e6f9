package dev.mosaic.bench;

import dev.mosaic.core.e2ee.CodecPrefix;
import dev.mosaic.core.e2ee.MediaFrame;
import dev.mosaic.core.e2ee.MediaKeys;
import dev.mosaic.core.e2ee.SFrameKey;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Not a test: measures what WMX1 frame encryption costs in Java next to bare AES-256-GCM on the same
 * frame sizes (an Opus packet, a VP8 delta frame, a VP8 keyframe). Each round seals and opens one
 * frame; the bare round encrypts and decrypts it with a fresh nonce and no header or AAD.
 * Run with {@code ./mosaic bench e2ee}. Prints one line per size with microseconds per frame and the ratio.
 */
public final class E2eeFrameBenchmark {
    private static final int[] SIZES = {100, 1200, 20_000};
    private static final long WARMUP_NANOS = 2_000_000_000L;
    private static final long MEASURE_NANOS = 3_000_000_000L;

    private E2eeFrameBenchmark() {}

    public static void main(String[] args) throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] mk = new byte[32];
        random.nextBytes(mk);
        SFrameKey key = MediaKeys.frameKey(mk, 1, 1);
        byte[] rawKey = new byte[32];
        random.nextBytes(rawKey);
        SecretKeySpec aes = new SecretKeySpec(rawKey, "AES");
        System.out.printf(
                "Java %s, %d cores%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf("%8s %14s %14s %7s%n", "bytes", "WMX1 µs/frame", "AES-GCM µs", "ratio");
        for (int size : SIZES) {
            byte[] frame = new byte[size];
            random.nextBytes(frame);
            frame[0] |= 1; // a VP8 delta frame (keyframe bit clear would mean a 10-byte prefix)
            int prefix = size <= 100 ? CodecPrefix.OPUS : CodecPrefix.VP8_DELTA;
            run(() -> wmx1(key, prefix, frame), WARMUP_NANOS);
            double wmx1 = run(() -> wmx1(key, prefix, frame), MEASURE_NANOS);
            run(() -> bare(aes, frame, random), WARMUP_NANOS);
            double bare = run(() -> bare(aes, frame, random), MEASURE_NANOS);
            System.out.printf("%8d %14.2f %14.2f %7.2f%n", size, wmx1 / 1000, bare / 1000, wmx1 / bare);
        }
    }

    private interface Round {
        int run() throws Exception;
    }

    private static long ctr;

    /** Seals and opens one frame as the media worker does; returns a byte so the JIT keeps the work. */
    private static int wmx1(SFrameKey key, int prefix, byte[] frame) {
        byte[] sealed = MediaFrame.seal(key, ctr++, prefix, frame);
        return MediaFrame.open(kid -> key, prefix, sealed)[0];
    }

    private static int bare(SecretKeySpec aes, byte[] frame, SecureRandom random) throws Exception {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
        byte[] ct = c.doFinal(frame);
        Cipher d = Cipher.getInstance("AES/GCM/NoPadding");
        d.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
        return d.doFinal(ct)[0];
    }

    /** Runs rounds for {@code nanos}; returns nanoseconds per round. */
    private static double run(Round round, long nanos) throws Exception {
        long start = System.nanoTime();
        long rounds = 0;
        int sink = 0;
        while (System.nanoTime() - start < nanos) {
            for (int i = 0; i < 100; i++) {
                sink += round.run();
            }
            rounds += 100;
        }
        if (sink == 42) {
            System.out.print("");
        }
        return (System.nanoTime() - start) / (double) rounds;
    }
}
