package dev.mosaic.bench;

import dev.mosaic.testbrowser.HeadlessChromium;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The benchmarks' Chromium: the browser tests' own ({@link HeadlessChromium}, module test-browser), so what
 * is measured runs in the browser the tests prove, with a longer script timeout for slow joins under load.
 */
final class BenchBrowser {
    private BenchBrowser() {}

    static ChromeDriver start() {
        return HeadlessChromium.start(
                "./mosaic bench join installs Debian's chromium and chromium-driver", null, Duration.ofSeconds(60));
    }

    /** The page's console messages since the last call, one per line. */
    static String console(ChromeDriver browser) {
        StringBuilder out = new StringBuilder();
        HeadlessChromium.console(browser)
                .forEach(line -> out.append("    console ").append(line).append('\n'));
        return out.toString();
    }
}
