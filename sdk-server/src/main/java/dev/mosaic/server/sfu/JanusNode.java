package dev.mosaic.server.sfu;

import com.google.gson.JsonObject;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One Janus of the pool: its connection (made when first needed, remade after a loss), the handle
 * that creates and destroys VideoRoom rooms with the admin key, and how many Mosaic rooms live here.
 * A lost connection, or one that cannot be made, is reported to {@link #onLost} (the pool marks this
 * Janus down and moves its rooms); its room count then starts again from zero.
 */
public final class JanusNode {
    static final String VIDEOROOM = "janus.plugin.videoroom";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI url;
    private final String adminKey;
    private final Executor blocking;
    private final AtomicInteger rooms = new AtomicInteger();
    private CompletableFuture<Connected> connected;
    private volatile Runnable lostListener = () -> {};
    /** Set by the pool: this Janus failed and is not given new rooms until a retry reaches it. */
    volatile boolean down;

    private record Connected(JanusClient client, JanusHandle admin) {}

    JanusNode(URI url, String adminKey, Executor blocking) {
        this.url = url;
        this.adminKey = adminKey;
        this.blocking = blocking;
    }

    public URI url() {
        return url;
    }

    /** Mosaic rooms placed on this Janus now. */
    public int roomCount() {
        return rooms.get();
    }

    /** Who hears that this Janus was lost or could not be reached (the pool). */
    void onLost(Runnable listener) {
        lostListener = listener;
    }

    private void lost() {
        rooms.set(0); // the rooms died with it
        lostListener.run();
    }

    /** Connects (or keeps the connection) and completes when this Janus answers; the pool's retries use it. */
    CompletableFuture<?> reach() {
        return connection();
    }

    private synchronized CompletableFuture<Connected> connection() {
        if (connected == null
                || connected.isCompletedExceptionally()
                || (connected.isDone() && !connected.join().client().isOpen())) {
            CompletableFuture<Connected> next = CompletableFuture.supplyAsync(
                            () -> JanusClient.connect(url, CONNECT_TIMEOUT, JanusClient.KEEPALIVE, this::lost),
                            blocking)
                    .thenCompose(client -> client.attach(VIDEOROOM, event -> {})
                            .whenComplete((admin, error) -> {
                                if (error != null) {
                                    client.close();
                                }
                            })
                            .thenApply(admin -> new Connected(client, admin)));
            next.whenComplete((c, error) -> {
                if (error != null) {
                    lost();
                }
            });
            connected = next;
        }
        return connected;
    }

    /** Attaches a VideoRoom handle for one publisher or subscriber; its unsolicited events go to {@code events}. */
    CompletableFuture<JanusHandle> attach(Consumer<JsonObject> events) {
        return connection().thenCompose(c -> c.client().attach(VIDEOROOM, events));
    }

    /**
     * Creates a VideoRoom room with a new random id for up to {@code publishers} feeds; {@code e2ee}
     * makes Janus require end-to-end encrypted publishers ({@code require_e2ee}).
     */
    CompletableFuture<Long> createRoom(boolean e2ee, int publishers) {
        rooms.incrementAndGet();
        // JavaScript-safe, positive: Janus ids are kept below 2^53 by its own clients too.
        long id = 1 + (RANDOM.nextLong() >>> 12);
        JsonObject create = new JsonObject();
        create.addProperty("request", "create");
        create.addProperty("room", id);
        create.addProperty("admin_key", adminKey);
        create.addProperty("publishers", publishers);
        create.addProperty("is_private", true);
        create.addProperty("videocodec", "vp8");
        create.addProperty("audiocodec", "opus");
        create.addProperty("require_e2ee", e2ee);
        create.addProperty("permanent", false);
        return connection()
                .thenCompose(c -> c.admin().message(create, null))
                .thenApply(answer -> id)
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        uncount();
                    }
                });
    }

    /** Destroys a room this node created; its publishers and subscribers are hung up by Janus. */
    CompletableFuture<Void> destroyRoom(long id) {
        JsonObject destroy = new JsonObject();
        destroy.addProperty("request", "destroy");
        destroy.addProperty("room", id);
        destroy.addProperty("permanent", false);
        return connection()
                .thenCompose(c -> c.admin().message(destroy, null))
                .whenComplete((ok, error) -> uncount())
                .thenApply(answer -> null);
    }

    /** Never below zero: a loss may have reset the count while a request was under way. */
    private void uncount() {
        rooms.updateAndGet(n -> Math.max(0, n - 1));
    }

    /** Lists this Janus's VideoRoom room ids (for checks). */
    CompletableFuture<java.util.List<Long>> listRooms() {
        JsonObject list = new JsonObject();
        list.addProperty("request", "list");
        list.addProperty("admin_key", adminKey);
        return connection().thenCompose(c -> c.admin().message(list, null)).thenApply(answer -> {
            java.util.List<Long> ids = new java.util.ArrayList<>();
            JanusClient.pluginData(answer)
                    .getAsJsonArray("list")
                    .forEach(r -> ids.add(r.getAsJsonObject().get("room").getAsLong()));
            return ids;
        });
    }

    void close() {
        CompletableFuture<Connected> c;
        synchronized (this) {
            c = connected;
            connected = null;
        }
        if (c != null && c.isDone() && !c.isCompletedExceptionally()) {
            c.join().client().close();
        }
    }
}
