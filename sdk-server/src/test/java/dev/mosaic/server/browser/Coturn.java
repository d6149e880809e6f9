package dev.mosaic.server.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn TURN server on loopback for one test, with a fresh shared secret ({@code use-auth-secret}).
 * Fails (never skips) when coturn is missing: the README's test command installs it.
 */
final class Coturn implements AutoCloseable {
    static final String TURNSERVER = "/usr/bin/turnserver";

    final int port;
    final byte[] secret;
    private final Process process;
    private final Path dir;

    private Coturn(int port, byte[] secret, Process process, Path dir) {
        this.port = port;
        this.secret = secret;
        this.process = process;
        this.dir = dir;
    }

    static Coturn start() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(TURNSERVER))) {
            throw new IllegalStateException("TURN tests need " + TURNSERVER
                    + ": run the test command from README.md, which installs Debian's coturn");
        }
        byte[] secret = HexFormat.of().formatHex(randomBytes(24)).getBytes(StandardCharsets.US_ASCII);
        int port = freeTcpPort();
        // A relay port range of its own, so two test runs on one machine do not collide.
        int minRelayPort = 40000 + ThreadLocalRandom.current().nextInt(200) * 100;
        Path dir = Files.createTempDirectory("mosaic-coturn-");
        Process process = new ProcessBuilder(List.of(
                        TURNSERVER,
                        "-n",
                        "--listening-ip=127.0.0.1",
                        "--relay-ip=127.0.0.1",
                        "--listening-port=" + port,
                        "--min-port=" + minRelayPort,
                        "--max-port=" + (minRelayPort + 99),
                        "--use-auth-secret",
                        "--static-auth-secret=" + new String(secret, StandardCharsets.US_ASCII),
                        "--realm=mosaic.test",
                        "--fingerprint",
                        "--no-tls",
                        "--no-dtls",
                        "--no-cli",
                        // Every peer is on 127.0.0.1 here; coturn refuses to relay to loopback otherwise.
                        "--allow-loopback-peers",
                        "--userdb=" + dir.resolve("turndb"),
                        "--pidfile=" + dir.resolve("turnserver.pid"),
                        "--log-file=" + dir.resolve("turn.log"),
                        "--simple-log",
                        "--verbose"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        Coturn coturn = new Coturn(port, secret, process, dir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!listening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                coturn.close();
                throw new IllegalStateException("coturn did not start on port " + port + ": " + coturn.log());
            }
            Thread.sleep(50);
        }
        return coturn;
    }

    /** The TURN URL browsers get. */
    String url() {
        return "turn:127.0.0.1:" + port + "?transport=udp";
    }

    /** What coturn logged so far: allocations, refused credentials. */
    String log() {
        try {
            Path log = dir.resolve("turn.log");
            return Files.exists(log) ? Files.readString(log) : Files.readString(dir.resolve("stdout.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
