package dev.mosaic.server.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mosaic.core.protocol.IceServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TURN REST credentials (coturn use-auth-secret); TurnRelayIT shows a real coturn accepting them. */
class TurnConfigTest {
    private static final List<String> URLS = List.of("turn:turn.example.org:3478?transport=udp");

    @Test
    void thePasswordIsBase64OfHmacSha1OverTheUsername() {
        // RFC 2202 test case 1: key 20 x 0x0b, data "Hi There".
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);
        TurnConfig turn = new TurnConfig(URLS, key, Duration.ofHours(1));
        String expected =
                Base64.getEncoder().encodeToString(HexFormat.of().parseHex("b617318655057264e28bc0b6fb378c8ef146be00"));
        assertEquals(expected, turn.password("Hi There"));
    }

    @Test
    void credentialsNameTheirExpiryAndLabel() {
        TurnConfig turn =
                new TurnConfig(URLS, "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(30));
        IceServer server = turn.credentialsFor("pX3a9Qz7LmKd", Instant.ofEpochSecond(1_800_000_000L));
        assertEquals(URLS, server.urls());
        assertEquals("1800001800:pX3a9Qz7LmKd", server.username());
        assertEquals(turn.password("1800001800:pX3a9Qz7LmKd"), server.credential());
        assertFalse(turn.toString().contains("0123456789abcdef"), "the secret never shows in logs");
    }

    @Test
    void badSettingsAreRefusedWithAReason() {
        byte[] secret = new byte[16];
        assertThrows(IllegalArgumentException.class, () -> new TurnConfig(List.of(), secret, Duration.ofHours(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new TurnConfig(List.of("stun:x.example:3478"), secret, Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new TurnConfig(URLS, new byte[8], Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new TurnConfig(URLS, secret, Duration.ZERO));
    }

    @Test
    void relayOnlyNeedsTurnAndAddsPerParticipantCredentials() {
        List<IceServer> stun = List.of(new IceServer(List.of("stun:stun.example.org:3478")));
        assertThrows(IllegalArgumentException.class, () -> new IceConfig(stun, null, true));
        assertNull(new IceConfig(stun, null, false).transportPolicy());
        assertEquals(stun, new IceConfig(stun, null, false).serversFor("p1", Instant.now()));

        TurnConfig turn = new TurnConfig(URLS, new byte[16], Duration.ofHours(1));
        IceConfig relay = new IceConfig(stun, turn, true);
        assertEquals("relay", relay.transportPolicy());
        List<IceServer> forP1 = relay.serversFor("p1", Instant.ofEpochSecond(1000));
        assertEquals(2, forP1.size());
        assertEquals("4600:p1", forP1.get(1).username());
        // A TURN server with fixed credentials is enough for relay-only too.
        new IceConfig(List.of(new IceServer(URLS, "user", "pass")), null, true);
    }
}
