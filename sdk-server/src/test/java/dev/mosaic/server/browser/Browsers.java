package dev.mosaic.server.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium with fake camera and microphone. Fails (never skips) when Chromium or
 * its driver is missing: the README's test command installs them.
 */
public final class Browsers {
    private Browsers() {}

    public static ChromeDriver start() {
        return start(null);
    }

    /**
     * @param microphone a WAV file the fake microphone plays in a loop instead of Chromium's beeps,
     *                   or null for the beeps
     */
    public static ChromeDriver start(Path microphone) {
        String chromium = System.getProperty("mosaic.chromium", "/usr/bin/chromium");
        String driver = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(driver))) {
            throw new IllegalStateException("browser tests need " + chromium + " and " + driver
                    + ": run the test command from README.md, which installs Debian's chromium and chromium-driver");
        }
        // Set here too so Selenium Manager (which would try to download a driver) never runs.
        System.setProperty("webdriver.chrome.driver", driver);
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
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection",
                "--autoplay-policy=no-user-gesture-required",
                "--window-size=1280,900",
                "--user-data-dir=" + tempProfile());
        if (microphone != null) {
            options.addArguments("--use-file-for-fake-audio-capture=" + microphone.toAbsolutePath());
        }
        // Console messages stay readable for failure reports.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriver browser = new ChromeDriver(options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return browser;
    }

    private static Path tempProfile() {
        try {
            Path dir = Files.createTempDirectory("mosaic-chromium-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile directory", e);
        }
    }
}
