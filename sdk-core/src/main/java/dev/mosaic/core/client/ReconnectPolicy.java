package dev.mosaic.core.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again after the connection dropped, and when to stop: the first attempt after
 * {@code firstDelay}, each next one {@code multiplier} times later, never more than {@code maxDelay} apart,
 * each delay moved at random by up to {@code jitter} (a fraction) so that clients dropped together do not
 * return together; after {@code giveUpAfter} the client leaves as {@code DISCONNECTED}.
 * <p>{@link #DEFAULT} is the one policy of every Mosaic client (the widget uses the same numbers), see
 * docs/java-client.md "Reconnect".
 */
public record ReconnectPolicy(
        Duration firstDelay, double multiplier, Duration maxDelay, double jitter, Duration giveUpAfter) {
    /**
     * 0.5 s, doubling, at most 5 s apart, ±20 %, for 2 minutes. The 5 s cap keeps attempts coming within the
     * server's resume grace period (20 s by default): a client whose network is back at second 16 still
     * resumes unseen, where a 30 s cap would wait past the grace period and come back as a new participant.
     */
    public static final ReconnectPolicy DEFAULT =
            new ReconnectPolicy(Duration.ofMillis(500), 2.0, Duration.ofSeconds(5), 0.2, Duration.ofMinutes(2));

    public ReconnectPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException(
                    "need 0 <= firstDelay <= maxDelay, got " + firstDelay + " and " + maxDelay);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be 1 or more, got " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be a fraction in [0, 1), got " + jitter);
        }
        if (giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("giveUpAfter must not be negative");
        }
    }

    /** This policy, but giving up after {@code duration}; {@link Duration#ZERO} never reconnects. */
    public ReconnectPolicy giveUpAfter(Duration duration) {
        return new ReconnectPolicy(firstDelay, multiplier, maxDelay, jitter, duration);
    }

    /** Whether to reconnect at all. */
    public boolean reconnects() {
        return !giveUpAfter.isZero();
    }

    /** The wait before attempt {@code attempt} (0 for the first), with random jitter. */
    public Duration delayBefore(int attempt) {
        return delayBefore(attempt, ThreadLocalRandom.current().nextDouble());
    }

    /** The wait before attempt {@code attempt}, with {@code random} in [0, 1) choosing the jitter: 0.5 is none. */
    Duration delayBefore(int attempt, double random) {
        double millis = firstDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt));
        millis = Math.min(millis, maxDelay.toMillis());
        millis *= 1 + jitter * (2 * random - 1);
        return Duration.ofMillis(Math.round(millis));
    }
}
