package dev.mosaic.core.e2ee;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The leader's view of one epoch's key distribution (docs/e2ee.md, "Pieces": key distribution): after sending the roster
 * and the wrapped keys it activates once every member acked, or after 2 s; a member that has not
 * acked by then is sent its key once more and, if it still does not ack within another 2 s, is
 * reported gone. The leader never waits for it.
 */
public final class KeyDistribution {
    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);

    /** What the leader should do now; each action is reported once. */
    public record Actions(boolean activate, List<String> resend, List<String> gone) {
        public boolean isEmpty() {
            return !activate && resend.isEmpty() && gone.isEmpty();
        }
    }

    private final long epoch;
    private final Clock clock;
    private final Instant started;
    private final Set<String> waiting;
    private final Set<String> resent = new LinkedHashSet<>();
    private Instant resentAt;
    private boolean activated;

    /** @param members everyone who was sent a key for {@code epoch} (not the leader itself) */
    public KeyDistribution(long epoch, Set<String> members, Clock clock) {
        this.epoch = epoch;
        this.clock = clock;
        this.started = clock.instant();
        this.waiting = new LinkedHashSet<>(members);
    }

    public long epoch() {
        return epoch;
    }

    /** Records an {@code e2ee.ack}; acks for other epochs or from unknown members are ignored. */
    public synchronized void acknowledge(String from, long ackedEpoch) {
        if (ackedEpoch == epoch) {
            waiting.remove(from);
        }
    }

    /** Call on every ack and from the leader's timer. */
    public synchronized Actions poll() {
        Instant now = clock.instant();
        boolean activate = false;
        List<String> resend = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        boolean timedOut = !now.isBefore(started.plus(ACK_TIMEOUT));
        if (!activated && (waiting.isEmpty() || timedOut)) {
            activated = true;
            activate = true;
        }
        if (timedOut && resentAt == null && !waiting.isEmpty()) {
            resentAt = now;
            resend.addAll(waiting);
            resent.addAll(waiting);
        }
        if (resentAt != null && !now.isBefore(resentAt.plus(ACK_TIMEOUT))) {
            for (String id : resent) {
                if (waiting.remove(id)) {
                    gone.add(id);
                }
            }
        }
        return new Actions(activate, List.copyOf(resend), List.copyOf(gone));
    }
}
