package dev.mosaic.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A real Janus for the SFU benchmark, started through {@code samples/janus/run-janus.sh} (the same launcher
 * as {@code ./mosaic demo --sfu}) inside the benchmark's network namespace, with ICE on the namespace's veth:
 * Janus never uses loopback, and benchmark traffic stays in a namespace made for the run. Its PID is
 * Janus's own (the script execs it), so its CPU is read from /proc.
 */
final class BenchJanus implements AutoCloseable {
    final String adminKey;
    final URI url;
    private final ChildProcess process;

    private BenchJanus(String adminKey, URI url, ChildProcess process) {
        this.adminKey = adminKey;
        this.url = url;
        this.process = process;
    }

    long pid() {
        return process.pid();
    }

    /** Fails, with the wrapper's reason, when this JVM is not inside the namespace {@code ./mosaic bench sfu} makes. */
    static String namespaceDevice() {
        String device = System.getenv("MOSAIC_NETNS_DEVICE");
        if (System.getenv("MOSAIC_NETNS") == null || device == null) {
            String error = System.getenv("MOSAIC_NETNS_ERROR");
            throw new IllegalStateException(
                    error != null
                            ? error
                            : "the SFU benchmark runs inside a network namespace of its own: start it with ./mosaic bench sfu (as root)");
        }
        return device;
    }

    static BenchJanus start(BenchConfig config, Path runDir) throws IOException, InterruptedException {
        String device = namespaceDevice();
        Path script = Path.of(config.get("janus-script", "samples/janus/run-janus.sh"));
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException(script + " is missing: run from the repository root");
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String adminKey = HexFormat.of().formatHex(key);
        int port = freePort();
        ChildProcess janus = ChildProcess.start(
                "janus",
                List.of(
                        script.toString(),
                        runDir.resolve("janus").toString(),
                        device,
                        "127.0.0.1",
                        Integer.toString(port)),
                Map.of("MOSAIC_JANUS_ADMIN_KEY", adminKey),
                config.logDir());
        BenchJanus started = new BenchJanus(adminKey, URI.create("ws://127.0.0.1:" + port), janus);
        try {
            started.awaitListening(port);
        } catch (RuntimeException | InterruptedException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** About 4 s on a busy 2-core machine. */
    private void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 40_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("janus did not listen on port " + port + " within 40 s; see its log under "
                + "benchmarks/target/bench-logs/janus.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
