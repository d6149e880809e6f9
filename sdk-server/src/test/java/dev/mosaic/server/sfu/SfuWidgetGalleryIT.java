package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.browser.BrowserCpu;
import dev.mosaic.server.browser.DemoParticipant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real widget (the demo page, one Chromium) carries a class in an {@code sfu} room, with lightweight
 * publishers (src/test/loadgen, a looped 320x180 VP8 clip at 15 fps) as the other participants and a real
 * Janus: its gallery shows 25 tiles on one page, all moving; in a room of 49 it decodes only the current
 * page's videos, and its own pager turns to the next page, whose tiles move while the first page's go
 * audio-only. Small tiles ask for the low layer. The widget's state is read from its DOM and {@code
 * window.mosaicDiagnostics}; what it sends is counted by wrapping its page's {@code WebSocket.send}.
 * Loose assertions for a busy 2-core machine (every tile advances, median above 5 fps); figures printed,
 * with the browser's CPU over 10 s.
 */
@Tag("sfu")
@Timeout(170)
class SfuWidgetGalleryIT {
    private static final Duration MEASURE = Duration.ofSeconds(5);
    private static final Duration CPU_WINDOW = Duration.ofSeconds(10);
    private static SfuStack stack;
    private static MosaicServer mosaic;

    @BeforeAll
    static void start() throws Exception {
        stack = SfuStack.start();
        mosaic = stack.mosaic;
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theWidgetsGalleryShows25TilesOnOnePageAllMoving() throws Exception {
        String room = "widget-gallery-" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        try (LoadPublishers load = LoadPublishers.start(mosaic.webSocketUrl(), room, tokens(room, 24));
                DemoParticipant teacher = new DemoParticipant("Teacher")) {
            List<String> publishers = awaitPublishers(load, 24, started);
            long opened = System.nanoTime();
            teacher.join(mosaic.localUrl(), room, false, token(room, "teacher"));
            Page page = awaitTiles(teacher, 25);
            System.out.printf(
                    "widget gallery: %d tiles, page %d of %d, grid %s%n",
                    page.visible.size() + 1, page.number + 1, page.pages, teacher.diagnostic("grid()"));
            assertEquals(1, page.pages, "25 tiles fit one page: " + teacher.diagnostic("grid()"));
            assertEquals(Set.copyOf(publishers), Set.copyOf(page.visible), "every publisher has a tile on the page");

            awaitAllAdvancing(teacher, page.visible, load);
            System.out.printf(
                    "widget gallery: all %d remote tiles moving %.1f s after the widget was opened%n",
                    page.visible.size(), seconds(opened));
            watchChurn(teacher);
            Measured m = measureMoving(teacher, page.visible, "widget gallery of 25", load);
            m.assertAllMoving(24);
            assertLayers(teacher, page.visible, "low", List.of());

            BrowserCpu before = BrowserCpu.sample();
            Map<String, Long> framesBefore = frames(teacher);
            Thread.sleep(CPU_WINDOW.toMillis());
            BrowserCpu after = BrowserCpu.sample();
            Map<String, Long> framesAfter = frames(teacher);
            Map<String, Double> cpu = after.percentOfOneCoreSince(before);
            long frames = page.visible.stream()
                    .mapToLong(id -> framesAfter.getOrDefault(id, 0L) - framesBefore.getOrDefault(id, 0L))
                    .sum();
            System.out.printf(
                    "widget gallery: Chromium CPU over %d s with %d moving tiles (%d processes): %s (%% of one core);"
                            + " %.1f frames/s decoded in all; load publishers %s%n",
                    CPU_WINDOW.toSeconds(),
                    page.visible.size(),
                    after.processes(),
                    format(cpu),
                    frames / (double) CPU_WINDOW.toSeconds(),
                    load.cpuSummary());
            assertNoChurn(teacher);
        }
    }

    @Test
    void aClassOf49DecodesOnlyThePageShownAndTheWidgetsPagerTurnsToTheNext() throws Exception {
        String room = "widget-class-" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        try (LoadPublishers load = LoadPublishers.start(mosaic.webSocketUrl(), room, tokens(room, 48));
                DemoParticipant teacher = new DemoParticipant("Teacher")) {
            awaitPublishers(load, 48, started);
            long opened = System.nanoTime();
            teacher.join(mosaic.localUrl(), room, false, token(room, "teacher"));
            Page first = awaitTiles(teacher, 49);
            System.out.printf(
                    "widget class of 49: page %d of %d shows %d remote tiles, grid %s%n",
                    first.number + 1, first.pages, first.visible.size(), teacher.diagnostic("grid()"));
            assertEquals(0, first.number);
            assertEquals(2, first.pages, "49 tiles make two pages of 25");
            assertEquals(24, first.visible.size(), "page one: you and 24 others");

            awaitAllAdvancing(teacher, first.visible, load);
            System.out.printf(
                    "widget class of 49: page 1 moving %.1f s after the widget was opened%n", seconds(opened));
            Measured m1 = measureMoving(teacher, first.visible, "widget class of 49, page 1", load);
            m1.assertAllMoving(first.visible.size());
            assertLayers(teacher, first.visible, "low", first.hidden);

            // The widget's own "next page" control.
            watchChurn(teacher);
            long turned = System.nanoTime();
            teacher.script("document.querySelector('.mosaic-pager button:last-child').click()");
            Page second = awaitPage(teacher, 1);
            assertEquals(Set.copyOf(first.hidden), Set.copyOf(second.visible), "page two shows the others");
            awaitAllAdvancing(teacher, second.visible, load);
            System.out.printf(
                    "widget class of 49: page 2 (%d tiles) moving %.1f s after clicking \"next page\"; %s%n",
                    second.visible.size(), seconds(turned), sent(teacher));
            Measured m2 = measureMoving(teacher, second.visible, "widget class of 49, page 2", load);
            m2.assertAllMoving(second.visible.size());
            assertLayers(teacher, second.visible, "low", second.hidden);
            assertTrue(second.hidden.containsAll(first.visible), "page one's tiles are off the page: " + second.hidden);

            // And back: page one's tiles get their video again (new tracks on the streams their tiles play).
            long back = System.nanoTime();
            teacher.script("document.querySelector('.mosaic-pager button:first-child').click()");
            Page again = awaitPage(teacher, 0);
            assertEquals(Set.copyOf(first.visible), Set.copyOf(again.visible), "page one shows the same tiles again");
            awaitAllAdvancing(teacher, again.visible, load);
            System.out.printf(
                    "widget class of 49: page 1 moving again %.1f s after clicking \"previous page\"%n", seconds(back));
            Measured m3 = measureMoving(teacher, again.visible, "widget class of 49, page 1 again", load);
            m3.assertAllMoving(again.visible.size());
            System.out.println("widget class of 49: load publishers used " + load.cpuSummary());
        }
    }

    private static String token(String room, String userId) {
        return mosaic.tokens().issue(room, userId, userId, Role.PARTICIPANT, Duration.ofHours(1));
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
        load.awaitReady(Duration.ofSeconds(120));
        List<String> publishers = load.participantIds();
        assertEquals(count, publishers.size(), load.output());
        System.out.printf("%d load publishers published through Mosaic in %.1f s%n", count, seconds(started));
        return publishers;
    }

    /** The gallery's current page, from the widget's own tile state (DOM). */
    private record Page(int number, int pages, List<String> visible, List<String> hidden) {}

    @SuppressWarnings("unchecked")
    private static Page page(DemoParticipant p) {
        List<Map<String, Object>> tiles = (List<Map<String, Object>>) p.diagnostic("tiles()");
        Map<String, Object> grid = (Map<String, Object>) p.diagnostic("grid()");
        List<String> visible = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        for (Map<String, Object> t : tiles) {
            if (!Boolean.TRUE.equals(t.get("self"))) {
                (Boolean.TRUE.equals(t.get("visible")) ? visible : hidden).add((String) t.get("id"));
            }
        }
        int number = grid == null ? 0 : ((Number) grid.get("page")).intValue();
        int pages = grid == null ? 0 : ((Number) grid.get("pages")).intValue();
        return new Page(number, pages, visible, hidden);
    }

    /** Waits until the gallery holds {@code count} tiles (self included). */
    private static Page awaitTiles(DemoParticipant p, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Page page = page(p);
        while (page.visible.size() + page.hidden.size() + 1 < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gallery did not get " + count + " tiles: " + page);
            }
            Thread.sleep(200);
            page = page(p);
        }
        return page;
    }

