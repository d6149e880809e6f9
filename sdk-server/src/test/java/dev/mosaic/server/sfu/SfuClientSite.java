package dev.mosaic.server.sfu;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Serves the minimal SFU client page ({@code src/test/resources/sfu/sfu-client.html}) on loopback and
 * builds its URLs: the page joins {@code room} on Mosaic's WebSocket with a join token.
 */
final class SfuClientSite implements AutoCloseable {
    private final HttpServer server;

    private SfuClientSite(HttpServer server) {
        this.server = server;
    }

    static SfuClientSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream page = SfuClientSite.class.getResourceAsStream("/sfu/sfu-client.html")) {
                byte[] body = page.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return new SfuClientSite(server);
    }

    /** The page for one participant; {@code publish} false makes it a receiver only. */
    String url(String webSocketUrl, String room, String token, boolean publish) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/?ws=" + enc(webSocketUrl) + "&room=" + enc(room)
                + "&token=" + enc(token) + (publish ? "" : "&publish=no");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
