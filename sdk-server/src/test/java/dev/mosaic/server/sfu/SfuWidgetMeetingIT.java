package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.browser.DemoParticipant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real widget in an {@code sfu} room: three Chromiums on the demo page (the same widget as in a
 * mesh) publish through Mosaic to a real Janus and each sees the two others' videos advancing in its
 * gallery; chat goes on as in any room. A tile pinned on the stage asks for a higher simulcast layer
 * than a small tile, and decodes a taller picture.
 */
@Tag("sfu")
@Timeout(240)
class SfuWidgetMeetingIT {
    private static final int PARTICIPANTS = 3;
    private static JanusServer janus;
    private static MosaicServer mosaic;

    @BeforeAll
    static void start() throws Exception {
        janus = JanusServer.start();
        mosaic = MosaicServer.builder()
                .port(0)
                .devMode(true)
                .media(MediaMode.SFU)
                .janusUrl(janus.url())
                .janusAdminKey(janus.adminKey)
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (mosaic != null) {
            mosaic.close();
        }
        if (janus != null) {
            janus.close();
        }
    }

    @Test
    void threeWidgetsSeeEachOtherThroughJanusChatAndAPinnedTileGetsAHigherLayer() throws Exception {
        String room = "sfu-widget-" + UUID.randomUUID().toString().substring(0, 8);
        List<DemoParticipant> people = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (String name : List.of("Ana", "Ben", "Cleo")) {
                DemoParticipant p = new DemoParticipant(name);
                people.add(p);
                p.join(mosaic.localUrl(), room);
            }
            for (DemoParticipant p : people) {
                assertEquals(
                        "sfu",
                        p.script("return window.mosaicDiagnostics.media && window.mosaicDiagnostics.media()"),
                        p.name() + " uses the SFU transport");
            }
            for (DemoParticipant p : people) {
                awaitRemoteVideos(p, PARTICIPANTS - 1);
            }
            System.out.printf(
                    "SFU widget meeting of %d: everyone sees %d moving remote videos after %.1f s%n",
                    PARTICIPANTS, PARTICIPANTS - 1, (System.nanoTime() - started) / 1e9);
            for (DemoParticipant p : people) {
                Map<String, Long> before = p.framesDecoded();
                long t0 = System.nanoTime();
                Thread.sleep(2000);
                List<Map<String, Object>> later = p.remoteVideo();
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertEquals(PARTICIPANTS - 1, later.size(), p.name() + " sees the others: " + later);
                for (Map<String, Object> v : later) {
                    String id = (String) v.get("id");
                    double fps = (n(v, "framesDecoded") - before.getOrDefault(id, 0L)) / seconds;
                    System.out.printf(
                            "  %s receives %s at %.1f fps, tile %sx%s, %s%n",
                            p.name(), id, fps, v.get("videoWidth"), v.get("videoHeight"), v.get("connectionState"));
                    assertTrue(fps > 5, p.name() + " receives " + id + " at " + fps + " fps");
                    assertTrue(n(v, "videoWidth") > 0, p.name() + ": no picture on the tile of " + id + ": " + v);
                }
            }

            // Chat travels over the signaling whatever the media path.
            people.get(0)
                    .script(
                            "const i = document.querySelector('.mosaic-chat-input'); i.value = arguments[0];"
                                    + "i.form.requestSubmit();",
                            "bonjour par le SFU");
            for (DemoParticipant p : people.subList(1, PARTICIPANTS)) {
                awaitTrue(p.name() + " shows Ana's chat", () -> p.chatShown().contains("bonjour par le SFU"));
            }

            // Layers: in the speaker layout Ana pins Ben, whose tile takes the stage and asks for the high
            // layer; Cleo's small tile keeps a low one. Ana's receiver decodes Ben taller than Cleo.
            DemoParticipant ana = people.get(0);
            String ben = people.get(1).participantId();
            String cleo = people.get(2).participantId();
            ana.script(
                    "document.querySelector('.mosaic-tool-layout').click();"
                            + "document.querySelector(`[data-participant-id=\"${arguments[0]}\"]`)"
                            + ".dispatchEvent(new MouseEvent('dblclick', {bubbles: true}));",
                    ben);
            awaitTrue("Ana asks for Ben's high layer and a smaller one for Cleo", () -> {
                Object ok = ana.script(
                        "const r = window.mosaicDiagnostics.requestedVideo();"
                                + "return r[arguments[0] + ':camera'] === 'high' && r[arguments[1] + ':camera'] !== 'high'",
                        ben,
                        cleo);
                return Boolean.TRUE.equals(ok);
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Map<String, Long> heights = ana.frameHeights();
            while (heights.getOrDefault(ben, 0L) <= heights.getOrDefault(cleo, Long.MAX_VALUE)
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
                heights = ana.frameHeights();
            }
            System.out.printf(
                    "  Ana asks %s and decodes frame heights %s (Ben %s pinned on the stage); Ben sends %s, Cleo sends %s%n",
                    ana.script("return JSON.stringify(window.mosaicDiagnostics.requestedVideo())"),
                    heights,
                    ben,
                    people.get(1).diagnostic("sentLayers()"),
                    people.get(2).diagnostic("sentLayers()"));
            assertTrue(
                    heights.getOrDefault(ben, 0L) > heights.getOrDefault(cleo, Long.MAX_VALUE),
                    "Ana decodes Ben's pinned video taller than Cleo's small tile: " + heights);
        } finally {
            people.forEach(DemoParticipant::close);
        }
    }

    private static long n(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number v ? v.longValue() : 0;
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " (not within 20 s)");
            }
            Thread.sleep(200);
        }
    }

    /** Waits until {@code count} remote tiles show decoded video that keeps advancing. */
    private static void awaitRemoteVideos(DemoParticipant p, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Long> last = Map.of();
        List<Map<String, Object>> now = List.of();
        while (System.nanoTime() < deadline) {
            now = p.remoteVideo();
            Map<String, Long> before = last;
            long advancing = now.stream()
                    .filter(v -> n(v, "videoWidth") > 0
                            && n(v, "framesDecoded") > 0
                            && n(v, "framesDecoded") > before.getOrDefault((String) v.get("id"), 0L))
                    .count();
            if (advancing >= count && before.size() >= count) {
                return;
            }
            Map<String, Long> next = new HashMap<>();
            now.forEach(v -> next.put((String) v.get("id"), n(v, "framesDecoded")));
            last = next;
            Thread.sleep(500);
        }
        throw new AssertionError(p.name() + ": remote videos did not all advance within 60 s: " + now);
    }
}
