package dev.mosaic.server;

import dev.mosaic.core.protocol.IceServer;
import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.room.InMemoryRooms;
import dev.mosaic.server.room.Rooms;
import dev.mosaic.server.signaling.SignalingEndpoint;
import dev.mosaic.server.web.DevTokenRoute;
import dev.mosaic.server.web.EmbedPage;
import dev.mosaic.server.web.WidgetFiles;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Mosaic signaling server: WebSocket signaling, the widget files and the embed page.
 * <pre>{@code
 * MosaicServer server = MosaicServer.builder().port(8080).secret(appSecret).start();
 * String token = server.tokens().issue("maths-101", "u42", "Ada", Role.PARTICIPANT, Duration.ofHours(2));
 * }</pre>
 */
public final class MosaicServer implements AutoCloseable {
    private final ServerConfig config;
    private final JoinTokens tokens;
    private final Rooms rooms;
    private final Javalin app;

    private MosaicServer(ServerConfig config) {
        this.config = config;
        this.tokens = new JoinTokens(config.secret());
        this.rooms = new InMemoryRooms();
        SignalingEndpoint signaling = new SignalingEndpoint(tokens, rooms, config.iceServers());
        this.app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            WidgetFiles.register(javalin);
            EmbedPage.register(javalin, config.allowedOrigins());
            signaling.register(javalin);
            if (config.devMode()) {
                DevTokenRoute.register(javalin, tokens);
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    private MosaicServer startListening() {
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

    /** Issues and verifies join tokens with this server's app secret. */
    public JoinTokens tokens() {
        return tokens;
    }

    public Rooms rooms() {
        return rooms;
    }

    public ServerConfig config() {
        return config;
    }

    /** Stops listening and closes every connection. */
    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** Collects settings; {@link #start()} builds and starts the server. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private byte[] secret;
        private boolean devMode;
        private final List<String> allowedOrigins = new ArrayList<>();
        private final List<IceServer> iceServers = new ArrayList<>();

        private Builder() {}

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

        /** The app secret that signs join tokens; at least 32 bytes. */
        public Builder secret(byte[] secret) {
            this.secret = secret.clone();
            return this;
        }

        public Builder secret(String secret) {
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

        public Builder iceServer(IceServer server) {
            iceServers.add(Objects.requireNonNull(server));
            return this;
        }

        public ServerConfig build() {
            byte[] key = secret;
            if (key == null) {
                if (!devMode) {
                    throw new IllegalStateException("an app secret is required to verify join tokens: set one with "
                            + "secret(...) or MOSAIC_SECRET (at least 32 bytes), or use dev mode for a demo");
                }
                key = new byte[32];
                new SecureRandom().nextBytes(key);
            }
            return new ServerConfig(host, port, key, devMode, allowedOrigins, iceServers);
        }

        public MosaicServer start() {
            return new MosaicServer(build()).startListening();
        }
    }
}
