package dev.mosaic.bench;

import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.room.RoomOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One receiving browser in rooms of 4, 9, 25 and 49, in a mesh and through Janus, in the same run: its
 * downlink, its CPU, each remote video's frame rate, and Janus's CPU per forwarded stream. Senders are
 * load publishers (sdk-server/src/test/loadgen: werift, a looped 320x180 VP8 clip at 15 fps) in SFU rooms
 * and widget Chromiums in the mesh, which therefore runs only where this machine holds that many browsers.
 * Runs inside a network namespace made by {@code ./mosaic bench sfu} (Janus never uses loopback).
 */
public final class SfuBenchmark {
    private static final double FLUENT_FPS = 10;
    /** Selenium warns on every CDP call that it has no bindings for this Chromium version; plain CDP commands need none. */
    private static final java.util.logging.Logger CDP_LOG =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    private final BenchConfig config;
    private final MosaicServer server;
    private final BenchJanus janus;
    private final SfuClientPage page;
    private final Duration warmUp;
    private final Duration measure;

    private SfuBenchmark(
            BenchConfig config,
            MosaicServer server,
            BenchJanus janus,
            SfuClientPage page,
            Duration warmUp,
            Duration measure) {
        this.config = config;
        this.server = server;
        this.janus = janus;
        this.page = page;
        this.warmUp = warmUp;
        this.measure = measure;
    }

    /** One room measured (or not run, with the reason). */
    record Result(
            int size,
            int tiles,
            String media,
            String notRun,
            List<Double> fps,
            double kbps,
            double browserCores,
            double janusCores,
            double machineCores) {
        boolean fluent() {
            return notRun == null && fps.stream().allMatch(f -> f >= FLUENT_FPS);
        }

        double median() {
            List<Double> s = fps.stream().sorted().toList();
            return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
        }
    }

    public static void main(String[] args) throws Exception {
        CDP_LOG.setLevel(java.util.logging.Level.OFF);
        BenchConfig config = BenchConfig.parse(args);
        List<Integer> sfuRooms = config.integers("rooms", "3,4,9,25,49");
        List<Integer> meshRooms = config.integers("mesh-rooms", "3,4,9,25,49");
        int maxBrowsers = config.integer("max-browsers", 3);
        Duration warmUp = Duration.ofSeconds(config.integer("warm-up", 3));
        Duration measure = Duration.ofSeconds(config.integer("measure", 10));
        Path runDir = Files.createTempDirectory("mosaic-bench-sfu");
        List<Result> results = new ArrayList<>();
        long started = System.nanoTime();
        try (BenchJanus janus = BenchJanus.start(config, runDir);
                SfuClientPage page = new SfuClientPage(
                        Path.of(config.get("sfu-page", "sdk-server/src/test/resources/sfu/sfu-client.html")));
                MosaicServer server = MosaicServer.builder()
                        .port(0)
                        .secret(config.secret())
                        .devMode(true)
                        .media(MediaMode.MESH)
                        .janusUrl(janus.url)
                        .janusAdminKey(janus.adminKey)
                        .start()) {
            System.out.printf(
                    "Janus PID %d (ICE on %s in namespace %s), Mosaic at %s%n",
                    janus.pid(), BenchJanus.namespaceDevice(), System.getenv("MOSAIC_NETNS"), server.localUrl());
            SfuBenchmark bench = new SfuBenchmark(config, server, janus, page, warmUp, measure);
            List<Integer> sizes = new ArrayList<>(sfuRooms);
            meshRooms.stream().filter(n -> !sizes.contains(n)).forEach(sizes::add);
            sizes.sort(Integer::compare);
            for (int n : sizes) {
                if (meshRooms.contains(n)) {
                    results.add(
                            n > maxBrowsers
                                    ? notRun(
                                            n,
                                            "mesh",
                                            "needs " + n + " browsers (the peers and the receiver); this machine holds "
                                                    + maxBrowsers + " (--max-browsers)")
                                    : bench.mesh(n));
                } else {
                    results.add(notRun(n, "mesh", "not asked (--mesh-rooms)"));
                }
                if (sfuRooms.contains(n)) {
                    results.add(bench.sfu(n));
                }
            }
        } finally {
            deleteTree(runDir);
        }
        print(results, measure, (System.nanoTime() - started) / 1e9);
        System.exit(0); // the WebDriver HTTP client leaves non-daemon threads behind
    }

