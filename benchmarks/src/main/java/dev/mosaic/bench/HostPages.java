package dev.mosaic.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A second site on 127.0.0.1 serving the join benchmark's pages: a host page that embeds the widget
 * cross-origin (as a customer site would) and the bare-WebRTC floor page. {@code MOSAIC_URL} in the
 * pages is replaced with the Mosaic server's address.
 */
final class HostPages implements AutoCloseable {
    private final HttpServer server;
    /** Set once the Mosaic server runs; it needs this site's origin first, to allow it to embed meetings. */
    private volatile String mosaicUrl = "http://mosaic-not-started";

    HostPages() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String page : new String[] {"host.html", "floor.html"}) {
            String template = resource("/join/" + page);
            server.createContext("/" + page, exchange -> {
                byte[] body = template.replace("MOSAIC_URL", mosaicUrl).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
        }
        // Browsers ask for one; a 404 would only add noise to the console output kept for failed joins.
        server.createContext("/favicon.ico", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    void mosaicUrl(String url) {
        this.mosaicUrl = url;
    }

    /** The origin browsers use, e.g. {@code http://localhost:41234}; localhost is a secure context for getUserMedia. */
    String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    static String resource(String path) throws IOException {
        try (InputStream in = HostPages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
