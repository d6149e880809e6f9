package dev.mosaic.server.web;

import dev.mosaic.server.Limits;
import io.javalin.config.JavalinConfig;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;

/**
 * Settings of Jetty's HTTP layer that Mosaic's security depends on, applied to whichever Javalin Mosaic
 * runs in (its own, or the application's through the plugin): the header cache, idle and header
 * timeouts, and the cap of HTTP connections per address ({@link HttpConnectionGuard}).
 */
public final class HttpHardening {
    private HttpHardening() {}

    public static void register(JavalinConfig config, Limits limits, ScheduledExecutorService timers) {
        config.jetty.modifyHttpConfiguration(http -> {
            // Jetty reuses a header field seen earlier on the same connection when the next one matches it
            // ignoring case, so "Authorization: bearer s" followed by "Authorization: Bearer S" would read
            // as the first. Case-sensitive matching keeps each request's own header value.
            http.setHeaderCacheCaseSensitive(true);
            http.setIdleTimeout(limits.httpIdleTimeout().toMillis());
        });
        HttpConnectionGuard guard = new HttpConnectionGuard(
                limits.httpConnectionsPerAddress(), limits.httpHeaderTimeout(), limits.httpIdleTimeout());
        AtomicReference<Server> server = new AtomicReference<>();
        config.jetty.modifyServer(server::set);
        // Javalin adds its connectors after modifyServer and before this event: guard each of them.
        config.events.serverStarting(() -> {
            for (Connector connector : server.get().getConnectors()) {
                if (connector instanceof AbstractConnector c) {
                    c.setIdleTimeout(limits.httpIdleTimeout().toMillis());
                    c.addEventListener(guard);
                }
            }
        });
        long every = Math.max(100, Math.min(1000, limits.httpHeaderTimeout().toMillis() / 5));
        timers.scheduleWithFixedDelay(
                () -> {
                    try {
                        guard.sweep();
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(HttpHardening.class).warn("HTTP connection sweep failed", e);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }
}
