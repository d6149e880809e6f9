package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.browser.Browsers;
import dev.mosaic.server.room.Actor;
import dev.mosaic.server.room.Room;
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
 * A host's decisions hold in the media path, against clients that do not obey them: the load
 * publishers (src/test/loadgen, VP8 picture and Opus sound) ignore {@code muted} and keep sending, as a
 * modified client would. One real Chromium receives everyone through Janus (the test client page) and
 * its {@code getStats} says what really arrives: a muted-and-locked microphone and camera reach nobody
 * while the others' go on; a publisher that joins after the lock sends nothing that arrives; unlocking
 * lets them through again; removal ends the feed. Real Janus, all inside the test namespace; timing is
 * loose (windows of a few seconds, waits on conditions), the figures are printed.
 */
@Tag("sfu")
@Timeout(300)
class SfuModerationIT {
    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(45);
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
    void aLockedMicrophoneAndCameraFromPublishersThatSendAnywayReachNobodyUntilUnlockedAndRemovalEndsTheFeed()
            throws Exception {
        String room = "moderated-" + UUID.randomUUID().toString().substring(0, 8);
        try (LoadPublishers load = LoadPublishers.start(
                mosaic.webSocketUrl(),
                room,
                List.of(token(room, "load-1"), token(room, "load-2"), token(room, "load-3")),
                Duration.ZERO,
                "--audio")) {
            load.awaitReady(Duration.ofSeconds(120));
            List<String> ids = load.participantIds();
            assertEquals(3, ids.size(), load.output());
            String target = ids.get(0);
            List<String> others = ids.subList(1, 3);
            ChromeDriver browser = Browsers.start();
            try {
                browser.get(site.url(mosaic.webSocketUrl(), room, token(room, "receiver"), false));
                Window w = awaitWindow(browser, "everyone arrives", ids, List.of(), load);
                w.print("before any lock");

                // The host locks microphones and cameras (everyone said theirs are on: nobody is held
                // back), then mutes one publisher's both. It ignores that and keeps sending.
                Room r = mosaic.rooms().find(room).orElseThrow();
                r.allowUnmute(Actor.APPLICATION, MediaKind.AUDIO, false);
                r.allowUnmute(Actor.APPLICATION, MediaKind.VIDEO, false);
                long muted = System.nanoTime();
                r.mute(Actor.APPLICATION, target, MediaKind.AUDIO);
                r.mute(Actor.APPLICATION, target, MediaKind.VIDEO);
                long sentBefore = audioPacketsSent(load);
                w = awaitWindow(browser, "the muted publisher reaches nobody", others, List.of(target), load);
                w.print("muted and locked: " + target + " held back, " + seconds(muted) + " s after the mute");
                assertTrue(subscribedTo(browser, target), "the receiver still subscribes to the muted publisher");
                awaitTrue(() -> audioPacketsSent(load) > sentBefore, "the muted publisher goes on sending", load);
                System.out.println("  the muted publisher kept sending: load publishers " + load.latestStats());

                // A publisher that joins after the lock is held back from its first packet, and the
                // server refuses its claim that its microphone and camera are on.
                try (LoadPublishers late = LoadPublishers.start(
                        mosaic.webSocketUrl(), room, List.of(token(room, "late-1")), Duration.ZERO, "--audio")) {
                    late.awaitReady(Duration.ofSeconds(60));
                    String latecomer = late.participantIds().get(0);
                    awaitTrue(() -> !late.events("refused").isEmpty(), "the latecomer's media claim is refused", late);
                    assertEquals(
                            "forbidden",
                            late.events("refused").get(0).get("code").getAsString(),
                            late.output());
                    awaitTrue(() -> subscribedTo(browser, latecomer), "the receiver subscribes to the latecomer", late);
                    w = awaitWindow(browser, "the latecomer reaches nobody", others, List.of(target, latecomer), load);
                    w.print("a publisher joining after the lock: " + latecomer + " held back too");
                    assertTrue(subscribedTo(browser, latecomer), "the receiver still subscribes to the latecomer");

                    // Unlocking lets everyone's sound and picture through again, the latecomer's too.
                    long unlocked = System.nanoTime();
                    r.allowUnmute(Actor.APPLICATION, MediaKind.AUDIO, true);
                    r.allowUnmute(Actor.APPLICATION, MediaKind.VIDEO, true);
                    List<String> everyone = new ArrayList<>(ids);
                    everyone.add(latecomer);
                    w = awaitWindow(browser, "everyone arrives again after the unlock", everyone, List.of(), load);
                    w.print("unlocked: everyone arrives again, " + seconds(unlocked) + " s after the unlock");
                }

                // Removal: the removed publisher's feed ends for everyone, although it would go on sending.
                long removed = System.nanoTime();
                r.remove(Actor.APPLICATION, target);
                awaitTrue(() -> !hasFeed(browser, target), "the removed publisher's feed leaves sfu.feeds", load);
                w = awaitWindow(browser, "the removed publisher's media ends", others, List.of(target), load);
                w.print("removed: " + target + "'s feed ended " + seconds(removed) + " s after the removal");
                assertEquals(List.of(), browser.executeScript("return window.sfuTest.errors"), "no errors in the page");
            } finally {
                browser.quit();
            }
        }
    }

