package dev.mosaic.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.server.MosaicServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;

/**
 * Three people meet through a host website on another origin than the Mosaic server, using the
 * samples' host page: live video in a gallery, mute badges, host commands and events, leaving, and a
 * page from an origin that is not allowed being refused. The tests share three browsers and run in
 * order, as one meeting unfolds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostPageMeetingIT {
    private static final String ROOM = "class-1";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CAROLS_ACCENT = "#aa3366";

    private HostSite site;
    private HostSite otherSite;
    private MosaicServer server;
    private final List<HostPageParticipant> people = new ArrayList<>();
    private HostPageParticipant alice;
    private HostPageParticipant bob;
    private HostPageParticipant carol;

    @BeforeAll
    void meet() {
        site = new HostSite();
        otherSite = new HostSite();
        server = site.startMosaic();
        otherSite.issuingWith(server.tokens());
        // Bob joins muted with a short toolbar; Carol's host page asks for French and its own accent colour.
        Map<String, Map<String, Object>> forms = new java.util.LinkedHashMap<>();
        forms.put("Alice", Map.of());
        forms.put("Bob", Map.of("startAudioOff", true, "toolbar", "microphone camera chat leave"));
        forms.put("Carol", Map.of("locale", "fr", "accent", CAROLS_ACCENT));
        forms.forEach((name, form) -> {
            HostPageParticipant p = new HostPageParticipant(name, form);
            people.add(p);
            p.join(site.pageUrl(server.localUrl()), ROOM);
        });
        alice = people.get(0);
        bob = people.get(1);
        carol = people.get(2);
    }

    @AfterAll
    void part() {
        people.forEach(HostPageParticipant::close);
        if (server != null) server.stop();
        if (site != null) site.close();
        if (otherSite != null) otherSite.close();
    }

    @Test
    @Order(1)
    void eachParticipantSeesTwoRemoteTilesWithLiveVideo() throws InterruptedException {
        for (HostPageParticipant viewer : people) {
            List<Map<String, Object>> first;
            try {
                first = await(viewer.name() + " decodes video from both others", () -> {
                    List<Map<String, Object>> remote = viewer.diagnostics("remoteVideo()");
                    boolean live = remote.size() == 2
                            && remote.stream()
                                    .allMatch(r -> number(r, "framesDecoded") > 0 && number(r, "videoWidth") > 0);
                    return live ? remote : null;
                });
            } catch (AssertionError e) {
                throw new AssertionError(
                        e.getMessage() + "; remote video " + viewer.diagnostics("remoteVideo()") + "; encodings "
                                + viewer.diagnostics("sentEncodings()") + "; console " + viewer.consoleLog(),
                        e);
            }
            Thread.sleep(1500);
            List<Map<String, Object>> later = viewer.diagnostics("remoteVideo()");
            for (Map<String, Object> before : first) {
                Map<String, Object> after = later.stream()
                        .filter(r -> r.get("id").equals(before.get("id")))
                        .findFirst()
                        .orElseThrow();
                System.out.printf(
                        "%s sees %s at %sx%s, framesDecoded %.0f -> %.0f%n",
                        viewer.name(),
                        after.get("id"),
                        after.get("videoWidth"),
                        after.get("videoHeight"),
                        number(before, "framesDecoded"),
                        number(after, "framesDecoded"));
                assertTrue(
                        number(after, "framesDecoded") > number(before, "framesDecoded"),
                        viewer.name() + ": video is not live: " + after);
            }
            List<Map<String, Object>> tiles = viewer.diagnostics("tiles()");
            assertEquals(3, tiles.size(), "two remote tiles and the self view: " + tiles);
            assertEquals(
                    2,
                    tiles.stream()
                            .filter(t -> !Boolean.TRUE.equals(t.get("self")))
                            .count());
        }
    }

    @Test
    @Order(2)
    void theHostPageCustomisesEachMeeting() {
        List<String> bobsButtons = bob.inMeeting(d -> d.findElements(By.cssSelector(".mosaic-toolbar button")).stream()
                .map(b -> b.getAttribute("aria-label"))
                .toList());
        assertEquals(
                List.of("Unmute microphone", "Turn camera off", "Chat", "Leave meeting"),
                bobsButtons,
                "Bob's toolbar has the host page's buttons, and he started muted");
        for (HostPageParticipant viewer : List.of(alice, carol)) {
            await(
                    viewer.name() + " sees Bob muted",
                    () -> viewer.diagnostics("tiles()").stream()
                                    .anyMatch(t -> bob.id().equals(t.get("id"))
                                            && Boolean.FALSE.equals(t.get("audio"))
                                            && Boolean.TRUE.equals(t.get("micOffBadgeShown")))
                            ? true
                            : null);
        }
        assertEquals(
                "Couper le micro",
                carol.inMeeting(d ->
                        d.findElement(By.cssSelector(".mosaic-tool-microphone")).getAttribute("aria-label")));
        assertEquals("fr", carol.inMeeting(d -> carol.script("return document.documentElement.lang")));
        assertEquals(
                CAROLS_ACCENT,
                carol.inMeeting(
                        d -> carol.script(
                                "return getComputedStyle(document.documentElement).getPropertyValue('--mosaic-accent').trim()")));
        assertEquals(result(true), bob.command("setAudio", true));
    }

    @Test
    @Order(3)
    void tilesFillTheGridWithoutOverlapping() {
        for (HostPageParticipant viewer : people) {
            Map<String, Object> grid = viewer.grid();
            List<Map<String, Object>> tiles = viewer.diagnostics("tiles()");
            double width = number(grid, "width"), height = number(grid, "height");
            assertEquals("gallery", grid.get("layout"));
            assertEquals(1L, number(grid, "pages"), "three tiles fit on one page: " + grid);
            for (int i = 0; i < tiles.size(); i++) {
                Map<String, Object> a = tiles.get(i);
                assertTrue(Boolean.TRUE.equals(a.get("visible")), "every tile is on the page: " + a);
                assertTrue(
                        number(a, "x") >= 0
                                && number(a, "y") >= 0
                                && number(a, "x") + number(a, "width") <= width + 0.5
                                && number(a, "y") + number(a, "height") <= height + 0.5,
                        "tile inside the grid " + grid + ": " + a);
                for (Map<String, Object> b : tiles.subList(i + 1, tiles.size())) {
                    assertFalse(overlap(a, b), viewer.name() + ": tiles overlap: " + a + " and " + b);
                }
            }
            // Filled: the tiles span the grid along its limiting side.
            double spanX = tiles.stream()
                            .mapToDouble(t -> number(t, "x") + number(t, "width"))
                            .max()
                            .orElse(0)
                    - tiles.stream().mapToDouble(t -> number(t, "x")).min().orElse(0);
            double spanY = tiles.stream()
                            .mapToDouble(t -> number(t, "y") + number(t, "height"))
                            .max()
                            .orElse(0)
                    - tiles.stream().mapToDouble(t -> number(t, "y")).min().orElse(0);
            assertTrue(
                    spanX >= width * 0.97 || spanY >= height * 0.97,
                    viewer.name() + ": tiles " + spanX + "x" + spanY + " in " + grid);
        }
        // Each sender scaled its video for the tile each viewer shows it in.
        for (HostPageParticipant sender : people) {
            List<Map<String, Object>> encodings = await(sender.name() + " applied both peers' tile sizes", () -> {
                List<Map<String, Object>> e = sender.diagnostics("sentEncodings()");
                return e.size() == 2 && e.stream().allMatch(x -> x.get("applied") != null) ? e : null;
            });
            for (Map<String, Object> e : encodings) {
                @SuppressWarnings("unchecked")
                Map<String, Object> applied = (Map<String, Object>) e.get("applied");
                assertEquals(Boolean.TRUE, applied.get("active"), sender.name() + " sends to " + e);
                assertTrue(number(applied, "scaleResolutionDownBy") >= 1, e.toString());
            }
        }
    }

    @Test
    @Order(4)
    void mutingIsShownOnTheOthersTiles() {
        assertEquals(result(false), alice.command("toggleAudio"), "toggleAudio resolves with the new state");
        for (HostPageParticipant viewer : List.of(bob, carol)) {
            Map<String, Object> tile = await(
                    viewer.name() + " sees Alice muted",
                    () -> viewer.diagnostics("tiles()").stream()
                            .filter(t -> alice.id().equals(t.get("id")) && Boolean.FALSE.equals(t.get("audio")))
                            .findFirst()
                            .orElse(null));
            assertEquals(Boolean.TRUE, tile.get("micOffBadgeShown"), "the muted badge is visible: " + tile);
            await(
                    viewer.name() + "'s host page hears of it",
                    () -> viewer.events().stream()
                                    .anyMatch(e -> e.get("name").equals("participantUpdated")
                                            && alice.id().equals(detail(e).get("id"))
                                            && Boolean.FALSE.equals(media(e).get("audio")))
                            ? true
                            : null);
        }
    }

    @Test
    @Order(5)
    void hostPageCommandsWork() throws IOException {
        assertEquals(result(true), carol.command("raiseHand"));
        await(
                "Alice sees Carol's hand",
                () -> alice.diagnostics("tiles()").stream()
                                .anyMatch(t -> carol.id().equals(t.get("id")) && Boolean.TRUE.equals(t.get("hand")))
                        ? true
                        : null);
        await(
                "Alice's host page gets handRaised",
                () -> alice.events().stream()
                                .anyMatch(e -> e.get("name").equals("handRaised")
                                        && carol.id().equals(detail(e).get("id"))
                                        && Boolean.TRUE.equals(detail(e).get("raised")))
                        ? true
                        : null);

        assertEquals(result(null), bob.command("sendChat", "Bonjour à tous"));
        for (HostPageParticipant p : people) {
            await(
                    p.name() + " gets Bob's chat",
                    () -> p.events().stream()
                                    .anyMatch(e -> e.get("name").equals("chat")
                                            && "Bonjour à tous".equals(detail(e).get("text"))
                                            && "Bob".equals(detail(e).get("name")))
                            ? true
                            : null);
        }
        assertEquals(error("too_large"), bob.command("sendChat", "x".repeat(4001)));

        assertEquals(result("speaker"), alice.command("setLayout", "speaker"));
        assertEquals("speaker", alice.grid().get("layout"));
        assertEquals(result(carol.id()), alice.command("pin", carol.id()));
        assertEquals(carol.id(), alice.grid().get("stage"), "the pinned participant is on the stage");
        assertEquals(result(null), alice.command("pin", (Object) null));
        assertEquals(result("gallery"), alice.command("setLayout", "gallery"));
        assertEquals("gallery", alice.grid().get("layout"));
        assertEquals(error("not_found"), alice.command("pin", "nobody"));

        @SuppressWarnings("unchecked")
        List<Object> everyone = (List<Object>) alice.command("participants").get("result");
        assertEquals(3, everyone.size());

        // Keyboard: focus Carol's tile and press Enter to pin her, again to unpin.
        for (String expected : new String[] {carol.id(), null}) {
            int before = alice.events().size();
            alice.inMeeting(d -> {
                d.findElement(By.cssSelector(".mosaic-tile[data-participant-id='" + carol.id() + "']"))
                        .sendKeys(org.openqa.selenium.Keys.ENTER);
                return null;
            });
            await(
                    "Enter on Carol's tile pins " + expected,
                    () -> alice.eventsSince(before).stream()
                                    .anyMatch(e -> e.get("name").equals("layoutChanged")
                                            && java.util.Objects.equals(
                                                    expected, detail(e).get("pinned")))
                            ? true
                            : null);
        }

        // Alice's gallery now shows herself muted and Carol's raised hand: the picture in docs/gallery.md.
        await("Alice's gallery is settled", () -> "gallery".equals(alice.grid().get("layout")) ? true : null);
        Path shot = Path.of("target", "screenshots", "gallery.png");
        Files.createDirectories(shot.getParent());
        Files.write(
                shot,
                alice.browser().findElement(By.cssSelector("#meeting iframe")).getScreenshotAs(OutputType.BYTES));
        System.out.println("gallery screenshot: " + shot.toAbsolutePath());
        assertEquals(result(true), alice.command("setAudio", true));
    }

    @Test
    @Order(6)
    void chatFromTheKeyboardAndADeviceSwitchMidCall() {
        bob.inMeeting(d -> {
            d.findElement(By.cssSelector(".mosaic-tool-chat")).click();
            d.switchTo().activeElement().sendKeys("Typed in the panel", org.openqa.selenium.Keys.ENTER);
            return null;
        });
        await(
                "Alice's host page gets Bob's typed message",
                () -> alice.events().stream()
                                .anyMatch(e -> e.get("name").equals("chat")
                                        && "Typed in the panel".equals(detail(e).get("text")))
                        ? true
                        : null);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> devices =
                (List<Map<String, Object>>) alice.command("listDevices").get("result");
        Map<String, Object> camera = devices.stream()
                .filter(d -> "videoinput".equals(d.get("kind")))
                .findFirst()
                .orElseThrow();
        assertTrue(
                devices.stream().anyMatch(d -> "audioinput".equals(d.get("kind"))),
                "a microphone is listed: " + devices);
        assertEquals(result(null), alice.command("setDevice", "videoinput", camera.get("deviceId")));
        double before = framesFrom(bob, alice);
        await(
                "Bob keeps decoding Alice's video from the new camera track",
                () -> framesFrom(bob, alice) > before + 10 ? true : null);
    }

    @Test
    @Order(7)
    void aSharedScreenTakesTheStageForEveryone() {
        // A real click on the host page's button: screen capture needs the user's gesture, which the
        // loader lends to the iframe.
        alice.browser()
                .findElement(By.cssSelector("button[data-command='shareScreen']"))
                .click();
        await(
                "Alice's host page gets the result",
                () -> alice.events().isEmpty() ? null : alice.resultOf("shareScreen"));
        assertEquals(result(true), alice.resultOf("shareScreen"));
        for (HostPageParticipant viewer : List.of(bob, carol)) {
            await(viewer.name() + " shows Alice's screen on the stage", () -> {
                Map<String, Object> grid = viewer.grid();
                return "speaker".equals(grid.get("layout")) && alice.id().equals(grid.get("stage")) ? true : null;
            });
        }
        await("Bob decodes the shared screen", () -> framesFrom(bob, alice) > 0 ? true : null);
        bob.saveScreenshot("speaker-layout");
        assertEquals(result(false), alice.command("stopScreenShare"));
        await("Bob's gallery returns", () -> "gallery".equals(bob.grid().get("layout")) ? true : null);
    }

    @Test
    @Order(8)
    void leavingRemovesTheTileEverywhereAndEventsArriveInOrder() {
        assertEquals(result(null), carol.command("leave"));
        for (HostPageParticipant viewer : List.of(alice, bob)) {
            await(viewer.name() + " no longer shows Carol", () -> {
                List<Map<String, Object>> tiles = viewer.diagnostics("tiles()");
                return tiles.size() == 2
                                && tiles.stream().noneMatch(t -> carol.id().equals(t.get("id")))
                        ? true
                        : null;
            });
            assertEquals(1, viewer.diagnostics("remoteVideo()").size());
        }
        await(
                "Alice's host page hears Carol left",
                () -> alice.events().stream()
                                .anyMatch(e -> e.get("name").equals("participantLeft")
                                        && carol.id().equals(detail(e).get("id")))
                        ? true
                        : null);

        List<String> membership = alice.events().stream()
                .map(e -> (String) e.get("name"))
                .filter(n -> List.of("joined", "participantJoined", "participantLeft", "left")
                        .contains(n))
                .toList();
        assertEquals(List.of("joined", "participantJoined", "participantJoined", "participantLeft"), membership);
        List<Map<String, Object>> joins = alice.events().stream()
                .filter(e -> e.get("name").equals("participantJoined"))
                .toList();
        assertEquals(
                List.of(bob.id(), carol.id()),
                joins.stream().map(e -> detail(e).get("id")).toList(),
                "joins in the order people came");
        assertEquals("connectionState", alice.events().get(0).get("name"), "the first event says we are connecting");
        // Bob joined a room with Alice in it: the room comes first, then the connections to its members.
        assertEquals(
                List.of(
                        "connectionState:connecting",
                        "connectionState:connected",
                        "joined",
                        "peerConnectionState:connecting"),
                bob.events().subList(0, 4).stream()
                        .map(e -> e.get("name")
                                + (detail(e).containsKey("state")
                                        ? ":" + detail(e).get("state")
                                        : ""))
                        .toList());

        List<String> carolsLast =
                carol.events().stream().map(e -> (String) e.get("name")).toList();
        assertEquals("left", carolsLast.get(carolsLast.size() - 1), "Carol's host page ends with left: " + carolsLast);
    }

    @Test
    @Order(9)
    void aDroppedSignalingConnectionReconnects() {
        int before = alice.events().size();
        alice.inMeeting(d -> alice.script("window.mosaicDiagnostics.dropSignaling()"));
        await(
                "Alice is connected again",
                () -> "connected"
                                .equals(alice.inMeeting(
                                        d -> alice.script("return window.mosaicDiagnostics.connectionState()")))
                        ? true
                        : null);
        List<Object> states = alice.eventsSince(before).stream()
                .filter(e -> e.get("name").equals("connectionState"))
                .map(e -> detail(e).get("state"))
                .toList();
        assertEquals(List.of("reconnecting", "connected"), states, "the host page saw the reconnection");
        await("Alice and Bob see each other's live video again", () -> {
            List<Map<String, Object>> a = alice.diagnostics("remoteVideo()");
            List<Map<String, Object>> b = bob.diagnostics("remoteVideo()");
            return a.size() == 1
                            && b.size() == 1
                            && number(a.get(0), "framesDecoded") > 0
                            && number(b.get(0), "framesDecoded") > 0
                    ? true
                    : null;
        });
    }

    @Test
    @Order(10)
    void aPageFromAnOriginNotAllowedCannotFrameTheMeeting() {
        carol.mount(otherSite.pageUrl(server.localUrl()), ROOM);
        await(
                "the browser refuses to show the meeting inside " + otherSite.origin(),
                () -> carol.inMeeting(
                        d -> carol.script(
                                "return document.readyState === 'complete' && !document.getElementById('mosaic-app') && !window.mosaicDiagnostics")));
        await(
                "the host page is told the meeting did not load",
                () -> carol.events().stream()
                        .filter(e -> e.get("name").equals("error"))
                        .map(e -> detail(e).get("code"))
                        .filter("frame_unavailable"::equals)
                        .findFirst()
                        .orElse(null));
        assertNull(
                carol.events().stream()
                        .filter(e -> e.get("name").equals("joined"))
                        .findFirst()
                        .orElse(null),
                "nobody joined");
        assertEquals(2, alice.diagnostics("tiles()").size(), "Alice still sees only Bob and herself");
    }

    @Test
    @Order(11)
    void offPageTilesPauseTheirSenderUntilTheirPageIsShown() {
        // Silence, so that no active speaker is promoted to page one while the pages are checked.
        assertEquals(result(false), alice.command("setAudio", false));
        assertEquals(result(false), bob.command("setAudio", false));
        // Carol comes back from the allowed site with two tiles a page: herself and one other on page one.
        carol.useForm(Map.of("maxTiles", "2"));
        carol.join(site.pageUrl(server.localUrl()), ROOM);
        await("Carol's gallery has two pages", () -> number(carol.grid(), "pages") == 2 ? true : null);
        String firstShown = awaitSendersFollowCarolsPage();
        carol.inMeeting(d -> {
            d.findElement(By.cssSelector(".mosaic-pager button:last-child")).sendKeys(org.openqa.selenium.Keys.ENTER);
            return null;
        });
        await("Carol is on page two", () -> number(carol.grid(), "page") == 1 ? true : null);
        String secondShown = awaitSendersFollowCarolsPage();
        assertFalse(firstShown.equals(secondShown), "page two shows the other participant");
    }

    @Test
    @Order(12)
    void theCustomElementMountsAndForwardsEventsAndCommands() {
        // On Bob's host page, a second meeting in its own room, declared as <mosaic-meeting>.
        @SuppressWarnings("unchecked")
        Map<String, Object> outcome = (Map<String, Object>) bob.browser().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const el = document.createElement('mosaic-meeting');
                el.setAttribute('server', arguments[0]);
                el.setAttribute('room', 'element-room');
                el.setAttribute('prejoin', 'false');
                el.setAttribute('start-video-off', '');
                el.style.height = '300px';
                el.addEventListener('joined', async (e) => {
                  const audio = await el.toggleAudio();
                  const iframes = () => el.querySelectorAll('iframe').length;
                  const before = iframes();
                  el.remove();
                  done({ name: e.detail.participant.name, audio, before, after: iframes(), connected: el.isConnected });
                });
                fetch('/token', { method: 'POST', body: JSON.stringify({ room: 'element-room', name: 'Bob again' }) })
                  .then((r) => r.json()).then((body) => { document.body.append(el); el.token = body.token; });
                """, server.localUrl());
        assertEquals("Bob again", outcome.get("name"), "the joined event carries the detail: " + outcome);
        assertEquals(Boolean.FALSE, outcome.get("audio"), "toggleAudio() on the element mutes");
        assertEquals(1L, ((Number) outcome.get("before")).longValue(), "one iframe while mounted");
        assertEquals(
                0L, ((Number) outcome.get("after")).longValue(), "element.remove() is the DOM's: the meeting is gone");
        assertEquals(Boolean.FALSE, outcome.get("connected"));
    }

    /** Waits until exactly one remote tile is visible for Carol, that sender sends to her and the other pauses; returns the shown id. */
    private String awaitSendersFollowCarolsPage() {
        try {
            return awaitSendersFollowCarolsPageOrFail();
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "; Carol's tiles " + carol.diagnostics("tiles()") + ", requests "
                            + carol.inMeeting(d -> carol.script("return window.mosaicDiagnostics.requestedVideo()"))
                            + "; Alice sends " + alice.diagnostics("sentEncodings()") + "; Bob sends "
                            + bob.diagnostics("sentEncodings()"),
                    e);
        }
    }

    private String awaitSendersFollowCarolsPageOrFail() {
        return await("senders follow Carol's page", () -> {
            List<Map<String, Object>> remote = carol.diagnostics("tiles()").stream()
                    .filter(t -> !Boolean.TRUE.equals(t.get("self")))
                    .toList();
            List<Object> shown = remote.stream()
                    .filter(t -> Boolean.TRUE.equals(t.get("visible")))
                    .map(t -> t.get("id"))
                    .toList();
            if (remote.size() != 2 || shown.size() != 1) return null;
            for (HostPageParticipant sender : List.of(alice, bob)) {
                Object active = sender.diagnostics("sentEncodings()").stream()
                        .filter(e -> carol.id().equals(e.get("id")))
                        .map(e -> e.get("applied") == null ? null : ((Map<?, ?>) e.get("applied")).get("active"))
                        .findFirst()
                        .orElse(null);
                if (!Boolean.valueOf(shown.contains(sender.id())).equals(active)) return null;
            }
            return (String) shown.get(0);
        });
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static double framesFrom(HostPageParticipant viewer, HostPageParticipant sender) {
        return viewer.diagnostics("remoteVideo()").stream()
                .filter(r -> sender.id().equals(r.get("id")))
                .mapToDouble(r -> number(r, "framesDecoded"))
                .findFirst()
                .orElse(0);
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
        throw new AssertionError("timed out waiting until " + what);
    }

    /** A command's outcome as {@link HostPageParticipant#command} reports it. */
    private static Map<String, Object> result(Object value) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("result", value);
        return m;
    }

    private static Map<String, Object> error(String code) {
        return Map.of("error", code);
    }

    private static boolean overlap(Map<String, Object> a, Map<String, Object> b) {
        return number(a, "x") < number(b, "x") + number(b, "width")
                && number(b, "x") < number(a, "x") + number(a, "width")
                && number(a, "y") < number(b, "y") + number(b, "height")
                && number(b, "y") < number(a, "y") + number(a, "height");
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Map<String, Object> event) {
        return (Map<String, Object>) event.get("detail");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> media(Map<String, Object> event) {
        return (Map<String, Object>) detail(event).get("media");
    }
}
