package dev.mosaic.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./mosaic bench signaling}: for each N, Mosaic and then the PeerJS server, each in a fresh
 * process, face the same load from this process; prints both side by side with their ratio.
 * Options: --sizes 100,1000,10000 --room-size 4 --rate 1000 --seconds 10 --warmup 5 --in-flight 256.
 */
public final class SignalingBenchmark {
    private SignalingBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.parse(args);
        List<Integer> sizes = config.integers("sizes", "100,1000,10000");
        SignalingRun.Settings settings = new SignalingRun.Settings(
                config.integer("room-size", 4),
                config.integer("rate", 1000),
                Duration.ofSeconds(config.integer("seconds", 10)),
                Duration.ofSeconds(config.integer("warmup", 5)),
                config.integer("in-flight", 256),
                Duration.ofSeconds(config.integer("connect-timeout", 180)));
        System.out.printf(
                "Signaling: rooms of %d, ~%d B offers, %d s warm-up, paced %d offers/s for %d s, closed loop with %d in flight for %d s.%n",
                settings.roomSize(),
                OfferPayload.json('P', 0).length(),
                settings.warmup().toSeconds(),
                settings.pacedRate(),
                settings.phase().toSeconds(),
                settings.inFlight(),
                settings.phase().toSeconds());
        System.out.printf(
                "Servers: Mosaic `java -Xmx%s -jar %s`, PeerJS `node %s` (peer %s); load generator pid %d.%n%n",
                config.serverHeap(),
                config.mosaicJar(),
                config.nodeDir().resolve("peerjs-server.mjs"),
                "from benchmarks/node/package-lock.json",
                ProcessHandle.current().pid());

