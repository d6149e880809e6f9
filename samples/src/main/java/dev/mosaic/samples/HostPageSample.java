package dev.mosaic.samples;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A plain website that embeds meetings: its page ({@code host-page/index.html}) on one origin, its
 * backend issuing join tokens at {@code POST /token}, and the Mosaic server on another origin that
 * lists the site as allowed to frame meetings.
 * <p>Run: {@code mvn -q -pl samples -am install -DskipTests && mvn -q -pl samples exec:java
 * -Dexec.mainClass=dev.mosaic.samples.HostPageSample}, then open the printed address in two tabs.
 */
public final class HostPageSample implements AutoCloseable {
    private static final Gson GSON = new Gson();

    private final MosaicServer mosaic;
    private final HttpServer site;

    /** @param sitePort port of the website (0 for any); Mosaic gets any free port */
    public HostPageSample(int sitePort, int mosaicPort) throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", sitePort), 0);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret); // this sample is the only token issuer, so any secret will do
        mosaic = MosaicServer.builder()
                .port(mosaicPort)
                .secret(secret)
                .allowedOrigin("http://127.0.0.1:" + site.getAddress().getPort())
                .start();
        site.createContext("/token", this::token);
        site.createContext("/", this::page);
        site.start();
    }

    /** The page's address, telling it where Mosaic is (a different origin: localhost vs 127.0.0.1). */
    public String pageUrl() {
        return "http://127.0.0.1:" + site.getAddress().getPort() + "/?server=" + mosaic.localUrl();
    }

    public MosaicServer mosaic() {
        return mosaic;
    }

    private void page(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            respond(exchange, 404, "text/plain", "not found");
            return;
        }
        try (InputStream in = HostPageSample.class.getResourceAsStream("/host-page/index.html")) {
            respond(exchange, 200, "text/html; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Your backend's job: decide who the user is and what they may do, then sign a token. */
    private void token(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 405, "application/json", GSON.toJson(Map.of("message", "POST {room, name}")));
            return;
        }
        try {
            JsonObject body = JsonParser.parseString(
                            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            String room = body.get("room").getAsString();
            String name = body.get("name").getAsString().strip();
            if (name.isEmpty() || name.length() > 64) {
                throw new IllegalArgumentException("name must be 1-64 characters");
            }
            String token =
                    mosaic.tokens().issue(room, "guest-" + UUID.randomUUID(), name, Role.HOST, Duration.ofHours(2));
            respond(exchange, 200, "application/json", GSON.toJson(Map.of("token", token)));
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException | NullPointerException e) {
            respond(
                    exchange,
                    400,
                    "application/json",
                    GSON.toJson(Map.of("message", "send {\"room\":\"…\",\"name\":\"…\"}: " + e.getMessage())));
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        site.stop(0);
        mosaic.stop();
    }

    public static void main(String[] args) throws IOException {
        HostPageSample sample = new HostPageSample(8000, 8080);
        Runtime.getRuntime().addShutdownHook(new Thread(sample::close));
        System.out.println("Open " + sample.pageUrl() + " in two tabs and mount the same room in each.");
    }
}
