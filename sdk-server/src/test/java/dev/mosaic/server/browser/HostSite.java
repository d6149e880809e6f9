package dev.mosaic.server.browser;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.token.JoinTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A host website on its own origin ({@code http://127.0.0.1:PORT}, while Mosaic is reached as
 * {@code http://localhost:PORT}): it serves the samples' plain HTML host page and, as a real site's
 * backend would, issues join tokens at {@code POST /token}.
 */
final class HostSite implements AutoCloseable {
    /** The host page from samples/, read from the source tree so the test runs the page users copy. */
    static final Path HOST_PAGE = locate("samples/src/main/resources/host-page/index.html");

    private static final Gson GSON = new Gson();

    private final HttpServer http;
    private JoinTokens tokens;
    private java.util.function.Function<String, Role> roles = name -> Role.HOST;

    HostSite() {
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/token", this::token);
        http.createContext("/", this::page);
        http.start();
    }

    /** Tokens are signed with the Mosaic server's app secret, known to the site's backend. */
    HostSite issuingWith(JoinTokens tokens) {
        this.tokens = tokens;
        return this;
    }

    /**
     * Starts a Mosaic server on a free port with a fresh app secret, letting this site embed its
     * meetings and issue its tokens; {@code customize} adds settings (a listener, say).
     */
    dev.mosaic.server.MosaicServer startMosaic(
            java.util.function.UnaryOperator<dev.mosaic.server.MosaicServer.Builder> customize) {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        dev.mosaic.server.MosaicServer server = customize
                .apply(dev.mosaic.server.MosaicServer.builder()
                        .port(0)
                        .secret(secret)
                        .allowedOrigin(origin()))
                .start();
        issuingWith(server.tokens());
        return server;
    }

    dev.mosaic.server.MosaicServer startMosaic() {
        return startMosaic(builder -> builder);
    }

    /** The role each user gets, by the name they typed (everyone is a host unless this is set). */
    HostSite withRoles(java.util.function.Function<String, Role> byName) {
        this.roles = byName;
        return this;
    }

    String origin() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The host page, told where the Mosaic server is. */
    String pageUrl(String mosaicServer) {
        return origin() + "/?server=" + mosaicServer;
    }

    private void page(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            respond(exchange, 404, "text/plain", "not found");
            return;
        }
        respond(exchange, 200, "text/html; charset=utf-8", Files.readString(HOST_PAGE));
    }

    private void token(HttpExchange exchange) throws IOException {
        JsonObject body = JsonParser.parseString(
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                .getAsJsonObject();
        String token = tokens.issue(
                body.get("room").getAsString(),
                "user-" + UUID.randomUUID(),
                body.get("name").getAsString(),
                roles.apply(body.get("name").getAsString()),
                Duration.ofHours(1));
        respond(exchange, 200, "application/json", GSON.toJson(Map.of("token", token)));
    }

    private static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
        dev.mosaic.server.HttpReplies.text(exchange, status, type, text);
    }

    private static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(
                "cannot find " + relative + " above " + Path.of("").toAbsolutePath());
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
