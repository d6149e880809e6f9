package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated protocol messages against a running server with default limits, while three
 * honest MeetingClients (a host and two participants) chat in the same room. Asserts that the
 * server stays up, its heap stays bounded, every bad message got an error (or the close code its
 * kind calls for), no bad message had an effect, and every honest chat message arrived, in order.
 * <p>{@code -Dfuzz.messages=N} (default 100000) and {@code -Dfuzz.seed=S} (printed every run).
 */
class ProtocolFuzzTest {
    private static final String ROOM = "fuzz";
    private static final int WORKERS = 4;
    private static final int HONEST = 3;
    private static final Set<String> ERROR_CODES =
            Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).collect(Collectors.toSet());

    private final LongAdder answered = new LongAdder();
    private final LongAdder bad = new LongAdder();
    private final LongAdder badAnsweredWithError = new LongAdder();
    private final LongAdder validShaped = new LongAdder();
    private final LongAdder invalidUtf8Closed = new LongAdder();
    private final LongAdder oversizedClosed = new LongAdder();
    private final LongAdder abuseCloses = new LongAdder();
    private final LongAdder cutByClose = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final Map<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    @Test
    void theServerSurvivesMalformedAndMutatedMessagesAndHonestClientsAreUnaffected() throws Exception {
        int total = Integer.getInteger("fuzz.messages", 100_000);
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.printf(
                "ProtocolFuzzTest: %d messages, seed %d (rerun with -Dfuzz.seed=%d -Dfuzz.messages=%d)%n",
                total, seed, seed, total);
        try (MosaicServer server = TestServers.builder().start()) {
            HonestChatters honest = new HonestChatters(server, ROOM, HONEST);
            long heapBefore = usedHeapAfterGc();
            honest.startTalking(50); // 20 messages a second: well under the per-connection limit of 50

            AtomicLong budget = new AtomicLong(total);
            AtomicLong peakHeap = new AtomicLong();
            long started = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                Random random = new Random(seed + w);
                Thread t = new Thread(() -> fuzzUntilDone(server, random, budget), "fuzz-" + w);
                t.start();
                workers.add(t);
            }
            for (Thread t : workers) {
                while (t.isAlive()) {
                    t.join(200);
                    Runtime rt = Runtime.getRuntime();
                    peakHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                }
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            String honestSent = honest.stopTalking();
            honest.assertEveryMessageArrivedInOrder();

            // Only the honest three are left: no ghost seats, no leaked connections.
            assertTrue(waitFor(() -> server.openConnections() == HONEST), "open: " + server.openConnections());
            assertTrue(
                    waitFor(() -> server.rooms()
                                    .find(ROOM)
                                    .orElseThrow()
                                    .state()
                                    .participants()
                                    .size()
                            == HONEST),
                    "participants: "
                            + server.rooms()
                                    .find(ROOM)
                                    .orElseThrow()
                                    .state()
                                    .participants()
                                    .size());
            assertEquals(1, server.rooms().roomCount());
            long heapAfter = usedHeapAfterGc();

            System.out.printf(
                    "ProtocolFuzzTest: %d messages answered in %d ms (%.0f/s) over %d connections; "
                            + "%d bad, all answered with an error; %d valid-shaped; %d invalid UTF-8 closed with 1007; "
                            + "%d oversized closed with 1009; %d abuse closes (1008); %d sent into a closing socket%n",
                    answered.sum(),
                    elapsedMs,
                    answered.sum() * 1000.0 / Math.max(1, elapsedMs),
                    connections.sum(),
                    bad.sum(),
                    validShaped.sum(),
                    invalidUtf8Closed.sum(),
                    oversizedClosed.sum(),
                    abuseCloses.sum(),
                    cutByClose.sum());
            System.out.printf("ProtocolFuzzTest: errors by code %s%n", errorsByCode);
            System.out.printf(
                    "ProtocolFuzzTest: honest chats sent %s; heap after GC %d MiB before, %d MiB after, "
                            + "peak %d MiB%n",
                    honestSent, heapBefore >> 20, heapAfter >> 20, peakHeap.get() >> 20);

            assertTrue(
                    failures.isEmpty(),
                    failures.size() + " failures, first: "
                            + failures.stream().limit(5).toList());
            assertTrue(answered.sum() >= total, "answered " + answered.sum());
            assertEquals(bad.sum(), badAnsweredWithError.sum());
            assertTrue(heapAfter - heapBefore < 64L << 20, "heap grew by " + ((heapAfter - heapBefore) >> 20) + " MiB");
            assertTrue(server.rooms().find(ROOM).isPresent());
            honest.leave();
        }
    }

    /** One fuzzing connection after another until the budget is spent. */
    private void fuzzUntilDone(MosaicServer server, Random random, AtomicLong budget) {
        int n = 0;
        while (budget.get() > 0 && failures.size() < 20) {
            String fuzzToken =
                    token(server, ROOM, "Fuzz" + Thread.currentThread().getName() + "-" + n++, Role.PARTICIPANT);
            FuzzMessages messages = new FuzzMessages(random, ROOM, fuzzToken);
            try (WireSocket socket = WireSocket.open(server)) {
                connections.increment();
                fuzzOneConnection(socket, messages, random, fuzzToken, budget);
            } catch (IOException | RuntimeException e) {
                failures.add("fuzzer failure: " + e + " at "
                        + Arrays.stream(e.getStackTrace()).limit(6).toList());
            }
        }
    }

    private void fuzzOneConnection(
            WireSocket socket, FuzzMessages messages, Random random, String fuzzToken, AtomicLong budget)
            throws IOException {
        String me = null;
        // Most connections join first; some fuzz before joining.
        if (random.nextInt(10) > 0) {
            try {
                socket.sendText("{\"v\":1,\"type\":\"join\",\"id\":\"j\",\"room\":\"" + ROOM + "\",\"token\":\""
                        + fuzzToken + "\"}");
            } catch (IOException closing) {
                cutByClose.increment();
                return;
            }
            JsonObject joined = reaction(socket, null);
            if (joined == null || !"joined".equals(type(joined))) {
                failures.add("join refused: " + joined);
                return;
            }
            me = joined.getAsJsonObject("you").get("id").getAsString();
        }
        while (FuzzMessages.take(budget)) {
            FuzzMessages.Fuzzed m = messages.next();
            boolean expectError = m.kind() == FuzzMessages.Kind.TEXT && isBad(m.text());
            try {
                socket.sendTextBytes(m.bytes());
            } catch (IOException closing) {
                cutByClose.increment();
                budget.incrementAndGet();
                return;
            }
            JsonObject r = reaction(socket, me);
            if (r == null) {
                failures.add("no answer within 10 s to " + describe(m));
                return;
            }
            if (r.has("closeCode")) {
                int code = r.get("closeCode").getAsInt();
                if (m.kind() == FuzzMessages.Kind.INVALID_UTF8 && code == 1007) {
                    invalidUtf8Closed.increment();
                    answered.increment();
                } else if (m.kind() == FuzzMessages.Kind.OVER_HARD_LIMIT && code == 1009) {
                    oversizedClosed.increment();
                    answered.increment();
                } else if (code == 1008) {
                    // The previous error was the last one tolerated: this message was not read.
                    abuseCloses.increment();
                    cutByClose.increment();
                    budget.incrementAndGet();
                } else {
                    failures.add("unexpected close " + code + " after " + describe(m));
                }
                return;
            }
            answered.increment();
            if (m.kind() != FuzzMessages.Kind.TEXT) {
                failures.add(m.kind() + " answered with " + r);
                return;
            }
            String type = type(r);
            if (expectError) {
                bad.increment();
                if ("error".equals(type)) {
                    badAnsweredWithError.increment();
                } else {
                    failures.add("bad message had an effect: " + describe(m) + " -> " + r);
                }
            } else {
                validShaped.increment();
            }
            if ("error".equals(type)) {
                String code = r.get("code").getAsString();
                errorsByCode.computeIfAbsent(code, k -> new LongAdder()).increment();
                if (!ERROR_CODES.contains(code) || !r.has("message")) {
                    failures.add("error without a known code and message: " + r);
                }
                if (r.get("message").getAsString().length() > 300) {
                    failures.add("an error message echoes too much input: " + describe(m));
                }
                if (r.get("message").getAsString().contains("could not handle")) {
                    failures.add("the server failed internally on " + describe(m));
                }
            } else if ("joined".equals(type)) {
                me = r.getAsJsonObject("you").get("id").getAsString();
            } else if ("left".equals(type)) {
                return;
            }
        }
        socket.closeGracefully();
    }

    /** The decoder's verdict, as the server would reach it: too big, not JSON, or invalid fields. */
    private static boolean isBad(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length > 64 * 1024 || FuzzMessages.undecodable(text);
    }

    /**
     * Reads until the server reacts to the message just sent: an error, joined, left, or the echo
     * of our own chat or media; other people's messages are skipped. A close is returned as
     * {@code {"closeCode":n}}; null if nothing came.
     */
    private static JsonObject reaction(WireSocket socket, String me) throws IOException {
        return socket.readUntil(m -> switch (type(m)) {
            case "error", "joined", "left", "waiting" -> true;
            case "chat" -> m.get("from").getAsString().equals(me);
            case "participantUpdated" ->
                m.getAsJsonObject("participant").get("id").getAsString().equals(me);
            default -> false;
        });
    }

    private static String type(JsonObject m) {
        JsonElement t = m.get("type");
        return t == null ? "" : t.getAsString();
    }

    private static String describe(FuzzMessages.Fuzzed m) {
        String text = m.text() != null ? m.text() : m.kind() + " of " + m.bytes().length + " bytes";
        return text.length() > 300 ? text.substring(0, 300) + "... (" + text.length() + " chars)" : text;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
