package dev.mosaic.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

/** Serves the widget bundles (from the mosaic-widget jar) under {@code /mosaic/} and the demo page at {@code /}. */
public final class WidgetFiles {
    /** Classpath folder the widget module's build writes its bundles into. */
    public static final String WIDGET_CLASSPATH_DIR = "/mosaic-widget";

    private WidgetFiles() {}

    public static void register(JavalinConfig config) {
        registerWidget(config);
        registerDemo(config);
    }

    /** Only the widget bundles, for apps that embed Mosaic in their own Javalin (their {@code /} stays theirs). */
    public static void registerWidget(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/mosaic";
            files.directory = WIDGET_CLASSPATH_DIR;
            files.location = Location.CLASSPATH;
            files.headers = java.util.Map.of("X-Content-Type-Options", "nosniff");
        });
    }

    public static void registerDemo(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/mosaic-demo";
            files.location = Location.CLASSPATH;
        });
    }
}
