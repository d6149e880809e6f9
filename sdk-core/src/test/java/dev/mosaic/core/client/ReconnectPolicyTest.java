package dev.mosaic.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    private static final ReconnectPolicy P = ReconnectPolicy.DEFAULT;

    @Test
    void theDefaultStartsAtHalfASecondDoublesAndCapsAtFiveSeconds() {
        List<Long> middle = IntStream.range(0, 8)
                .mapToObj(n -> P.delayBefore(n, 0.5).toMillis())
                .toList();
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 5000L, 5000L, 5000L, 5000L), middle);
        assertEquals(Duration.ofMinutes(2), P.giveUpAfter());
    }

    @Test
    void jitterMovesEachDelayByAtMostTwentyPercent() {
        assertEquals(400, P.delayBefore(0, 0.0).toMillis());
        assertEquals(6000, P.delayBefore(30, 0.999999).toMillis(), 1);
        for (int attempt = 0; attempt < 40; attempt++) {
            long d = P.delayBefore(attempt).toMillis();
            assertTrue(d >= 400 && d <= 6000, "attempt " + attempt + ": " + d + " ms");
        }
        assertEquals(5000, P.delayBefore(Integer.MAX_VALUE, 0.5).toMillis(), "no overflow on long outages");
    }

    /** The server keeps a dropped participant's place for 20 s by default: attempts must keep landing in it. */
    @Test
    void attemptsKeepComingWithinTheDefaultResumeGracePeriod() {
        long at = 0;
        int within = 0;
        for (int attempt = 0; at < 20_000; attempt++) {
            at += P.delayBefore(attempt, 1.0 - 1e-9).toMillis(); // the longest jitter every time
            if (at <= 20_000) {
                within++;
            }
        }
        assertTrue(within >= 5, within + " attempts in the first 20 s");
        // After any moment in the grace period the next attempt comes within the cap plus jitter.
        assertTrue(P.maxDelay().toMillis() * (1 + P.jitter()) < 20_000 / 3.0);
    }

    @Test
    void zeroGiveUpTurnsReconnectingOffAndBadNumbersAreRefused() {
        assertFalse(P.giveUpAfter(Duration.ZERO).reconnects());
        assertTrue(P.reconnects());
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 0.2, Duration.ofMinutes(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReconnectPolicy(
                        Duration.ofSeconds(1), 0.5, Duration.ofSeconds(5), 0.2, Duration.ofMinutes(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(5), 1.0, Duration.ofMinutes(1)));
    }
}
