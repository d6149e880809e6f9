package dev.mosaic.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mosaic.server.sfu.SfuStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;

/**
 * A shared screen in an {@code sfu} room, through a real Janus: three people on the host page; Alice
 * shares her screen (the host page's button, a real click: capture needs the user's gesture; Chromium's
 * fake UI picks a screen). It goes up as a feed of its own ({@code source: "screen"}), and Bob and Carol
 * subscribe to it at the high layer, show it on the stage and decode it advancing, while Alice's camera
 * is only heard. When she stops, the feed leaves and their galleries come back with her camera.
 */
@Tag("sfu")
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SfuScreenShareIT {
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    private HostSite site;
    private SfuStack stack;
    private final List<HostPageParticipant> people = new ArrayList<>();

    @BeforeAll
    void meet() throws Exception {
        site = new HostSite();
        stack = SfuStack.start(builder -> builder.allowedOrigin(site.origin()));
        site.issuingWith(stack.mosaic.tokens());
        for (String name : List.of("Alice", "Bob", "Carol")) {
            HostPageParticipant p = new HostPageParticipant(name, Map.of());
            people.add(p);
            p.join(site.pageUrl(stack.mosaic.localUrl()), "sfu-screen");
        }
    }

    @AfterAll
    void part() throws Exception {
        people.forEach(HostPageParticipant::close);
        if (stack != null) stack.close();
        if (site != null) site.close();
    }

    @Test
    void aSharedScreenIsItsOwnFeedOnEveryonesStageUntilItStops() throws Exception {
        HostPageParticipant alice = people.get(0);
        List<HostPageParticipant> viewers = people.subList(1, 3);
        for (HostPageParticipant p : people) {
            assertEquals("sfu", p.inMeeting(d -> p.script("return window.mosaicDiagnostics.media()")));
        }
        for (HostPageParticipant viewer : viewers) {
            await(viewer.name() + " sees Alice's camera advancing", () -> advancing(viewer, alice, "camera"));
        }

        long started = System.nanoTime();
        alice.browser()
                .findElement(By.cssSelector("button[data-command='shareScreen']"))
                .click();
        await("Alice's host page gets the result", () -> alice.resultOf("shareScreen"));
        assertEquals(Map.of("result", true), alice.resultOf("shareScreen"));
        for (HostPageParticipant viewer : viewers) {
            await(viewer.name() + " shows Alice's screen on the stage", () -> {
                Map<String, Object> grid = viewer.grid();
                return "speaker".equals(grid.get("layout")) && alice.id().equals(grid.get("stage"));
            });
            await(
                    viewer.name() + " asks for the screen whole and only hears Alice's camera",
                    () -> "high".equals(requested(viewer, alice, "screen"))
                            && "audio-only".equals(requested(viewer, alice, "camera")));
            Map<String, Object> screen = await(
                    viewer.name() + " decodes Alice's screen, advancing", () -> advancing(viewer, alice, "screen"));
            System.out.printf(
                    "SFU screen share: %s decodes Alice's screen %sx%s at %.1f fps, %.1f s after the click%n",
                    viewer.name(),
                    screen.get("frameWidth"),
                    screen.get("frameHeight"),
                    ((Number) screen.get("fps")).doubleValue(),
                    (System.nanoTime() - started) / 1e9);
            await(
                    viewer.name() + "'s tile for Alice plays the screen's track",
                    () -> screen.get("trackIdentifier").equals(tileTrack(viewer, alice)));
            await(
                    viewer.name() + "'s tile shows a picture of the screen's size",
                    () -> videoOf(viewer, alice, "screen")
                            .map(v -> v.get("videoWidth").equals(v.get("frameWidth"))
                                    && v.get("videoHeight").equals(v.get("frameHeight")))
                            .orElse(false));
        }

        assertEquals(Map.of("result", false), alice.command("stopScreenShare"));
        for (HostPageParticipant viewer : viewers) {
            await(
                    viewer.name() + "'s gallery comes back without the screen",
                    () -> "gallery".equals(viewer.grid().get("layout"))
                            && requested(viewer, alice, "screen") == null
                            && !"audio-only".equals(requested(viewer, alice, "camera")));
            Map<String, Object> camera = await(
                    viewer.name() + " decodes Alice's camera again, and no screen",
                    () -> videoOf(viewer, alice, "screen").isEmpty() ? advancing(viewer, alice, "camera") : null);
            await(
                    viewer.name() + "'s tile for Alice plays her camera again",
                    () -> camera.get("trackIdentifier").equals(tileTrack(viewer, alice)));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Object requested(HostPageParticipant viewer, HostPageParticipant who, String source) {
        return viewer.inMeeting(d -> viewer.script(
                "return window.mosaicDiagnostics.requestedVideo()[arguments[0]] ?? null", who.id() + ":" + source));
    }

    private static Optional<Map<String, Object>> videoOf(
            HostPageParticipant viewer, HostPageParticipant who, String source) {
        return viewer.diagnostics("remoteVideo()").stream()
                .filter(v -> who.id().equals(v.get("id")) && source.equals(v.get("source")))
                .findFirst();
    }

    /** The receive statistics of {@code who}'s {@code source} with its frame rate over a second, if it advances. */
    private static Map<String, Object> advancing(HostPageParticipant viewer, HostPageParticipant who, String source) {
        Optional<Map<String, Object>> before = videoOf(viewer, who, source);
        if (before.isEmpty()) return null;
        long t0 = System.nanoTime();
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Optional<Map<String, Object>> after = videoOf(viewer, who, source);
        if (after.isEmpty()) return null;
        double frames = ((Number) after.get().get("framesDecoded")).doubleValue()
                - ((Number) before.get().get("framesDecoded")).doubleValue();
        if (frames <= 0) return null;
        Map<String, Object> out = new java.util.HashMap<>(after.get());
        out.put("fps", frames / ((System.nanoTime() - t0) / 1e9));
        return out;
    }

    /** The id of the video track {@code viewer}'s tile for {@code who} plays. */
    private static Object tileTrack(HostPageParticipant viewer, HostPageParticipant who) {
        return viewer.inMeeting(d -> viewer.script(
                "const v = document.querySelector(`.mosaic-tile[data-participant-id=\"${arguments[0]}\"] video`);"
                        + "return v?.srcObject?.getVideoTracks()[0]?.id ?? null;",
                who.id()));
    }

    /** Polls until {@code check} returns something other than null or false. */
    private static <T> T await(String what, Supplier<T> check) {
        Instant deadline = Instant.now().plus(PATIENCE);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = check.get();
            if (last != null && !Boolean.FALSE.equals(last)) return last;
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting until " + what + " (last: " + last + ")");
    }
}
