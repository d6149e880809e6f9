package dev.mosaic.server.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Duration;

/**
 * Checks that an id_token was signed by its platform: RS256 only (so neither {@code alg: none} nor an
 * HMAC "signed" with the public key can pass), with a key from the platform's JWKS. The key set is
 * cached (5 minutes) and fetched again when a token names a key id it does not know, at most once
 * every 30 seconds, so the LMS can rotate keys and a flood of bad tokens cannot flood the LMS.
 * The claims are checked by {@link LaunchClaims}, each with its own error code.
 */
final class IdTokenSignature {
    static final Duration JWKS_TIMEOUT = Duration.ofSeconds(5);
    private static final int JWKS_MAX_BYTES = 256 * 1024;
    private static final Duration CACHE_TTL = Duration.ofMinutes(5);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    IdTokenSignature(LtiPlatform platform) {
        int timeout = (int) JWKS_TIMEOUT.toMillis();
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(
                            platform.jwksUrl().toURL(), new DefaultResourceRetriever(timeout, timeout, JWKS_MAX_BYTES))
                    .cache(CACHE_TTL.toMillis(), JWKS_TIMEOUT.toMillis())
                    .rateLimited(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(
                    "LTI platform " + platform.issuer() + ": bad JWKS URL " + platform.jwksUrl(), e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // LaunchClaims checks every claim with its own error code.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
    }

    JWTClaimsSet verify(String idToken) throws LtiError {
        JWT jwt;
        try {
            jwt = JWTParser.parse(idToken);
        } catch (ParseException e) {
            throw LtiError.unauthorized("lti_bad_token", "The LMS sent an id_token that is not a valid JWT.");
        }
        if (!(jwt instanceof SignedJWT signed)
                || !JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
            throw LtiError.unauthorized(
                    "lti_bad_algorithm",
                    "The LMS's id_token must be signed with RS256, not "
                            + jwt.getHeader().getAlgorithm() + ".");
        }
        try {
            return processor.process(signed, null);
        } catch (RateLimitReachedException e) {
            throw badSignature();
        } catch (KeySourceException e) {
            throw new LtiError(
                    "lti_jwks_unavailable",
                    502,
                    "Mosaic could not fetch the LMS's signing keys. "
                            + "Try again in a moment; if it persists, the administrator should check the JWKS URL.");
        } catch (BadJOSEException | JOSEException e) {
            throw badSignature();
        }
    }

    private static LtiError badSignature() {
        return LtiError.unauthorized(
                "lti_bad_signature", "The id_token's signature does not match the LMS's published keys.");
    }
}
