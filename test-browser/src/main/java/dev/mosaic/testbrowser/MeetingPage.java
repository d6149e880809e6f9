package dev.mosaic.testbrowser;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Driving the meeting in a browser the way the tests and the benchmarks both do: joining from the server's
 * demo page (its form, then the meeting iframe) and reading {@code window.mosaicDiagnostics} inside it.
 */
public final class MeetingPage {
    private MeetingPage() {}

    /**
     * Opens the demo page of {@code serverUrl}, joins {@code room} as {@code name} and waits, inside the
     * meeting iframe, until the widget has joined.
     *
     * @param testMode the widget exposes its E2EE frame counters ({@code mosaicDiagnostics.e2ee()})
     * @param token a join token to paste into the form instead of the dev-mode one; null for that
     */
    public static void joinFromDemoPage(
            ChromeDriver browser, String serverUrl, String room, String name, boolean testMode, String token) {
        joinFromDemoPage(browser, serverUrl, room, name, testMode, token, "");
    }

    /**
     * As above, with {@code extraQuery} appended to the demo page's address (e.g. {@code "&camera=720p"}
     * for a 720p camera); empty for none.
     */
    public static void joinFromDemoPage(
            ChromeDriver browser,
            String serverUrl,
            String room,
            String name,
            boolean testMode,
            String token,
            String extraQuery) {
        browser.get(serverUrl + "/?room=" + room + "&name=" + name + (testMode ? "&testMode=1" : "") + extraQuery);
        if (token != null) {
            browser.executeScript("document.getElementById('token').value = arguments[0]", token);
        }
        browser.findElement(By.id("join")).click();
        WebElement frame = new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(d -> d.findElement(By.cssSelector("#meeting iframe")));
        browser.switchTo().frame(frame);
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> browser.executeScript(
                                "return window.mosaicDiagnostics && window.mosaicDiagnostics.participantId()")
                        != null);
    }

    /** Awaits {@code window.mosaicDiagnostics.<call>} (which may return a promise) inside the meeting iframe. */
    public static Object diagnostic(ChromeDriver browser, String call) {
        return browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "Promise.resolve(window.mosaicDiagnostics." + call + ").then(done, e => done({error: String(e)}));");
    }
}
