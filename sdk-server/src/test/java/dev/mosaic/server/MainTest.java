package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    private static final String WEBHOOK_SECRET_TEXT = "webhook-secret-webhook-secret-0123456789";

    @Test
    void defaultsAreLoopbackPort8080WithoutDevMode() {
        ServerConfig config = Main.parse(new String[0], Map.of("MOSAIC_SECRET", TestServers.SECRET))
                .build();
        assertEquals("127.0.0.1", config.host());
        assertEquals(8080, config.port());
        assertEquals(false, config.devMode());
    }

    @Test
    void environmentConfiguresAndFlagsWin() {
        Map<String, String> env = Map.of(
                "MOSAIC_PORT",
                "9000",
                "MOSAIC_HOST",
                "0.0.0.0",
                "MOSAIC_DEV",
                "true",
                "MOSAIC_DEV_ON_NETWORK",
                "true",
                "MOSAIC_ALLOWED_ORIGINS",
                "https://a.example, https://b.example");
        ServerConfig fromEnv = Main.parse(new String[0], env).build();
        assertEquals(9000, fromEnv.port());
        assertEquals("0.0.0.0", fromEnv.host());
        assertTrue(fromEnv.devMode());
        assertEquals(List.of("https://a.example", "https://b.example"), fromEnv.allowedOrigins());

        ServerConfig flagged = Main.parse(new String[] {"--port", "9100", "--host", "127.0.0.2"}, env)
                .build();
        assertEquals(9100, flagged.port());
        assertEquals("127.0.0.2", flagged.host());
    }

    @Test
    void devModeListensOnlyOnLoopbackUnlessToldExplicitly() {
        for (String host : List.of("0.0.0.0", "::", "192.0.2.10")) {
            IllegalArgumentException refused = assertThrows(
                    IllegalArgumentException.class, () -> Main.parse(new String[] {"--dev", "--host", host}, Map.of()));
            assertTrue(refused.getMessage().contains("--dev-on-network"), refused.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> Main.parse(new String[0], Map.of("MOSAIC_DEV", "true", "MOSAIC_HOST", host)),
                    "by environment too");
        }
        for (String host : List.of("127.0.0.1", "127.0.0.2", "localhost", "::1")) {
            assertTrue(
                    Main.parse(new String[] {"--dev", "--host", host}, Map.of())
                            .build()
                            .devMode(),
                    host);
        }
        ServerConfig onNetwork = Main.parse(new String[] {"--dev", "--host", "0.0.0.0", "--dev-on-network"}, Map.of())
                .build();
        assertTrue(onNetwork.devMode());
        assertEquals("0.0.0.0", onNetwork.host());
        assertEquals(
                "0.0.0.0",
                Main.parse(new String[] {"--host", "0.0.0.0"}, Map.of("MOSAIC_SECRET", TestServers.SECRET))
                        .build()
                        .host(),
                "without dev mode any address is fine");
    }

    @Test
    void devModeSignsWithARandomSecretSoDemoTokensAreWorthlessInProduction() throws Exception {
        Map<String, String> production = Map.of("MOSAIC_SECRET", TestServers.SECRET);
        ServerConfig dev = Main.parse(new String[] {"--dev"}, production).build();
        assertFalse(java.util.Arrays.equals(
                TestServers.SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), dev.secret()));
        try (MosaicServer demo = Main.parse(new String[] {"--dev", "--port", "0"}, production)
                        .start();
                MosaicServer real =
                        Main.parse(new String[] {"--port", "0"}, production).start()) {
            java.net.http.HttpResponse<String> minted = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(demo.localUrl() + "/api/dev/token"))
                                    .header("Content-Type", "application/json")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                            "{\"room\":\"r\",\"name\":\"Eve\",\"role\":\"host\"}"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, minted.statusCode(), minted.body());
            String hostToken = com.google.gson.JsonParser.parseString(minted.body())
                    .getAsJsonObject()
                    .get("token")
                    .getAsString();
            RawClient c = RawClient.connect(real);
            assertEquals(
                    "token_bad_signature",
                    c.join("r", hostToken).get("code").getAsString(),
                    "a demo host token is refused by a production server with the real secret");
        }
        assertTrue(
                java.util.Arrays.equals(
                        TestServers.SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        Main.parse(new String[] {"--dev", "--dev-use-secret"}, production)
                                .build()
                                .secret()),
                "unless asked to");
    }

    @Test
    void aSecretWithSpaceAroundItOrTooFewDifferentCharactersIsRefusedAtStart() {
        for (String bad : List.of(
                TestServers.SECRET + "\n",
                TestServers.SECRET + " ",
                "\t" + TestServers.SECRET,
                "a".repeat(32),
                "abcd".repeat(8),
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> Main.parse(new String[0], Map.of("MOSAIC_SECRET", bad))
                            .build(),
                    bad);
            assertTrue(e.getMessage().contains("MOSAIC_SECRET"), e.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TestServers.builder().secret(bad).start(),
                    "the Java builder refuses it the same way");
        }
        for (String weak : List.of("a".repeat(32), "abcd".repeat(8))) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new dev.mosaic.core.token.JoinTokens(weak.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    "a backend issuing tokens with it fails too");
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> Main.parse(
                        new String[] {"--webhook-url", "https://h.example/x"},
                        Map.of("MOSAIC_SECRET", TestServers.SECRET, "MOSAIC_WEBHOOK_SECRET", "w".repeat(32))));
        assertThrows(
                IllegalArgumentException.class,
                () -> Main.parse(
                        new String[] {"--turn-url", "turn:t.example:3478"},
                        Map.of("MOSAIC_SECRET", TestServers.SECRET, "MOSAIC_TURN_SECRET", "turn-shared-secret-1\n")));
        assertThrows(
                IllegalArgumentException.class,
                () -> Main.parse(
                        new String[] {"--webhook-url", "https://h.example/x"},
                        Map.of(
                                "MOSAIC_SECRET",
                                TestServers.SECRET,
                                "MOSAIC_WEBHOOK_SECRET",
                                WEBHOOK_SECRET_TEXT + "\n")));
        // Raw random bytes from Java are fine even when one is a white-space byte: only text is trimmed-checked.
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        raw[31] = '\n';
        TestServers.builder().secret(raw).build();
        // Random values of the usual forms pass.
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String hex = java.util.HexFormat.of().formatHex(bytes);
            assertEquals(32, hex.length());
            Main.parse(new String[0], Map.of("MOSAIC_SECRET", hex)).build();
        }
    }

    @Test
    void withoutDevModeASecretIsRequired() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Main.parse(new String[0], Map.of()).build());
        assertTrue(e.getMessage().contains("MOSAIC_SECRET"));
    }

    @Test
    void badFlagsAreExplained() {
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--port", "eighty"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--port"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--frobnicate"}, Map.of()));
        // The key-substituting test server is for tests only: the command line cannot turn it on.
        assertThrows(
                IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--test-only-key-substitution", "u1"}, Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--allowed-origin", "https://a.example/path"}, Map.of()));
        assertNull(Main.parse(new String[] {"--help"}, Map.of()));
    }

    @Test
    void limitsComeFromFlagsOrEnvironment() {
        Map<String, String> env = Map.of(
                "MOSAIC_SECRET",
                TestServers.SECRET,
                "MOSAIC_RESUME_GRACE",
                "45",
                "MOSAIC_CONNECTIONS_PER_ADDRESS",
                "300",
                "MOSAIC_MAX_QUEUED_BYTES",
                "2097152");
        Limits limits = Main.parse(
                        new String[] {
                            "--max-message-bytes", "32768", "--join-deadline", "5", "--connections-per-address", "50"
                        },
                        env)
                .build()
                .limits();
        assertEquals(32768, limits.maxMessageBytes());
        assertEquals(2097152, limits.maxQueuedBytes());
        Limits http = Main.parse(
                        new String[] {
                            "--http-connections-per-address",
                            "1000",
                            "--http-header-timeout",
                            "4",
                            "--http-idle-timeout",
                            "60"
                        },
                        env)
                .build()
                .limits();
        assertEquals(1000, http.httpConnectionsPerAddress());
        assertEquals(java.time.Duration.ofSeconds(4), http.httpHeaderTimeout());
        assertEquals(java.time.Duration.ofSeconds(60), http.httpIdleTimeout());
        assertEquals(java.time.Duration.ofSeconds(5), limits.joinDeadline());
        assertEquals(java.time.Duration.ofSeconds(45), limits.resumeGrace());
        assertEquals(50, limits.connectionsPerAddress());
        assertEquals(Limits.DEFAULT.messagesPerSecond(), limits.messagesPerSecond());
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--resume-grace", "soon"}, env));
        assertThrows(
                IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--messages-per-second", "0"}, env)
                        .build());
    }

    @Test
    void iceServersAndRelayOnlyComeFromFlagsOrEnvironmentWithTheTurnSecretOnlyFromTheEnvironment() {
        Map<String, String> env = Map.of(
                "MOSAIC_SECRET",
                TestServers.SECRET,
                "MOSAIC_TURN_SECRET",
                "t".repeat(24),
                "MOSAIC_STUN_URLS",
                "stun:a.example:3478");
        ServerConfig config = Main.parse(
                        new String[] {"--turn-url", "turn:t.example:3478", "--turn-ttl", "3600", "--relay-only"}, env)
                .build();
        assertEquals("relay", config.ice().transportPolicy());
        assertEquals(
                List.of("stun:a.example:3478"), config.ice().servers().get(0).urls());
        assertEquals(java.time.Duration.ofHours(1), config.ice().turn().ttl());

        IllegalArgumentException noSecret = assertThrows(
                IllegalArgumentException.class,
                () -> Main.parse(
                        new String[] {"--turn-url", "turn:t.example:3478"},
                        Map.of("MOSAIC_SECRET", TestServers.SECRET)));
        assertTrue(noSecret.getMessage().contains("MOSAIC_TURN_SECRET"));
        IllegalStateException noTurn = assertThrows(
                IllegalStateException.class,
                () -> Main.parse(new String[] {"--relay-only"}, Map.of("MOSAIC_SECRET", TestServers.SECRET))
                        .build());
        assertTrue(noTurn.getMessage().contains("TURN"));
    }
}
