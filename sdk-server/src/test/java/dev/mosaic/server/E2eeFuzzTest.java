package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.room.RoomOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated end-to-end encryption messages ({@code e2ee.*}, {@code chat.e2ee}) in an E2EE
 * room, while three honest Java clients keep their encrypted session and chat. Many of the fuzzed
 * messages pass the server's routing checks and reach the honest clients (hellos with garbage keys,
 * keys and acks addressed to them), so this also shows that the clients' E2EE sessions shrug them off.
 * <p>A relayed message gets no answer, so after each one the fuzzer raises or lowers its hand and
 * reads up to its own {@code participantUpdated}: an error before it is the fuzzed message's answer.
 * {@code -Dfuzz.e2ee.messages=N} (default 20000), {@code -Dfuzz.seed=S}.
 */
class E2eeFuzzTest {
    private static final String ROOM = "fuzz-e2ee";
    private static final int WORKERS = 2;

    private final LongAdder sent = new LongAdder();
    private final LongAdder relayedSilently = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder badRefused = new LongAdder();
    private final LongAdder bad = new LongAdder();
    private final LongAdder closes = new LongAdder();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    @Test
    void e2eeMessagesCannotBreakTheServerOrTheHonestEncryptedSession() throws Exception {
        int total = Integer.getInteger("fuzz.e2ee.messages", 20_000);
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.printf("E2eeFuzzTest: %d messages, seed %d%n", total, seed);
        // Each fuzzed message is followed by a hand toggle: the message rate limit (ProtocolFuzzTest's
        // subject) is lifted so the rhythm is not cut; bad messages still cost a connection after 20 errors.
        try (MosaicServer server =
                TestServers.builder().messageRate(1_000_000, 1_000_000).start()) {
            server.rooms().create(ROOM, new RoomOptions(true, 0, null, false));
            HonestChatters honest = new HonestChatters(server, ROOM, 3);
            assertTrue(honest.clients().stream().allMatch(MeetingClient::e2ee));
            assertTrue(ModerationTest.waitFor(() -> agree(honest)), "the honest clients share a key before fuzzing");
            List<String> honestIds =
                    honest.clients().stream().map(c -> c.self().id()).toList();
            honest.startTalking(100);

            AtomicLong budget = new AtomicLong(total);
            long started = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                Random random = new Random(seed + w);
                Thread t = new Thread(() -> fuzzUntilDone(server, random, budget, honestIds), "e2ee-fuzz-" + w);
                t.start();
                workers.add(t);
            }
            for (Thread t : workers) {
                t.join();
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            String honestSent = honest.stopTalking();

            System.out.printf(
                    "E2eeFuzzTest: %d messages in %d ms; %d relayed or accepted without an answer, %d refused "
                            + "with an error (%d of them undecodable, all refused); %d connections closed for abuse; "
                            + "honest encrypted chats sent %s%n",
                    sent.sum(), elapsedMs, relayedSilently.sum(), refused.sum(), bad.sum(), closes.sum(), honestSent);
            System.out.printf(
                    "E2eeFuzzTest: fuzzed messages the honest clients' sessions refused, by reason: %s%n",
                    honest.e2eeErrors());
            assertTrue(
                    failures.isEmpty(),
                    failures.size() + " failures, first: "
                            + failures.stream().limit(5).toList());
            assertEquals(bad.sum(), badRefused.sum(), "every undecodable message got an error");
            honest.assertEveryMessageArrivedInOrder();
            assertTrue(
                    ModerationTest.waitFor(() -> agree(honest)), "the honest clients still agree on the security code");
            assertTrue(
                    ModerationTest.waitFor(() -> server.openConnections() == 3), "open: " + server.openConnections());
            honest.leave();
        }
    }

    private void fuzzUntilDone(MosaicServer server, Random random, AtomicLong budget, List<String> honestIds) {
        int n = 0;
        while (budget.get() > 0 && failures.size() < 20) {
            String fuzzToken =
                    token(server, ROOM, "Fuzz" + Thread.currentThread().getName() + "-" + n++, Role.PARTICIPANT);
            try (WireSocket socket = WireSocket.open(server)) {
                socket.sendText("{\"v\":1,\"type\":\"join\",\"id\":\"j\",\"room\":\"" + ROOM + "\",\"token\":\""
                        + fuzzToken + "\"}");
                JsonObject joined = socket.readUntil(m -> "joined".equals(type(m)) || "error".equals(type(m)));
                if (joined == null || !"joined".equals(type(joined))) {
                    failures.add("join refused: " + joined);
                    return;
                }
                String me = joined.getAsJsonObject("you").get("id").getAsString();
                FuzzMessages messages = new FuzzMessages(random, ROOM, fuzzToken).e2eeMostly(me, honestIds);
                fuzzOneConnection(socket, messages, me, budget);
            } catch (IOException | RuntimeException e) {
                failures.add("fuzzer failure: " + e + " at "
                        + java.util.Arrays.stream(e.getStackTrace()).limit(6).toList());
            }
        }
    }

    private void fuzzOneConnection(WireSocket socket, FuzzMessages messages, String me, AtomicLong budget)
            throws IOException {
        boolean hand = false;
        while (FuzzMessages.take(budget)) {
            FuzzMessages.Fuzzed m = messages.next();
            if (m.kind() != FuzzMessages.Kind.TEXT) {
                budget.incrementAndGet();
                continue; // closing kinds are ProtocolFuzzTest's; here the session should live on
            }
            boolean undecodable = FuzzMessages.undecodable(m.text());
            hand = !hand;
            boolean raised = hand;
            try {
                socket.sendTextBytes(m.bytes());
                socket.sendText(
                        "{\"v\":1,\"type\":\"media\",\"media\":{\"audio\":false,\"video\":false,\"screen\":false,\"hand\":"
                                + raised + "}}");
            } catch (IOException closing) {
                closes.increment();
                return;
            }
            sent.increment();
            boolean[] errorFirst = {false};
            JsonObject barrier = socket.readUntil(r -> {
                if ("error".equals(type(r))) {
                    errorFirst[0] = true;
                    String message = r.has("message") ? r.get("message").getAsString() : "";
                    if (message.contains("could not handle")) {
                        failures.add("the server failed internally on "
                                + m.text().substring(0, Math.min(300, m.text().length())));
                    }
                    return false;
                }
                return "participantUpdated".equals(type(r))
                        && me.equals(r.getAsJsonObject("participant").get("id").getAsString())
                        && r.getAsJsonObject("participant")
                                        .getAsJsonObject("media")
                                        .get("hand")
                                        .getAsBoolean()
                                == raised;
            });
            if (barrier == null) {
                failures.add("no answer within 10 s after "
                        + m.text().substring(0, Math.min(300, m.text().length())));
                return;
            }
            if (barrier.has("closeCode")) {
                closes.increment();
                return;
            }
            if (errorFirst[0]) {
                refused.increment();
            } else {
                relayedSilently.increment();
            }
            if (undecodable) {
                bad.increment();
                if (errorFirst[0]) {
                    badRefused.increment();
                }
            }
        }
        socket.closeGracefully();
    }

    private static String type(JsonObject m) {
        return m.has("type") && m.get("type").isJsonPrimitive() ? m.get("type").getAsString() : "";
    }

    private static boolean agree(HonestChatters honest) {
        String code = honest.clients().get(0).securityCode();
        return code != null
                && honest.clients().stream().allMatch(c -> code.equals(c.securityCode()) && c.e2eeEpoch() > 0);
    }
}