    /** What arrived from each participant during one window: video frames decoded, audio packets received. */
    private record Window(Map<String, long[]> delta, double seconds) {
        long video(String id) {
            return delta.getOrDefault(id, new long[2])[0];
        }

        long audio(String id) {
            return delta.getOrDefault(id, new long[2])[1];
        }

        void print(String what) {
            System.out.println(what);
            delta.forEach((id, d) -> System.out.printf(
                    "  %s: %.1f video frames/s, %.1f audio packets/s over %.1f s%n",
                    id, d[0] / seconds, d[1] / seconds, seconds));
        }
    }

    /**
     * Measures windows of a few seconds until one shows every {@code moving} participant's
     * picture and sound arriving and nothing at all from the {@code held} ones; fails after a while.
     */
    private static Window awaitWindow(
            ChromeDriver browser, String what, List<String> moving, List<String> held, LoadPublishers load)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Window last = null;
        while (System.nanoTime() < deadline) {
            last = window(browser);
            Window w = last;
            boolean ok = moving.stream().allMatch(id -> w.video(id) > 0 && w.audio(id) > 0)
                    && held.stream().allMatch(id -> w.video(id) == 0 && w.audio(id) == 0);
            if (ok) {
                return w;
            }
        }
        last.print("last window");
        throw new AssertionError(what + ": not within " + WAIT.toSeconds() + " s; page state "
                + browser.executeScript("return JSON.stringify(window.sfuTest)") + "\nload publishers: "
                + load.output());
    }

    private static Window window(ChromeDriver browser) throws InterruptedException {
        Map<String, long[]> before = inbound(browser);
        long t0 = System.nanoTime();
        Thread.sleep(WINDOW.toMillis());
        Map<String, long[]> after = inbound(browser);
        Map<String, long[]> delta = new HashMap<>();
        after.forEach((id, a) -> {
            long[] b = before.getOrDefault(id, new long[2]);
            delta.put(id, new long[] {a[0] - b[0], a[1] - b[1]});
        });
        return new Window(delta, (System.nanoTime() - t0) / 1e9);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, long[]> inbound(ChromeDriver browser) {
        Map<String, Object> raw = (Map<String, Object>) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.sfuInbound().then(done, (e) => done({}));");
        Map<String, long[]> counts = new HashMap<>();
        raw.forEach((id, v) -> {
            Map<String, Object> c = (Map<String, Object>) v;
            counts.put(id, new long[] {
                ((Number) c.get("videoFrames")).longValue(), ((Number) c.get("audioPackets")).longValue()
            });
        });
        return counts;
    }

    private static boolean subscribedTo(ChromeDriver browser, String id) {
        return (Boolean)
                browser.executeScript("return window.sfuTest.tracks.some((t) => t.participantId === arguments[0])", id);
    }

    private static boolean hasFeed(ChromeDriver browser, String id) {
        return (Boolean)
                browser.executeScript("return window.sfuTest.feeds.some((f) => f.participantId === arguments[0])", id);
    }

    private static long audioPacketsSent(LoadPublishers load) {
        JsonObject stats = load.latestStats();
        return stats == null || !stats.has("audioPacketsSent")
                ? 0
                : stats.get("audioPacketsSent").getAsLong();
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(Check check, String what, LoadPublishers load) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " (not within " + WAIT.toSeconds() + " s)\n" + load.output());
            }
            Thread.sleep(200);
        }
    }

    private static String seconds(long since) {
        return String.format("%.1f", (System.nanoTime() - since) / 1e9);
    }
}
