package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.browser.DemoParticipant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.Dimension;

/**
 * The three simulcast layers of a 720p camera, end to end: Ana's widget publishes a 1280x720 camera
 * (host option {@code cameraResolution: '720p'}, through the demo page's {@code ?camera=720p}) to a real
 * Janus, and Ben's widget asks for {@code medium}, {@code low} and {@code high} in turn the way a user
 * gets them (a tile of a 1280x900 window, the same window shrunk, Ana pinned on the stage). Ben must
 * decode three different frame heights, in that order of size.
 */
@Tag("sfu")
@Timeout(240)
class SfuThreeLayersIT {
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
    void aReceiverDecodesThreeHeightsFromA720pCamera() throws Exception {
        String room = "sfu-layers-" + UUID.randomUUID().toString().substring(0, 8);
        try (DemoParticipant ana = new DemoParticipant("Ana");
                DemoParticipant ben = new DemoParticipant("Ben")) {
            ana.join(mosaic.localUrl(), room, "&camera=720p");
            ben.join(mosaic.localUrl(), room);
            assertEquals("sfu", ben.script("return window.mosaicDiagnostics.media()"), "Ben uses the SFU transport");
            String anaId = ana.participantId();
            ben.awaitOneRemoteVideo(Duration.ofSeconds(60));

            // Chrome sends as many layers as the camera's size allows: all three only from 720 lines. Under
            // CPU pressure it may scale the camera down and drop one, which the heights below would show.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (sendingLayers(ana) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            System.out.printf(
                    "Ana's camera %s sends %d layers: %s%n",
                    ana.script("return JSON.stringify(window.mosaicDiagnostics.cameraSettings())"),
                    sendingLayers(ana),
                    ana.diagnostic("sentLayers()"));

            Map<String, Long> heights = new LinkedHashMap<>();
            // A gallery tile of two in a 1280x900 window is 270 to 540 device pixels high: medium.
            heights.put("medium", decodedHeightFor(ben, anaId, "medium", -1));
            // The same window shrunk: the tile falls under 270 pixels, low.
            ben.browser().manage().window().setSize(new Dimension(640, 420));
            heights.put("low", decodedHeightFor(ben, anaId, "low", heights.get("medium")));
            // Ana pinned in the speaker layout: the stage always gets the high layer.
            ben.browser().manage().window().setSize(new Dimension(1280, 900));
            ben.script(
                    "document.querySelector('.mosaic-tool-layout').click();"
                            + "document.querySelector(`[data-participant-id=\"${arguments[0]}\"]`)"
                            + ".dispatchEvent(new MouseEvent('dblclick', {bubbles: true}));",
                    anaId);
            heights.put("high", decodedHeightFor(ben, anaId, "high", heights.get("low")));

            System.out.printf(
                    "Ben decodes Ana's camera at frame heights %s; Ana sends %s%n",
                    heights, ana.diagnostic("sentLayers()"));
            assertTrue(
                    heights.get("low") > 0
                            && heights.get("low") < heights.get("medium")
                            && heights.get("medium") < heights.get("high"),
                    "low < medium < high: " + heights + ", Ana sends " + ana.diagnostic("sentLayers()"));
        }
    }

    /**
     * Waits until Ben asks for {@code layer} of Ana's camera, then for the height he decodes to settle
     * (the same for 3 s, and other than {@code previous} when it changes within 30 s: the switch waits for
     * a key frame); returns it.
     */
    private static long decodedHeightFor(DemoParticipant ben, String anaId, String layer, long previous)
            throws Exception {
        awaitTrue("Ben asks for Ana's " + layer + " layer", 20, () -> layer.equals(requested(ben, anaId)));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long height = decodedHeight(ben);
        int same = 0;
        while (System.nanoTime() < deadline && (height == previous || height == 0 || same < 6)) {
            Thread.sleep(500);
            long now = decodedHeight(ben);
            same = now == height ? same + 1 : 0;
            height = now;
        }
        System.out.printf("  Ben asks %s: decodes %d lines%n", layer, height);
        return height;
    }

    private static String requested(DemoParticipant p, String id) {
        return (String) p.script("return window.mosaicDiagnostics.requestedVideo()[arguments[0] + ':camera']", id);
    }

    private static long decodedHeight(DemoParticipant p) {
        List<Map<String, Object>> remote = new ArrayList<>(p.remoteVideo());
        return remote.isEmpty() || !(remote.get(0).get("frameHeight") instanceof Number h) ? 0 : h.longValue();
    }

    @SuppressWarnings("unchecked")
    private static long sendingLayers(DemoParticipant p) {
        return ((List<Map<String, Object>>) p.diagnostic("sentLayers()"))
                .stream()
                        .filter(l -> l.get("frameHeight") instanceof Number h && h.longValue() > 0)
                        .count();
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(String what, int seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " (not within " + seconds + " s)");
            }
            Thread.sleep(200);
        }
    }
}
