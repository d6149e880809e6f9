package dev.mosaic.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.server.MosaicServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo page end to end: two real Chromiums join one room and each decodes the other's live video. */
class TwoParticipantsSeeEachOtherIT {
    private MosaicServer server;

    @BeforeEach
    void startServer() {
        server = MosaicServer.builder().port(0).devMode(true).start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void eachParticipantDecodesTheOthersLiveVideo() throws Exception {
        try (DemoParticipant alice = new DemoParticipant("Alice"); DemoParticipant bob = new DemoParticipant("Bob")) {
            alice.join(server.localUrl(), "e2e");
            bob.join(server.localUrl(), "e2e");

            for (DemoParticipant viewer : List.of(alice, bob)) {
                Map<String, Object> first = awaitRemoteVideo(viewer);
                long framesBefore = ((Number) first.get("framesDecoded")).longValue();
                Thread.sleep(1500);
                Map<String, Object> later = viewer.remoteVideo().get(0);
                long framesAfter = ((Number) later.get("framesDecoded")).longValue();
                System.out.printf("%s sees remote video %sx%s, framesDecoded %d -> %d over 1.5 s%n", viewer.name(),
                        later.get("videoWidth"), later.get("videoHeight"), framesBefore, framesAfter);
                assertTrue(framesAfter > framesBefore, viewer.name() + ": remote video is not live: " + later);
                assertTrue(((Number) later.get("videoWidth")).intValue() > 0, viewer.name() + ": no picture: " + later);
            }
        }
    }

    /** Waits until exactly one remote tile plays decoded video; returns its figures. */
    private static Map<String, Object> awaitRemoteVideo(DemoParticipant viewer) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<Map<String, Object>> remote = List.of();
        while (Instant.now().isBefore(deadline)) {
            remote = viewer.remoteVideo();
            if (remote.size() == 1 && remote.get(0).get("framesDecoded") instanceof Number frames
                    && frames.longValue() > 0 && ((Number) remote.get(0).get("videoWidth")).intValue() > 0) {
                return remote.get(0);
            }
            Thread.sleep(250);
        }
        assertEquals(1, remote.size(), viewer.name() + " should see exactly one remote participant: " + remote);
        throw new AssertionError(viewer.name() + " never decoded remote video within 30 s: " + remote);
    }
}
