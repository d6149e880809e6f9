package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.browser.Browsers;
import java.security.SecureRandom;
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
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A gallery of 25 in an {@code sfu} room: 24 lightweight publishers (src/test/loadgen: one Node process,
 * werift, a looped 320x180 VP8 clip at 15 fps), each joining through Mosaic's signaling with its own
 * join token, and one real Chromium receiving all 24 through one subscriber connection. Real Janus, all
 * inside the test namespace. Assertions are loose for a busy 2-core machine (every tile advances, median
 * above 5 fps); the figures are printed.
 */
@Tag("sfu")
@Timeout(300)
class SfuGalleryIT {
    private static final int PUBLISHERS = 24;
    private static final Duration MEASURE = Duration.ofSeconds(5);
    private static JanusServer janus;
    private static MosaicServer mosaic;
    private static SfuClientSite site;

    @BeforeAll
    static void start() throws Exception {
        janus = JanusServer.start();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        mosaic = MosaicServer.builder().port(0).secret(secret).media(MediaMode.SFU)
                .janusUrl(janus.url()).janusAdminKey(janus.adminKey).start();
        site = SfuClientSite.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (site != null) {
            site.close();
        }
        if (mosaic != null) {
            mosaic.close();
        }
        if (janus != null) {
            janus.close();
        }
    }

    private static String token(String room, String userId) {
        return mosaic.tokens().issue(room, userId, userId, Role.PARTICIPANT, Duration.ofHours(1));
    }

    @Test
    void oneBrowserSeesTwentyFourLightweightPublishersAllMoving() throws Exception {
        String room = "gallery-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> tokens = new ArrayList<>();
        for (int i = 1; i <= PUBLISHERS; i++) {
            tokens.add(token(room, "load-" + i));
        }
        long started = System.nanoTime();
        try (LoadPublishers load = LoadPublishers.start(mosaic.webSocketUrl(), room, tokens)) {
            load.awaitReady(Duration.ofSeconds(120));
            List<String> publishers = load.participantIds();
            assertEquals(PUBLISHERS, publishers.size(), load.output());
            System.out.printf("gallery: %d load publishers published through Mosaic in %.1f s%n", PUBLISHERS, seconds(started));

            ChromeDriver browser = Browsers.start();
            try {
                long joined = System.nanoTime();
                browser.get(site.url(mosaic.webSocketUrl(), room, token(room, "receiver"), false));
                // 24 small tiles, all inside the window: a browser may not paint videos it cannot show.
                browser.executeScript("const s = document.createElement('style');"
                        + "s.textContent = 'body{margin:0} video{width:160px;height:90px}';"
                        + "document.head.append(s);");
                awaitAllAdvancing(browser, publishers, load);
                System.out.printf("gallery: the browser sees all %d remote videos moving %.1f s after opening the page%n",
                        PUBLISHERS, seconds(joined));

                Map<String, Long> before = frames(browser);
                long t0 = System.nanoTime();
                Thread.sleep(MEASURE.toMillis());
                Map<String, Long> after = frames(browser);
                double elapsed = seconds(t0);
                List<Double> fps = new ArrayList<>();
                for (int i = 0; i < publishers.size(); i++) {
                    String id = publishers.get(i);
                    double f = (after.getOrDefault(id, 0L) - before.getOrDefault(id, 0L)) / elapsed;
                    fps.add(f);
                    System.out.printf("  tile %2d (%s): %.1f fps%n", i + 1, id, f);
                }
                List<Double> sorted = fps.stream().sorted().toList();
                double median = (sorted.get(PUBLISHERS / 2 - 1) + sorted.get(PUBLISHERS / 2)) / 2;
                System.out.printf("gallery of %d: median %.1f fps, min %.1f, max %.1f over %.1f s; load publishers %s%n",
                        PUBLISHERS + 1, median, sorted.get(0), sorted.get(sorted.size() - 1), elapsed, load.latestStats());
                for (int i = 0; i < fps.size(); i++) {
                    assertTrue(fps.get(i) > 0, "tile " + (i + 1) + " (" + publishers.get(i) + ") did not advance: " + fps);
                }
                assertTrue(median > 5, "median " + median + " fps: " + fps);
                assertEquals(List.of(), browser.executeScript("return window.sfuTest.errors"), "no errors in the page");
            } finally {
                browser.quit();
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> frames(ChromeDriver browser) {
        Map<String, Object> raw = (Map<String, Object>) browser.executeScript("return window.sfuFrames()");
        Map<String, Long> frames = new HashMap<>();
        raw.forEach((k, v) -> frames.put(k, ((Number) v).longValue()));
        return frames;
    }

    /** Waits until every publisher's video has decoded frames and advanced since the previous look. */
    private static void awaitAllAdvancing(ChromeDriver browser, List<String> publishers, LoadPublishers load)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Map<String, Long> last = Map.of();
        while (System.nanoTime() < deadline) {
            Map<String, Long> now = frames(browser);
            Map<String, Long> before = last;
            boolean all = publishers.stream().allMatch(id -> now.getOrDefault(id, 0L) > before.getOrDefault(id, 0L)
                    && before.getOrDefault(id, 0L) > 0);
            if (all) {
                return;
            }
            last = now;
            Thread.sleep(1000);
        }
        Map<String, Long> now = frames(browser);
        List<String> still = publishers.stream().filter(id -> now.getOrDefault(id, 0L) == 0).toList();
        throw new AssertionError("not every remote video advanced within 120 s; without frames: " + still
                + "; frames " + now + "; page state " + browser.executeScript("return JSON.stringify(window.sfuTest)")
                + "\nload publishers: " + load.output());
    }
}
