package dev.mosaic.core.e2ee;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the leader must start a new epoch (docs/e2ee.md, "Pieces": rotation timing): joins are batched for 1 s, a leave
 * rotates within 0.5 s (well inside the 2 s allowed, docs/e2ee.md "Departures" item 11, still batching simultaneous leaves),
 * a leader change rotates at once, and every epoch is replaced after 5 minutes. The leader polls
 * {@link #isDue()} from its timer; the clock is injectable.
 */
public final class RotationSchedule {
    public static final Duration JOIN_BATCH = Duration.ofSeconds(1);
    public static final Duration LEAVE_DELAY = Duration.ofMillis(500);
    public static final Duration PERIOD = Duration.ofMinutes(5);

    private final Clock clock;
    private Instant pending;
    private Instant periodic;

    public RotationSchedule(Clock clock) {
        this.clock = clock;
    }

    /** A member joined: rotate within 1 s, together with any other join in that second. */
    public synchronized void memberJoined() {
        request(JOIN_BATCH);
    }

    /** A member left: it still holds the current key, so rotate soon. */
    public synchronized void memberLeft() {
        request(LEAVE_DELAY);
    }

    /** This participant became leader: start its own epoch at once. */
    public synchronized void leaderChanged() {
        request(Duration.ZERO);
    }

    /** The leader started a new epoch: nothing is pending, the next periodic rotation is 5 minutes away. */
    public synchronized void epochStarted() {
        pending = null;
        periodic = clock.instant().plus(PERIOD);
    }

    /** When the next rotation is due, if any is scheduled. */
    public synchronized Optional<Instant> nextDue() {
        if (pending == null) {
            return Optional.ofNullable(periodic);
        }
        return Optional.of(periodic == null || pending.isBefore(periodic) ? pending : periodic);
    }

    public synchronized boolean isDue() {
        return nextDue().map(due -> !clock.instant().isBefore(due)).orElse(false);
    }

    private void request(Duration within) {
        Instant due = clock.instant().plus(within);
        if (pending == null || due.isBefore(pending)) {
            pending = due;
        }
    }
}
