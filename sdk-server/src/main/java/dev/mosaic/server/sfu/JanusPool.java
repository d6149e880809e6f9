package dev.mosaic.server.sfu;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The Janus servers of this Mosaic server; a new room goes to the one with the fewest rooms. */
public final class JanusPool implements AutoCloseable {
    private final List<JanusNode> nodes;
    private final ExecutorService blocking = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mosaic-janus-connect");
        t.setDaemon(true);
        return t;
    });

    public JanusPool(List<URI> urls, String adminKey) {
        this.nodes =
                urls.stream().map(url -> new JanusNode(url, adminKey, blocking)).toList();
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** The least loaded Janus (ties: the first listed). */
    JanusNode place() {
        return nodes.stream()
                .min(Comparator.comparingInt(JanusNode::roomCount))
                .orElseThrow(() -> new JanusException(0, "this server has no Janus (start it with --janus-url)"));
    }

    public List<JanusNode> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        nodes.forEach(JanusNode::close);
        blocking.shutdownNow();
    }
}
