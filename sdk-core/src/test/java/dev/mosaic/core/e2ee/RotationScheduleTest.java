package dev.mosaic.core.e2ee;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RotationScheduleTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void rotationIsDueOnJoinBatchLeaveLeaderChangeAndEveryFiveMinutes() {
        RotationSchedule s = new RotationSchedule(clock);
        assertFalse(s.isDue());
        s.epochStarted();
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertFalse(s.isDue());
        clock.advance(Duration.ofMillis(1));
        assertTrue(s.isDue(), "every 5 minutes");

        s.epochStarted();
        s.memberJoined();
        clock.advance(Duration.ofMillis(600));
        s.memberJoined(); // joins within the same second share one rotation
        clock.advance(Duration.ofMillis(399));
        assertFalse(s.isDue());
        clock.advance(Duration.ofMillis(1));
        assertTrue(s.isDue());

        s.epochStarted();
        s.memberJoined();
        s.memberLeft(); // a leave brings the pending rotation forward
        clock.advance(RotationSchedule.LEAVE_DELAY);
        assertTrue(s.isDue());

        s.epochStarted();
        s.leaderChanged();
        assertTrue(s.isDue());
    }
}
