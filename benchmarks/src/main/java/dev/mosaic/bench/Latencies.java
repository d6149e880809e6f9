package dev.mosaic.bench;

import java.util.Arrays;

/** Collects latency samples (nanoseconds, bounded count) and reports percentiles in milliseconds. */
public final class Latencies {
    private final long[] samples;
    private int count;
    private long dropped;

    public Latencies(int capacity) {
        this.samples = new long[capacity];
    }

    public synchronized void record(long nanos) {
        if (count < samples.length) {
            samples[count++] = nanos;
        } else {
            dropped++;
        }
    }

    public synchronized int count() {
        return count;
    }

    /** Percentile {@code p} (0-100) in milliseconds, NaN without samples. */
    public synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        // Nearest rank; the epsilon keeps 99.9 % of 1000 at rank 999 despite floating-point error.
        int rank = (int) Math.ceil(p / 100.0 * count - 1e-9) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }

    public synchronized long dropped() {
        return dropped;
    }
}
