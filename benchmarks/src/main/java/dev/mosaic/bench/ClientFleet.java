package dev.mosaic.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * N load clients on one shared {@link HttpClient} and a small thread pool (an efficient client is what
 * lets one process hold thousands of sockets on two cores). Connects them with a bounded number of
 * handshakes in flight, records why any failed, and pairs joined clients into rings per room.
 */
final class ClientFleet implements LoadClient.Events, AutoCloseable {
    /** Handshakes plus joins in flight at once; more only queues work in both processes. */
    static final int CONNECT_CONCURRENCY = 200;

    private final SignalingProtocol protocol;
    private final int size;
    private final BiConsumer<LoadClient, String> onRelayed;
    private final ExecutorService executor;
    private final HttpClient http;
    private final List<LoadClient> clients = new ArrayList<>();
    private final Semaphore inFlight = new Semaphore(CONNECT_CONCURRENCY);
    private final Map<String, LongAdder> connectFailures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder joined = new LongAdder();
    private CountDownLatch settled;

    ClientFleet(SignalingProtocol protocol, int size, BiConsumer<LoadClient, String> onRelayed) {
        this.protocol = protocol;
        this.size = size;
        this.onRelayed = onRelayed;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "load-client");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** Opens and joins every client; returns how many joined within {@code timeout}. */
    int connect(Duration timeout) throws InterruptedException {
        settled = new CountDownLatch(size);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < size; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !inFlight.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                connectFailures
                        .computeIfAbsent("not attempted: connect phase timed out", k -> new LongAdder())
                        .add(size - i);
                break;
            }
            LoadClient client = new LoadClient(i, protocol, this);
            clients.add(client);
            try {
                http.newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(30))
                        .buildAsync(protocol.uri(i), client)
                        .exceptionally(e -> {
                            client.connectFailed(e);
                            return null;
                        });
            } catch (RuntimeException e) {
                client.connectFailed(e);
            }
        }
        settled.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return joined.intValue();
    }

    @Override
    public void joined(LoadClient client) {
        joined.increment();
        inFlight.release();
        settled.countDown();
    }

    @Override
    public void failed(LoadClient client, String reason) {
        connectFailures.computeIfAbsent(reason, k -> new LongAdder()).increment();
        inFlight.release();
        settled.countDown();
    }

    @Override
    public void relayed(LoadClient client, String text) {
        onRelayed.accept(client, text);
    }

    @Override
    public void error(LoadClient client, String reason) {
        errors.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /**
     * Gives each joined client a peer: the next joined client of its room, in a ring. Returns the clients
     * that have one (a room left with one member has nobody to signal).
     */
    List<LoadClient> pairInRings(int roomSize) {
        Map<String, List<LoadClient>> rooms = new TreeMap<>();
        for (LoadClient c : clients) {
            if (c.address() != null && c.isOpen()) {
                rooms.computeIfAbsent(SignalingProtocol.room(c.index, roomSize), k -> new ArrayList<>())
                        .add(c);
            }
        }
        List<LoadClient> senders = new ArrayList<>();
        for (List<LoadClient> room : rooms.values()) {
            if (room.size() < 2) {
                continue;
            }
            for (int i = 0; i < room.size(); i++) {
                room.get(i).peer = room.get((i + 1) % room.size());
                senders.add(room.get(i));
            }
        }
        return senders;
    }

    int openCount() {
        return (int)
                clients.stream().filter(c -> c.address() != null && c.isOpen()).count();
    }

    Map<String, Long> connectFailures() {
        return snapshot(connectFailures);
    }

    Map<String, Long> errors() {
        return snapshot(errors);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void close() {
        clients.forEach(LoadClient::abort);
        executor.shutdownNow();
    }
}
