package dev.mosaic.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Answers for the small JDK HTTP servers tests stand up (host sites, a test LMS). */
public final class HttpReplies {
    private HttpReplies() {}

    /** Sends {@code text} as the whole response body with this status and content type. */
    public static void text(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
