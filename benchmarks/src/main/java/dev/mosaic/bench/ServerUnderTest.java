package dev.mosaic.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signaling server started for one measurement: Mosaic ({@code java -jar}) or the PeerJS server (node). */
public final class ServerUnderTest implements AutoCloseable {
    private static final Pattern MOSAIC_READY = Pattern.compile("Demo page: http://localhost:(\\d+)/");
    private static final Pattern PEERJS_READY = Pattern.compile("PEERJS_LISTENING (\\d+)");
    private static final Pattern JVM_HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern NODE_HEAP_USED = Pattern.compile("PEERJS_HEAP_USED (\\d+)");

    public enum Kind {
        MOSAIC,
        PEERJS
    }

    private final Kind kind;
    private final ChildProcess process;
    private final int port;

    private ServerUnderTest(Kind kind, ChildProcess process, int port) {
        this.kind = kind;
        this.process = process;
        this.port = port;
    }

    /** {@code java -Xmx… -jar mosaic-server.jar --port 0} with a known app secret, so the benchmark can issue tokens. */
    public static ServerUnderTest mosaic(BenchConfig config, String label, List<String> extraArgs)
            throws IOException, InterruptedException {
        // Every benchmark client comes from 127.0.0.1, and closed-loop senders exceed a person's message rate
        // on purpose: lift the per-address and per-connection limits (PeerJS has none) so they measure relay cost.
        List<String> command = new java.util.ArrayList<>(List.of(
                javaBinary(),
                "-Xmx" + config.serverHeap(),
                "-jar",
                config.mosaicJar().toString(),
                "--port",
                "0",
                "--connections-per-address",
                "1000000",
                "--messages-per-second",
                "1000000",
                "--message-burst",
                "1000000"));
        command.addAll(extraArgs);
        ChildProcess p = ChildProcess.start(
                "mosaic-" + label, command, Map.of("MOSAIC_SECRET", config.secret()), config.logDir());
        return ready(Kind.MOSAIC, p, MOSAIC_READY);
    }

    /** The PeerJS server from npm, through benchmarks/node/peerjs-server.mjs, on 127.0.0.1 and a free port. */
    public static ServerUnderTest peerJs(BenchConfig config, String label) throws IOException, InterruptedException {
        ChildProcess p = ChildProcess.start(
                "peerjs-" + label,
                List.of(
                        "node",
                        "--expose-gc",
                        config.nodeDir().resolve("peerjs-server.mjs").toString(),
                        "0"),
                Map.of(),
                config.logDir());
        return ready(Kind.PEERJS, p, PEERJS_READY);
    }

    private static ServerUnderTest ready(Kind kind, ChildProcess p, Pattern pattern) throws InterruptedException {
        try {
            Matcher m = p.awaitLine(pattern, Duration.ofSeconds(60));
            return new ServerUnderTest(kind, p, Integer.parseInt(m.group(1)));
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    public Kind kind() {
        return kind;
    }

    public String label() {
        return kind == Kind.MOSAIC ? "Mosaic" : "PeerJS";
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public long rssBytes() {
        return ProcStats.rssBytes(pid());
    }

    public ProcStats.CpuWindow cpuWindow() {
        return new ProcStats.CpuWindow(pid());
    }

    /**
     * Forces a full collection in the server and returns the live heap in bytes: {@code jcmd GC.run} then
     * {@code GC.heap_info} for the JVM; {@code global.gc()} on SIGUSR2 for node (started with --expose-gc).
     */
    public long heapUsedAfterGc() throws IOException, InterruptedException {
        if (kind == Kind.MOSAIC) {
            jcmd("GC.run");
            Matcher m = JVM_HEAP_USED.matcher(jcmd("GC.heap_info"));
            if (!m.find()) {
                throw new IllegalStateException("jcmd GC.heap_info gave no 'used' figure");
            }
            return Long.parseLong(m.group(1)) * 1024;
        }
        process.signal(12);
        return Long.parseLong(
                process.awaitLine(NODE_HEAP_USED, Duration.ofSeconds(30)).group(1));
    }

    /** Live bytes per class after a full GC (Mosaic only: {@code jcmd GC.class_histogram}). */
    public java.util.Map<String, Long> liveBytesByClass() throws IOException, InterruptedException {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        if (kind != Kind.MOSAIC) {
            return out;
        }
        // Rows look like "   1:   123   4567  java.lang.String (java.base@17)"; the histogram itself forces a full GC.
        Pattern row = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
        for (String line : jcmd("GC.class_histogram").split("\n")) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                out.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
            }
        }
        return out;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid()), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        process.close();
    }
}
