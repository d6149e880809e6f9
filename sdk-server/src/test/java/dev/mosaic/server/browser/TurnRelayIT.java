package dev.mosaic.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.ice.TurnConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Relay-only meetings through a real coturn: two Chromiums get per-participant TURN credentials,
 * connect only through the relay (so neither learns the other's address) and decode live video.
 */
class TurnRelayIT {
    private Coturn coturn;
    private MosaicServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop();
        if (coturn != null) coturn.close();
    }

    @Test
    void mediaFlowsOnlyThroughTurnWithShortLivedCredentials() throws Exception {
        coturn = Coturn.start();
        server = MosaicServer.builder()
                .port(0)
                .devMode(true)
                .turn(new TurnConfig(List.of(coturn.url()), coturn.secret, Duration.ofMinutes(10)))
                .relayOnly(true)
                .start();
        try (DemoParticipant alice = new DemoParticipant("Alice");
                DemoParticipant bob = new DemoParticipant("Bob")) {
            alice.join(server.localUrl(), "private");
            bob.join(server.localUrl(), "private");
            for (DemoParticipant viewer : List.of(alice, bob)) {
                Map<String, Object> video = viewer.awaitOneRemoteVideo(Duration.ofSeconds(40));
                System.out.printf(
                        "%s: remote video %sx%s over %s -> %s candidates%n",
                        viewer.name(),
                        video.get("videoWidth"),
                        video.get("videoHeight"),
                        video.get("localCandidateType"),
                        video.get("remoteCandidateType"));
                assertEquals("relay", video.get("localCandidateType"), viewer.name() + " sends through TURN: " + video);
                assertEquals(
                        "relay",
                        video.get("remoteCandidateType"),
                        viewer.name() + " sees only the relay address: " + video);
            }
        }
        // coturn accepted the HMAC credentials Mosaic made, one pair per participant ("expiry:participantId"),
        // each expiring within the configured 10 minutes.
        String log = coturn.log();
        Matcher m = Pattern.compile("user <(\\d+):([A-Za-z0-9_-]+)>: incoming packet ALLOCATE processed, success")
                .matcher(log);
        Set<String> users = new HashSet<>();
        long now = Instant.now().getEpochSecond();
        while (m.find()) {
            long expiry = Long.parseLong(m.group(1));
            assertTrue(expiry > now && expiry <= now + 600, "credential expiry " + expiry + " vs now " + now);
            users.add(m.group(2));
        }
        assertEquals(2, users.size(), "successful TURN allocations by participant: " + users + "\n" + tail(log));
    }

    private static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
