package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void defaultsAreLoopbackPort8080WithoutDevMode() {
        ServerConfig config = Main.parse(new String[0], Map.of("MOSAIC_SECRET", "s".repeat(32))).build();
        assertEquals("127.0.0.1", config.host());
        assertEquals(8080, config.port());
        assertEquals(false, config.devMode());
    }

    @Test
    void environmentConfiguresAndFlagsWin() {
        Map<String, String> env = Map.of("MOSAIC_PORT", "9000", "MOSAIC_HOST", "0.0.0.0", "MOSAIC_DEV", "true",
                "MOSAIC_ALLOWED_ORIGINS", "https://a.example, https://b.example");
        ServerConfig fromEnv = Main.parse(new String[0], env).build();
        assertEquals(9000, fromEnv.port());
        assertEquals("0.0.0.0", fromEnv.host());
        assertTrue(fromEnv.devMode());
        assertEquals(List.of("https://a.example", "https://b.example"), fromEnv.allowedOrigins());

        ServerConfig flagged = Main.parse(new String[] {"--port", "9100", "--host", "127.0.0.2"}, env).build();
        assertEquals(9100, flagged.port());
        assertEquals("127.0.0.2", flagged.host());
    }

    @Test
    void withoutDevModeASecretIsRequired() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Main.parse(new String[0], Map.of()).build());
        assertTrue(e.getMessage().contains("MOSAIC_SECRET"));
    }

    @Test
    void badFlagsAreExplained() {
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--port", "eighty"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--port"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--frobnicate"}, Map.of()));
        // Key substitution lives in test sources only (KeySubstitution in ServerInTheMiddle): no flag attacks E2EE.
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--test-only-key-substitution", "u1"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--allowed-origin", "https://a.example/path"}, Map.of()));
        assertNull(Main.parse(new String[] {"--help"}, Map.of()));
    }

    @Test
    void limitsComeFromFlagsOrEnvironment() {
        Map<String, String> env = Map.of("MOSAIC_SECRET", "s".repeat(32), "MOSAIC_RESUME_GRACE", "45",
                "MOSAIC_CONNECTIONS_PER_ADDRESS", "300");
        Limits limits = Main.parse(new String[] {"--max-message-bytes", "32768", "--join-deadline", "5",
                "--connections-per-address", "50"}, env).build().limits();
        assertEquals(32768, limits.maxMessageBytes());
        assertEquals(java.time.Duration.ofSeconds(5), limits.joinDeadline());
        assertEquals(java.time.Duration.ofSeconds(45), limits.resumeGrace());
        assertEquals(50, limits.connectionsPerAddress());
        assertEquals(Limits.DEFAULT.messagesPerSecond(), limits.messagesPerSecond());
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--resume-grace", "soon"}, env));
        assertThrows(IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--messages-per-second", "0"}, env).build());
    }

    @Test
    void iceServersAndRelayOnlyComeFromFlagsOrEnvironmentWithTheTurnSecretOnlyFromTheEnvironment() {
        Map<String, String> env = Map.of("MOSAIC_SECRET", "s".repeat(32), "MOSAIC_TURN_SECRET", "t".repeat(24),
                "MOSAIC_STUN_URLS", "stun:a.example:3478");
        ServerConfig config = Main.parse(new String[] {"--turn-url", "turn:t.example:3478", "--turn-ttl", "3600",
                "--relay-only"}, env).build();
        assertEquals("relay", config.ice().transportPolicy());
        assertEquals(List.of("stun:a.example:3478"), config.ice().servers().get(0).urls());
        assertEquals(java.time.Duration.ofHours(1), config.ice().turn().ttl());

        IllegalArgumentException noSecret = assertThrows(IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--turn-url", "turn:t.example:3478"}, Map.of("MOSAIC_SECRET", "s".repeat(32))));
        assertTrue(noSecret.getMessage().contains("MOSAIC_TURN_SECRET"));
        IllegalStateException noTurn = assertThrows(IllegalStateException.class,
                () -> Main.parse(new String[] {"--relay-only"}, Map.of("MOSAIC_SECRET", "s".repeat(32))).build());
        assertTrue(noTurn.getMessage().contains("TURN"));
    }
}
