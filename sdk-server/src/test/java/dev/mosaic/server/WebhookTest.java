package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.webhook.WebhookConfig;
import dev.mosaic.server.webhook.WebhookSignature;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed webhooks, delivered to a real HTTP server on loopback, with retries. */
class WebhookTest {
    private static final String WEBHOOK_SECRET = "webhook-secret-webhook-secret-0123456789";

    /** One delivery as the receiver saw it. */
    private record Delivery(String body, String signature, String id, int attempt, Instant receivedAt) {
        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        String type() {
            return json().get("type").getAsString();
        }
    }

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    /** Status codes to answer, one per request; 200 once used up. */
    private final BlockingQueue<Integer> answers = new LinkedBlockingQueue<>();

    private HttpServer receiver;
    private MosaicServer server;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/mosaic", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveries.add(new Delivery(
                    body,
                    exchange.getRequestHeaders().getFirst("Mosaic-Signature"),
                    exchange.getRequestHeaders().getFirst("Mosaic-Webhook-Id"),
                    Integer.parseInt(exchange.getRequestHeaders().getFirst("Mosaic-Webhook-Attempt")),
                    Instant.now()));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        receiver.stop(0);
    }

    private URI hookUrl() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/mosaic");
    }

    private Delivery next(String type) throws InterruptedException {
        while (true) {
            Delivery d = deliveries.poll(10, TimeUnit.SECONDS);
            assertNotNull(d, "no '" + type + "' webhook within 10 s");
            if (d.type().equals(type)) {
                return d;
            }
        }
    }

    @Test
    void aReportIsPostedSignedWithWhoWhenAndWhy() throws Exception {
        server = TestServers.builder().webhook(hookUrl(), WEBHOOK_SECRET).start();
        MeetingClient host = client("Teacher", Role.HOST);
        MeetingClient ada = client("Ada", Role.PARTICIPANT);
        MeetingClient mallory = client("Mallory", Role.PARTICIPANT);
        Instant before = Instant.now();
        ada.report(mallory.self().id(), "spams the chat");

        Delivery d = next("report");
        byte[] secret = WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8);
        assertTrue(WebhookSignature.verify(
                secret, d.signature(), d.body(), Instant.now(), WebhookSignature.DEFAULT_TOLERANCE));
        assertFalse(
                WebhookSignature.verify(
                        secret,
                        d.signature(),
                        d.body().replace("spams", "hams"),
                        Instant.now(),
                        WebhookSignature.DEFAULT_TOLERANCE),
                "a changed body does not verify");
        assertFalse(WebhookSignature.verify(
                "another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8),
                d.signature(),
                d.body(),
                Instant.now(),
                WebhookSignature.DEFAULT_TOLERANCE));
        assertFalse(
                WebhookSignature.verify(
                        secret,
                        d.signature(),
                        d.body(),
                        Instant.now().plus(Duration.ofMinutes(10)),
                        WebhookSignature.DEFAULT_TOLERANCE),
                "an old delivery replayed later does not verify");

        JsonObject event = d.json();
        assertEquals(d.id(), event.get("id").getAsString());
        JsonObject data = event.getAsJsonObject("data");
        assertEquals("class", data.get("room").getAsString());
        assertEquals("Ada", data.getAsJsonObject("by").get("name").getAsString());
        assertEquals(
                mallory.self().id(), data.getAsJsonObject("target").get("id").getAsString());
        assertEquals("Mallory", data.getAsJsonObject("target").get("name").getAsString());
        assertEquals("spams the chat", data.get("reason").getAsString());
        Instant at = Instant.parse(data.get("reportedAt").getAsString());
        assertFalse(at.isBefore(before.minusSeconds(1)));

        host.host().remove(mallory.self().id());
        JsonObject action = next("host.action").json().getAsJsonObject("data");
        assertEquals("remove", action.get("action").getAsString());
        assertEquals("Teacher", action.getAsJsonObject("host").get("name").getAsString());
        assertEquals("host", action.get("actor").getAsString());

        // The application's backend acts through the REST API: no host, and the actor says so.
        new ApiCalls(server)
                .call("POST", "/api/rooms/class/participants/" + ada.self().id() + "/mute", "{\"kind\":\"audio\"}");
        JsonObject byApp = next("host.action").json().getAsJsonObject("data");
        assertEquals("mute", byApp.get("action").getAsString());
        assertEquals("application", byApp.get("actor").getAsString());
        assertEquals(ada.self().id(), byApp.get("targetId").getAsString());
        assertNull(byApp.get("host"));
    }

    @Test
    void failedDeliveriesAreRetriedWithBackoffAndTheSameId() throws Exception {
        server = TestServers.builder()
                .webhook(new WebhookConfig(
                        hookUrl(), WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), 4, Duration.ofMillis(100)))
                .start();
        MeetingClient ada = client("Ada", Role.PARTICIPANT);
        MeetingClient bob = client("Bob", Role.PARTICIPANT);
        while (deliveries.poll(500, TimeUnit.MILLISECONDS) != null) {
            // drain room.started and participant.joined
        }
        answers.add(503);
        answers.add(500);
        ada.report(bob.self().id(), "rude");
        Delivery first = next("report");
        Delivery second = next("report");
        Delivery third = next("report");
        assertEquals(1, first.attempt());
        assertEquals(2, second.attempt());
        assertEquals(3, third.attempt());
        assertEquals(first.id(), third.id(), "one event, one id, however many attempts");
        assertTrue(
                Duration.between(first.receivedAt(), third.receivedAt()).toMillis() >= 250,
                "waited 100 ms, then 200 ms");
        assertTrue(WebhookSignature.verify(
                WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8),
                third.signature(),
                third.body(),
                Instant.now(),
                WebhookSignature.DEFAULT_TOLERANCE));

        answers.add(400);
        bob.report(ada.self().id(), "rude back");
        assertEquals(1, next("report").attempt());
        Delivery after = deliveries.poll(1, TimeUnit.SECONDS);
        assertTrue(after == null || !after.type().equals("report"), "a 400 is not retried");
    }

    @Test
    void javaMinusJarTakesTheUrlFromAFlagAndTheSecretOnlyFromTheEnvironment() {
        String[] args = {"--webhook-url", "https://school.example.org/hooks/mosaic"};
        Map<String, String> env = Map.of("MOSAIC_SECRET", TestServers.SECRET, "MOSAIC_WEBHOOK_SECRET", WEBHOOK_SECRET);
        assertNotNull(Main.parse(args, env).plugin());
        IllegalArgumentException noSecret = assertThrows(
                IllegalArgumentException.class, () -> Main.parse(args, Map.of("MOSAIC_SECRET", TestServers.SECRET)));
        assertTrue(noSecret.getMessage().contains("MOSAIC_WEBHOOK_SECRET"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--webhook-url", "ftp://x.example.org/"}, env)
                        .plugin());
    }

    @Test
    void aSlowReceiverGetsAtMostEightRequestsAtOnceAndEveryEventInTheEnd() throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
        slow.setExecutor(threads);
        AtomicInteger atOnce = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger received = new AtomicInteger();
        slow.createContext("/slow", exchange -> {
            most.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            boolean counted = true;
            try {
                exchange.getRequestBody().readAllBytes();
                Thread.sleep(150); // a receiver that takes its time with every event
                received.incrementAndGet();
                // Uncounted before the answer leaves: once the sender has it, it may start the next request
                // at once, and that one must not meet this one still counted.
                atOnce.decrementAndGet();
                counted = false;
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (counted) {
                    atOnce.decrementAndGet();
                }
                exchange.close();
            }
        });
        slow.start();
        try (dev.mosaic.server.webhook.WebhookSender sender =
                new dev.mosaic.server.webhook.WebhookSender(new WebhookConfig(
                        URI.create("http://127.0.0.1:" + slow.getAddress().getPort() + "/slow"),
                        WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8),
                        1,
                        Duration.ZERO))) {
            for (int i = 0; i < 100; i++) {
                sender.send("participant.joined", Map.of("n", i));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sender.pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(100, received.get(), "every event arrives, in turn");
            assertTrue(
                    most.get() <= dev.mosaic.server.webhook.WebhookSender.MAX_CONCURRENT,
                    "at most " + dev.mosaic.server.webhook.WebhookSender.MAX_CONCURRENT + " at once, saw "
                            + most.get());
        } finally {
            slow.stop(0);
            threads.shutdownNow();
        }
    }

    @Test
    void aFailedDeliveryIsLoggedWithoutTheQueryStringThatMayHoldTheReceiversSecret() throws Exception {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(
                new java.io.OutputStream() {
                    @Override
                    public void write(int b) {
                        stderr.write(b);
                        captured.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        stderr.write(b, off, len);
                        captured.write(b, off, len);
                    }
                },
                true));
        try (dev.mosaic.server.webhook.WebhookSender sender =
                new dev.mosaic.server.webhook.WebhookSender(new WebhookConfig(
                        URI.create(hookUrl() + "?token=receiver-s3cret&x=1"),
                        WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8),
                        1,
                        Duration.ZERO))) {
            answers.add(400);
            sender.send("report", Map.of("n", 1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((sender.pending() > 0
                            || !captured.toString(StandardCharsets.UTF_8).contains("given up"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            System.setErr(stderr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("given up") && log.contains("/hooks/mosaic"), log);
        assertFalse(log.contains("receiver-s3cret"), "the query string is not logged: " + log);
    }

    private final AtomicInteger clients = new AtomicInteger();

    private MeetingClient client(String name, Role role) throws Exception {
        MeetingClient c = MeetingClient.builder(
                        URI.create(server.webSocketUrl()), "class", token(server, "class", name, role))
                .build();
        c.join();
        clients.incrementAndGet();
        return c;
    }
}
