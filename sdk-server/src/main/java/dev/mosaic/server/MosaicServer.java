package dev.mosaic.server;

import dev.mosaic.core.protocol.IceServer;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.events.MeetingListener;
import dev.mosaic.server.ice.IceConfig;
import dev.mosaic.server.ice.TurnConfig;
import dev.mosaic.server.lti.LtiPlatform;
import dev.mosaic.server.room.RoomOptions;
import dev.mosaic.server.room.Rooms;
import dev.mosaic.server.sfu.SfuConfig;
import dev.mosaic.server.web.WidgetFiles;
import dev.mosaic.server.webhook.WebhookConfig;
import io.javalin.Javalin;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Mosaic signaling server: WebSocket signaling, REST API, the widget files and the embed page,
 * on its own Javalin. For an application already on Javalin, use {@link Builder#plugin()} instead.
 * <pre>{@code
 * MosaicServer server = MosaicServer.builder().port(8080).secret(appSecret).listener(myListener).start();
 * String token = server.tokens().issue("maths-101", "u42", "Ada", Role.PARTICIPANT, Duration.ofHours(2));
 * }</pre>
 */
public final class MosaicServer implements AutoCloseable {
    private final MosaicPlugin mosaic;
    private final Javalin app;

    private MosaicServer(MosaicPlugin mosaic) {
        this.mosaic = mosaic;
        this.app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.registerPlugin(mosaic);
            WidgetFiles.registerDemo(javalin);
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    private MosaicServer startListening() {
        ServerConfig config = mosaic.config();
        app.start(config.host(), config.port());
        return this;
    }

    /** The port actually bound (useful when configured with port 0). */
    public int port() {
        return app.port();
    }

    /** Base URL for browsers on this machine, e.g. {@code http://localhost:8080}. */
    public String localUrl() {
        return "http://localhost:" + port();
    }

    /** The signaling WebSocket URL on this machine, e.g. {@code ws://127.0.0.1:8080/ws}. */
    public String webSocketUrl() {
        return "ws://"
                + ("0.0.0.0".equals(mosaic.config().host())
                        ? "127.0.0.1"
                        : mosaic.config().host()) + ":" + port() + "/ws";
    }

    /** Issues and verifies join tokens with this server's app secret. */
    public JoinTokens tokens() {
        return mosaic.tokens();
    }

    public Rooms rooms() {
        return mosaic.rooms();
    }

    public ServerConfig config() {
        return mosaic.config();
    }

    /** How many signaling WebSockets are open. */
    public int openConnections() {
        return mosaic.openConnections();
    }

    /** Bytes waiting in the fullest outbound queue of any signaling WebSocket (for monitoring). */
    public long largestOutboundQueueBytes() {
        return mosaic.largestOutboundQueueBytes();
    }

    /** Stops listening and closes every connection. */
    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** Collects settings; {@link #start()} builds and starts the server, {@link #plugin()} a Javalin plugin. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private byte[] secret;
        private boolean devMode;
        private final List<String> allowedOrigins = new ArrayList<>();
        private final List<IceServer> iceServers = new ArrayList<>();
        private TurnConfig turn;
        private boolean relayOnly;
        private MeetingListener listener = new MeetingListener() {};
        private int maxMessageBytes = Limits.DEFAULT.maxMessageBytes();
        private int messagesPerSecond = Limits.DEFAULT.messagesPerSecond();
        private int messageBurst = Limits.DEFAULT.messageBurst();
        private int connectionsPerAddress = Limits.DEFAULT.connectionsPerAddress();
        private Duration joinDeadline = Limits.DEFAULT.joinDeadline();
        private Duration resumeGrace = Limits.DEFAULT.resumeGrace();
        private int maxQueuedMessages = Limits.DEFAULT.maxQueuedMessages();
        private int maxQueuedBytes = Limits.DEFAULT.maxQueuedBytes();
        private Duration unusedRoomExpiry = Limits.DEFAULT.unusedRoomExpiry();
        private Duration maxTokenLifetime = Limits.DEFAULT.maxTokenLifetime();
        private int httpConnectionsPerAddress = Limits.DEFAULT.httpConnectionsPerAddress();
        private Duration httpHeaderTimeout = Limits.DEFAULT.httpHeaderTimeout();
        private Duration httpIdleTimeout = Limits.DEFAULT.httpIdleTimeout();
        private WebhookConfig webhook;
        private Clock clock = Clock.systemUTC();
        private Duration expirySweep = MosaicPlugin.DEFAULT_EXPIRY_SWEEP;
        private final List<LtiPlatform> ltiPlatforms = new ArrayList<>();

        private final List<URI> janusUrls = new ArrayList<>();
        private String janusAdminKey;
        private MediaMode media = MediaMode.MESH;
        private int sfuThreshold = RoomOptions.DEFAULT_SFU_THRESHOLD;

        private Builder() {}

        /**
         * The media mode of rooms that name none: {@code MESH} (default; browsers connect to each other),
         * {@code SFU} (through Janus; needs {@link #janusUrl}) or {@code AUTO} (a mesh that moves to the SFU
         * when more than {@link #sfuThreshold} people are in it; needs {@link #janusUrl}). See docs/sfu.md.
         */
        public Builder media(MediaMode media) {
            this.media = Objects.requireNonNull(media);
            return this;
        }

        /** An {@code auto} room moves to the SFU when more than this many people are in it (default 4). */
        public Builder sfuThreshold(int people) {
            if (people < 1 || people > RoomOptions.MAX_SFU_THRESHOLD) {
                throw new IllegalArgumentException(
                        "sfuThreshold must be 1-" + RoomOptions.MAX_SFU_THRESHOLD + ", got " + people);
            }
            this.sfuThreshold = people;
            return this;
        }

        /**
         * A Janus server's WebSocket URL (e.g. {@code ws://127.0.0.1:8188}) for {@code sfu} rooms; repeat for
         * a pool, where each new room goes to the Janus with the fewest rooms. See docs/sfu.md.
         */
        public Builder janusUrl(URI url) {
            janusUrls.add(Objects.requireNonNull(url));
            return this;
        }

        /** The VideoRoom {@code admin_key} of the Janus servers (needed to create rooms there). */
        public Builder janusAdminKey(String adminKey) {
            this.janusAdminKey = Objects.requireNonNull(adminKey);
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The app secret that signs join tokens and guards the REST API; at least 32 bytes. */
        public Builder secret(byte[] secret) {
            this.secret = secret.clone();
            return this;
        }

        /** The app secret as text: also refused with white space at either end (a newline from a file). */
        public Builder secret(String secret) {
            dev.mosaic.core.token.Secrets.requireNoSurroundingSpace(
                    "the app secret (MOSAIC_SECRET)", secret.getBytes(StandardCharsets.UTF_8));
            return secret(secret.getBytes(StandardCharsets.UTF_8));
        }

        /** Demo mode: anyone may get a token at {@code POST /api/dev/token}. A random secret is used if none is set. */
        public Builder devMode(boolean devMode) {
            this.devMode = devMode;
            return this;
        }

        public Builder allowedOrigin(String origin) {
            allowedOrigins.add(Origins.requireOrigin(origin));
            return this;
        }

        /** A STUN server, or a TURN server with fixed credentials, handed to every participant. */
        public Builder iceServer(IceServer server) {
            iceServers.add(Objects.requireNonNull(server));
            return this;
        }

        /**
         * A TURN server sharing {@code secret} with Mosaic (coturn {@code use-auth-secret}): each
         * participant gets its own credentials, valid for {@link TurnConfig#ttl()}. See docs/running.md.
         */
        public Builder turn(TurnConfig turn) {
            this.turn = Objects.requireNonNull(turn);
            return this;
        }

        /**
         * Connect browsers only through TURN, so no participant learns another's IP address (privacy
         * for pupils, say). Needs {@link #turn} or a TURN {@link #iceServer}.
         */
        public Builder relayOnly(boolean relayOnly) {
            this.relayOnly = relayOnly;
            return this;
        }

        /** The application's hooks: join decisions and meeting events (see docs/callbacks.md). */
        public Builder listener(MeetingListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /** Largest signaling message, in bytes (default 64 KiB). */
        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        /** Sustained messages per second per connection (default 50), after a burst of {@code burst} (default 200). */
        public Builder messageRate(int perSecond, int burst) {
            this.messagesPerSecond = perSecond;
            this.messageBurst = burst;
            return this;
        }

        public Builder messagesPerSecond(int perSecond) {
            this.messagesPerSecond = perSecond;
            return this;
        }

        public Builder messageBurst(int burst) {
            this.messageBurst = burst;
            return this;
        }

        /** Open WebSockets per client address (default 100). */
        public Builder connectionsPerAddress(int max) {
            this.connectionsPerAddress = max;
            return this;
        }

        /**
         * Open HTTP connections per client address (default 256), not counting those that became
         * WebSockets ({@link #connectionsPerAddress}); more are closed at once. Behind a proxy, raise it.
         */
        public Builder httpConnectionsPerAddress(int max) {
            this.httpConnectionsPerAddress = max;
            return this;
        }

        /** Time a request's header may take from its first byte (default 10 s); slower clients are disconnected. */
        public Builder httpHeaderTimeout(Duration timeout) {
            this.httpHeaderTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** An HTTP connection on which nothing arrives for this long is closed (default 30 s). */
        public Builder httpIdleTimeout(Duration timeout) {
            this.httpIdleTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Time a new connection has to send {@code join} or {@code resume} (default 10 s). */
        public Builder joinDeadline(Duration deadline) {
            this.joinDeadline = Objects.requireNonNull(deadline);
            return this;
        }

        /** How long a dropped participant keeps its place for {@code resume} (default 20 s). */
        public Builder resumeGrace(Duration grace) {
            this.resumeGrace = Objects.requireNonNull(grace);
            return this;
        }

        /**
         * How long a room created through the API ({@code POST /api/rooms} or {@code rooms().create})
         * waits for its first participant before it is removed (default 24 h, at most 366 days); a room
         * can set its own with {@code expiresAt} or {@code expiresInSeconds}. See docs/rest.md.
         */
        public Builder unusedRoomExpiry(Duration expiry) {
            this.unusedRoomExpiry = Objects.requireNonNull(expiry);
            return this;
        }

        /**
         * The longest a join token may live, from its {@code iat} (else {@code nbf}) to its {@code exp}
         * (default 7 days, at most 366): longer ones are refused at join, {@code tokens().issue} and the
         * REST API will not make them, and a room that empties keeps its settings and removals at least
         * this long. See docs/tokens.md.
         */
        public Builder maxTokenLifetime(Duration lifetime) {
            this.maxTokenLifetime = Objects.requireNonNull(lifetime);
            return this;
        }

        /** Tests only: the time rooms, attendance and expiry go by (default the system's, UTC). */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Tests only: how often rooms past their expiry are looked for (default 30 s). */
        Builder expirySweep(Duration every) {
            this.expirySweep = Objects.requireNonNull(every);
            return this;
        }

        /** Messages queued for one slow reader before it is disconnected (default 1000). */
        public Builder maxQueuedMessages(int max) {
            this.maxQueuedMessages = max;
            return this;
        }

        /**
         * Bytes queued for one slow reader before it is disconnected (default 1 MiB), whatever the
         * number of messages; a single larger message still goes to a connection with nothing queued.
         */
        public Builder maxQueuedBytes(int max) {
            this.maxQueuedBytes = max;
            return this;
        }

        /**
         * Posts events (reports, rooms started and ended, joins and leaves, host actions) to {@code url},
         * signed with {@code secret} (at least 32 bytes); see docs/callbacks.md, "Webhooks".
         */
        public Builder webhook(URI url, String secret) {
            return webhook(new WebhookConfig(
                    url,
                    dev.mosaic.core.token.Secrets.requireUsableText(
                            "the webhook secret (MOSAIC_WEBHOOK_SECRET)", secret),
                    WebhookConfig.DEFAULT_ATTEMPTS,
                    WebhookConfig.DEFAULT_BACKOFF));
        }

        /** Webhooks with your own retry settings. */
        public Builder webhook(WebhookConfig config) {
            this.webhook = Objects.requireNonNull(config);
            return this;
        }

        /**
         * A learning platform (Moodle, Canvas, ...) that may launch meetings over LTI 1.3 at
         * {@code /lti/login} and {@code /lti/launch}; repeat for several. See docs/lti.md.
         */
        public Builder ltiPlatform(LtiPlatform platform) {
            this.ltiPlatforms.add(Objects.requireNonNull(platform));
            return this;
        }

        public ServerConfig build() {
            byte[] key = secret;
            if (key == null) {
                if (!devMode) {
                    throw new IllegalStateException("an app secret is required to verify join tokens: set one with "
                            + "secret(...) or MOSAIC_SECRET (at least 32 bytes), or use dev mode for a demo");
                }
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                // As text, like a secret an operator would set: raw bytes may start or end with white space.
                key = java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(random)
                        .getBytes(StandardCharsets.US_ASCII);
            }
            // Checked here, not first when tokens are verified, so that a bad secret stops the start with
            // its reason (and a newline at the end cannot sign tokens yet fail the REST API's header check).
            dev.mosaic.core.token.Secrets.requireUsable("the app secret (MOSAIC_SECRET)", key);
            Limits limits = new Limits(
                    maxMessageBytes,
                    messagesPerSecond,
                    messageBurst,
                    connectionsPerAddress,
                    joinDeadline,
                    resumeGrace,
                    maxQueuedMessages,
                    maxQueuedBytes,
                    unusedRoomExpiry,
                    maxTokenLifetime,
                    httpConnectionsPerAddress,
                    httpHeaderTimeout,
                    httpIdleTimeout);
            IceConfig ice;
            try {
                ice = new IceConfig(iceServers, turn, relayOnly);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            return new ServerConfig(host, port, key, devMode, allowedOrigins, ice, limits);
        }

        /** Mosaic as a plugin for your own Javalin ({@code host} and {@code port} are then yours to set). */
        public MosaicPlugin plugin() {
            ServerConfig server = build();
            SfuConfig sfu;
            try {
                sfu = new SfuConfig(janusUrls, janusAdminKey, media, sfuThreshold);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            return new MosaicPlugin(m -> {
                m.server = server;
                m.listener = listener;
                m.webhook = webhook;
                m.ltiPlatforms = ltiPlatforms;
                m.sfu = sfu;
                m.clock = clock;
                m.expirySweep = expirySweep;
            });
        }

        public MosaicServer start() {
            return new MosaicServer(plugin()).startListening();
        }
    }
}
