package dev.mosaic.server.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time used by the Chromium processes this JVM started (through chromedriver), by process type
 * (browser, renderer, gpu-process, utility...). Two samples around a window give each type's share of
 * one core. Reads the kernel's per-process counters ({@code /proc/PID/stat}, through {@link
 * ProcessHandle.Info#totalCpuDuration()}) and the type from {@code /proc/PID/cmdline}, so it measures
 * the browser itself, not the page's guess.
 * Only meaningful while one browser runs in this JVM.
 */
public final class BrowserCpu {
    private final Map<Long, Sample> samples;
    private final long takenAt;

    private static final Pattern TYPE = Pattern.compile("--type=(\\S+)");
    private static final Pattern SUBTYPE = Pattern.compile("--utility-sub-type=(?:\\S*\\.)?(\\S+)");

    private record Sample(String type, Duration cpu) {}

    private BrowserCpu(Map<Long, Sample> samples, long takenAt) {
        this.samples = samples;
        this.takenAt = takenAt;
    }

    /** The CPU each live Chromium process started by this JVM has used so far. */
    public static BrowserCpu sample() {
        Map<Long, Sample> samples = new LinkedHashMap<>();
        ProcessHandle.current().descendants().forEach(p -> {
            ProcessHandle.Info info = p.info();
            Optional<String> command = info.command();
            Optional<Duration> cpu = info.totalCpuDuration();
            if (command.isPresent()
                    && command.get().contains("chromium")
                    && !command.get().endsWith("chromedriver")
                    && cpu.isPresent()) {
                samples.put(p.pid(), new Sample(type(p.pid()), cpu.get()));
            }
        });
        return new BrowserCpu(samples, System.nanoTime());
    }

    /** Chromium's {@code --type=} flag (renderer, gpu-process, utility, zygote), from the process's command line. */
    private static String type(long pid) {
        String cmdline;
        try {
            // Chromium rewrites its children's command lines into one string, so split it ourselves.
            cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return "gone";
        }
        Matcher m = TYPE.matcher(cmdline);
        if (!m.find()) {
            return "browser";
        }
        Matcher sub = SUBTYPE.matcher(cmdline);
        return m.group(1).equals("utility") && sub.find() ? "utility:" + sub.group(1) : m.group(1);
    }

    /**
     * Per process type, the share of one core (100 = one full core) used between {@code earlier}
     * and this sample, plus {@code "total"}. Processes that started in between count from zero.
     */
    public Map<String, Double> percentOfOneCoreSince(BrowserCpu earlier) {
        double wall = (takenAt - earlier.takenAt) / 1e9;
        Map<String, Double> byType = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<Long, Sample> e : samples.entrySet()) {
            Sample before = earlier.samples.get(e.getKey());
            long used = e.getValue().cpu().toMillis()
                    - (before == null ? 0 : before.cpu().toMillis());
            double percent = 100 * used / 1e3 / wall;
            byType.merge(e.getValue().type(), percent, Double::sum);
            total += percent;
        }
        byType.put("total", total);
        return byType;
    }

    /** How many Chromium processes were seen, for the printout. */
    public int processes() {
        return samples.size();
    }

    /** The process types seen, for the printout. */
    public List<String> types() {
        return samples.values().stream().map(Sample::type).distinct().toList();
    }
}
