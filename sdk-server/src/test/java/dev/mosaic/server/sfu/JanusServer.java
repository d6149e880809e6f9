package dev.mosaic.server.sfu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Janus (Debian's {@code janus}) for one test class, started inside the test namespace with a
 * minimal configuration in a temporary folder: VideoRoom only, WebSockets on 127.0.0.1, ICE on the
 * namespace's veth only. Stopped by its PID, folder deleted.
 */
final class JanusServer implements AutoCloseable {
    private static final String JANUS = "/usr/bin/janus";
    private static final String MODULES = "/usr/lib/x86_64-linux-gnu/janus";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(40);

    final String adminKey;
    private final Path dir;
    private final int port;
    private final int slot;
    private final Process process;

    private JanusServer(String adminKey, Path dir, int port, int slot, Process process) {
        this.adminKey = adminKey;
        this.dir = dir;
        this.port = port;
        this.slot = slot;
        this.process = process;
    }

    /** The WebSocket URL Mosaic's server is given ({@code --janus-url}). */
    URI url() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    long pid() {
        return process.pid();
    }

    static JanusServer start() throws IOException, InterruptedException {
        return start(60);
    }

    /** A Janus that drops sessions after {@code sessionTimeoutSeconds} without a request or keepalive. */
    static JanusServer start(int sessionTimeoutSeconds) throws IOException, InterruptedException {
        return start(sessionTimeoutSeconds, "test-" + UUID.randomUUID(), 0, freePort());
    }

    /**
     * One Janus of a pool: {@code adminKey} shared by the pool, and its own slot (0, 1, ...) of RTP ports
     * (20000 + 1000 × slot, 1000 ports), so several run side by side; each has its own config folder.
     */
    static JanusServer startInPool(String adminKey, int slot) throws IOException, InterruptedException {
        return start(60, adminKey, slot, freePort());
    }

    /** The same Janus started again after {@link #kill()}: same port, key and RTP ports, a fresh folder. */
    JanusServer restart() throws IOException, InterruptedException {
        return start(60, adminKey, slot, port);
    }

    private static JanusServer start(int sessionTimeoutSeconds, String adminKey, int slot, int port)
            throws IOException, InterruptedException {
        TestNamespace.require();
        if (!Files.isExecutable(Path.of(JANUS))) {
            throw new IllegalStateException(JANUS + " is missing: install Debian's janus (./mosaic test does)");
        }
        Path dir = Files.createTempDirectory("mosaic-janus");
        writeConfig(dir, port, adminKey, sessionTimeoutSeconds, 20000 + 1000 * slot);
        Process process = new ProcessBuilder(
                        JANUS,
                        "-F",
                        dir.toString(),
                        "-C",
                        dir.resolve("janus.jcfg").toString(),
                        "-o")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("janus.log").toFile())
                .start();
        JanusServer janus = new JanusServer(adminKey, dir, port, slot, process);
        try {
            janus.awaitListening();
        } catch (RuntimeException | InterruptedException e) {
            janus.close();
            throw e;
        }
        return janus;
    }

    private static void writeConfig(Path dir, int port, String adminKey, int sessionTimeout, int rtpFirst)
            throws IOException {
        String plugins =
                "libjanus_audiobridge.so,libjanus_duktape.so,libjanus_echotest.so,libjanus_lua.so,libjanus_nosip.so,"
                        + "libjanus_recordplay.so,libjanus_sip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_voicemail.so";
        String transports =
                "libjanus_http.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so";
        Files.writeString(dir.resolve("janus.jcfg"), """
                general: {
                  configs_folder = "%1$s"
                  plugins_folder = "%2$s/plugins"
                  transports_folder = "%2$s/transports"
                  events_folder = "%2$s/events"
                  loggers_folder = "%2$s/loggers"
                  interface = "%3$s"
                  debug_level = 4
                  session_timeout = %8$d
                  admin_secret = "%4$s"
                }
                media: { rtp_port_range = "%9$d-%10$d" }
                nat: { ice_enforce_list = "%5$s" }
                plugins: { disable = "%6$s" }
                transports: { disable = "%7$s" }
                loggers: { disable = "libjanus_jsonlog.so" }
                events: { broadcast = false }
                """.formatted(
                        dir,
                        MODULES,
                        TestNamespace.address(),
                        UUID.randomUUID(),
                        TestNamespace.device(),
                        plugins,
                        transports,
                        sessionTimeout,
                        rtpFirst,
                        rtpFirst + 999));
        Files.writeString(
                dir.resolve("janus.transport.websockets.jcfg"),
                "general: { ws = true, ws_port = " + port
                        + ", ws_ip = \"127.0.0.1\", wss = false }\nadmin: { admin_ws = false }\n");
        // Once admin_key is set, creating a room needs it: browsers could never create rooms on this Janus.
        Files.writeString(
                dir.resolve("janus.plugin.videoroom.jcfg"), "general: { admin_key = \"" + adminKey + "\" }\n");
    }

    /** Waits until the WebSocket port answers (about 4 s on a busy 2-core machine). */
    private void awaitListening() throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("janus exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("janus did not listen on " + port + " within " + START_TIMEOUT + ":\n" + log());
    }

    String log() {
        try {
            return Files.readString(dir.resolve("janus.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Kills this Janus by its PID (SIGKILL: no goodbye on its sockets), as a crash would; waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("janus " + process.pid() + " did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless
        }
    }
}
