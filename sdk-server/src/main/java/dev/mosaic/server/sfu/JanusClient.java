package dev.mosaic.server.sfu;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to one Janus (its JSON API, subprotocol {@code janus-protocol}) carrying one Janus
 * session for all of this server's plugin handles there. Requests are matched to answers by
 * transaction; events for a handle go to that handle's listener. A keepalive every 20 s keeps the
 * session (Janus drops it after 60 s of silence). A closed socket, a session Janus timed out or a
 * keepalive left unanswered is a loss: every request in flight fails at once and {@code onLost} runs
 * (once), so the pool can move this Janus's rooms elsewhere (docs/sfu.md, "When a Janus dies").
 */
public final class JanusClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JanusClient.class);
    static final Duration KEEPALIVE = Duration.ofSeconds(20);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Pending(CompletableFuture<JsonObject> answer, boolean ackEnds) {}

    private final URI url;
    private final String transactionPrefix = HexFormat.of().formatHex(RANDOM.generateSeed(4));
    private final AtomicLong transactions = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Long, Consumer<JsonObject>> handleListeners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mosaic-janus-keepalive");
        t.setDaemon(true);
        return t;
    });
    private final Object sendLock = new Object();
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private volatile WebSocket socket;
    private volatile long sessionId;
    private volatile boolean closed;
    private final AtomicBoolean lossReported = new AtomicBoolean();
    /** Set by {@link #close()}: what follows is no loss. */
    private volatile boolean closing;

    private volatile Runnable onLost = () -> {};

    private JanusClient(URI url) {
        this.url = url;
    }

    /** Connects and creates the session; blocks up to {@code timeout}. */
    public static JanusClient connect(URI url, Duration timeout) {
        return connect(url, timeout, KEEPALIVE);
    }

    /** As {@link #connect(URI, Duration)} with another keepalive interval (tests). */
    static JanusClient connect(URI url, Duration timeout, Duration keepalive) {
        return connect(url, timeout, keepalive, () -> {});
    }

    /** As {@link #connect(URI, Duration)}; {@code onLost} runs once if the connection is lost (not closed by us). */
    static JanusClient connect(URI url, Duration timeout, Duration keepalive, Runnable onLost) {
        JanusClient client = new JanusClient(url);
        client.onLost = onLost;
        try {
            client.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .subprotocols("janus-protocol")
                    .connectTimeout(timeout)
                    .buildAsync(url, client.new Listener())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            JsonObject created =
                    client.request(message("create"), false).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            client.sessionId = created.getAsJsonObject("data").get("id").getAsLong();
        } catch (ExecutionException e) {
            client.close();
            throw e.getCause() instanceof JanusException j
                    ? j
                    : new JanusException(0, "cannot reach Janus at " + url + ": " + e.getCause());
        } catch (TimeoutException e) {
            client.close();
            throw new JanusException(0, "Janus at " + url + " did not answer within " + timeout);
        } catch (InterruptedException e) {
            client.close();
            Thread.currentThread().interrupt();
            throw new JanusException(0, "interrupted while connecting to Janus at " + url);
        }
        client.timer.scheduleAtFixedRate(
                client::keepalive, keepalive.toMillis(), keepalive.toMillis(), TimeUnit.MILLISECONDS);
        return client;
    }

    public URI url() {
        return url;
    }

    /** False once the socket closed or the session was lost: this Janus takes no more rooms. */
    public boolean isOpen() {
        return !closed;
    }

    /** Attaches a handle to {@code plugin}; unsolicited events for it go to {@code events}. */
    public CompletableFuture<JanusHandle> attach(String plugin, Consumer<JsonObject> events) {
        JsonObject attach = sessionMessage("attach");
        attach.addProperty("plugin", plugin);
        return request(attach, false).thenApply(answer -> {
            long id = answer.getAsJsonObject("data").get("id").getAsLong();
            handleListeners.put(id, events);
            return new JanusHandle(this, id);
        });
    }

    JsonObject sessionMessage(String janus) {
        JsonObject m = message(janus);
        m.addProperty("session_id", sessionId);
        return m;
    }

    void forget(long handleId) {
        handleListeners.remove(handleId);
    }

    private static JsonObject message(String janus) {
        JsonObject m = new JsonObject();
        m.addProperty("janus", janus);
        return m;
    }

    /**
     * Sends {@code request} with a new transaction. The answer is Janus's {@code success}, or the
     * plugin's {@code event} for asynchronous plugin requests; {@code ackEnds} for requests whose
     * {@code ack} is all the answer there is (trickle, keepalive, detach acks). Errors fail the future
     * with {@link JanusException}.
     */
    CompletableFuture<JsonObject> request(JsonObject request, boolean ackEnds) {
        String transaction = transactionPrefix + "-" + transactions.incrementAndGet();
        request.addProperty("transaction", transaction);
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        if (closed) {
            answer.completeExceptionally(new JanusException(0, "the connection to Janus at " + url + " is closed"));
            return answer;
        }
        pending.put(transaction, new Pending(answer, ackEnds));
        if (closed) {
            // Lost between the check and the put: nobody else fails this one.
            answer.completeExceptionally(new JanusException(0, "the connection to Janus at " + url + " was lost"));
        }
        answer.orTimeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> pending.remove(transaction));
        String text = request.toString();
        synchronized (sendLock) {
            // The JDK WebSocket allows one outstanding send at a time: chain them.
            lastSend = lastSend.handle((x, e) -> null)
                    .thenCompose(x -> socket.sendText(text, true))
                    .whenComplete((ws, e) -> {
                        if (e != null) {
                            answer.completeExceptionally(
                                    new JanusException(0, "cannot send to Janus at " + url + ": " + e));
                        }
                    });
        }
        return answer.exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            if (cause instanceof TimeoutException) {
                return CompletableFuture.failedFuture(new JanusException(
                        0,
                        "Janus at " + url + " did not answer "
                                + request.get("janus").getAsString() + " within " + REQUEST_TIMEOUT));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private void keepalive() {
        request(sessionMessage("keepalive"), true).exceptionally(e -> {
            LOG.warn("keepalive to Janus at {} failed: {}", url, e.getMessage());
            // An unanswered keepalive means a Janus that hangs (or a network that does): treat it as gone.
            lost();
            return null;
        });
    }

    private void received(String text) {
        JsonObject json;
        try {
            json = JsonParser.parseString(text).getAsJsonObject();
        } catch (RuntimeException e) {
            LOG.warn("Janus at {} sent something that is not a JSON object", url);
            return;
        }
        String kind = string(json, "janus");
        String transaction = string(json, "transaction");
        Pending waiting = transaction == null ? null : pending.get(transaction);
        if ("ack".equals(kind)) {
            if (waiting != null && waiting.ackEnds()) {
                waiting.answer().complete(json);
            }
            return;
        }
        if (waiting != null && ("success".equals(kind) || "error".equals(kind) || "event".equals(kind))) {
            JanusException error = errorOf(json);
            if (error != null) {
                waiting.answer().completeExceptionally(error);
            } else {
                waiting.answer().complete(json);
            }
            return;
        }
        if ("timeout".equals(kind)) {
            LOG.warn("Janus at {} timed out our session", url);
            lost();
            return;
        }
        JsonElement sender = json.get("sender");
        if (sender != null && sender.isJsonPrimitive()) {
            Consumer<JsonObject> listener = handleListeners.get(sender.getAsLong());
            if (listener != null) {
                try {
                    listener.accept(json);
                } catch (RuntimeException e) {
                    LOG.warn("a Janus event handler failed", e);
                }
            }
        }
    }

    /** The error a Janus answer carries: core {@code error}, or the plugin's {@code error_code}. */
    static JanusException errorOf(JsonObject json) {
        if (json.get("error") instanceof JsonObject error) {
            return new JanusException(error.get("code").getAsInt(), string(error, "reason"));
        }
        JsonObject data = pluginData(json);
        if (data != null && data.has("error_code")) {
            return new JanusException(data.get("error_code").getAsInt(), string(data, "error"));
        }
        return null;
    }

    /** {@code plugindata.data} of an answer or event, or null. */
    static JsonObject pluginData(JsonObject json) {
        return json.get("plugindata") instanceof JsonObject p && p.get("data") instanceof JsonObject d ? d : null;
    }

    static String string(JsonObject json, String field) {
        JsonElement e = json.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private void lost() {
        boolean byUs = closed || closing;
        closed = true;
        timer.shutdown(); // no keepalives for a session that is gone
        JanusException gone = new JanusException(0, "the connection to Janus at " + url + " was lost");
        pending.values().forEach(p -> p.answer().completeExceptionally(gone));
        if (!byUs && lossReported.compareAndSet(false, true)) {
            try {
                onLost.run();
            } catch (RuntimeException e) {
                LOG.warn("handling the loss of Janus at {} failed", url, e);
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
        WebSocket ws = socket;
        if (ws != null && !closed) {
            try {
                request(sessionMessage("destroy"), false).get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing anyway
            }
            closed = true; // so the close that comes back is not reported as a loss
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        lost();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                received(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (!closed) {
                LOG.warn("Janus at {} closed the connection ({} {})", url, statusCode, reason);
            }
            lost();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (!closed) {
                LOG.warn("connection to Janus at {} failed: {}", url, error.toString());
            }
            lost();
        }
    }
}
