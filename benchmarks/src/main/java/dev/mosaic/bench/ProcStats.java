package dev.mosaic.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's resident memory and CPU time from {@code /proc}, so each server is measured as
 * its own process (the load generator's own work never counts against it).
 */
public final class ProcStats {
    /** Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {}

    /** Resident set size in bytes ({@code VmRSS}), or -1 if the process is gone. */
    public static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU seconds the process (all its threads) has used so far. */
    public static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; fields after its closing parenthesis are fixed.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds the whole machine has been busy (all cores, everything but idle and iowait). */
    public static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Busy cores of the whole machine over an interval: shows how much else was running (other builds, tests). */
    public static final class MachineWindow {
        private final double busyStart = machineBusySeconds();
        private final long wallStart = System.nanoTime();

        public double cores() {
            double wall = (System.nanoTime() - wallStart) / 1e9;
            return wall <= 0 ? 0 : (machineBusySeconds() - busyStart) / wall;
        }
    }

    /** CPU used by a process over an interval, in cores (1.0 = one core busy the whole time). */
    public static final class CpuWindow {
        private final long pid;
        private final double cpuStart;
        private final long wallStart;

        public CpuWindow(long pid) {
            this.pid = pid;
            this.cpuStart = cpuSeconds(pid);
            this.wallStart = System.nanoTime();
        }

        public double cores() {
            double wall = (System.nanoTime() - wallStart) / 1e9;
            return wall <= 0 ? 0 : (cpuSeconds(pid) - cpuStart) / wall;
        }
    }
}
