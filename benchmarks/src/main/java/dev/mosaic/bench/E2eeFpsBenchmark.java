package dev.mosaic.bench;

import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.room.RoomOptions;
import dev.mosaic.testbrowser.MeetingPage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Frames per second decoded by two headless Chromiums in a room without and then with end-to-end
 * encryption, in the same run on the same machine; prints one line per room with A's E2EE worker
 * counters. Run with {@code ./mosaic bench e2ee}.
 */
public final class E2eeFpsBenchmark {
    private static final Duration WARM_UP = Duration.ofSeconds(8);
    private static final Duration MEASURE = Duration.ofSeconds(15);

    private E2eeFpsBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (MosaicServer server = MosaicServer.builder().port(0).devMode(true).start()) {
            server.rooms().create("plain-room", new RoomOptions(false, 0, null, false));
            server.rooms().create("e2ee-room", new RoomOptions(true, 0, null, false));
            for (String room : List.of("plain-room", "e2ee-room")) {
                measure(server, room);
            }
        }
        System.exit(0); // the WebDriver HTTP client leaves non-daemon threads behind
    }

    private static void measure(MosaicServer server, String room) throws Exception {
        ChromeDriver a = join(server, room, "A");
        ChromeDriver b = join(server, room, "B");
        try {
            Thread.sleep(WARM_UP.toMillis());
            long a0 = decoded(a), b0 = decoded(b);
            Thread.sleep(MEASURE.toMillis());
            long a1 = decoded(a), b1 = decoded(b);
            double seconds = MEASURE.toMillis() / 1000.0;
            System.out.printf(
                    "%-10s frames decoded per second: A %.1f, B %.1f; A's E2EE worker: %s%n",
                    room, (a1 - a0) / seconds, (b1 - b0) / seconds, MeetingPage.diagnostic(a, "e2ee()"));
        } finally {
            a.quit();
            b.quit();
        }
    }

    /** Opens the demo page with a token for {@code name} and test mode, joins, and stays inside the meeting iframe. */
    private static ChromeDriver join(MosaicServer server, String room, String name) {
        ChromeDriver browser = BenchBrowser.start();
        MeetingPage.joinFromDemoPage(
                browser,
                server.localUrl(),
                room,
                name,
                true,
                server.tokens().issue(room, name, name, Role.PARTICIPANT, Duration.ofMinutes(5)));
        return browser;
    }

    @SuppressWarnings("unchecked")
    private static long decoded(ChromeDriver browser) {
        List<Map<String, Object>> remote = (List<Map<String, Object>>) MeetingPage.diagnostic(browser, "remoteVideo()");
        return remote.stream()
                .mapToLong(v -> ((Number) v.getOrDefault("framesDecoded", 0)).longValue())
                .sum();
    }
}
