package dev.mosaic.server.web;

import dev.mosaic.server.room.RoomNames;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The page inside the widget's iframe, {@code /embed/{room}}. It loads the meeting app; the host page
 * hands it the token over postMessage, so no token ever appears in a URL.
 */
public final class EmbedPage {
    private final String frameAncestors;
    private final String allowedOrigins;

    private EmbedPage(List<String> allowedOrigins, java.util.Collection<String> ancestorsOnly) {
        java.util.Set<String> ancestors = new java.util.LinkedHashSet<>(allowedOrigins);
        ancestors.addAll(ancestorsOnly);
        this.frameAncestors = String.join(" ", prepend("'self'", List.copyOf(ancestors)));
        this.allowedOrigins = String.join(" ", allowedOrigins);
    }

    public static void register(JavalinConfig config, List<String> allowedOrigins) {
        register(config, allowedOrigins, List.of());
    }

    /**
     * {@code ancestorsOnly}: origins that may be further up the frame chain but never talk to the
     * meeting directly (LMS pages around an LTI launch page, which is the meeting's host page).
     */
    public static void register(
            JavalinConfig config, List<String> allowedOrigins, java.util.Collection<String> ancestorsOnly) {
        EmbedPage page = new EmbedPage(allowedOrigins, ancestorsOnly);
        config.routes.get("/embed/{room}", page::render);
    }

    private void render(Context ctx) {
        String room = ctx.pathParam("room");
        if (!RoomNames.isValid(room)) {
            ctx.status(404).result("No such meeting page: " + RoomNames.RULE);
            return;
        }
        // Only the listed origins may frame the meeting; scripts and connections stay on this server.
        ctx.header(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; "
                        + "connect-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self' blob:; frame-ancestors "
                        + frameAncestors);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        ctx.html("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="mosaic-room" content="%s">
                <meta name="mosaic-allowed-origins" content="%s">
                <title>Mosaic meeting</title>
                <link rel="stylesheet" href="/mosaic/mosaic-app.css">
                </head>
                <body>
                <main id="mosaic-app" aria-live="polite"></main>
                <script src="/mosaic/mosaic-app.js"></script>
                </body>
                </html>
                """.formatted(room, allowedOrigins));
    }

    private static List<String> prepend(String first, List<String> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream())
                .toList();
    }
}
