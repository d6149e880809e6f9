package dev.mosaic.server.sfu;

import java.time.Duration;

/**
 * When to try a Janus that is down again: after 1 s, then twice as long each time it is still
 * unreachable, at most 30 s apart; a Janus that answers starts again from 1 s. Quick enough that a
 * restarted Janus takes rooms again within seconds, slow enough not to hammer one that stays away.
 */
final class RetryBackoff {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofSeconds(30);

    private final Duration first;
    private final Duration longest;
    private Duration next;

    RetryBackoff() {
        this(FIRST, LONGEST);
    }

    RetryBackoff(Duration first, Duration longest) {
        this.first = first;
        this.longest = longest;
        this.next = first;
    }

    /** The wait before the next try; each call doubles the one after, up to the longest. */
    synchronized Duration next() {
        Duration now = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(longest) > 0 ? longest : doubled;
        return now;
    }

    /** The Janus answered: the next failure starts the series again. */
    synchronized void reset() {
        next = first;
    }
}
