package dev.mosaic.server.lti;

import io.javalin.http.Context;
import java.util.Collection;

/**
 * The two pages an LTI launch ends on: the meeting (mounted by {@code /lti/assets/launch.js} with
 * the widget's loader, like any host page) or an error that tells the reader what to do, with a
 * stable code. Scripts only from this server, no inline script, and only the LMS may frame them.
 */
final class LtiPages {
    private LtiPages() {}

    static void meeting(
            Context ctx,
            String room,
            String joinToken,
            String heading,
            String subheading,
            String locale,
            Collection<String> frameAncestors) {
        secure(
                ctx,
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                        + "frame-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'self' "
                        + String.join(" ", frameAncestors));
        ctx.html("""
                <!doctype html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Mosaic</title>
                <link rel="stylesheet" href="/lti/assets/lti.css">
                <script src="/mosaic/mosaic.js"></script>
                </head>
                <body class="lti-launch">
                <header><h1>%s</h1>%s</header>
                <main id="meeting" data-room="%s" data-token="%s" data-title="%s" data-locale="%s"></main>
                <script src="/lti/assets/launch.js"></script>
                </body>
                </html>
                """.formatted(
                        locale == null ? "en" : escape(locale),
                        escape(heading),
                        escape(heading),
                        subheading == null ? "" : "<p>" + escape(subheading) + "</p>",
                        escape(room),
                        escape(joinToken),
                        escape(heading),
                        locale == null ? "" : escape(locale)));
    }

    static void error(Context ctx, LtiError error) {
        LtiErrorText.Page text = LtiErrorText.of(error, ctx.header("Accept-Language"));
        ctx.status(error.status());
        secure(ctx, "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'");
        ctx.header("Content-Language", text.lang());
        String details = text.detailsLabel() == null
                ? ""
                : "<details><summary>" + escape(text.detailsLabel()) + "</summary><p>" + escape(error.getMessage())
                        + "</p></details>\n";
        ctx.html("""
                <!doctype html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Mosaic</title>
                <link rel="stylesheet" href="/lti/assets/lti.css">
                </head>
                <body class="lti-error">
                <main>
                <h1>%s</h1>
                <p id="lti-error-message">%s</p>
                <p><code id="lti-error-code">%s</code> %s</p>
                %s</main>
                </body>
                </html>
                """.formatted(
                        text.lang(),
                        escape(text.title()),
                        escape(text.title()),
                        escape(text.message()),
                        escape(error.code()),
                        escape(text.codeLine()),
                        details));
    }

    private static void secure(Context ctx, String csp) {
        ctx.header("Content-Security-Policy", csp);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Content-Type-Options", "nosniff");
        // The meeting page carries a join token: never cache it.
        ctx.header("Cache-Control", "no-store");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
