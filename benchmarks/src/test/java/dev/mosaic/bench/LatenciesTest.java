package dev.mosaic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void percentilesUseNearestRankInMilliseconds() {
        Latencies l = new Latencies(1000);
        for (int ms = 1000; ms >= 1; ms--) {
            l.record(ms * 1_000_000L);
        }
        assertEquals(500.0, l.percentileMillis(50));
        assertEquals(990.0, l.percentileMillis(99));
        assertEquals(999.0, l.percentileMillis(99.9));
        assertEquals(1000.0, l.percentileMillis(100));
    }

    @Test
    void samplesBeyondCapacityAreCountedAsDroppedNotStored() {
        Latencies l = new Latencies(2);
        l.record(1);
        l.record(2);
        l.record(3);
        assertEquals(2, l.count());
        assertEquals(1, l.dropped());
        assertTrue(Double.isNaN(new Latencies(1).percentileMillis(50)));
    }
}
