package dev.mosaic.server.ice;

import dev.mosaic.core.protocol.IceServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ICE servers and policy each participant gets in {@code joined}.
 *
 * @param servers   STUN (and TURN with fixed credentials) given to everyone as they are
 * @param turn      a TURN server with short-lived credentials made per participant, or null
 * @param relayOnly browsers connect only through TURN ({@code iceTransportPolicy: relay}), so no
 *                  participant learns another's IP address; needs a TURN server
 */
public record IceConfig(List<IceServer> servers, TurnConfig turn, boolean relayOnly) {
    public static final IceConfig NONE = new IceConfig(List.of(), null, false);

    public IceConfig {
        servers = List.copyOf(servers);
        boolean anyTurn =
                turn != null || servers.stream().flatMap(s -> s.urls().stream()).anyMatch(u -> u.startsWith("turn"));
        if (relayOnly && !anyTurn) {
            throw new IllegalArgumentException("relay-only needs a TURN server: without one no connection can be made");
        }
    }

    /** What one participant's {@code joined} carries; {@code label} names its TURN credentials. */
    public List<IceServer> serversFor(String label, Instant now) {
        if (turn == null) {
            return servers;
        }
        List<IceServer> all = new ArrayList<>(servers);
        all.add(turn.credentialsFor(label, now));
        return all;
    }

    /** {@code "relay"}, or null for the browser's default ({@code "all"}). */
    public String transportPolicy() {
        return relayOnly ? "relay" : null;
    }
}
