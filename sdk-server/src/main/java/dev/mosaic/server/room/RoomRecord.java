package dev.mosaic.server.room;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a room keeps from one meeting to the next under its name: its options (E2EE, passcode, waiting
 * room, capacity), the tokens removed from it, and the reports and wrong passcodes each token has used
 * up. A meeting ends when its last person leaves, but the room does not: otherwise any still-valid token
 * could reopen it without its passcode or waiting room, and a removed participant's token would work
 * again. {@link InMemoryRooms} keeps the record while it matters (see {@link #worthKeeping}).
 * <p>Its own lock guards it, since two meetings of one room can overlap for a moment as one ends.
 */
final class RoomRecord {
    private final RoomOptions options;
    /** When a room created through the API is removed if nobody has entered it; null for one opened by a join. */
    private final Instant createdExpiresAt;

    private final Set<String> removedTokens = new HashSet<>();
    private final Map<String, Integer> reportsFiled = new HashMap<>();
    private final Map<String, Integer> wrongPasscodes = new HashMap<>();

    RoomRecord(RoomOptions options, Instant createdExpiresAt) {
        this.options = options;
        this.createdExpiresAt = createdExpiresAt;
    }

    RoomOptions options() {
        return options;
    }

    /** True for a room created through the API, whose options must outlive each meeting. */
    boolean created() {
        return createdExpiresAt != null;
    }

    Instant createdExpiresAt() {
        return createdExpiresAt;
    }

    /** A room opened by a join with default options matters only once someone has been removed from it. */
    synchronized boolean worthKeeping() {
        return created() || !removedTokens.isEmpty();
    }

    synchronized boolean isRemoved(String tokenKey) {
        return removedTokens.contains(tokenKey);
    }

    synchronized void remove(String tokenKey) {
        removedTokens.add(tokenKey);
    }

    /** Counts one more report by {@code tokenKey} and returns how many it has filed in this room. */
    synchronized int fileReport(String tokenKey) {
        return reportsFiled.merge(tokenKey, 1, Integer::sum);
    }

    synchronized int wrongPasscodes(String tokenKey) {
        return wrongPasscodes.getOrDefault(tokenKey, 0);
    }

    synchronized void wrongPasscode(String tokenKey) {
        wrongPasscodes.merge(tokenKey, 1, Integer::sum);
    }
}