    private static Page awaitPage(DemoParticipant p, int number) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Page page = page(p);
        while (page.number != number) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gallery did not turn to page " + (number + 1) + ": " + page);
            }
            Thread.sleep(100);
            page = page(p);
        }
        return page;
    }

    /** Tiles on the page ask for {@code layer}; tiles off it for sound only. */
    @SuppressWarnings("unchecked")
    private static void assertLayers(DemoParticipant p, List<String> onPage, String layer, List<String> offPage) {
        Map<String, Object> asked = (Map<String, Object>) p.diagnostic("requestedVideo()");
        for (String id : onPage) {
            assertEquals(layer, asked.get(id + ":camera"), "the layer asked for " + id + "'s small tile: " + asked);
        }
        for (String id : offPage) {
            assertEquals("audio-only", asked.get(id + ":camera"), "off-page " + id + ": " + asked);
        }
    }

    /**
     * Counts, from now on, what the widget sends by type and every tile that is hidden or shown again:
     * in a gallery where nothing changes, both must stay still.
     */
    private static void watchChurn(DemoParticipant p) {
        p.script("if (!window.__sent) {"
                + "  const send = WebSocket.prototype.send;"
                + "  WebSocket.prototype.send = function (data) {"
                + "    try { const t = JSON.parse(data).type; window.__sent[t] = (window.__sent[t] || 0) + 1; } catch (e) {}"
                + "    return send.call(this, data);"
                + "  };"
                + "  new MutationObserver((records) => { for (const r of records)"
                + "    if ((r.oldValue !== null) !== r.target.hidden) window.__flips.push(r.target.dataset.participantId);"
                + "  }).observe(document.body, {subtree: true, attributes: true, attributeFilter: ['hidden'], attributeOldValue: true});"
                + "}"
                + "window.__sent = {}; window.__flips = [];");
    }

    private static Object sent(DemoParticipant p) {
        return p.script("return JSON.stringify({sent: window.__sent, tileFlips: window.__flips.length})");
    }

    @SuppressWarnings("unchecked")
    private static void assertNoChurn(DemoParticipant p) {
        Map<String, Object> sent = (Map<String, Object>) p.script("return window.__sent");
        List<Object> flips = (List<Object>) p.script("return window.__flips");
        System.out.println("widget gallery: in the steady gallery the widget sent " + sent + ", tile flips " + flips);
        assertEquals(null, sent.get("sfu.subscribe"), "no sfu.subscribe while nothing changes: " + sent);
        assertEquals(null, sent.get("sfu.answer"), "no renegotiation while nothing changes: " + sent);
        assertEquals(List.of(), flips, "no tile hidden or shown while nothing changes");
    }

    /** Frame rates of the given tiles, and how many video streams the browser decodes, over one window. */
    private record Measured(List<String> ids, List<Double> fps, int decodingStreams, int streams, double seconds) {
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
                    "%s: median %.1f fps, min %.1f, max %.1f over %.1f s; the widget decodes %d video streams"
                            + " (%d received in all); load publishers %s%n",
                    what,
                    median(),
                    fps.stream().min(Double::compare).orElseThrow(),
                    fps.stream().max(Double::compare).orElseThrow(),
                    seconds,
                    decodingStreams,
                    streams,
                    load.latestStats());
        }

        /** Loose on purpose (a busy 2-core machine): every tile advances, the median is above 5 fps. */
        void assertAllMoving(int pageTiles) {
            for (int i = 0; i < fps.size(); i++) {
                assertTrue(fps.get(i) > 0, "tile " + (i + 1) + " (" + ids.get(i) + ") did not advance: " + fps);
            }
            assertTrue(median() > 5, "median " + median() + " fps: " + fps);
            assertEquals(pageTiles, decodingStreams, "video streams the widget decodes: the page's tiles, no more");
        }
    }

    /**
     * Measures a window, and up to two more while some tile stood still or the median was at 5 fps or
     * below: other builds share this 2-core machine and can starve the browser for seconds (seen: every
     * tile at 2.3 fps for one window at a load average of 18). A widget that is really slow is slow in
     * all three. Prints every window.
     */
    private static Measured measureMoving(DemoParticipant p, List<String> ids, String what, LoadPublishers load)
            throws InterruptedException {
        Measured m = null;
        for (int window = 1; window <= 3; window++) {
            m = measure(p, ids);
            m.print(what + (window > 1 ? " (window " + window + ")" : ""), load);
            if (m.median() > 5 && m.fps().stream().allMatch(f -> f > 0)) {
                break;
            }
        }
        return m;
    }

    private static Measured measure(DemoParticipant p, List<String> ids) throws InterruptedException {
        Map<String, Long> before = frames(p);
        Map<String, Long> decodedBefore = decodedStreams(p);
        long t0 = System.nanoTime();
        Thread.sleep(MEASURE.toMillis());
        Map<String, Long> after = frames(p);
        Map<String, Long> decodedAfter = decodedStreams(p);
        double elapsed = seconds(t0);
        List<Double> fps = ids.stream()
                .map(id -> (after.getOrDefault(id, 0L) - before.getOrDefault(id, 0L)) / elapsed)
                .toList();
        int decoding = (int) decodedAfter.entrySet().stream()
                .filter(e -> e.getValue() > decodedBefore.getOrDefault(e.getKey(), 0L))
                .count();
        return new Measured(ids, fps, decoding, decodedAfter.size(), elapsed);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> decodedStreams(DemoParticipant p) {
        Map<String, Long> decoded = new HashMap<>();
        ((Map<String, Object>) p.diagnostic("decodedVideoStreams()"))
                .forEach((k, v) -> decoded.put(k, ((Number) v).longValue()));
        return decoded;
    }

    /** framesDecoded per remote participant whose tile shows a picture. */
    private static Map<String, Long> frames(DemoParticipant p) {
        Map<String, Long> frames = new HashMap<>();
        for (Map<String, Object> v : p.remoteVideo()) {
            if (v.get("videoWidth") instanceof Number w && w.intValue() > 0) {
                frames.put((String) v.get("id"), ((Number) v.get("framesDecoded")).longValue());
            }
        }
        return frames;
    }

    /** Waits until every given tile shows decoded video that advanced since the previous look. */
    private static void awaitAllAdvancing(DemoParticipant p, List<String> ids, LoadPublishers load)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Long> last = Map.of();
        Set<String> still = new HashSet<>(ids);
        while (System.nanoTime() < deadline) {
            Map<String, Long> now = frames(p);
            Map<String, Long> before = last;
            still.removeIf(id -> before.getOrDefault(id, 0L) > 0 && now.getOrDefault(id, 0L) > before.get(id));
            if (still.isEmpty()) {
                return;
            }
            last = now;
            Thread.sleep(1000);
        }
        throw new AssertionError("not every tile moved within 60 s; still: " + still + "; frames " + frames(p)
                + "; asked " + p.diagnostic("requestedVideo()") + "; the widget's figures " + p.remoteVideo()
                + "; decoded streams " + p.diagnostic("decodedVideoStreams()") + "\nload publishers: "
                + load.output());
    }

    private static String format(Map<String, Double> cpu) {
        StringBuilder out = new StringBuilder();
        cpu.forEach((type, percent) -> out.append(String.format("%s %.0f, ", type, percent)));
        return out.substring(0, Math.max(0, out.length() - 2));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
