package dev.mosaic.server;

import dev.mosaic.core.protocol.IceServer;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.token.Secrets;
import dev.mosaic.server.ice.TurnConfig;
import dev.mosaic.server.lti.LtiConfigFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar mosaic-server.jar [--dev] [--port N] [--host ADDR] [--allowed-origin URL]... [limits]}
 * Each flag has an environment twin (MOSAIC_DEV, MOSAIC_PORT, MOSAIC_HOST, MOSAIC_ALLOWED_ORIGINS,
 * MOSAIC_MAX_MESSAGE_BYTES, ...); flags win. The app secret comes only from MOSAIC_SECRET so it never shows in a process list.
 */
public final class Main {
    private static final String USAGE = """
            Usage: java -jar mosaic-server.jar [options]
              --dev                  demo mode: the demo page gets join tokens from anyone who asks (never in production);
                                     only on a loopback --host, and with a random secret, MOSAIC_SECRET is ignored
              --dev-on-network       allow --dev on a non-loopback --host: anyone who reaches it can join any room
                                     as host (env MOSAIC_DEV_ON_NETWORK=true)
              --dev-use-secret       sign demo tokens with MOSAIC_SECRET instead of a random secret: they are then
                                     valid on every server with that secret (env MOSAIC_DEV_USE_SECRET=true)
              --port N               TCP port (default 8080, env MOSAIC_PORT; 0 picks a free one)
              --host ADDR            address to listen on (default 127.0.0.1, env MOSAIC_HOST; 0.0.0.0 for all)
              --allowed-origin URL   a site that may embed meetings, e.g. https://school.example.org
                                     (repeatable; env MOSAIC_ALLOWED_ORIGINS, comma-separated)
              --webhook-url URL      post signed events (reports, joins, ...) there (env MOSAIC_WEBHOOK_URL;
                                     the signing secret only from MOSAIC_WEBHOOK_SECRET)
              --stun-url URL         a STUN server for browsers, e.g. stun:stun.example.org:3478
                                     (repeatable; env MOSAIC_STUN_URLS, comma-separated)
              --turn-url URL         a TURN server with coturn's use-auth-secret, e.g. turn:turn.example.org:3478
                                     (repeatable; env MOSAIC_TURN_URLS; the shared secret only from MOSAIC_TURN_SECRET)
              --turn-ttl SECONDS     lifetime of each participant's TURN credentials (default 43200, MOSAIC_TURN_TTL)
              --relay-only           media only through TURN: no participant sees another's IP (MOSAIC_RELAY_ONLY=true)
              --lti-config FILE      LTI 1.3 platforms (Moodle, Canvas, ...) that launch meetings, as JSON
                                     (env MOSAIC_LTI_CONFIG; see docs/lti.md)
              --media mesh|sfu|auto  media mode of rooms that name none (default mesh, env MOSAIC_MEDIA; docs/sfu.md);
                                     auto: a mesh that moves to the SFU when it grows past --sfu-threshold
              --sfu-threshold N      an auto room moves to the SFU when more than N people are in it
                                     (default 4, env MOSAIC_SFU_THRESHOLD)
              --janus-url URL        a Janus WebSocket for sfu rooms, e.g. ws://127.0.0.1:8188 (repeatable: a pool;
                                     env MOSAIC_JANUS_URLS; its VideoRoom admin_key only from MOSAIC_JANUS_ADMIN_KEY)
            Limits (docs/protocol.md#limits); each also as an environment variable:
              --max-message-bytes N        largest signaling message (default 65536, MOSAIC_MAX_MESSAGE_BYTES)
              --messages-per-second N      per connection, sustained (default 50, MOSAIC_MESSAGES_PER_SECOND)
              --message-burst N            per connection, at once (default 200, MOSAIC_MESSAGE_BURST)
              --connections-per-address N  open WebSockets per client IP (default 100, MOSAIC_CONNECTIONS_PER_ADDRESS)
              --join-deadline SECONDS      time to send join after connecting (default 10, MOSAIC_JOIN_DEADLINE)
              --resume-grace SECONDS       a dropped participant's place is kept (default 20, MOSAIC_RESUME_GRACE)
              --max-queued-messages N      unread messages before a slow client is dropped (default 1000, MOSAIC_MAX_QUEUED_MESSAGES)
              --max-queued-bytes N         unread bytes before a slow client is dropped (default 1048576, MOSAIC_MAX_QUEUED_BYTES)
              --http-connections-per-address N  open HTTP connections per client IP, WebSockets apart
                                           (default 256, MOSAIC_HTTP_CONNECTIONS_PER_ADDRESS)
              --http-header-timeout SECONDS a request header must be complete this long after its first
                                           byte (default 10, MOSAIC_HTTP_HEADER_TIMEOUT)
              --http-idle-timeout SECONDS  an HTTP connection with nothing arriving is closed (default 30,
                                           MOSAIC_HTTP_IDLE_TIMEOUT)
              --unused-room-expiry SECONDS a room created through the REST API that nobody has joined is removed
                                           after this (default 86400 = 24 h, MOSAIC_UNUSED_ROOM_EXPIRY)
              --max-token-lifetime SECONDS longest a join token may live, iat to exp; longer ones are refused
                                           (default 604800 = 7 days, MOSAIC_MAX_TOKEN_LIFETIME)
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
        if (config.devMode() && !isLoopback(config.host())) {
            System.err.println(
                    "mosaic: WARNING: dev mode on " + config.host() + " (--dev-on-network): anyone who can reach "
                            + "this server gets host tokens for any room. Never do this on a network you do not trust.");
        }
        String envSecret = System.getenv("MOSAIC_SECRET");
        if (config.devMode()
                && envSecret != null
                && !java.util.Arrays.equals(
                        config.secret(), envSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            System.err.println(
                    "mosaic: dev mode ignores MOSAIC_SECRET and signs demo tokens with a random secret, so they "
                            + "are worthless elsewhere (--dev-use-secret to use it; the REST API then needs it too).");
        }
        System.out.println(
                "Mosaic is running" + (config.devMode() ? " in dev mode (demo tokens for anyone)" : "") + ".");
        System.out.println("Demo page: " + server.localUrl() + "/");
        if (!config.devMode()) {
            System.out.println("Join tokens are required: issue them with the app secret (see docs/running.md).");
        }
    }

    /** Returns the configured builder, or null when help was asked for. */
    static MosaicServer.Builder parse(String[] args, Map<String, String> env) {
        MosaicServer.Builder builder = MosaicServer.builder();
        boolean dev = "true".equalsIgnoreCase(env.getOrDefault("MOSAIC_DEV", "false"));
        boolean devOnNetwork = "true".equalsIgnoreCase(env.getOrDefault("MOSAIC_DEV_ON_NETWORK", "false"));
        boolean devUseSecret = "true".equalsIgnoreCase(env.getOrDefault("MOSAIC_DEV_USE_SECRET", "false"));
        String port = env.get("MOSAIC_PORT");
        String host = env.get("MOSAIC_HOST");
        String origins = env.get("MOSAIC_ALLOWED_ORIGINS");
        String webhookUrl = env.get("MOSAIC_WEBHOOK_URL");
        List<String> stunUrls = new ArrayList<>(commaList(env.get("MOSAIC_STUN_URLS")));
        List<String> turnUrls = new ArrayList<>(commaList(env.get("MOSAIC_TURN_URLS")));
        String turnTtl = env.get("MOSAIC_TURN_TTL");
        boolean relayOnly = "true".equalsIgnoreCase(env.getOrDefault("MOSAIC_RELAY_ONLY", "false"));
        String ltiConfig = env.get("MOSAIC_LTI_CONFIG");
        String media = env.get("MOSAIC_MEDIA");
        String sfuThreshold = env.get("MOSAIC_SFU_THRESHOLD");
        List<String> janusUrls = new ArrayList<>(commaList(env.get("MOSAIC_JANUS_URLS")));
        if (origins != null) {
            Arrays.stream(origins.split(","))
                    .map(String::strip)
                    .filter(o -> !o.isEmpty())
                    .forEach(builder::allowedOrigin);
        }
        Map<String, String> limits = new java.util.HashMap<>();
        LIMIT_FLAGS.forEach((flag, envName) -> {
            if (env.get(envName) != null) {
                limits.put(flag, env.get(envName));
            }
        });
        Iterator<String> it = Arrays.asList(args).iterator();
        while (it.hasNext()) {
            String arg = it.next();
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--dev" -> dev = true;
                case "--dev-on-network" -> devOnNetwork = true;
                case "--dev-use-secret" -> devUseSecret = true;
                case "--port" -> port = value(arg, it);
                case "--host" -> host = value(arg, it);
                case "--allowed-origin" -> builder.allowedOrigin(value(arg, it));
                case "--webhook-url" -> webhookUrl = value(arg, it);
                case "--stun-url" -> stunUrls.add(value(arg, it).strip());
                case "--turn-url" -> turnUrls.add(value(arg, it).strip());
                case "--turn-ttl" -> turnTtl = value(arg, it);
                case "--relay-only" -> relayOnly = true;
                case "--lti-config" -> ltiConfig = value(arg, it);
                case "--media" -> media = value(arg, it);
                case "--sfu-threshold" -> sfuThreshold = value(arg, it);
                case "--janus-url" -> janusUrls.add(value(arg, it).strip());
                default -> {
                    if (!LIMIT_FLAGS.containsKey(arg)) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    limits.put(arg, value(arg, it));
                }
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
        limits.forEach((flag, value) -> applyLimit(builder, flag, number(flag, value)));
        if (dev && !devOnNetwork && !isLoopback(host == null ? "127.0.0.1" : host.strip())) {
            throw new IllegalArgumentException(
                    "--dev hands out host tokens to anyone who asks, so it listens only on a "
                            + "loopback address; --host " + host.strip()
                            + " is not one. Add --dev-on-network if you really mean it.");
        }
        String secret = env.get("MOSAIC_SECRET");
        // Demo tokens signed with the real secret would be valid on production servers that share it:
        // dev mode signs with a random secret of its own unless told otherwise.
        if (secret != null && !secret.isBlank() && (!dev || devUseSecret)) {
            builder.secret(secret);
        }
        if (webhookUrl != null && !webhookUrl.isBlank()) {
            String webhookSecret = env.get("MOSAIC_WEBHOOK_SECRET");
            if (webhookSecret == null || webhookSecret.isBlank()) {
                throw new IllegalArgumentException(
                        "--webhook-url needs MOSAIC_WEBHOOK_SECRET (at least 32 bytes) to sign deliveries");
            }
            builder.webhook(java.net.URI.create(webhookUrl.strip()), webhookSecret);
        }
        stunUrls.forEach(url -> builder.iceServer(new IceServer(List.of(url))));
        if (!turnUrls.isEmpty()) {
            String turnSecret = env.get("MOSAIC_TURN_SECRET");
            if (turnSecret == null || turnSecret.isBlank()) {
                throw new IllegalArgumentException(
                        "--turn-url needs MOSAIC_TURN_SECRET, the static-auth-secret it shares with the TURN server");
            }
            java.time.Duration ttl = turnTtl == null
                    ? TurnConfig.DEFAULT_TTL
                    : java.time.Duration.ofSeconds(number("--turn-ttl", turnTtl));
            byte[] turnKey = turnSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Secrets.requireNoSurroundingSpace("MOSAIC_TURN_SECRET", turnKey);
            builder.turn(new TurnConfig(turnUrls, turnKey, ttl));
        }
        if (ltiConfig != null && !ltiConfig.isBlank()) {
            LtiConfigFile.read(java.nio.file.Path.of(ltiConfig.strip())).forEach(builder::ltiPlatform);
        }
        if (media != null && !media.isBlank()) {
            builder.media(MediaMode.parse(media.strip()));
        }
        if (sfuThreshold != null && !sfuThreshold.isBlank()) {
            builder.sfuThreshold(number("--sfu-threshold", sfuThreshold));
        }
        for (String url : janusUrls) {
            builder.janusUrl(java.net.URI.create(url));
        }
        if (!janusUrls.isEmpty()) {
            String adminKey = env.get("MOSAIC_JANUS_ADMIN_KEY");
            if (adminKey == null || adminKey.isBlank()) {
                throw new IllegalArgumentException(
                        "--janus-url needs MOSAIC_JANUS_ADMIN_KEY, the admin_key of Janus's VideoRoom plugin");
            }
            builder.janusAdminKey(adminKey);
        }
        return builder.devMode(dev).relayOnly(relayOnly);
    }

    /** True for 127.0.0.0/8, ::1 and names that resolve only to them (localhost). */
    static boolean isLoopback(String host) {
        try {
            java.net.InetAddress[] addresses = java.net.InetAddress.getAllByName(host);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(java.net.InetAddress::isLoopbackAddress);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static List<String> commaList(String value) {
        return value == null
                ? List.of()
                : Arrays.stream(value.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    /** Limit flags and their environment twins. */
    private static final Map<String, String> LIMIT_FLAGS = Map.ofEntries(
            Map.entry("--max-message-bytes", "MOSAIC_MAX_MESSAGE_BYTES"),
            Map.entry("--messages-per-second", "MOSAIC_MESSAGES_PER_SECOND"),
            Map.entry("--message-burst", "MOSAIC_MESSAGE_BURST"),
            Map.entry("--connections-per-address", "MOSAIC_CONNECTIONS_PER_ADDRESS"),
            Map.entry("--join-deadline", "MOSAIC_JOIN_DEADLINE"),
            Map.entry("--resume-grace", "MOSAIC_RESUME_GRACE"),
            Map.entry("--max-queued-messages", "MOSAIC_MAX_QUEUED_MESSAGES"),
            Map.entry("--max-queued-bytes", "MOSAIC_MAX_QUEUED_BYTES"),
            Map.entry("--unused-room-expiry", "MOSAIC_UNUSED_ROOM_EXPIRY"),
            Map.entry("--max-token-lifetime", "MOSAIC_MAX_TOKEN_LIFETIME"),
            Map.entry("--http-connections-per-address", "MOSAIC_HTTP_CONNECTIONS_PER_ADDRESS"),
            Map.entry("--http-header-timeout", "MOSAIC_HTTP_HEADER_TIMEOUT"),
            Map.entry("--http-idle-timeout", "MOSAIC_HTTP_IDLE_TIMEOUT"));

    private static void applyLimit(MosaicServer.Builder builder, String flag, int n) {
        switch (flag) {
            case "--max-message-bytes" -> builder.maxMessageBytes(n);
            case "--messages-per-second" -> builder.messagesPerSecond(n);
            case "--message-burst" -> builder.messageBurst(n);
            case "--connections-per-address" -> builder.connectionsPerAddress(n);
            case "--join-deadline" -> builder.joinDeadline(java.time.Duration.ofSeconds(n));
            case "--resume-grace" -> builder.resumeGrace(java.time.Duration.ofSeconds(n));
            case "--max-queued-messages" -> builder.maxQueuedMessages(n);
            case "--max-queued-bytes" -> builder.maxQueuedBytes(n);
            case "--http-connections-per-address" -> builder.httpConnectionsPerAddress(n);
            case "--http-header-timeout" -> builder.httpHeaderTimeout(java.time.Duration.ofSeconds(n));
            case "--http-idle-timeout" -> builder.httpIdleTimeout(java.time.Duration.ofSeconds(n));
            case "--unused-room-expiry" -> builder.unusedRoomExpiry(java.time.Duration.ofSeconds(n));
            case "--max-token-lifetime" -> builder.maxTokenLifetime(java.time.Duration.ofSeconds(n));
            default -> throw new IllegalArgumentException("unknown option " + flag);
        }
    }

    private static int number(String flag, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, got '" + value + "'");
        }
    }

    private static String value(String flag, Iterator<String> it) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return it.next();
    }
}
