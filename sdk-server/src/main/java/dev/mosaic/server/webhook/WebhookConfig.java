package dev.mosaic.server.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where webhooks go and how hard to try.
 *
 * @param url          the receiver, {@code https://} in production
 * @param secret       signs every delivery ({@link WebhookSignature}); at least 32 bytes
 * @param maxAttempts  tries per event before giving up (default 6)
 * @param firstBackoff wait before the first retry, doubled for each next one (default 1 s: 1, 2, 4, 8, 16 s)
 */
public record WebhookConfig(URI url, byte[] secret, int maxAttempts, Duration firstBackoff) {
    public static final int DEFAULT_ATTEMPTS = 6;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

    public WebhookConfig {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("a webhook URL must be http(s), got " + url);
        }
        dev.mosaic.core.token.Secrets.requireUsable("the webhook secret", secret);
        secret = secret.clone();
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be 1-20, got " + maxAttempts);
        }
        if (firstBackoff.isNegative()) {
            throw new IllegalArgumentException("firstBackoff must not be negative");
        }
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }
}
