package dev.mosaic.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a condition in tests: polled, never a fixed sleep, failing with what was awaited. */
public final class Waits {
    private Waits() {}

    /** Returns once {@code condition} holds; fails after {@code limit}, naming {@code what}. */
    public static void waitFor(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(250);
        }
    }
}
