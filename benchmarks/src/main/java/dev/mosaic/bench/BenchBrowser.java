package dev.mosaic.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium with a fake camera and microphone, with the flags the browser tests use
 * (copied from sdk-server's test Browsers so this module does not depend on test classes).
 */
final class BenchBrowser {
    private BenchBrowser() {}

    static ChromeDriver start() {
        return start(tempProfile());
    }

    /** A browser with its profile in {@code profile}: its processes carry that folder in their command line. */
    static ChromeDriver start(Path profile) {
        String chromium = System.getProperty("mosaic.chromium", "/usr/bin/chromium");
        String driver = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(driver))) {
            throw new IllegalStateException("the join benchmark needs " + chromium + " and " + driver
                    + ": ./mosaic bench join installs Debian's chromium and chromium-driver");
        }
        // Set so Selenium Manager (which would try to download a driver) never runs.
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
                "--user-data-dir=" + profile);
        // Console output is kept so a failed join can show what the page said.
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver browser = new ChromeDriver(options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return browser;
    }

    /** The page's console messages since the last call, one per line. */
    static String console(ChromeDriver browser) {
        StringBuilder out = new StringBuilder();
        browser.manage()
                .logs()
                .get(org.openqa.selenium.logging.LogType.BROWSER)
                .forEach(e -> out.append("    console ")
                        .append(e.getLevel())
                        .append(' ')
                        .append(e.getMessage())
                        .append('\n'));
        return out.toString();
    }

    static Path tempProfile() {
        try {
            Path dir = Files.createTempDirectory("mosaic-bench-chromium-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile directory", e);
        }
    }
}
