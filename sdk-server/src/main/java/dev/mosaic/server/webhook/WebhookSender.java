package dev.mosaic.server.webhook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts signed events to the application's webhook URL with the JDK's HttpClient, retrying with
 * exponential backoff on network errors, 408, 429 and 5xx. Never blocks the caller; at most
 * {@value #MAX_PENDING} deliveries wait at once (more are dropped with a warning) so an unreachable
 * receiver cannot exhaust memory, and at most {@value #MAX_CONCURRENT} are on the wire at once (the
 * others queue, in order) so a slow receiver cannot make the server open a connection per event.
 * Delivery is at least once: receivers de-duplicate by {@code id}. Logs name the URL without its query
 * string, which may carry a receiver's token.
 */
public final class WebhookSender implements AutoCloseable {
    static final int MAX_PENDING = 10_000;
    /** Requests in flight at once; a receiver answering within its 10 s timeout still gets 0.8 events/s or more. */
    public static final int MAX_CONCURRENT = 8;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final Gson GSON = new GsonBuilder()
            .disableHtmlEscaping()
            .registerTypeAdapter(
                    Instant.class, (JsonSerializer<Instant>) (src, type, ctx) -> new JsonPrimitive(src.toString()))
            .create();

    private final WebhookConfig config;
    private final byte[] secret;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicInteger pending = new AtomicInteger();
    /** Attempts waiting for one of the {@value #MAX_CONCURRENT} places on the wire; guarded by itself. */
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    /** Requests on the wire; guarded by {@link #ready}. */
    private int inFlight;
    /** The URL for logs: without query and fragment. */
    private final String loggedUrl;

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mosaic-webhooks");
        t.setDaemon(true);
        return t;
    });

    public WebhookSender(WebhookConfig config) {
        this(config, Clock.systemUTC());
    }

    WebhookSender(WebhookConfig config, Clock clock) {
        this.config = config;
        this.secret = config.secret();
        this.clock = clock;
        this.loggedUrl = withoutQuery(config.url());
    }

    /** {@code scheme://host:port/path}: a query string may hold the receiver's secret, and logs are read widely. */
    static String withoutQuery(java.net.URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath())
                + (url.getRawQuery() != null ? "?…" : "");
    }

    /** Sends {@code {"id","type","createdAt","data"}}; returns at once. */
    public void send(String type, Object data) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            LOG.warn("webhook {} dropped: {} deliveries are already waiting for {}", type, MAX_PENDING, loggedUrl);
            return;
        }
        JsonObject event = new JsonObject();
        String id = UUID.randomUUID().toString();
        event.addProperty("id", id);
        event.addProperty("type", type);
        event.addProperty("createdAt", clock.instant().toString());
        event.add("data", GSON.toJsonTree(data));
        String body = GSON.toJson(event);
        enqueue(() -> attempt(id, type, body, 1));
    }

    /** Starts {@code attempt} now if fewer than {@value #MAX_CONCURRENT} are on the wire, else when one finishes. */
    private void enqueue(Runnable attempt) {
        synchronized (ready) {
            ready.addLast(attempt);
        }
        startReady();
    }

    private void startReady() {
        while (true) {
            Runnable next;
            synchronized (ready) {
                if (inFlight >= MAX_CONCURRENT || ready.isEmpty()) {
                    return;
                }
                next = ready.pollFirst();
                inFlight++;
            }
            next.run();
        }
    }

    /** A request left the wire (answered, failed or never sent): its place goes to the next waiting attempt. */
    private void finished() {
        synchronized (ready) {
            inFlight--;
        }
        startReady();
    }

    private void attempt(String id, String type, String body, int attemptNo) {
        try {
            send(id, type, body, attemptNo);
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            finished();
            LOG.warn("webhook {} {} to {} not sent: {}", type, id, loggedUrl, e.toString());
        }
    }

    private void send(String id, String type, String body, int attemptNo) {
        HttpRequest request = HttpRequest.newBuilder(config.url())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Mosaic-Webhooks/1")
                .header("Mosaic-Webhook-Id", id)
                .header("Mosaic-Webhook-Attempt", String.valueOf(attemptNo))
                // Signed afresh on each attempt, so the time in it is the sending time.
                .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, clock.instant(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            try {
                afterAttempt(id, type, body, attemptNo, response, error);
            } finally {
                finished();
            }
        });
    }

    private void afterAttempt(
            String id, String type, String body, int attemptNo, HttpResponse<Void> response, Throwable error) {
        int status = response != null ? response.statusCode() : 0;
        if (error == null && status / 100 == 2) {
            pending.decrementAndGet();
            return;
        }
        boolean retryable = error != null || status == 408 || status == 429 || status >= 500;
        String what = error != null ? String.valueOf(error) : "HTTP " + status;
        if (!retryable || attemptNo >= config.maxAttempts()) {
            pending.decrementAndGet();
            LOG.warn("webhook {} {} to {} given up after {} attempt(s): {}", type, id, loggedUrl, attemptNo, what);
            return;
        }
        long delay = config.firstBackoff().toMillis() << Math.min(attemptNo - 1, 16);
        LOG.debug("webhook {} {} attempt {} failed ({}); retrying in {} ms", type, id, attemptNo, what, delay);
        try {
            retries.schedule(() -> enqueue(() -> attempt(id, type, body, attemptNo + 1)), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            pending.decrementAndGet();
        }
    }

    /** Deliveries waiting (in flight or for a retry). */
    public int pending() {
        return pending.get();
    }

    /** Stops retrying; deliveries already in flight may still complete. */
    @Override
    public void close() {
        retries.shutdownNow();
    }
}
