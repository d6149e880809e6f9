package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    @Test
    void doublesUpToThirtySecondsAndStartsAgainOnceTheJanusAnswers() {
        RetryBackoff backoff = new RetryBackoff();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waits.add(backoff.next().toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), waits);
        backoff.reset();
        assertEquals(Duration.ofSeconds(1), backoff.next());
    }
}
