package dev.mosaic.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.events.JoinDecision;
import dev.mosaic.server.events.JoinRequest;
import dev.mosaic.server.events.MeetingListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The widget's host controls in three browsers: a guest waits, the host sees them in the live
 * waiting list and admits them; then the host removes another participant through the tile menu.
 */
class HostControlsIT {
    private static final String ROOM = "seminar";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private HostSite site;
    private MosaicServer server;
    private HostPageParticipant hana;
    private HostPageParticipant otto;
    private HostPageParticipant guest;

    @AfterEach
    void part() {
        for (HostPageParticipant p : new HostPageParticipant[] {hana, otto, guest}) {
            if (p != null) p.close();
        }
        if (server != null) server.stop();
        if (site != null) site.close();
    }

    @Test
    void aHostAdmitsAWaitingGuestAndRemovesAParticipant() {
        site = new HostSite().withRoles(name -> name.equals("Hana") ? Role.HOST : Role.PARTICIPANT);
        server = site.startMosaic(builder -> builder.listener(new MeetingListener() {
            @Override
            public JoinDecision onJoinRequest(JoinRequest request) {
                // The application sends people it does not know to the waiting room.
                return "Guest".equals(request.claims().displayName())
                        ? JoinDecision.waitingRoom()
                        : JoinDecision.allow();
            }
        }));
        String page = site.pageUrl(server.localUrl());

        hana = new HostPageParticipant("Hana", Map.of("startAudioOff", true));
        hana.join(page, ROOM);
        otto = new HostPageParticipant("Otto", Map.of("startAudioOff", true));
        otto.join(page, ROOM);

        // The guest presses Join and is told to wait; the host sees them appear in the waiting list.
        guest = new HostPageParticipant("Guest", Map.of("startAudioOff", true));
        guest.mount(page, ROOM);
        guest.inMeeting(d -> {
            new WebDriverWait(d, PATIENCE)
                    .until(x -> x.findElement(By.cssSelector(".mosaic-join")))
                    .click();
            new WebDriverWait(d, PATIENCE)
                    .until(x -> x.findElement(By.cssSelector(".mosaic-status"))
                            .getText()
                            .equals("Waiting for a host to let you in…"));
            return null;
        });
        hana.inMeeting(d -> {
            WebElement row =
                    new WebDriverWait(d, PATIENCE).until(x -> x.findElement(By.cssSelector(".mosaic-waiting-row")));
            assertEquals(
                    "Guest",
                    row.findElement(By.cssSelector(".mosaic-waiting-name")).getText());
            hana.saveScreenshot("host-controls-waiting-list");
            row.findElement(By.cssSelector(".mosaic-admit")).click();
            new WebDriverWait(d, PATIENCE)
                    .until(x -> x.findElements(By.cssSelector(".mosaic-waiting-row"))
                            .isEmpty());
            return null;
        });
        String guestId = (String) guest.inMeeting(d -> new WebDriverWait(d, PATIENCE)
                .until(x -> guest.script("return window.mosaicDiagnostics.participantId()")));
        assertNotNull(guestId, "the guest is in the meeting once admitted");
        assertTrue(eventNames(guest).contains("waiting"), "the guest's host page heard it was waiting");
        assertTrue(eventNames(hana).contains("participantWaiting"));

        // The host removes Otto through the menu on his tile, confirming in the meeting's own dialog.
        String ottoId = otto.id();
        hana.inMeeting(d -> {
            WebElement tile = new WebDriverWait(d, PATIENCE)
                    .until(x -> x.findElement(By.cssSelector(".mosaic-tile[data-participant-id='" + ottoId + "']")));
            tile.findElement(By.cssSelector(".mosaic-tile-menu-button")).click();
            WebElement remove = new WebDriverWait(d, PATIENCE)
                    .until(x -> x.findElement(By.cssSelector(".mosaic-menu-removeParticipant")));
            hana.saveScreenshot("host-controls-tile-menu");
            remove.click();
            new WebDriverWait(d, PATIENCE)
                    .until(x -> x.findElement(By.cssSelector(".mosaic-confirm-ok")))
                    .click();
            new WebDriverWait(d, PATIENCE)
                    .until(x -> x.findElements(By.cssSelector(".mosaic-tile[data-participant-id='" + ottoId + "']"))
                            .isEmpty());
            return null;
        });
        otto.inMeeting(d -> new WebDriverWait(d, PATIENCE)
                .until(x -> x.findElement(By.cssSelector(".mosaic-status"))
                        .getText()
                        .equals("A host removed you from the meeting")));
        assertTrue(
                otto.events().stream()
                        .anyMatch(e -> e.get("name").equals("left")
                                && "removed".equals(((Map<?, ?>) e.get("detail")).get("reason"))),
                "Otto's host page heard he was removed");

        List<String> inRoom = server.rooms().find(ROOM).orElseThrow().state().participants().stream()
                .map(Participant::name)
                .sorted()
                .toList();
        assertEquals(List.of("Guest", "Hana"), inRoom);
        guest.inMeeting(d -> new WebDriverWait(d, PATIENCE)
                .until(x -> x.findElements(By.cssSelector(".mosaic-tile[data-participant-id='" + ottoId + "']"))
                        .isEmpty()));
        // A participant's tile menu offers only a report, no host controls.
        guest.inMeeting(d -> {
            WebElement hanaTile = d.findElement(By.cssSelector(".mosaic-tile:not([data-self='true'])"));
            hanaTile.findElement(By.cssSelector(".mosaic-tile-menu-button")).click();
            new WebDriverWait(d, PATIENCE).until(x -> x.findElement(By.cssSelector(".mosaic-menu-reportParticipant")));
            assertTrue(d.findElements(By.cssSelector(".mosaic-menu-removeParticipant"))
                    .isEmpty());
            assertTrue(d.findElements(By.cssSelector(".mosaic-tool-muteAll")).isEmpty());
            return null;
        });
    }

