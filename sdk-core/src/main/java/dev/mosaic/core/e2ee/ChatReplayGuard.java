package dev.mosaic.core.e2ee;

import java.util.HashMap;
import java.util.Map;

/**
 * Rejects a chat message whose {@code seq} is not above the last one accepted from the same
 * sender: the server (or anyone relaying) cannot replay or reorder a member's messages.
 * A sender's seq counts up across epochs within a session.
 */
public final class ChatReplayGuard {
    private final Map<String, Long> lastSeq = new HashMap<>();

    /** Call after the message decrypted and verified; throws {@link E2eeException.Reason#STALE} for a replay. */
    public synchronized void accept(String from, long seq) {
        Long last = lastSeq.get(from);
        if (last != null && Long.compareUnsigned(seq, last) <= 0) {
            throw new E2eeException(
                    E2eeException.Reason.STALE,
                    "chat seq " + Long.toUnsignedString(seq) + " from " + from + " was already seen");
        }
        lastSeq.put(from, seq);
    }
}
