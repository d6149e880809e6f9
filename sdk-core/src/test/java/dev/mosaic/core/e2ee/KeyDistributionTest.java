package dev.mosaic.core.e2ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyDistributionTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void activatesOnceEveryMemberAcked() {
        KeyDistribution d = new KeyDistribution(4, Set.of("bob", "carol"), clock);
        d.acknowledge("bob", 4);
        assertTrue(d.poll().isEmpty());
        d.acknowledge("carol", 3); // an ack for another epoch does not count
        assertTrue(d.poll().isEmpty());
        d.acknowledge("carol", 4);
        assertEquals(new KeyDistribution.Actions(true, List.of(), List.of()), d.poll());
        assertTrue(d.poll().isEmpty(), "activation is reported once");
    }

    @Test
    void activatesAfterTwoSecondsResendsOnceThenGivesUp() {
        KeyDistribution d = new KeyDistribution(4, Set.of("bob", "carol"), clock);
        d.acknowledge("bob", 4);
        clock.advance(Duration.ofMillis(1999));
        assertTrue(d.poll().isEmpty());
        clock.advance(Duration.ofMillis(1));
        assertEquals(new KeyDistribution.Actions(true, List.of("carol"), List.of()), d.poll());
        clock.advance(Duration.ofMillis(1999));
        assertTrue(d.poll().isEmpty());
        clock.advance(Duration.ofMillis(1));
        assertEquals(new KeyDistribution.Actions(false, List.of(), List.of("carol")), d.poll());
        assertTrue(d.poll().isEmpty());
    }

    @Test
    void aLateAckAfterTheResendKeepsTheMember() {
        KeyDistribution d = new KeyDistribution(4, Set.of("bob"), clock);
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of("bob"), d.poll().resend());
        d.acknowledge("bob", 4);
        clock.advance(Duration.ofSeconds(2));
        assertTrue(d.poll().isEmpty());
    }
}
