package dev.mosaic.server;

import dev.mosaic.server.ice.IceConfig;
import java.util.List;

/**
 * Everything a {@link MosaicServer} needs, fixed at start. Built by {@link MosaicServer.Builder}.
 *
 * @param host           address to listen on; loopback by default so nothing is exposed by accident
 * @param port           TCP port, 0 for any free one
 * @param secret         the app secret that signs join tokens (HS256, at least 32 bytes)
 * @param devMode        issue demo tokens to anyone at {@code POST /api/dev/token}; never in production
 * @param allowedOrigins origins (scheme://host:port) whose pages may frame the meeting, besides this server's own
 * @param ice            STUN/TURN servers and relay policy handed to browsers on join
 * @param limits         message size and rate, connections per address, join deadline, resume grace
 */
public record ServerConfig(
        String host,
        int port,
        byte[] secret,
        boolean devMode,
        List<String> allowedOrigins,
        IceConfig ice,
        Limits limits) {
    public ServerConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
