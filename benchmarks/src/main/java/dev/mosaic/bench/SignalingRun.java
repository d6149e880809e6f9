package dev.mosaic.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One signaling measurement against one server and one N: connect and join N clients in rooms, hold
 * them, relay offers at a fixed rate (latency), then as fast as a bounded number of offers in flight
 * allows (throughput), reading the server's RSS and CPU from /proc around each phase.
 */
final class SignalingRun {
    /** Settings of a run, the same for both servers. */
    record Settings(
            int roomSize, int pacedRate, Duration phase, Duration warmup, int inFlight, Duration connectTimeout) {}

    /** What was measured. */
    record Result(
            String server,
            int requested,
            int joined,
            double connectSeconds,
            Map<String, Long> connectFailures,
            long rssIdle,
            double idleCpu,
            double settledIdleCpu,
            double pacedRate,
            long pacedSent,
            long pacedDelivered,
            double p50,
            double p99,
            double p999,
            double pacedCpu,
            double saturatedRate,
            double saturatedP50,
            double saturatedCpu,
            double generatorCpu,
            double machineCpu,
            long rssPeak,
            int heldAtEnd,
            Map<String, Long> errors) {

        /**
         * Server CPU time per relayed offer in the closed loop, in microseconds. Unlike offers/s it does not
         * depend on how much CPU other processes leave the server, so it compares well on a busy machine.
         */
        double cpuMicrosPerOffer() {
            return saturatedRate <= 0 ? Double.NaN : saturatedCpu / saturatedRate * 1e6;
        }
    }

    private final ServerUnderTest server;
    private final SignalingProtocol protocol;
    private final Settings settings;
    private final Latencies paced = new Latencies(2_000_000);
    private final Latencies saturated = new Latencies(4_000_000);
    private final AtomicLong pacedDelivered = new AtomicLong();
    private final AtomicLong saturatedDelivered = new AtomicLong();
    private volatile boolean saturating;

    SignalingRun(ServerUnderTest server, SignalingProtocol protocol, Settings settings) {
        this.server = server;
        this.protocol = protocol;
        this.settings = settings;
    }

    Result run(int n) throws InterruptedException {
        protocol.prepare(n);
        try (ClientFleet fleet = new ClientFleet(protocol, n, this::onRelayed)) {
            long start = System.nanoTime();
            int joined = fleet.connect(settings.connectTimeout());
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(1000);
            // What holding N quiet connections costs (keep-alive pings, liveness sweeps), before any offer.
            ProcStats.CpuWindow idleCpu = server.cpuWindow();
            Thread.sleep(5000);
            double idleCores = idleCpu.cores();
            long rssIdle = server.rssBytes();
            // The first window still holds the tail of connecting (JIT, GC of the handshakes); this one
            // is what quiet connections cost for as long as they stay quiet.
            Thread.sleep(20_000);
            ProcStats.CpuWindow settledCpu = server.cpuWindow();
            Thread.sleep(5000);
            double settledIdleCores = settledCpu.cores();
            List<LoadClient> senders = fleet.pairInRings(settings.roomSize());
            if (!senders.isEmpty() && !settings.warmup().isZero()) {
                // Servers run warm in production: let the JIT (Mosaic) and V8 (PeerJS) compile the relay path first.
                sendPaced(senders, 'W', settings.warmup());
                Thread.sleep(1000);
            }
            ProcStats.CpuWindow generator =
                    new ProcStats.CpuWindow(ProcessHandle.current().pid());
            ProcStats.MachineWindow machine = new ProcStats.MachineWindow();

            ProcStats.CpuWindow pacedCpu = server.cpuWindow();
            long pacedSent = senders.isEmpty() ? 0 : sendPaced(senders, 'P', settings.phase());
            awaitDelivered(pacedDelivered, pacedSent, Duration.ofSeconds(5));
            double pacedCores = pacedCpu.cores();
            long rssAfterPaced = server.rssBytes();

            ProcStats.CpuWindow saturatedCpu = server.cpuWindow();
            double saturatedRate = senders.isEmpty() ? 0 : saturate(senders);
            double saturatedCores = saturatedCpu.cores();
            long rssPeak = Math.max(rssAfterPaced, server.rssBytes());
            double generatorCores = generator.cores();
            double machineCores = machine.cores();
            Thread.sleep(500);

            double achievedPacedRate = pacedSent / (double) settings.phase().toSeconds();
            return new Result(
                    server.label(),
                    n,
                    joined,
                    connectSeconds,
                    fleet.connectFailures(),
                    rssIdle,
                    idleCores,
                    settledIdleCores,
                    achievedPacedRate,
                    pacedSent,
                    pacedDelivered.get(),
                    paced.percentileMillis(50),
                    paced.percentileMillis(99),
                    paced.percentileMillis(99.9),
                    pacedCores,
                    saturatedRate,
                    saturated.percentileMillis(50),
                    saturatedCores,
                    generatorCores,
                    machineCores,
                    rssPeak,
                    fleet.openCount(),
                    fleet.errors());
        }
    }

    /**
     * Offers at a fixed total rate, round robin over the senders. Latency is measured from when each
     * offer was due, not when it left, so a generator that falls behind cannot hide queueing.
     */
    private long sendPaced(List<LoadClient> senders, char phase, Duration duration) {
        long interval = 1_000_000_000L / settings.pacedRate();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        while (true) {
            long due = start + sent * interval;
            if (due >= end) {
                return sent;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            LoadClient from = senders.get((int) (sent % senders.size()));
            from.send(protocol.offer(from.peer.address(), OfferPayload.json(phase, due)));
            sent++;
        }
    }

    /**
     * Closed loop: a fixed number of offers circulate, each receiver passing a fresh one to its own
     * peer at once. Throughput is then what server and network sustain with that many in flight.
     */
    private double saturate(List<LoadClient> senders) throws InterruptedException {
        int tokens = Math.min(settings.inFlight(), senders.size());
        saturating = true;
        for (int i = 0; i < tokens; i++) {
            LoadClient from = senders.get((int) ((long) i * senders.size() / tokens));
            from.send(protocol.offer(from.peer.address(), OfferPayload.json('S', System.nanoTime())));
        }
        // Warm-up: the first second is not counted.
        Thread.sleep(1000);
        long before = saturatedDelivered.get();
        long start = System.nanoTime();
        Thread.sleep(settings.phase().toMillis());
        long delivered = saturatedDelivered.get() - before;
        double seconds = (System.nanoTime() - start) / 1e9;
        saturating = false;
        Thread.sleep(1000);
        return delivered / seconds;
    }

    private void onRelayed(LoadClient to, String text) {
        long now = System.nanoTime();
        char phase = OfferPayload.phase(text);
        long latency = now - OfferPayload.sentNanos(text);
        if (phase == 'P') {
            paced.record(latency);
            pacedDelivered.incrementAndGet();
        } else if (phase == 'S') {
            if (saturating) {
                saturated.record(latency);
                saturatedDelivered.incrementAndGet();
                to.send(protocol.offer(to.peer.address(), OfferPayload.json('S', System.nanoTime())));
            }
        }
    }

    private static void awaitDelivered(AtomicLong delivered, long expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (delivered.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
