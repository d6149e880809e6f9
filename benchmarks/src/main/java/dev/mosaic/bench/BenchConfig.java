package dev.mosaic.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options shared by the benchmarks ({@code --name value}), with defaults that fit
 * {@code ./mosaic bench} run from the repository root.
 */
public final class BenchConfig {
    private final Map<String, String> options;
    private final String secret;

    private BenchConfig(Map<String, String> options) {
        this.options = options;
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        // A fresh secret per run: the benchmark issues tokens itself with JoinTokens, as a host backend would.
        this.secret = java.util.Base64.getEncoder().encodeToString(key);
    }

    public static BenchConfig parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options are --name value pairs; got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return new BenchConfig(options);
    }

    public String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }

    public List<Integer> integers(String name, String fallback) {
        return Arrays.stream(get(name, fallback).split(","))
                .map(String::strip)
                .map(Integer::parseInt)
                .toList();
    }

    public Path mosaicJar() {
        Path jar = Path.of(get("mosaic-jar", "sdk-server/target/mosaic-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: build it with `mvn -B -DskipTests package` (./mosaic bench does)");
        }
        return jar;
    }

    public Path nodeDir() {
        Path dir = Path.of(get("node-dir", "benchmarks/node"));
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalStateException(dir + "/node_modules is missing: run `npm ci` there (./mosaic bench does)");
        }
        return dir;
    }

    public Path logDir() {
        return Path.of(get("log-dir", "benchmarks/target/bench-logs"));
    }

    public String serverHeap() {
        return get("server-heap", "2g");
    }

    public String secret() {
        return secret;
    }
}
