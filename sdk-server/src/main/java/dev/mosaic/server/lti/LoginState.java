package dev.mosaic.server.lti;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The OIDC {@code state}: a short-lived token signed with a key derived from the app secret, carrying
 * the platform and the nonce of one login. LMSs launch tools inside iframes where third-party cookies
 * are often blocked, so the state must prove itself without a cookie; the nonce it names is also kept
 * server-side ({@link NonceStore}) so each login can be completed only once.
 */
final class LoginState {
    /** The LMS answers the login in a second or two; minutes spare slow networks. */
    static final Duration TTL = Duration.ofMinutes(5);

    private static final Gson GSON = new Gson();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** What the state carries. {@code deploymentId} is null when the LMS did not send one at login. */
    record Claims(String iss, String aud, String nonce, String dep, long exp) {}

    private final byte[] key;
    private final Clock clock;

    LoginState(byte[] appSecret, Clock clock) {
        // A key of its own, so a state can never pass for a join token or the other way round.
        this.key = hmac(appSecret, "mosaic lti state v1".getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    String issue(String issuer, String clientId, String nonce, String deploymentId) {
        Claims claims = new Claims(
                issuer, clientId, nonce, deploymentId, clock.instant().plus(TTL).getEpochSecond());
        String payload = B64.encodeToString(GSON.toJson(claims).getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(hmac(key, payload.getBytes(StandardCharsets.US_ASCII)));
    }

    Claims verify(String state) throws LtiError {
        if (state == null || state.isBlank()) {
            throw LtiError.badRequest(
                    "lti_bad_request", "The launch carries no state. Start again from the course page.");
        }
        int dot = state.indexOf('.');
        if (dot <= 0 || dot != state.lastIndexOf('.')) {
            throw badState();
        }
        String payload = state.substring(0, dot);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(state.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw badState();
        }
        if (!MessageDigest.isEqual(signature, hmac(key, payload.getBytes(StandardCharsets.US_ASCII)))) {
            throw badState();
        }
        Claims claims;
        try {
            claims = GSON.fromJson(
                    new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8), Claims.class);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw badState();
        }
        if (claims == null || claims.iss() == null || claims.aud() == null || claims.nonce() == null) {
            throw badState();
        }
        if (clock.instant().isAfter(Instant.ofEpochSecond(claims.exp()))) {
            throw LtiError.unauthorized(
                    "lti_state_expired",
                    "This launch took too long to complete. Open the activity again from the course page.");
        }
        return claims;
    }

    private static LtiError badState() {
        return LtiError.unauthorized(
                "lti_bad_state",
                "This launch was not started by this Mosaic server, or was altered on the way. "
                        + "Open the activity again from the course page.");
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