        Map<Integer, SignalingRun.Result[]> all = new LinkedHashMap<>();
        for (int n : sizes) {
            SignalingRun.Result mosaic = measure(n, config, settings, true);
            SignalingRun.Result peer = measure(n, config, settings, false);
            all.put(n, new SignalingRun.Result[] {mosaic, peer});
            System.out.println(detail(n, settings, mosaic, peer));
        }
        System.out.println("## Summary\n");
        System.out.println(summary(all, settings));
    }

    private static SignalingRun.Result measure(
            int n, BenchConfig config, SignalingRun.Settings settings, boolean mosaic) throws Exception {
        String label = "signaling-" + n;
        try (ServerUnderTest server =
                mosaic ? ServerUnderTest.mosaic(config, label, List.of()) : ServerUnderTest.peerJs(config, label)) {
            SignalingProtocol protocol = mosaic
                    ? new MosaicProtocol(server.port(), config.secret(), settings.roomSize())
                    : new PeerJsProtocol(server.port());
            System.out.printf("… N=%d against %s (pid %d, port %d)%n", n, server.label(), server.pid(), server.port());
            SignalingRun.Result r = new SignalingRun(server, protocol, settings).run(n);
            System.out.printf(
                    "  joined %d/%d in %.1f s, paced %d/%d delivered, closed loop %.0f msg/s%n",
                    r.joined(), n, r.connectSeconds(), r.pacedDelivered(), r.pacedSent(), r.saturatedRate());
            return r;
        }
    }

    private static String detail(int n, SignalingRun.Settings s, SignalingRun.Result m, SignalingRun.Result p) {
        Table t = new Table("N = " + n + " (rooms of " + s.roomSize() + ")", m.server(), p.server(), "Mosaic ÷ PeerJS");
        t.compare("connections held (joined, still open at end)", m.heldAtEnd(), p.heldAtEnd(), "%.0f")
                .compare("connect + join time (s)", m.connectSeconds(), p.connectSeconds(), "%.1f")
                .compare(
                        "offers/s, closed loop (" + s.inFlight() + " in flight)",
                        m.saturatedRate(),
                        p.saturatedRate(),
                        "%.0f")
                .compare(
                        "server CPU per relayed offer, closed loop (µs)",
                        m.cpuMicrosPerOffer(),
                        p.cpuMicrosPerOffer(),
                        "%.0f")
                .compare("relay latency p50, closed loop (ms)", m.saturatedP50(), p.saturatedP50(), "%.2f")
                .compare("relay latency p50 at " + s.pacedRate() + "/s (ms)", m.p50(), p.p50(), "%.2f")
                .compare("relay latency p99 at " + s.pacedRate() + "/s (ms)", m.p99(), p.p99(), "%.2f")
                .compare("relay latency p99.9 at " + s.pacedRate() + "/s (ms)", m.p999(), p.p999(), "%.2f")
                .compare(
                        "paced offers delivered (%)",
                        100.0 * m.pacedDelivered() / Math.max(1, m.pacedSent()),
                        100.0 * p.pacedDelivered() / Math.max(1, p.pacedSent()),
                        "%.1f")
                .compare("server CPU, all connected, idle 1-6 s after (cores)", m.idleCpu(), p.idleCpu(), "%.3f")
                .compare(
                        "server CPU, all connected, idle 26-31 s after (cores)",
                        m.settledIdleCpu(),
                        p.settledIdleCpu(),
                        "%.3f")
                .compare("server CPU at " + s.pacedRate() + "/s (cores)", m.pacedCpu(), p.pacedCpu(), "%.2f")
                .compare("server CPU, closed loop (cores)", m.saturatedCpu(), p.saturatedCpu(), "%.2f")
                .compare(
                        "server RSS, all connected, idle (MiB)", Table.mib(m.rssIdle()), Table.mib(p.rssIdle()), "%.0f")
                .compare("server RSS after load (MiB)", Table.mib(m.rssPeak()), Table.mib(p.rssPeak()), "%.0f")
                .compare("load generator CPU during load (cores)", m.generatorCpu(), p.generatorCpu(), "%.2f")
                .compare("whole machine CPU during load (cores of 2)", m.machineCpu(), p.machineCpu(), "%.2f");
        StringBuilder out = new StringBuilder(t.toString());
        for (SignalingRun.Result r : List.of(m, p)) {
            if (!r.connectFailures().isEmpty()) {
                out.append("\n")
                        .append(r.server())
                        .append(" connect failures: ")
                        .append(r.connectFailures());
            }
            if (!r.errors().isEmpty()) {
                out.append("\n")
                        .append(r.server())
                        .append(" errors after join: ")
                        .append(r.errors());
            }
        }
        return out.append("\n").toString();
    }

    private static String summary(Map<Integer, SignalingRun.Result[]> all, SignalingRun.Settings s) {
        Table t = new Table(
                "N",
                "held M / P",
                "offers/s M / P",
                "CPU µs/offer M / P",
                "p50 ms M / P",
                "p99 ms M / P",
                "p99.9 ms M / P",
                "RSS MiB M / P",
                "CPU closed loop M / P");
        for (var e : all.entrySet()) {
            SignalingRun.Result m = e.getValue()[0];
            SignalingRun.Result p = e.getValue()[1];
            t.row(
                    Integer.toString(e.getKey()),
                    m.heldAtEnd() + " / " + p.heldAtEnd(),
                    Table.fmt("%.0f", m.saturatedRate()) + " / " + Table.fmt("%.0f", p.saturatedRate()),
                    Table.fmt("%.0f", m.cpuMicrosPerOffer()) + " / " + Table.fmt("%.0f", p.cpuMicrosPerOffer()),
                    Table.fmt("%.2f", m.p50()) + " / " + Table.fmt("%.2f", p.p50()),
                    Table.fmt("%.2f", m.p99()) + " / " + Table.fmt("%.2f", p.p99()),
                    Table.fmt("%.2f", m.p999()) + " / " + Table.fmt("%.2f", p.p999()),
                    Table.fmt("%.0f", Table.mib(m.rssPeak())) + " / " + Table.fmt("%.0f", Table.mib(p.rssPeak())),
                    Table.fmt("%.2f", m.saturatedCpu()) + " / " + Table.fmt("%.2f", p.saturatedCpu()));
        }
        return t + "\nM = Mosaic, P = PeerJS; latencies at " + s.pacedRate() + " offers/s; RSS after load.\n";
    }
}
