package dev.mosaic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatsTest {
    private final long self = ProcessHandle.current().pid();

    @Test
    void readsThisProcessResidentMemoryAndCpuTime() {
        assertTrue(ProcStats.rssBytes(self) > 10 * 1024 * 1024, "a JVM is larger than 10 MiB");
        double before = ProcStats.cpuSeconds(self);
        assertTrue(before > 0, "a started JVM has used CPU");
        // Spin until the counter moves (bounded): proves it tracks this process's work, whatever the machine load.
        long x = 0;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (ProcStats.cpuSeconds(self) - before < 0.05 && System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                x += i % 7;
            }
        }
        assertTrue(x > 0);
        assertTrue(ProcStats.cpuSeconds(self) - before >= 0.05, "spinning shows as CPU time of this process");
    }

    @Test
    void aProcessThatIsGoneReadsAsMissing() {
        assertEquals(-1, ProcStats.rssBytes(Integer.MAX_VALUE));
        assertTrue(Double.isNaN(ProcStats.cpuSeconds(Integer.MAX_VALUE)));
    }
}
