package dev.mosaic.server.signaling;

import java.util.concurrent.ConcurrentHashMap;

/** Counts open connections per client address. */
final class AddressLimiter {
    private final int max;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    AddressLimiter(int max) {
        this.max = max;
    }

    /** Counts one more connection from {@code address}; false (and not counted) if it is at the limit. */
    boolean tryOpen(String address) {
        boolean[] ok = {false};
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= max) {
                return n;
            }
            ok[0] = true;
            return count + 1;
        });
        return ok[0];
    }

    void closed(String address) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
}
