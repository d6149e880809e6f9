package dev.mosaic.server.room;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps each participant session's current resume secret to that session. A secret is good for one
 * resume: resuming hands out a new one, and leaving forgets it.
 */
public final class ResumeSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session that may be resumed, and its room. */
    public record Resumable(Member member, Room room) {}

    private final ConcurrentHashMap<String, Resumable> bySecret = new ConcurrentHashMap<>();

    String issue(Member member, Room room) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        bySecret.put(secret, new Resumable(member, room));
        return secret;
    }

    /** Removes and returns the session for {@code secret}, if any. */
    public Optional<Resumable> take(String secret) {
        return secret == null ? Optional.empty() : Optional.ofNullable(bySecret.remove(secret));
    }

    void forget(String secret) {
        if (secret != null) {
            bySecret.remove(secret);
        }
    }

    int size() {
        return bySecret.size();
    }
}
