package dev.mosaic.server.ice;

import dev.mosaic.core.protocol.IceServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A TURN server that takes short-lived credentials made from a secret it shares with Mosaic
 * (coturn's {@code use-auth-secret} / "TURN REST API"): the username is {@code expiry:label} and the
 * password is base64(HMAC-SHA1(secret, username)). Nothing is stored; a leaked credential stops
 * working at its expiry.
 *
 * @param urls   {@code turn:} or {@code turns:} URLs, e.g. {@code turn:turn.example.org:3478?transport=udp}
 * @param secret coturn's {@code static-auth-secret}, at least 16 bytes
 * @param ttl    how long a credential is valid; it must outlast a meeting, as an allocation is
 *               refreshed with the credential it was made with
 */
public record TurnConfig(List<String> urls, byte[] secret, Duration ttl) {
    public static final Duration DEFAULT_TTL = Duration.ofHours(12);

    public TurnConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("TURN needs at least one turn: or turns: URL");
        }
        for (String url : urls) {
            if (!url.startsWith("turn:") && !url.startsWith("turns:")) {
                throw new IllegalArgumentException("not a TURN URL (turn:host:port or turns:host:port): " + url);
            }
        }
        if (secret.length < 16) {
            throw new IllegalArgumentException("the TURN shared secret must be at least 16 bytes");
        }
        secret = secret.clone();
        Objects.requireNonNull(ttl);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the TURN credential lifetime must be positive");
        }
    }

    public TurnConfig(List<String> urls, String secret) {
        this(urls, secret.getBytes(StandardCharsets.UTF_8), DEFAULT_TTL);
    }

    /**
     * Credentials for one participant, valid from {@code now} for {@link #ttl}. {@code label} ends
     * up in the TURN server's logs: pass something that identifies a stay, not a person.
     */
    public IceServer credentialsFor(String label, Instant now) {
        String username = now.plus(ttl).getEpochSecond() + ":" + label;
        return new IceServer(urls, username, password(username));
    }

    String password(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "TurnConfig[urls=" + urls + ", ttl=" + ttl + "]"; // never the secret
    }
}
