package dev.mosaic.bench;

import dev.mosaic.testbrowser.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The benchmarks' Chromium: the browser tests' own ({@link HeadlessChromium}, module test-browser), so what
 * is measured runs in the browser the tests prove, with a longer script timeout for slow joins under load.
 */
final class BenchBrowser {
    private BenchBrowser() {}

    private static final String INSTALL_HINT = "./mosaic bench join installs Debian's chromium and chromium-driver";

    static ChromeDriver start() {
        return HeadlessChromium.start(INSTALL_HINT, null, Duration.ofSeconds(60));
    }

    /** A browser with its profile in {@code profile}: its processes carry that folder in their command line. */
    static ChromeDriver start(Path profile) {
        return HeadlessChromium.start(INSTALL_HINT, null, Duration.ofSeconds(60), profile);
    }

    static Path tempProfile() {
        return HeadlessChromium.tempProfile();
    }

    /** The page's console messages since the last call, one per line. */
    static String console(ChromeDriver browser) {
        StringBuilder out = new StringBuilder();
        HeadlessChromium.console(browser)
                .forEach(line -> out.append("    console ").append(line).append('\n'));
        return out.toString();
    }
}
