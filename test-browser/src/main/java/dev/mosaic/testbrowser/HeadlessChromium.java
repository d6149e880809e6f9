package dev.mosaic.testbrowser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * Headless Debian Chromium with a fake camera and microphone, as the browser tests (sdk-server) and the
 * benchmarks (benchmarks) drive it: one list of options, so a measured join runs in the browser the tests
 * prove. Fails (never skips) when Chromium or its driver is missing, with the command that installs them.
 */
public final class HeadlessChromium {
    private HeadlessChromium() {}

    /**
     * @param installHint what the error says to do when Chromium or its driver is missing
     * @param microphone a WAV file the fake microphone plays in a loop instead of Chromium's beeps, or null
     * @param scriptTimeout how long an asynchronous script may take before Selenium gives up on it
     */
    public static ChromeDriver start(String installHint, Path microphone, Duration scriptTimeout) {
        return start(installHint, microphone, scriptTimeout, tempProfile());
    }

    /**
     * As {@link #start(String, Path, Duration)} with the profile in {@code profile}: every process of this
     * browser carries that folder in its command line (the SFU benchmark sums their CPU by it).
     */
    public static ChromeDriver start(String installHint, Path microphone, Duration scriptTimeout, Path profile) {
        String chromium = System.getProperty("mosaic.chromium", "/usr/bin/chromium");
        String driver = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(driver))) {
            throw new IllegalStateException(
                    "Chromium is needed at " + chromium + " with its driver at " + driver + ": " + installHint);
        }
        // Set here too so Selenium Manager (which would try to download a driver) never runs.
        System.setProperty("webdriver.chrome.driver", driver);
        ChromeDriver browser = new ChromeDriver(options(chromium, microphone, profile));
        browser.manage().timeouts().scriptTimeout(scriptTimeout);
        return browser;
    }

    private static ChromeOptions options(String chromium, Path microphone, Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                // Fake camera and microphone, granted without a prompt.
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                // WebRTC between browsers on one machine connects over loopback.
                "--allow-loopback-in-peer-connection",
                "--autoplay-policy=no-user-gesture-required",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        if (microphone != null) {
            options.addArguments("--use-file-for-fake-audio-capture=" + microphone.toAbsolutePath());
        }
        // Console messages are kept, so a failure report can show what the page said.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        return options;
    }

    /** The page's console messages since the last call, each as "LEVEL message". */
    public static List<String> console(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage())
                .toList();
    }

    /** A fresh, empty profile folder (deleted when the JVM exits, if still empty). */
    public static Path tempProfile() {
        try {
            Path dir = Files.createTempDirectory("mosaic-chromium-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile directory", e);
        }
    }
}
