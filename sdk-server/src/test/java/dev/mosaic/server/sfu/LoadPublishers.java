package dev.mosaic.server.sfu;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Lightweight SFU publishers: the Node program in {@code src/test/loadgen} (werift, a looped VP8 clip),
 * started as one process for all of them, inside the test namespace. Each joins with its own join token
 * through Mosaic's signaling, as any client would. Stopped by its PID (it leaves the room on SIGTERM).
 */
final class LoadPublishers implements AutoCloseable {
    private final Process process;
    private final Path tokens;
    private final List<JsonObject> events = new CopyOnWriteArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private final long startedAt = System.nanoTime();

    private LoadPublishers(Process process, Path tokens) {
        this.process = process;
        this.tokens = tokens;
        Thread out = new Thread(() -> readEvents(process), "loadgen-stdout");
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(() -> readErrors(process), "loadgen-stderr");
        err.setDaemon(true);
        err.start();
    }

    /** Starts one publisher per token, in room {@code room} of the server at {@code webSocketUrl}. */
    static LoadPublishers start(String webSocketUrl, String room, List<String> joinTokens) throws IOException {
        return start(webSocketUrl, room, joinTokens, Duration.ZERO);
    }

    /**
     * ... in an {@code auto} room: each joins, and while the room is still a mesh waits up to {@code waitForSfu}
     * for its move to the SFU before publishing (they speak SFU only). {@code options} go to the program as
     * they are (e.g. {@code --audio}).
     */
    static LoadPublishers start(
            String webSocketUrl, String room, List<String> joinTokens, Duration waitForSfu, String... options)
            throws IOException {
        TestNamespace.require();
        Path node = Path.of(requiredProperty("mosaic.node"));
        Path loadgen = Path.of(requiredProperty("mosaic.loadgen"));
        if (!Files.isExecutable(node)) {
            throw new IllegalStateException(node + " is missing: the widget build puts Node there (build with -am)");
        }
        if (!Files.isDirectory(loadgen.resolve("node_modules/werift"))) {
            throw new IllegalStateException(
                    loadgen + "/node_modules is missing: Maven's loadgen-npm-ci runs npm ci there before the tests");
        }
        Path tokens = Files.createTempFile("mosaic-loadgen", ".tokens");
        Files.write(tokens, joinTokens);
        List<String> command = new ArrayList<>(List.of(
                node.toString(),
                "publish.mjs",
                "--ws",
                webSocketUrl,
                "--room",
                room,
                "--tokens",
                tokens.toString(),
                "--stats-every",
                "5",
                "--joins-at-once",
                "6",
                "--wait-for-sfu",
                String.valueOf(waitForSfu.toSeconds())));
        command.addAll(List.of(options));
        Process process =
                new ProcessBuilder(command).directory(loadgen.toFile()).start();
        return new LoadPublishers(process, tokens);
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(
                    "system property " + name + " is not set: run through Maven's failsafe \"sfu\" execution");
        }
        return value;
    }

    private void readEvents(Process p) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                try {
                    events.add(JsonParser.parseString(line).getAsJsonObject());
                } catch (RuntimeException notJson) {
                    System.out.println("loadgen: " + line);
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    private void readErrors(Process p) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (stderr) {
                    stderr.append(line).append('\n');
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    /** Waits until every publisher has published (the "ready" line); fails with the program's output otherwise. */
    JsonObject awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonObject e : events) {
                String type = e.get("event").getAsString();
                if (type.equals("ready")) {
                    return e;
                }
                if (type.equals("error")) {
                    throw new AssertionError("load publishers failed: " + e + "\n" + output());
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("load publishers exited with " + process.exitValue() + "\n" + output());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("load publishers not all published within " + timeout + "\n" + output());
    }

    /** The participant ids the publishers got, in the order they published. */
    List<String> participantIds() {
        List<String> ids = new ArrayList<>();
        for (JsonObject e : events) {
            if (e.get("event").getAsString().equals("published")) {
                ids.add(e.get("participantId").getAsString());
            }
        }
        return ids;
    }

    /** Every line of the program's output with this {@code event}, in order. */
    List<JsonObject> events(String event) {
        return events.stream()
                .filter(e -> e.get("event").getAsString().equals(event))
                .toList();
    }

    /** The latest "stats" line (frames sent, connection states), or null. */
    JsonObject latestStats() {
        JsonObject latest = null;
        for (JsonObject e : events) {
            if (e.get("event").getAsString().equals("stats")) {
                latest = e;
            }
        }
        return latest;
    }

    /** CPU time the process used so far, and as a share of one core since it started. */
    String cpuSummary() {
        Duration cpu = process.info().totalCpuDuration().orElse(Duration.ZERO);
        double wall = (System.nanoTime() - startedAt) / 1e9;
        return String.format(
                "%.1f s of CPU in %.1f s (%.0f%% of one core)",
                cpu.toMillis() / 1e3, wall, 100 * cpu.toMillis() / 1e3 / wall);
    }

    String output() {
        StringBuilder out = new StringBuilder("events: ").append(events);
        synchronized (stderr) {
            out.append("\nstderr: ").append(stderr);
        }
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy(); // SIGTERM: the publishers leave the room, then the process exits
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(tokens);
    }
}
