package dev.mosaic.server.sfu;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Janus servers of this Mosaic server; a new room goes to the live one with the fewest rooms. A
 * Janus whose connection is lost (or cannot be made) is marked down at once: it gets no new rooms, its
 * rooms are moved by the {@link Listener}, and it is tried again with {@link RetryBackoff}; once it
 * answers it is up again and takes new rooms.
 */
public final class JanusPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JanusPool.class);

    /** Hears when a Janus goes down (move its rooms) and when one comes back (rooms left without one). */
    interface Listener {
        void down(JanusNode node);

        void up(JanusNode node);
    }

    private final List<JanusNode> nodes;
    private final Map<JanusNode, RetryBackoff> backoffs = new ConcurrentHashMap<>();
    private final ExecutorService blocking = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mosaic-janus-connect");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mosaic-janus-retry");
        t.setDaemon(true);
        return t;
    });
    private volatile Listener listener = new Listener() {
        @Override
        public void down(JanusNode node) {}

        @Override
        public void up(JanusNode node) {}
    };
    private volatile boolean closed;

    public JanusPool(List<URI> urls, String adminKey) {
        this.nodes =
                urls.stream().map(url -> new JanusNode(url, adminKey, blocking)).toList();
        for (JanusNode node : nodes) {
            backoffs.put(node, new RetryBackoff());
            node.onLost(() -> lost(node));
        }
    }

    void listen(Listener listener) {
        this.listener = listener;
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** The least loaded Janus that is up (ties: the first listed). */
    JanusNode place() {
        if (nodes.isEmpty()) {
            throw new JanusException(0, "this server has no Janus (start it with --janus-url)");
        }
        return nodes.stream()
                .filter(n -> !n.down)
                .min(Comparator.comparingInt(JanusNode::roomCount))
                .orElseThrow(() -> new JanusException(
                        0,
                        "no media server is up (" + nodes.size() + " configured, none reachable); "
                                + "audio and video come back by themselves when one returns"));
    }

    /** A Janus was lost or could not be reached: down, its rooms move, and it is tried again later. */
    private void lost(JanusNode node) {
        synchronized (node) {
            if (node.down || closed) {
                return; // already handled; the retries go on
            }
            node.down = true;
        }
        LOG.warn("Janus at {} is down: its rooms move to another Janus; trying it again later", node.url());
        try {
            listener.down(node);
        } finally {
            scheduleRetry(node);
        }
    }

    private void scheduleRetry(JanusNode node) {
        if (closed) {
            return;
        }
        long wait = backoffs.get(node).next().toMillis();
        retries.schedule(() -> retry(node), wait, TimeUnit.MILLISECONDS);
    }

    private void retry(JanusNode node) {
        if (closed) {
            return;
        }
        node.reach().whenComplete((ok, error) -> {
            if (error != null) {
                LOG.debug("Janus at {} is still down: {}", node.url(), error.getMessage());
                scheduleRetry(node);
                return;
            }
            synchronized (node) {
                node.down = false;
            }
            backoffs.get(node).reset();
            LOG.info("Janus at {} is up again and takes rooms", node.url());
            listener.up(node);
        });
    }

    public List<JanusNode> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        nodes.forEach(JanusNode::close);
        blocking.shutdownNow();
    }
}
