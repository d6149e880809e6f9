package dev.mosaic.server;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code java -jar mosaic-server.jar [--dev] [--port N] [--host ADDR] [--allowed-origin URL]...}
 * Each flag has an environment twin (MOSAIC_DEV, MOSAIC_PORT, MOSAIC_HOST, MOSAIC_ALLOWED_ORIGINS);
 * flags win. The app secret comes only from MOSAIC_SECRET so it never shows in a process list.
 */
public final class Main {
    private static final String USAGE = """
            Usage: java -jar mosaic-server.jar [options]
              --dev                  demo mode: the demo page gets join tokens from the server (never in production)
              --port N               TCP port (default 8080, env MOSAIC_PORT; 0 picks a free one)
              --host ADDR            address to listen on (default 127.0.0.1, env MOSAIC_HOST; 0.0.0.0 for all)
              --allowed-origin URL   a site that may embed meetings, e.g. https://school.example.org
                                     (repeatable; env MOSAIC_ALLOWED_ORIGINS, comma-separated)
              --help                 this text
            Environment:
              MOSAIC_SECRET          app secret signing join tokens, at least 32 bytes (required without --dev)
            """;

    private Main() {}

    public static void main(String[] args) {
        MosaicServer.Builder builder;
        try {
            builder = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("mosaic: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (builder == null) {
            System.out.print(USAGE);
            return;
        }
        MosaicServer server;
        try {
            server = builder.start();
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("mosaic: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "mosaic-shutdown"));
        ServerConfig config = server.config();
        System.out.println("Mosaic is running" + (config.devMode() ? " in dev mode (demo tokens for anyone)" : "") + ".");
        System.out.println("Demo page: " + server.localUrl() + "/");
        if (!config.devMode()) {
            System.out.println("Join tokens are required: issue them with the app secret (see docs/running.md).");
        }
    }

    /** Returns the configured builder, or null when help was asked for. */
    static MosaicServer.Builder parse(String[] args, Map<String, String> env) {
        MosaicServer.Builder builder = MosaicServer.builder();
        boolean dev = "true".equalsIgnoreCase(env.getOrDefault("MOSAIC_DEV", "false"));
        String port = env.get("MOSAIC_PORT");
        String host = env.get("MOSAIC_HOST");
        String origins = env.get("MOSAIC_ALLOWED_ORIGINS");
        if (origins != null) {
            Arrays.stream(origins.split(",")).map(String::strip).filter(o -> !o.isEmpty()).forEach(builder::allowedOrigin);
        }
        Iterator<String> it = Arrays.asList(args).iterator();
        while (it.hasNext()) {
            String arg = it.next();
            switch (arg) {
                case "--help", "-h" -> { return null; }
                case "--dev" -> dev = true;
                case "--port" -> port = value(arg, it);
                case "--host" -> host = value(arg, it);
                case "--allowed-origin" -> builder.allowedOrigin(value(arg, it));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (port != null) {
            try {
                builder.port(Integer.parseInt(port.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port must be a number, got '" + port + "'");
            }
        }
        if (host != null) {
            builder.host(host.strip());
        }
        String secret = env.get("MOSAIC_SECRET");
        if (secret != null && !secret.isBlank()) {
            builder.secret(secret);
        }
        return builder.devMode(dev);
    }

    private static String value(String flag, Iterator<String> it) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return it.next();
    }
}
