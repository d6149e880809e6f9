package dev.mosaic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.server.MosaicServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a real Mosaic server: clients join with tokens and each offer reaches its ring peer. */
class ClientFleetTest {
    private static final String SECRET = "benchmark-test-secret-of-at-least-32-bytes";
    private MosaicServer server;

    @BeforeEach
    void start() {
        server = MosaicServer.builder().port(0).secret(SECRET).start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void everyJoinedClientRelaysAnOfferToTheNextOneInItsRoom() throws Exception {
        Map<Integer, String> received = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(10);
        MosaicProtocol protocol = new MosaicProtocol(server.port(), SECRET, 4);
        protocol.prepare(10);
        try (ClientFleet fleet = new ClientFleet(protocol, 10, (to, text) -> {
            received.put(to.index, text);
            all.countDown();
        })) {
            assertEquals(10, fleet.connect(Duration.ofSeconds(30)), "connect failures: " + fleet.connectFailures());
            List<LoadClient> senders = fleet.pairInRings(4);
            // Rooms of 4, 4 and 2: every client has a peer in its own room.
            assertEquals(10, senders.size());
            for (LoadClient c : senders) {
                assertEquals(c.index / 4, c.peer.index / 4, "peer in the same room");
                c.send(protocol.offer(c.peer.address(), OfferPayload.json('P', System.nanoTime())));
            }
            assertTrue(
                    all.await(20, TimeUnit.SECONDS), "relayed: " + received.keySet() + ", errors: " + fleet.errors());
            received.values().forEach(text -> assertEquals('P', OfferPayload.phase(text)));
            assertTrue(fleet.errors().isEmpty(), "errors: " + fleet.errors());
            assertEquals(10, fleet.openCount());
        }
    }

    @Test
    void aBadTokenIsReportedAsAConnectFailureWithTheServersCode() throws Exception {
        MosaicProtocol wrongSecret = new MosaicProtocol(server.port(), "another-secret-that-is-also-32-bytes-long", 4);
        try (ClientFleet fleet = new ClientFleet(wrongSecret, 2, (to, text) -> {})) {
            assertEquals(0, fleet.connect(Duration.ofSeconds(30)));
            Map<String, Long> failures = fleet.connectFailures();
            assertEquals(1, failures.size(), "one reason: " + failures);
            String reason = failures.keySet().iterator().next();
            assertTrue(reason.startsWith("token_bad_signature: "), reason);
            assertEquals(2L, failures.get(reason));
        }
    }
}
