package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.browser.Browsers;
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
 * A gallery of 25 in an {@code sfu} room, and paging through a class of 49: 24 (48) lightweight
 * publishers (src/test/loadgen: one Node process, werift, a looped 320x180 VP8 clip at 15 fps), each
 * joining through Mosaic's signaling with its own join token, and one real Chromium receiving a page of
 * 24 through one subscriber connection. Real Janus, all inside the test namespace. Assertions are loose for a busy 2-core machine (every tile advances, median
 * above 5 fps); the figures are printed.
 */
@Tag("sfu")
@Timeout(300)
class SfuGalleryIT {
    private static final int PAGE = 24;
    private static final Duration MEASURE = Duration.ofSeconds(5);
    private static SfuStack stack;
    private static MosaicServer mosaic;
    private static SfuClientSite site;

    @BeforeAll
    static void start() throws Exception {
        stack = SfuStack.start();
        mosaic = stack.mosaic;
        site = SfuClientSite.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (site != null) {
            site.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static String token(String room, String userId) {
        return mosaic.tokens().issue(room, userId, userId, Role.PARTICIPANT, Duration.ofHours(1));
    }

    @Test
    void oneBrowserSeesTwentyFourLightweightPublishersAllMoving() throws Exception {
        String room = "gallery-" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        try (LoadPublishers load = LoadPublishers.start(mosaic.webSocketUrl(), room, tokens(room, PAGE))) {
            List<String> publishers = awaitPublishers(load, PAGE, started);
            ChromeDriver browser = Browsers.start();
            try {
                long opened = System.nanoTime();
                open(browser, room, false);
                awaitAllAdvancing(browser, publishers, load);
                System.out.printf(
                        "gallery: the browser sees all %d remote videos moving %.1f s after opening the page%n",
                        PAGE, seconds(opened));
                Measured m = measure(browser, publishers);
                m.print("gallery of " + (PAGE + 1), load);
                m.assertAllMoving(PAGE);
                assertEquals(List.of(), browser.executeScript("return window.sfuTest.errors"), "no errors in the page");
            } finally {
                browser.quit();
            }
            System.out.println("gallery: load publishers used " + load.cpuSummary());
        }
    }

    /** A class of 49: the browser receives one page of 24 at a time, never all 48, and turns to the next. */
    @Test
    void aRoomOf49ShowsOnePageOf24AndThenTheNext() throws Exception {
        String room = "class-" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        try (LoadPublishers load = LoadPublishers.start(mosaic.webSocketUrl(), room, tokens(room, 2 * PAGE))) {
            List<String> publishers = awaitPublishers(load, 2 * PAGE, started);
            ChromeDriver browser = Browsers.start();
            try {
                open(browser, room, true);
                awaitFeeds(browser, 2 * PAGE);
                for (int page = 0; page < 2; page++) {
                    List<String> shown = publishers.subList(page * PAGE, (page + 1) * PAGE);
                    long turned = System.nanoTime();
                    browser.executeScript("window.sfuSubscribe(arguments[0])", shown);
                    awaitAllAdvancing(browser, shown, load);
                    System.out.printf(
                            "class of 49: page %d (%d tiles) all moving %.1f s after subscribing%n",
                            page + 1, PAGE, seconds(turned));
                    Measured m = measure(browser, shown);
                    m.print("class of 49, page " + (page + 1), load);
                    m.assertAllMoving(PAGE);
                }
                assertEquals(List.of(), browser.executeScript("return window.sfuTest.errors"), "no errors in the page");
            } finally {
                browser.quit();
            }
            System.out.println("class of 49: load publishers used " + load.cpuSummary());
        }
    }

    /**
     * One subscription to all 48 feeds of a class of 49 (a host page may set a page that large): 48
     * videos on one connection, whose SDP answer (about 34,000 characters) was once refused as too large.
     * Every tile advances; the median bar is the same as for a page of 24.
     */
    @Test
    void aRoomOf49ShowsAll48FeedsFromOneSubscription() throws Exception {
        String room = "wide-" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        try (LoadPublishers load = LoadPublishers.start(mosaic.webSocketUrl(), room, tokens(room, 2 * PAGE))) {
            List<String> publishers = awaitPublishers(load, 2 * PAGE, started);
            ChromeDriver browser = Browsers.start();
            try {
                open(browser, room, true);
                awaitFeeds(browser, 2 * PAGE);
                long subscribed = System.nanoTime();
                browser.executeScript("window.sfuSubscribe(arguments[0])", publishers);
                awaitAllAdvancing(browser, publishers, load);
                System.out.printf(
                        "class of 49, all 48 at once: all moving %.1f s after subscribing; the sfu.answer was %s bytes%n",
                        seconds(subscribed), browser.executeScript("return window.sfuTest.answerBytes"));
                Measured m = measure(browser, publishers);
                m.print("class of 49, all 48 at once", load);
                m.assertAllMoving(2 * PAGE);
                assertEquals(List.of(), browser.executeScript("return window.sfuTest.errors"), "no errors in the page");
            } finally {
                browser.quit();
            }
            System.out.println("class of 49, all 48 at once: load publishers used " + load.cpuSummary());
        }
    }

    private static List<String> tokens(String room, int count) {
        List<String> tokens = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            tokens.add(token(room, "load-" + i));
        }
        return tokens;
    }

    private static List<String> awaitPublishers(LoadPublishers load, int count, long started)
            throws InterruptedException {
        load.awaitReady(Duration.ofSeconds(180));
        List<String> publishers = load.participantIds();
        assertEquals(count, publishers.size(), load.output());
        System.out.printf("%d load publishers published through Mosaic in %.1f s%n", count, seconds(started));
        return publishers;
    }

    private void open(ChromeDriver browser, String room, boolean manual) {
        browser.get(
                site.url(mosaic.webSocketUrl(), room, token(room, "receiver"), false) + (manual ? "&manual=yes" : ""));
        // 24 small tiles, all inside the window: a browser may not paint videos it cannot show.
        browser.executeScript("const s = document.createElement('style');"
                + "s.textContent = 'body{margin:0} video{width:160px;height:90px}';"
                + "document.head.append(s);");
    }

    private static void awaitFeeds(ChromeDriver browser, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (((Number) browser.executeScript("return window.sfuTest.feeds.length")).intValue() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page did not get " + count + " feeds: "
                        + browser.executeScript("return JSON.stringify(window.sfuTest)"));
            }
            Thread.sleep(200);
        }
    }

    /** Frame rates of the given participants' tiles, and how many video streams the browser decodes, over one window. */
    private record Measured(List<String> ids, List<Double> fps, int decodingStreams, double seconds) {
        double median() {
            List<Double> sorted = fps.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        void print(String what, LoadPublishers load) {
            for (int i = 0; i < ids.size(); i++) {
                System.out.printf("  tile %2d (%s): %.1f fps%n", i + 1, ids.get(i), fps.get(i));
            }
            System.out.printf(
                    "%s: median %.1f fps, min %.1f, max %.1f over %.1f s; the browser decodes %d video streams; load publishers %s%n",
                    what,
                    median(),
                    fps.stream().min(Double::compare).orElseThrow(),
                    fps.stream().max(Double::compare).orElseThrow(),
                    seconds,
                    decodingStreams,
                    load.latestStats());
        }

        /** Loose on purpose (a busy 2-core machine): every tile advances, the median is above 5 fps. */
        void assertAllMoving(int expectedStreams) {
            for (int i = 0; i < fps.size(); i++) {
                assertTrue(fps.get(i) > 0, "tile " + (i + 1) + " (" + ids.get(i) + ") did not advance: " + fps);
            }
            assertTrue(median() > 5, "median " + median() + " fps: " + fps);
            assertEquals(expectedStreams, decodingStreams, "video streams the browser decodes (one per tile, no more)");
        }
    }

    private static Measured measure(ChromeDriver browser, List<String> ids) throws InterruptedException {
        Map<String, Long> before = frames(browser);
        Map<String, Long> decodedBefore = decoded(browser);
        long t0 = System.nanoTime();
        Thread.sleep(MEASURE.toMillis());
        Map<String, Long> after = frames(browser);
        Map<String, Long> decodedAfter = decoded(browser);
        double elapsed = seconds(t0);
        List<Double> fps = ids.stream()
                .map(id -> (after.getOrDefault(id, 0L) - before.getOrDefault(id, 0L)) / elapsed)
                .toList();
        int streams = (int) decodedAfter.entrySet().stream()
                .filter(e -> e.getValue() > decodedBefore.getOrDefault(e.getKey(), 0L))
                .count();
        return new Measured(ids, fps, streams, elapsed);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> decoded(ChromeDriver browser) {
        Map<String, Object> raw = (Map<String, Object>) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.sfuDecoded().then(done, (e) => done({}));");
        Map<String, Long> decoded = new HashMap<>();
        raw.forEach((k, v) -> decoded.put(k, ((Number) v).longValue()));
        return decoded;
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
            boolean all = publishers.stream()
                    .allMatch(id ->
                            now.getOrDefault(id, 0L) > before.getOrDefault(id, 0L) && before.getOrDefault(id, 0L) > 0);
            if (all) {
                return;
            }
            last = now;
            Thread.sleep(1000);
        }
        Map<String, Long> now = frames(browser);
        List<String> still =
                publishers.stream().filter(id -> now.getOrDefault(id, 0L) == 0).toList();
        throw new AssertionError("not every remote video advanced within 120 s; without frames: " + still
                + "; frames " + now + "; page state " + browser.executeScript("return JSON.stringify(window.sfuTest)")
                + "\nload publishers: " + load.output());
    }
}
