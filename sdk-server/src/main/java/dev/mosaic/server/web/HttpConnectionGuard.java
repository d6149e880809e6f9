package dev.mosaic.server.web;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps slow or numerous HTTP connections from one address (slowloris) from tying up the server. Jetty's
 * idle timeout alone is not enough: it restarts with every byte, so a client sending one header line
 * every few seconds kept its connection forever. This listener on Jetty's connectors
 * <ul>
 *   <li>closes a new HTTP connection at once when its address already has {@code maxPerAddress} open
 *       (connections that became WebSockets leave this count; the signaling endpoint limits those),</li>
 *   <li>sets each connection's idle timeout, and</li>
 *   <li>with {@link #sweep()}, called every fraction of a second, closes a connection whose request
 *       header has been arriving for longer than the header timeout.</li>
 * </ul>
 * It uses Jetty's HTTP/1.1 connection class (internal to Jetty, but the only place its parser's state
 * can be read); other protocols are left alone.
 */
final class HttpConnectionGuard implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(HttpConnectionGuard.class);

    /** What is known of one open HTTP connection; touched by the sweep only, after creation. */
    private static final class Tracked {
        final String address;
        long messagesSeen;
        long bytesAtLastMessage;
        /** When the sweep first saw the current header arriving, or 0. */
        long headerSince;

        Tracked(String address) {
            this.address = address;
        }
    }

    private final int maxPerAddress;
    private final long headerTimeoutNanos;
    private final long idleTimeoutMillis;
    private final Map<HttpConnection, Tracked> open = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();

    HttpConnectionGuard(int maxPerAddress, Duration headerTimeout, Duration idleTimeout) {
        this.maxPerAddress = maxPerAddress;
        this.headerTimeoutNanos = headerTimeout.toNanos();
        this.idleTimeoutMillis = idleTimeout.toMillis();
    }

    @Override
    public void onOpened(Connection connection) {
        if (!(connection instanceof HttpConnection http)) {
            return;
        }
        String address = addressOf(connection.getEndPoint().getRemoteSocketAddress());
        boolean[] admitted = {false};
        perAddress.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerAddress) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            LOG.debug("closing an HTTP connection from {}: {} open already", address, maxPerAddress);
            connection.getEndPoint().close();
            return;
        }
        connection.getEndPoint().setIdleTimeout(idleTimeoutMillis);
        open.put(http, new Tracked(address));
    }

    @Override
    public void onClosed(Connection connection) {
        // Also when the connection was upgraded to a WebSocket: the TCP connection is then no longer HTTP.
        Tracked tracked = connection instanceof HttpConnection http ? open.remove(http) : null;
        if (tracked != null) {
            perAddress.computeIfPresent(tracked.address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** How many HTTP connections are open from {@code address} (tests, monitoring). */
    int openFrom(String address) {
        return perAddress.getOrDefault(address, 0);
    }

    /**
     * Closes connections whose request header started arriving more than the header timeout ago. A
     * header has started when bytes came in since the last request while the parser is still before the
     * content; an idle kept-alive connection (no new bytes) is the idle timeout's business.
     */
    void sweep() {
        long now = System.nanoTime();
        open.forEach((http, t) -> {
            long messages = http.getMessagesIn();
            long bytes = http.getBytesIn();
            if (messages != t.messagesSeen || !http.getParser().inHeaderState()) {
                t.messagesSeen = messages;
                t.bytesAtLastMessage = bytes;
                t.headerSince = 0;
            } else if (bytes > t.bytesAtLastMessage) {
                if (t.headerSince == 0) {
                    t.headerSince = now;
                } else if (now - t.headerSince > headerTimeoutNanos) {
                    LOG.debug(
                            "closing an HTTP connection from {}: its request header took longer than {} ms",
                            t.address,
                            headerTimeoutNanos / 1_000_000);
                    http.getEndPoint().close();
                }
            }
        });
    }

    static String addressOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
