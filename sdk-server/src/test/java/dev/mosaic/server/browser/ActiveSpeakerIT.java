package dev.mosaic.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mosaic.server.MosaicServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Active speaker with real sound: each Chromium's fake microphone plays a WAV file made here, speech
 * for Anna and Ben (who join muted), silence for Cleo. One meeting unfolds over the tests: Anna talks,
 * stops, then Ben talks. Ben watches in speaker layout, Cleo in a gallery of two tiles a page, so the
 * stage and page one have to follow whoever talks. Nothing here depends on how fast detection is,
 * only on what it finds. {@link SfuActiveSpeakerIT} runs the same meeting through an SFU.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActiveSpeakerIT {
    private static final String ROOM = "speakers";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Path sounds;
    private HostSite site;
    private MosaicServer server;
    final List<HostPageParticipant> people = new ArrayList<>();
    HostPageParticipant anna;
    private HostPageParticipant ben;
    HostPageParticipant cleo;

    @BeforeAll
    void meet() throws Exception {
        sounds = Files.createTempDirectory("mosaic-microphones-");
        Path speech = FakeMicrophoneSound.speech(sounds);
        Path silence = FakeMicrophoneSound.silence(sounds);
        site = new HostSite();
        server = startServer(site);
        // Join order Ben, Cleo, Anna: Anna's tile starts on Cleo's second page and off Ben's stage.
        ben = new HostPageParticipant("Ben", Map.of("startAudioOff", true, "layout", "speaker"), speech);
        cleo = new HostPageParticipant("Cleo", Map.of("maxTiles", "2"), silence);
        anna = new HostPageParticipant("Anna", Map.of("startAudioOff", true), speech);
        for (HostPageParticipant p : List.of(ben, cleo, anna)) {
            people.add(p);
            p.join(site.pageUrl(server.localUrl()), ROOM);
        }
    }

    @AfterAll
    void part() throws Exception {
        people.forEach(HostPageParticipant::close);
        if (server != null) stopServer(server);
        if (site != null) site.close();
        if (sounds != null) {
            try (var files = Files.list(sounds)) {
                for (Path file : files.toList()) Files.delete(file);
            }
            Files.delete(sounds);
        }
    }

    @Test
    @Order(1)
    void whileEveryoneIsSilentNobodyIsMarked() throws InterruptedException {
        for (HostPageParticipant viewer : people) {
            await(
                    viewer.name() + " hears both others",
                    () -> viewer.inMeeting(d -> viewer.script(
                            "return Object.keys(window.mosaicDiagnostics.speakerLevels()).length === 3")));
        }
        await("Cleo's gallery has two pages, Anna on the second", () -> {
            Map<String, Object> grid = cleo.grid();
            return number(grid, "pages") == 2
                    && number(grid, "page") == 0
                    && !tile(cleo, anna).get("visible").equals(true);
        });
        await(
                "Ben's stage shows Cleo, the first to join after him",
                () -> cleo.id().equals(ben.grid().get("stage")));
        // Several polls of the levels, not one snapshot.
        for (int i = 0; i < 4; i++) {
            for (HostPageParticipant viewer : people) {
                assertEquals(
                        List.of(),
                        speaking(viewer),
                        viewer.name() + " marks nobody while all are silent; levels " + levels(viewer));
            }
            Thread.sleep(250);
        }
    }

    @Test
    @Order(2)
    void annaTalksAndEveryoneSeesHerSpeaking() throws IOException {
        assertEquals(Map.of("result", true), anna.command("setAudio", true));
        for (HostPageParticipant viewer : List.of(ben, cleo)) {
            Set<Object> everMarked = new HashSet<>();
            Map<String, Object> annasTile = await(
                    viewer.name() + " marks Anna as speaking",
                    () -> {
                        everMarked.addAll(speaking(viewer));
                        Map<String, Object> t = tile(viewer, anna);
                        // One snapshot: the mark comes at once, the active speaker after a hold time.
                        return Boolean.TRUE.equals(t.get("speaking")) && Boolean.TRUE.equals(t.get("activeSpeaker"))
                                ? t
                                : null;
                    },
                    viewer);
            assertEquals(Boolean.TRUE, annasTile.get("speakingOutlineShown"), "the outline is drawn: " + annasTile);
            assertEquals(anna.id(), activeSpeaker(viewer));
            for (HostPageParticipant silent : List.of(ben, cleo)) {
                assertEquals(
                        Boolean.FALSE,
                        tile(viewer, silent).get("speaking"),
                        viewer.name() + " does not mark " + silent.name());
            }
            everMarked.remove(anna.id());
            assertEquals(Set.of(), everMarked, viewer.name() + " never marked a silent participant");
            await(
                    viewer.name() + "'s host page gets activeSpeaker",
                    () -> viewer.events().stream()
                            .anyMatch(e -> "activeSpeaker".equals(e.get("name"))
                                    && anna.id().equals(detail(e).get("id"))));
            await(
                    viewer.name() + "'s host page hears that Anna speaks",
                    () -> viewer.events().stream()
                            .anyMatch(e -> "speaking".equals(e.get("name"))
                                    && ((List<?>) detail(e).get("ids")).contains(anna.id())));
        }
        await(
                "Anna sees her own tile marked",
                () -> Boolean.TRUE.equals(tile(anna, anna).get("speaking")),
                anna);

        await("Anna takes Ben's stage", () -> anna.id().equals(ben.grid().get("stage")), ben);
        await(
                "Anna moves to Cleo's page one, Ben to page two",
                () -> Boolean.TRUE.equals(tile(cleo, anna).get("visible"))
                        && Boolean.FALSE.equals(tile(cleo, ben).get("visible"))
                        && number(cleo.grid(), "page") == 0,
                cleo);

        // Ben's view: Anna on the stage with the speaking outline, the picture in docs/gallery.md.
        await("Ben still marks Anna", () -> Boolean.TRUE.equals(tile(ben, anna).get("speaking")), ben);
        Path shot = Path.of("target", "screenshots", "active-speaker.png");
        Files.createDirectories(shot.getParent());
        Files.write(
                shot,
                ben.browser().findElement(By.cssSelector("#meeting iframe")).getScreenshotAs(OutputType.BYTES));
        System.out.println("active speaker screenshot: " + shot.toAbsolutePath());
    }

    @Test
    @Order(3)
    void whenAnnaMutesTheMarkGoesButSheKeepsTheStage() {
        assertEquals(Map.of("result", false), anna.command("setAudio", false));
        for (HostPageParticipant viewer : people) {
            await(
                    viewer.name() + " marks nobody",
                    () -> speaking(viewer).isEmpty()
                            && viewer.diagnostics("tiles()").stream()
                                    .noneMatch(t -> Boolean.TRUE.equals(t.get("speakingOutlineShown"))),
                    viewer);
            assertEquals(
                    anna.id(), activeSpeaker(viewer), viewer.name() + ": the last speaker stays the active speaker");
            await(viewer.name() + "'s host page hears that nobody speaks", () -> {
                List<Map<String, Object>> said = viewer.events().stream()
                        .filter(e -> "speaking".equals(e.get("name")))
                        .toList();
                return !said.isEmpty()
                        && ((List<?>) detail(said.get(said.size() - 1)).get("ids")).isEmpty();
            });
        }
        assertEquals(anna.id(), ben.grid().get("stage"), "silence keeps the last speaker on Ben's stage");
    }

    @Test
    @Order(4)
    void benTakesOverAndKeepsAnnaOnHisOwnStage() {
        assertEquals(Map.of("result", true), ben.command("setAudio", true));
        for (HostPageParticipant viewer : List.of(anna, cleo)) {
            await(
                    viewer.name() + " marks Ben, and only Ben",
                    () -> List.of(ben.id()).equals(speaking(viewer))
                            && Boolean.TRUE.equals(tile(viewer, ben).get("speaking"))
                            && ben.id().equals(activeSpeaker(viewer)),
                    viewer);
        }
        await(
                "Ben sees his own tile marked",
                () -> Boolean.TRUE.equals(tile(ben, ben).get("speaking"))
                        && ben.id().equals(activeSpeaker(ben)),
                ben);
        assertEquals(
                anna.id(),
                ben.grid().get("stage"),
                "Ben talking keeps Anna, the last one he listened to, on his stage");

        await(
                "Ben comes back to Cleo's page one",
                () -> Boolean.TRUE.equals(tile(cleo, ben).get("visible"))
                        && Boolean.FALSE.equals(tile(cleo, anna).get("visible")),
                cleo);
        assertEquals(Map.of("result", "speaker"), cleo.command("setLayout", "speaker"));
        await(
                "Cleo's speaker layout puts Ben on the stage",
                () -> ben.id().equals(cleo.grid().get("stage")),
                cleo);
    }

    // ---- the server: a mesh here, an SFU in SfuActiveSpeakerIT ----------------------------------

    /** The Mosaic server the meeting runs on, embeddable by {@code site} and with its tokens. */
    MosaicServer startServer(HostSite site) throws Exception {
        return site.startMosaic();
    }

    void stopServer(MosaicServer server) throws Exception {
        server.stop();
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** {@code viewer}'s tile for {@code who}, as diagnostics report it. */
    private static Map<String, Object> tile(HostPageParticipant viewer, HostPageParticipant who) {
        String id = who.id();
        return viewer.diagnostics("tiles()").stream()
                .filter(t -> id.equals(t.get("id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(viewer.name() + " has no tile for " + who.name()));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> speaking(HostPageParticipant viewer) {
        return (List<Object>) viewer.inMeeting(d -> viewer.script("return window.mosaicDiagnostics.speaking()"));
    }

    private static Object activeSpeaker(HostPageParticipant viewer) {
        return viewer.inMeeting(d -> viewer.script("return window.mosaicDiagnostics.activeSpeaker()"));
    }

    private static Object levels(HostPageParticipant viewer) {
        return viewer.inMeeting(d -> viewer.script("return window.mosaicDiagnostics.speakerLevels()"));
    }

    private <T> T await(String what, Supplier<T> check) {
        return await(what, check, null);
    }

    /** Polls until {@code check} returns something other than null or false; on timeout, says what {@code viewer} measured. */
    <T> T await(String what, Supplier<T> check, HostPageParticipant viewer) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            T last = check.get();
            if (last != null && !Boolean.FALSE.equals(last)) return last;
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        StringBuilder report = new StringBuilder("timed out waiting until " + what);
        for (HostPageParticipant p : viewer == null ? people : List.of(viewer)) {
            report.append("; ")
                    .append(p.name())
                    .append(" (")
                    .append(p.id())
                    .append(") levels ")
                    .append(levels(p))
                    .append(", speaking ")
                    .append(speaking(p))
                    .append(", active ")
                    .append(activeSpeaker(p))
                    .append(", grid ")
                    .append(p.grid());
        }
        report.append("; ids: Anna ")
                .append(anna.id())
                .append(", Ben ")
                .append(ben.id())
                .append(", Cleo ")
                .append(cleo.id());
        throw new AssertionError(report.toString());
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Map<String, Object> event) {
        return (Map<String, Object>) event.get("detail");
    }
}
