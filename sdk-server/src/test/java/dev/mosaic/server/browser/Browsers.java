package dev.mosaic.server.browser;

import dev.mosaic.testbrowser.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The browser tests' Chromium: {@link HeadlessChromium} (module test-browser, shared with the benchmarks)
 * with fake camera and microphone. Fails (never skips) when Chromium or its driver is missing.
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
        return HeadlessChromium.start(
                "run the test command from README.md, which installs Debian's chromium and chromium-driver",
                microphone,
                Duration.ofSeconds(30));
    }
}
