package dev.mosaic.server.web;

import io.javalin.config.JavalinConfig;

/**
 * Settings of Jetty's HTTP layer that Mosaic's security depends on, applied to whichever Javalin Mosaic
 * runs in (its own, or the application's through the plugin).
 */
public final class HttpHardening {
    private HttpHardening() {}

    public static void register(JavalinConfig config) {
        // Jetty reuses a header field seen earlier on the same connection when the next one matches it
        // ignoring case, so "Authorization: bearer s" followed by "Authorization: Bearer S" would read
        // as the first. Case-sensitive matching keeps each request's own header value.
        config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
    }
}
