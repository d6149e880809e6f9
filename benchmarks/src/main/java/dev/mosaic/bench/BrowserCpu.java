package dev.mosaic.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU of one Chromium: all its processes (browser, renderers, GPU, network, utilities), found by the
 * profile folder their command lines carry, so other Chromiums on the machine never count.
 */
final class BrowserCpu {
    private final String marker;

    BrowserCpu(Path profile) {
        this.marker = "--user-data-dir=" + profile;
    }

    /** CPU seconds used so far by each process of this browser, by PID. */
    Map<Long, Double> sample() {
        Map<Long, Double> cpu = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> {
                        long pid = Long.parseLong(p.getFileName().toString());
                        if (commandLine(p).contains(marker)) {
                            cpu.put(pid, ProcStats.cpuSeconds(pid));
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return cpu;
    }

    /** Cores used between two samples taken {@code seconds} apart; a process started in between counts from 0. */
    static double cores(Map<Long, Double> before, Map<Long, Double> after, double seconds) {
        double used = 0;
        for (Map.Entry<Long, Double> e : after.entrySet()) {
            double now = e.getValue();
            if (!Double.isNaN(now)) {
                used += now - before.getOrDefault(e.getKey(), 0.0);
            }
        }
        return used / seconds;
    }

    private static String commandLine(Path proc) {
        try {
            // Arguments are separated by NUL bytes.
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }
}
