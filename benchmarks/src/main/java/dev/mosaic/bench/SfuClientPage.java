package dev.mosaic.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the SFU test client page (sdk-server's {@code src/test/resources/sfu/sfu-client.html}, read from
 * the source tree so there is one copy) on loopback: a receiver of Mosaic's SFU signaling that subscribes
 * to every feed in one connection and shows each video, lighter than the widget's gallery.
 */
final class SfuClientPage implements AutoCloseable {
    private final HttpServer server;

    SfuClientPage(Path page) throws IOException {
        if (!Files.isRegularFile(page)) {
            throw new IllegalStateException(page + " is missing: run from the repository root");
        }
        byte[] body = Files.readAllBytes(page);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** A receiver only: it publishes nothing. localhost, not 127.0.0.1: a secure context. */
    String receiverUrl(String webSocketUrl, String room, String token) {
        return "http://localhost:" + server.getAddress().getPort() + "/?ws=" + enc(webSocketUrl) + "&room=" + enc(room)
                + "&token=" + enc(token) + "&publish=no";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
