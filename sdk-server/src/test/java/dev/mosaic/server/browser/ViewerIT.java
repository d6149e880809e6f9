package dev.mosaic.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A viewer in two real browsers: joins without being asked for camera or microphone, watches the
 * host's live video, cannot chat or send, raises a hand; the host lets them speak from the tile
 * menu and then receives their camera.
 */
class ViewerIT {
    private static final String ROOM = "lecture";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private HostSite site;
    private MosaicServer server;
    private HostPageParticipant hana;
    private HostPageParticipant vera;

    @AfterEach
    void part() {
        for (HostPageParticipant p : new HostPageParticipant[] {hana, vera}) {
            if (p != null) p.close();
        }
        if (server != null) server.stop();
        if (site != null) site.close();
    }

    @Test
    void aViewerWatchesRaisesAHandAndIsLetSpeak() {
        site = new HostSite().withRoles(name -> name.equals("Hana") ? Role.HOST : Role.VIEWER);
        server = site.startMosaic();
        String page = site.pageUrl(server.localUrl());

        hana = new HostPageParticipant("Hana", Map.of("startAudioOff", true));
        hana.join(page, ROOM);

        // The viewer's pre-join screen says what a viewer does and shows no camera preview.
        vera = new HostPageParticipant("Vera", Map.of());
        vera.mount(page, ROOM);
        vera.inMeeting(d -> {
            WebElement form =
                    new WebDriverWait(d, PATIENCE).until(x -> x.findElement(By.cssSelector(".mosaic-prejoin-viewer")));
            assertTrue(form.findElements(By.cssSelector("video")).isEmpty(), "no camera preview for a viewer");
            vera.saveScreenshot("viewer-prejoin");
            form.findElement(By.cssSelector(".mosaic-join")).click();
            new WebDriverWait(d, PATIENCE)
                    .until(x -> vera.script("return window.mosaicDiagnostics.participantId()") != null);
            return null;
        });
        String hanaId = hana.id();
        String veraId = vera.id();

        // The viewer sees and hears the host; it sends nothing, and nothing asked for its devices.
        waitForVideoFrom(vera, hanaId);
        vera.inMeeting(d -> {
            for (String tool : List.of("microphone", "camera", "screen")) {
                assertFalse(
                        d.findElement(By.cssSelector(".mosaic-tool-" + tool)).isDisplayed(),
                        tool + " hidden for a viewer");
            }
            assertFalse(
                    d.findElement(By.cssSelector(".mosaic-chat-input")).isEnabled(),
                    "a viewer's chat box is read-only");
            return null;
        });
        assertEquals(Map.of("error", "forbidden"), vera.command("sendChat", "hello"));
        assertEquals("no_device", vera.command("setAudio", true).get("error"));

        // A raised hand is how a viewer asks to speak; the host's tile for them says viewer and hand.
        vera.command("raiseHand", true);
        WebElement veraTile = hana.inMeeting(d -> new WebDriverWait(d, PATIENCE).until(x -> {
            WebElement t = x.findElement(By.cssSelector(".mosaic-tile[data-participant-id='" + veraId + "']"));
            return "true".equals(t.getAttribute("data-hand")) ? t : null;
        }));
        assertTrue(veraTile != null);
        hana.inMeeting(d -> {
            WebElement tile = d.findElement(By.cssSelector(".mosaic-tile[data-participant-id='" + veraId + "']"));
            assertEquals("viewer", tile.getAttribute("data-role"));
            assertEquals("false", tile.getAttribute("data-video"));
            return null;
        });
        assertEquals(0L, framesDecodedFrom(hana, veraId), "a viewer sends no video");

        // The host lets the viewer speak from the tile menu.
        hana.inMeeting(d -> {
            WebElement tile = d.findElement(By.cssSelector(".mosaic-tile[data-participant-id='" + veraId + "']"));
            tile.findElement(By.cssSelector(".mosaic-tile-menu-button")).click();
            WebElement letSpeak =
                    new WebDriverWait(d, PATIENCE).until(x -> x.findElement(By.cssSelector(".mosaic-menu-letSpeak")));
            hana.saveScreenshot("viewer-let-speak-menu");
            letSpeak.click();
            return null;
        });

        // Camera and microphone open muted; the person turns the camera on and the host sees it.
        vera.inMeeting(d -> new WebDriverWait(d, PATIENCE).until(x -> {
            WebElement camera = x.findElement(By.cssSelector(".mosaic-tool-camera"));
            return camera.isDisplayed() && camera.isEnabled();
        }));
        assertEquals(Map.of("result", true), vera.command("setVideo", true));
        waitForVideoFrom(hana, veraId);
        hana.inMeeting(d -> new WebDriverWait(d, PATIENCE)
                .until(x -> "participant"
                        .equals(x.findElement(By.cssSelector(".mosaic-tile[data-participant-id='" + veraId + "']"))
                                .getAttribute("data-role"))));
        assertEquals(Map.of("result", true), vera.command("setAudio", true));
        hana.inMeeting(d -> new WebDriverWait(d, PATIENCE)
                .until(x -> "true"
                        .equals(x.findElement(By.cssSelector(".mosaic-tile[data-participant-id='" + veraId + "']"))
                                .getAttribute("data-audio"))));

        // And may chat now.
        vera.command("sendChat", "Thank you!");
        new WebDriverWait(hana.browser(), PATIENCE)
                .until(x -> hana.events().stream()
                        .anyMatch(e -> e.get("name").equals("chat")
                                && "Thank you!".equals(((Map<?, ?>) e.get("detail")).get("text"))));
    }

    private static void waitForVideoFrom(HostPageParticipant receiver, String senderId) {
        new WebDriverWait(receiver.browser(), PATIENCE)
                .until(x -> receiver.diagnostics("remoteVideo()").stream()
                        .anyMatch(v -> senderId.equals(v.get("id"))
                                && ((Number) v.getOrDefault("framesDecoded", 0)).longValue() > 0
                                && ((Number) v.get("videoWidth")).longValue() > 0));
    }

    private static long framesDecodedFrom(HostPageParticipant receiver, String senderId) {
        return receiver.diagnostics("remoteVideo()").stream()
                .filter(v -> senderId.equals(v.get("id")))
                .mapToLong(v -> ((Number) v.getOrDefault("framesDecoded", 0)).longValue())
                .sum();
    }
}