    private static Result notRun(int n, String media, String why) {
        return new Result(n, n - 1, media, why, List.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** A mesh of n widgets: n-1 participants sending their fake camera and one viewer receiving them. */
    private Result mesh(int n) throws Exception {
        String room = "mesh-" + n + "-" + UUID.randomUUID().toString().substring(0, 6);
        System.out.printf("mesh room of %d: %d widget participants and one viewer, all Chromium%n", n, n - 1);
        List<ChromeDriver> peers = new ArrayList<>();
        try {
            for (int i = 1; i < n; i++) {
                peers.add(joinWidget(room, "peer-" + i, Role.PARTICIPANT, BenchBrowser.tempProfile()));
            }
            Path profile = BenchBrowser.tempProfile();
            ChromeDriver receiver = joinWidget(room, "receiver", Role.VIEWER, profile);
            peers.add(receiver);
            return measureReceiver(n, n - 1, "mesh", receiver, new BrowserCpu(profile), false);
        } finally {
            peers.forEach(ChromeDriver::quit);
        }
    }

    /** An sfu room of n: n-1 load publishers and one Chromium receiving all of them through Janus. */
    private Result sfu(int n) throws Exception {
        String room = "sfu-" + n + "-" + UUID.randomUUID().toString().substring(0, 6);
        server.rooms().create(room, new RoomOptions(false, 0, null, false, MediaMode.SFU));
        System.out.printf("sfu room of %d: %d load publishers and one receiving Chromium%n", n, n - 1);
        Path tokens = Files.createTempFile("mosaic-bench-sfu", ".tokens");
        List<String> lines = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            lines.add(token(room, "load-" + i, Role.PARTICIPANT));
        }
        Files.write(tokens, lines);
        Path loadgen =
                Path.of(config.get("loadgen", "sdk-server/src/test/loadgen")).toAbsolutePath();
        try (ChildProcess load = ChildProcess.start(
                "loadgen-" + n,
                List.of(
                        config.get("node", "/usr/bin/node"),
                        loadgen.resolve("publish.mjs").toString(),
                        "--ws",
                        server.webSocketUrl(),
                        "--room",
                        room,
                        "--tokens",
                        tokens.toString(),
                        "--stats-every",
                        "5",
                        "--joins-at-once",
                        "6"),
                Map.of(),
                config.logDir())) {
            long t0 = System.nanoTime();
            Matcher m = load.awaitLine(Pattern.compile("\"event\":\"(ready|error)\""), Duration.ofSeconds(120));
            if (m.group(1).equals("error")) {
                throw new IllegalStateException(
                        "load publishers failed; see benchmarks/target/bench-logs/loadgen-" + n + ".log");
            }
            System.out.printf("  %d publishers up in %.1f s%n", n - 1, (System.nanoTime() - t0) / 1e9);
            Path profile = BenchBrowser.tempProfile();
            ChromeDriver receiver = BenchBrowser.start(profile);
            try {
                ReceiverStats.install(receiver);
                // A room larger than a page is received a page at a time, as the widget's gallery does
                // (25 tiles a page, the receiver's own among them; docs/gallery.md).
                int tiles = Math.min(n - 1, config.integer("page", 24));
                boolean paged = tiles < n - 1;
                receiver.get(page.receiverUrl(server.webSocketUrl(), room, token(room, "receiver", Role.PARTICIPANT))
                        + (paged ? "&manual=yes" : ""));
                // Every tile inside the window: a browser may not paint videos it cannot show.
                receiver.executeScript("const s = document.createElement('style');"
                        + "s.textContent = 'body{margin:0} video{width:160px;height:90px}';"
                        + "document.head.append(s);");
                if (paged) {
                    subscribeFirstPage(receiver, n - 1, tiles);
                }
                return measureReceiver(n, tiles, "sfu", receiver, new BrowserCpu(profile), true);
            } finally {
                receiver.quit();
            }
        } finally {
            Files.deleteIfExists(tokens);
        }
    }

    /** Once the page knows every feed, subscribes to the first {@code tiles} of them only. */
    private static void subscribeFirstPage(ChromeDriver receiver, int feeds, int tiles) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (((Number) receiver.executeScript("return window.sfuTest.feeds.length")).intValue() < feeds) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the receiver did not get " + feeds + " feeds: "
                        + receiver.executeScript("return JSON.stringify(window.sfuTest)"));
            }
            Thread.sleep(200);
        }
        receiver.executeScript(
                "window.sfuSubscribe(window.sfuTest.feeds.slice(0, arguments[0]).map((f) => f.participantId))", tiles);
        System.out.printf("  the receiver subscribes to one page: %d of %d feeds%n", tiles, feeds);
    }

    /** Waits until every remote video on screen has decoded frames, warms up, then measures one window. */
    private Result measureReceiver(
            int n, int tiles, String media, ChromeDriver receiver, BrowserCpu cpu, boolean throughJanus)
            throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + Duration.ofSeconds(config.integer("settle", 90)).toNanos();
        while (ReceiverStats.decoding(ReceiverStats.take(receiver)) < tiles) {
            if (System.nanoTime() > deadline) {
                ReceiverStats.Snapshot s = ReceiverStats.take(receiver);
                System.out.printf(
                        "  only %d of %d remote videos decoded after %d s; measuring anyway%n",
                        ReceiverStats.decoding(s), tiles, config.integer("settle", 90));
                break;
            }
            Thread.sleep(500);
        }
        System.out.printf(
                "  receiver decodes %d remote videos %.1f s after opening%n",
                ReceiverStats.decoding(ReceiverStats.take(receiver)), (System.nanoTime() - t0) / 1e9);
        Thread.sleep(warmUp.toMillis());
        ProcStats.MachineWindow machine = new ProcStats.MachineWindow();
        ProcStats.CpuWindow janusCpu = new ProcStats.CpuWindow(janus.pid());
        Map<Long, Double> cpu0 = cpu.sample();
        ReceiverStats.Snapshot before = ReceiverStats.take(receiver);
        Thread.sleep(measure.toMillis());
        ReceiverStats.Snapshot after = ReceiverStats.take(receiver);
        Map<Long, Double> cpu1 = cpu.sample();
        double seconds = ReceiverStats.seconds(before, after);
        Result r = new Result(
                n,
                tiles,
                media,
                null,
                ReceiverStats.fps(before, after, tiles),
                ReceiverStats.kbps(before, after),
                BrowserCpu.cores(cpu0, cpu1, seconds),
                throughJanus ? janusCpu.cores() : Double.NaN,
                machine.cores());
        System.out.printf(
                Locale.ROOT,
                "  %s: tiles fps %s; %.0f kbps; receiver %.0f%% of a core; Janus %.1f%%%n",
                media,
                r.fps().stream().map(f -> String.format(Locale.ROOT, "%.1f", f)).toList(),
                r.kbps(),
                100 * r.browserCores(),
                100 * r.janusCores());
        return r;
    }

    private ChromeDriver joinWidget(String room, String name, Role role, Path profile) throws java.io.IOException {
        ChromeDriver browser = BenchBrowser.start(profile);
        ReceiverStats.install(browser);
        browser.get(server.localUrl() + "/?room=" + room + "&name=" + name);
        browser.executeScript("document.getElementById('token').value = arguments[0]", token(room, name, role));
        browser.findElement(By.id("join")).click();
        WebElement frame = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.cssSelector("#meeting iframe")));
        browser.switchTo().frame(frame);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> browser.executeScript(
                                "return window.mosaicDiagnostics && window.mosaicDiagnostics.participantId()")
                        != null);
        return browser;
    }

    private String token(String room, String user, Role role) {
        return server.tokens().issue(room, user, user, role, Duration.ofMinutes(30));
    }

    private static void print(List<Result> results, Duration measure, double wallSeconds) {
        Table table = new Table(
                "Room",
                "Media",
                "Tiles ≥ 10 fps",
                "Tile fps min / median",
                "Downlink kbps",
                "kbps per tile",
                "Receiver CPU (% core)",
                "Janus CPU (% core)",
                "Janus per forwarded stream (% core)",
                "Machine busy (cores)");
        for (Result r : results) {
            if (r.notRun() != null) {
                table.row(Integer.toString(r.size()), r.media(), "not run: " + r.notRun(), "", "", "", "", "", "", "");
                continue;
            }
            long fluent = r.fps().stream().filter(f -> f >= FLUENT_FPS).count();
            table.row(
                    Integer.toString(r.size()),
                    r.media() + (r.tiles() < r.size() - 1 ? " (page of " + r.tiles() + ")" : ""),
                    fluent + " / " + r.tiles(),
                    Table.fmt("%.1f", r.fps().get(0)) + " / " + Table.fmt("%.1f", r.median()),
                    Table.fmt("%.0f", r.kbps()),
                    Table.fmt("%.0f", r.kbps() / r.tiles()),
                    Table.fmt("%.0f", 100 * r.browserCores()),
                    Table.fmt("%.1f", 100 * r.janusCores()),
                    Table.fmt("%.2f", 100 * r.janusCores() / r.tiles()),
                    Table.fmt("%.2f", r.machineCores()));
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "One receiving Chromium per room (headless, %d s window); sfu: load publishers, 320x180 VP8 at 15 fps, "
                        + "forwarded by Janus; mesh: widget Chromiums (fake 640x480 camera), the receiver a viewer.%n",
                measure.toSeconds());
        System.out.print(table);
        for (String media : List.of("mesh", "sfu")) {
            int largest = results.stream()
                    .filter(r -> r.media().equals(media) && r.fluent())
                    .mapToInt(Result::size)
                    .max()
                    .orElse(0);
            System.out.printf(
                    "largest %s room measured with every tile at %.0f fps or more: %s%n",
                    media, FLUENT_FPS, largest == 0 ? "none" : Integer.toString(largest));
        }
        System.out.printf(Locale.ROOT, "whole run: %.0f s%n", wallSeconds);
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
