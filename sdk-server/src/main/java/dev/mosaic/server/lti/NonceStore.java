package dev.mosaic.server.lti;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nonces of logins under way, each usable once until it expires. Bounded: entries are kept in the
 * order issued (which is also expiry order), so expired ones are dropped from the front, and beyond
 * {@code capacity} the oldest login is forgotten rather than memory growing with a flood of logins.
 */
final class NonceStore {
    static final int DEFAULT_CAPACITY = 20_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Instant> expiries = new LinkedHashMap<>();
    private final int capacity;
    private final Duration ttl;
    private final Clock clock;

    NonceStore(int capacity, Duration ttl, Clock clock) {
        this.capacity = capacity;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A fresh random nonce (128 bits), remembered until used or expired. */
    synchronized String issue() {
        dropExpired();
        if (expiries.size() >= capacity) {
            Iterator<String> oldest = expiries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(nonce, clock.instant().plus(ttl));
        return nonce;
    }

    /** True the first time a live nonce is used; false if unknown, already used or expired. */
    synchronized boolean consume(String nonce) {
        Instant expiry = expiries.remove(nonce);
        return expiry != null && !clock.instant().isAfter(expiry);
    }

    synchronized int size() {
        return expiries.size();
    }

    private void dropExpired() {
        Instant now = clock.instant();
        Iterator<Map.Entry<String, Instant>> it = expiries.entrySet().iterator();
        while (it.hasNext() && now.isAfter(it.next().getValue())) {
            it.remove();
        }
    }
}
