package dev.mosaic.server.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.server.MosaicServer;
import java.time.Duration;
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
        try (DemoParticipant alice = new DemoParticipant("Alice");
                DemoParticipant bob = new DemoParticipant("Bob")) {
            alice.join(server.localUrl(), "e2e");
            bob.join(server.localUrl(), "e2e");

            for (DemoParticipant viewer : List.of(alice, bob)) {
                Map<String, Object> first = viewer.awaitOneRemoteVideo(Duration.ofSeconds(30));
                long framesBefore = ((Number) first.get("framesDecoded")).longValue();
                Thread.sleep(1500);
                Map<String, Object> later = viewer.remoteVideo().get(0);
                long framesAfter = ((Number) later.get("framesDecoded")).longValue();
                System.out.printf(
                        "%s sees remote video %sx%s, framesDecoded %d -> %d over 1.5 s%n",
                        viewer.name(), later.get("videoWidth"), later.get("videoHeight"), framesBefore, framesAfter);
                assertTrue(framesAfter > framesBefore, viewer.name() + ": remote video is not live: " + later);
                assertTrue(((Number) later.get("videoWidth")).intValue() > 0, viewer.name() + ": no picture: " + later);
                // Each name keeps its own writing direction (docs/security.md: names that impersonate others).
                assertTrue(
                        (Boolean) viewer.script("const labels = [...document.querySelectorAll('.mosaic-label')];"
                                + " return labels.length === 2 && labels.every(l => l.dir === 'auto')"),
                        viewer.name() + ": tile names are not direction-isolated");
            }
        }
    }
}
