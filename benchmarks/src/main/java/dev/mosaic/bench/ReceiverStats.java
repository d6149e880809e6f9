package dev.mosaic.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What one receiving browser got over a window: downlink bitrate and frames per second per remote video,
 * read through {@code sfu/receiver-stats.js}, which the browser injects into every page and frame.
 */
final class ReceiverStats {
    private ReceiverStats() {}

    /** Makes {@code browser} run the counters in every document it opens from now on (the widget's iframe too). */
    static void install(ChromeDriver browser) throws java.io.IOException {
        browser.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", HostPages.resource("/sfu/receiver-stats.js")));
    }

    /** Bytes received so far on all connections, and frames decoded per inbound video stream. */
    record Snapshot(long bytes, Map<String, Long> frames, long nanos) {}

    @SuppressWarnings("unchecked")
    static Snapshot take(ChromeDriver browser) {
        Map<String, Object> raw = (Map<String, Object>)
                browser.executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "window.__benchReceived().then(done, (e) => done({bytes: 0, frames: {}, error: String(e)}));");
        Map<String, Long> frames = new java.util.HashMap<>();
        ((Map<String, Object>) raw.get("frames")).forEach((k, v) -> frames.put(k, ((Number) v).longValue()));
        return new Snapshot(((Number) raw.get("bytes")).longValue(), frames, System.nanoTime());
    }

    /** Streams with at least one decoded frame. */
    static int decoding(Snapshot s) {
        return (int) s.frames().values().stream().filter(f -> f > 0).count();
    }

    /**
     * Frames per second of each of the {@code expected} remote videos between two snapshots, lowest first;
     * a video the browser does not receive at all counts as 0 fps.
     */
    static List<Double> fps(Snapshot before, Snapshot after, int expected) {
        double seconds = seconds(before, after);
        List<Double> fps = new ArrayList<>();
        after.frames().forEach((k, v) -> fps.add((v - before.frames().getOrDefault(k, v)) / seconds));
        fps.sort(Double::compare);
        // The highest ones: an old stream a resubscription replaced stays in the statistics at 0 fps.
        List<Double> tiles = new ArrayList<>(fps.subList(Math.max(0, fps.size() - expected), fps.size()));
        while (tiles.size() < expected) {
            tiles.add(0, 0.0);
        }
        return tiles;
    }

    static double kbps(Snapshot before, Snapshot after) {
        return (after.bytes() - before.bytes()) * 8 / 1000.0 / seconds(before, after);
    }

    static double seconds(Snapshot before, Snapshot after) {
        return (after.nanos() - before.nanos()) / 1e9;
    }
}
