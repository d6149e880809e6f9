package dev.mosaic.server.lti;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nonces of logins under way, each usable once until it expires. Bounded twice: each client (an IPv4
 * address, or an IPv6 /64, which one host usually owns whole) keeps at most {@code perClient} logins
 * under way, and a client past that forgets its own oldest, so that one flooding {@code /lti/login}
 * pushes out only its own logins, never other people's. Beyond {@code capacity} in all, the oldest
 * login is forgotten rather than memory growing. Entries are kept in the order issued (which is also
 * expiry order), so expired ones are dropped from the front.
 */
final class NonceStore {
    static final int DEFAULT_CAPACITY = 20_000;
    /** Logins one client may have under way: a school behind one NAT address starting a lesson fits. */
    static final int DEFAULT_PER_CLIENT = 200;

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(Instant expiry, String client) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Each client's nonces, oldest first. */
    private final Map<String, ArrayDeque<String>> byClient = new HashMap<>();

    private final int capacity;
    private final int perClient;
    private final Duration ttl;
    private final Clock clock;

    NonceStore(int capacity, int perClient, Duration ttl, Clock clock) {
        this.capacity = capacity;
        this.perClient = perClient;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A fresh random nonce (128 bits) for a login started from {@code address}, remembered until used or expired. */
    synchronized String issue(String address) {
        dropExpired();
        String client = clientOf(address);
        ArrayDeque<String> own = byClient.computeIfAbsent(client, c -> new ArrayDeque<>());
        if (own.size() >= perClient) {
            forget(own.peekFirst());
        } else if (entries.size() >= capacity) {
            forget(entries.keySet().iterator().next());
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        entries.put(nonce, new Entry(clock.instant().plus(ttl), client));
        byClient.computeIfAbsent(client, c -> new ArrayDeque<>()).addLast(nonce);
        return nonce;
    }

    /** True the first time a live nonce is used; false if unknown, already used or expired. */
    synchronized boolean consume(String nonce) {
        Entry entry = entries.get(nonce);
        if (entry == null) {
            return false;
        }
        forget(nonce);
        return !clock.instant().isAfter(entry.expiry());
    }

    synchronized int size() {
        return entries.size();
    }

    private void forget(String nonce) {
        Entry entry = entries.remove(nonce);
        if (entry == null) {
            return;
        }
        ArrayDeque<String> own = byClient.get(entry.client());
        own.remove(nonce);
        if (own.isEmpty()) {
            byClient.remove(entry.client());
        }
    }

    private void dropExpired() {
        Instant now = clock.instant();
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Entry> oldest = it.next();
            if (!now.isAfter(oldest.getValue().expiry())) {
                return;
            }
            it.remove();
            ArrayDeque<String> own = byClient.get(oldest.getValue().client());
            own.remove(oldest.getKey());
            if (own.isEmpty()) {
                byClient.remove(oldest.getValue().client());
            }
        }
    }

    /** The address itself for IPv4; its /64 network for IPv6, since one host can use a whole /64. */
    static String clientOf(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = InetAddress.getByName(
                            address.startsWith("[") ? address.substring(1, address.length() - 1) : address)
                    .getAddress();
            if (bytes.length == 16) {
                return "v6:" + java.util.HexFormat.of().formatHex(bytes, 0, 8);
            }
        } catch (UnknownHostException e) {
            // not a literal address: use it as it is
        }
        return address;
    }
}
