package dev.mosaic.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code ./mosaic bench memory}: memory per idle connected participant. For each count, a fresh server
 * (Mosaic, then PeerJS) is measured empty and again with that many joined-but-idle clients, both after a
 * forced full GC; the difference divided by the count is the cost of one participant.
 * Options: --idle 1000,5000 --room-size 4.
 */
public final class MemoryBenchmark {
    /** Live heap and RSS of one server, empty and loaded. */
    record Sample(
            String server,
            int clients,
            int joined,
            long heapEmpty,
            long heapLoaded,
            long rssEmpty,
            long rssLoaded,
            String topClasses) {
        double heapPerClient() {
            return joined == 0 ? Double.NaN : (heapLoaded - heapEmpty) / (double) joined;
        }

        double rssPerClient() {
            return joined == 0 ? Double.NaN : (rssLoaded - rssEmpty) / (double) joined;
        }
    }

    private MemoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.parse(args);
        int roomSize = config.integer("room-size", 4);
        System.out.printf(
                "Memory per idle participant: rooms of %d, full GC before each reading (jcmd GC.run for Mosaic, "
                        + "global.gc() for PeerJS); Mosaic -Xmx%s.%n%n",
                roomSize, config.serverHeap());
        for (int n : config.integers("idle", "1000,5000")) {
            Sample m = measure(config, n, roomSize, true);
            Sample p = measure(config, n, roomSize, false);
            Table t = new Table(n + " idle participants", "Mosaic", "PeerJS", "Mosaic ÷ PeerJS");
            t.compare("joined", m.joined(), p.joined(), "%.0f")
                    .compare(
                            "live heap, empty server (MiB)", Table.mib(m.heapEmpty()), Table.mib(p.heapEmpty()), "%.1f")
                    .compare(
                            "live heap, with participants (MiB)",
                            Table.mib(m.heapLoaded()),
                            Table.mib(p.heapLoaded()),
                            "%.1f")
                    .compare(
                            "live heap per participant (KiB)",
                            m.heapPerClient() / 1024,
                            p.heapPerClient() / 1024,
                            "%.1f")
                    .compare("RSS, empty server (MiB)", Table.mib(m.rssEmpty()), Table.mib(p.rssEmpty()), "%.0f")
                    .compare("RSS, with participants (MiB)", Table.mib(m.rssLoaded()), Table.mib(p.rssLoaded()), "%.0f")
                    .compare("RSS per participant (KiB)", m.rssPerClient() / 1024, p.rssPerClient() / 1024, "%.1f");
            System.out.println(t);
            if (!m.topClasses().isEmpty()) {
                System.out.println(
                        "Where Mosaic's live heap per participant goes (growth by class, bytes per participant):\n"
                                + m.topClasses());
            }
        }
        System.out.println(
                "Live heap is what the participants retain (JVM heap after GC; V8 heapUsed after gc(), which leaves "
                        + "out Buffers held outside the V8 heap). RSS is what the OS sees; the JVM keeps heap it has grown.");
    }

    /** The classes whose live bytes grew most, per participant: what one connection costs, and where. */
    private static String topGrowth(Map<String, Long> before, Map<String, Long> after, int n) {
        if (after.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .forEach(e -> out.append(String.format(
                        java.util.Locale.ROOT, "  %8.0f B  %s%n", e.getValue() / (double) n, e.getKey())));
        return out.toString();
    }

    private static Sample measure(BenchConfig config, int n, int roomSize, boolean mosaic) throws Exception {
        String label = "memory-" + n;
        try (ServerUnderTest server =
                mosaic ? ServerUnderTest.mosaic(config, label, List.of()) : ServerUnderTest.peerJs(config, label)) {
            Thread.sleep(2000);
            long heapEmpty = server.heapUsedAfterGc();
            long rssEmpty = server.rssBytes();
            Map<String, Long> classesEmpty = server.liveBytesByClass();
            SignalingProtocol protocol = mosaic
                    ? new MosaicProtocol(server.port(), config.secret(), roomSize)
                    : new PeerJsProtocol(server.port());
            protocol.prepare(n);
            try (ClientFleet fleet = new ClientFleet(protocol, n, (client, text) -> {})) {
                int joined = fleet.connect(Duration.ofSeconds(180));
                Thread.sleep(3000);
                long heapLoaded = server.heapUsedAfterGc();
                long rssLoaded = server.rssBytes();
                String top = topGrowth(classesEmpty, server.liveBytesByClass(), n);
                int held = fleet.openCount();
                System.out.printf(
                        "… %s: %d/%d idle participants held; live heap %.1f → %.1f MiB, RSS %.0f → %.0f MiB%n",
                        server.label(),
                        held,
                        n,
                        Table.mib(heapEmpty),
                        Table.mib(heapLoaded),
                        Table.mib(rssEmpty),
                        Table.mib(rssLoaded));
                if (!fleet.connectFailures().isEmpty()) {
                    System.out.println("  connect failures: " + fleet.connectFailures());
                }
                return new Sample(server.label(), n, held, heapEmpty, heapLoaded, rssEmpty, rssLoaded, top);
            }
        }
    }
}
