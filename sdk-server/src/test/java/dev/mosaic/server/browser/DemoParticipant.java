package dev.mosaic.server.browser;

import dev.mosaic.testbrowser.MeetingPage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/** One person using the demo page in their own headless Chromium. */
public final class DemoParticipant implements AutoCloseable {
    private final ChromeDriver browser = Browsers.start();
    private final String name;

    public DemoParticipant(String name) {
        this.name = name;
    }

    /** Opens the demo page, joins {@code room}, and waits until the widget inside the iframe has joined. */
    public void join(String serverUrl, String room) {
        join(serverUrl, room, false);
    }

    /** {@code testMode}: the widget exposes its E2EE frame counters ({@code mosaicDiagnostics.e2ee()}). */
    public void join(String serverUrl, String room, boolean testMode) {
        join(serverUrl, room, testMode, null);
    }

    /** {@code token}: a join token to paste into the demo form instead of the dev-mode one; null for that. */
    public void join(String serverUrl, String room, boolean testMode, String token) {
        MeetingPage.joinFromDemoPage(browser, serverUrl, room, name, testMode, token);
    }

    /** Joins from the demo page with {@code extraQuery} added to its address (e.g. {@code "&camera=720p"}). */
    public void join(String serverUrl, String room, String extraQuery) {
        MeetingPage.joinFromDemoPage(browser, serverUrl, room, name, false, null, extraQuery);
    }

    /**
     * Waits until exactly one remote tile plays decoded video; returns its figures (framesDecoded,
     * videoWidth, candidate types...). Fails after {@code patience}.
     */
    public Map<String, Object> awaitOneRemoteVideo(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        List<Map<String, Object>> remote = List.of();
        while (System.nanoTime() < deadline) {
            remote = remoteVideo();
            if (remote.size() == 1
                    && remote.get(0).get("framesDecoded") instanceof Number frames
                    && frames.longValue() > 0
                    && ((Number) remote.get(0).get("videoWidth")).intValue() > 0) {
                return remote.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                name + " did not decode exactly one remote video within " + patience.toSeconds() + " s: " + remote);
    }

    /** Per remote participant: framesDecoded, videoWidth, connectionState (from inside the iframe). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> remoteVideo() {
        Object result = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "window.mosaicDiagnostics.remoteVideo().then(done, e => done([{error: String(e)}]));");
        return (List<Map<String, Object>>) result;
    }

    /** Per remote participant id: frames decoded so far (one entry per id: a later source overwrites). */
    public Map<String, Long> framesDecoded() {
        return perRemote("framesDecoded");
    }

    /** Per remote participant id: the height of the frames decoded now. */
    public Map<String, Long> frameHeights() {
        return perRemote("frameHeight");
    }

    private Map<String, Long> perRemote(String stat) {
        Map<String, Long> values = new HashMap<>();
        for (Map<String, Object> v : remoteVideo()) {
            values.put((String) v.get("id"), v.get(stat) instanceof Number n ? n.longValue() : 0L);
        }
        return values;
    }

    /** The chat lines the widget shows, joined by {@code |}. */
    public String chatShown() {
        return (String)
                script("return [...document.querySelectorAll('.mosaic-chat-text')].map(e => e.textContent).join('|')");
    }

    /** Runs {@code js} inside the meeting iframe. */
    public Object script(String js, Object... args) {
        return browser.executeScript(js, args);
    }

    /** This participant's id in the room, as the widget knows it. */
    public String participantId() {
        return (String) script("return window.mosaicDiagnostics.participantId()");
    }

    /** The 30-digit security code this page shows (E2EE rooms). */
    public String securityCode() {
        return (String) script("return window.mosaicDiagnostics.securityCode()");
    }

    /** The meeting's status line as shown. */
    public String statusText() {
        return (String) script("return document.querySelector('.mosaic-status').textContent");
    }

    /** What kind of status the line shows: info, warning or error. */
    public String statusKind() {
        return (String) script("return document.querySelector('.mosaic-status').dataset.kind");
    }

    /** The widget's E2EE diagnostics (epoch, counters, roster members and warnings; docs/e2ee.md). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> e2ee() {
        return (Map<String, Object>) diagnostic("e2ee()");
    }

    /** Awaits {@code window.mosaicDiagnostics.<call>} (which may return a promise) inside the iframe. */
    public Object diagnostic(String call) {
        return MeetingPage.diagnostic(browser, call);
    }

    public ChromeDriver browser() {
        return browser;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        browser.quit();
    }
}