    @Test
    void aHostMutesEveryoneForGoodAndLetsOneParticipantUnmute() {
        site = new HostSite().withRoles(name -> name.equals("Hana") ? Role.HOST : Role.PARTICIPANT);
        server = site.startMosaic();
        String page = site.pageUrl(server.localUrl());
        hana = new HostPageParticipant("Hana", Map.of("startAudioOff", true));
        hana.join(page, ROOM);
        otto = new HostPageParticipant("Otto", Map.of());
        otto.join(page, ROOM);
        String ottoId = otto.id();
        String ottoTile = ".mosaic-tile[data-participant-id='" + ottoId + "']";
        hana.inMeeting(d -> new WebDriverWait(d, PATIENCE)
                .until(x ->
                        "true".equals(x.findElement(By.cssSelector(ottoTile)).getAttribute("data-audio"))));

        // Mute all, without letting participants unmute themselves.
        hana.inMeeting(d -> {
            d.findElement(By.cssSelector(".mosaic-tool-muteAll")).click();
            WebElement dialog =
                    new WebDriverWait(d, PATIENCE).until(x -> x.findElement(By.cssSelector(".mosaic-mute-all-dialog")));
            dialog.findElement(By.cssSelector(".mosaic-allow-unmute")).click();
            hana.saveScreenshot("host-controls-mute-all");
            dialog.findElement(By.cssSelector(".mosaic-confirm-ok")).click();
            new WebDriverWait(d, PATIENCE)
                    .until(x -> "false"
                            .equals(x.findElement(By.cssSelector(ottoTile)).getAttribute("data-audio")));
            new WebDriverWait(d, PATIENCE)
                    .until(x -> x.findElement(By.cssSelector(".mosaic-tool-unmuteAll"))
                            .isDisplayed());
            return null;
        });
        otto.inMeeting(d -> new WebDriverWait(d, PATIENCE)
                .until(x -> !x.findElement(By.cssSelector(".mosaic-tool-microphone"))
                        .isEnabled()));
        assertEquals(Map.of("error", "forbidden"), otto.command("setAudio", true));

        // The host lets Otto answer from his tile menu; he unmutes and the host sees it.
        hana.inMeeting(d -> {
            d.findElement(By.cssSelector(ottoTile))
                    .findElement(By.cssSelector(".mosaic-tile-menu-button"))
                    .click();
            new WebDriverWait(d, PATIENCE)
                    .until(x -> x.findElement(By.cssSelector(".mosaic-menu-allowToUnmute")))
                    .click();
            return null;
        });
        otto.inMeeting(d -> new WebDriverWait(d, PATIENCE)
                .until(x ->
                        x.findElement(By.cssSelector(".mosaic-tool-microphone")).isEnabled()));
        assertEquals(Map.of("result", true), otto.command("setAudio", true));
        hana.inMeeting(d -> new WebDriverWait(d, PATIENCE)
                .until(x ->
                        "true".equals(x.findElement(By.cssSelector(ottoTile)).getAttribute("data-audio"))));
        assertTrue(
                otto.events().stream().anyMatch(e -> e.get("name").equals("unmuteAllowed")),
                "Otto's host page heard it");
    }

    private static List<Object> eventNames(HostPageParticipant p) {
        return p.events().stream().map(e -> e.get("name")).toList();
    }
}
