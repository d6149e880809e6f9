package dev.mosaic.core.token;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.protocol.Role;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;

/**
 * Issues and verifies join tokens: JWTs signed with HS256 and the app's secret. The host
 * application issues one per person and meeting; the server verifies it on {@code join}.
 */
public final class JoinTokens {
    /** HS256 needs a key of at least 256 bits (see {@link Secrets} for every check of the app secret). */
    public static final int MIN_SECRET_BYTES = Secrets.MIN_BYTES;
    /** Tolerated difference between the issuer's clock and ours. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final String ISSUER = "mosaic";
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;
    /** Longest lifetime accepted on verify and issue; null for no limit. */
    private final Duration maxLifetime;

    public JoinTokens(byte[] secret) {
        this(secret, Clock.systemUTC());
    }

    public JoinTokens(byte[] secret, Clock clock) {
        this(secret, clock, null);
    }

    /**
     * Tokens that live longer than {@code maxLifetime} (from {@code iat}, else {@code nbf}, else the
     * moment they are checked, to {@code exp}) are refused; null for no limit. The server sets one (7 days
     * by default) so that a leaked or forgotten token cannot outlive what a room remembers about it.
     */
    public JoinTokens(byte[] secret, Clock clock, Duration maxLifetime) {
        Secrets.requireUsable("the app secret", secret);
        if (maxLifetime != null && (maxLifetime.isNegative() || maxLifetime.isZero())) {
            throw new IllegalArgumentException("the longest token lifetime must be positive");
        }
        this.maxLifetime = maxLifetime;
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable app secret: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** A token valid from now for {@code ttl}, with a fresh token id. */
    public String issue(String room, String userId, String displayName, Role role, Duration ttl) {
        Instant now = clock.instant();
        return issue(new JoinTokenClaims(
                room,
                userId,
                displayName,
                role,
                now,
                now.plus(ttl),
                UUID.randomUUID().toString()));
    }

    /** The longest lifetime a token may have here, or null for no limit. */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** {@code IllegalArgumentException} if the claims live longer than {@link #maxLifetime()}. */
    public String issue(JoinTokenClaims claims) {
        Instant issuedAt = clock.instant();
        Instant from = claims.notBefore().isAfter(issuedAt) ? claims.notBefore() : issuedAt;
        if (tooLong(from, claims.expiresAt())) {
            throw new IllegalArgumentException(
                    "a join token may live at most " + maxLifetime + " here; give it a shorter lifetime");
        }
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(claims.userId())
                .claim("room", claims.room())
                .claim("name", claims.displayName())
                .claim("role", claims.role().name().toLowerCase(Locale.ROOT))
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(claims.notBefore()))
                .expirationTime(Date.from(claims.expiresAt()))
                .jwtID(claims.tokenId())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a join token failed", e);
        }
        return jwt.serialize();
    }

    /**
     * Checks signature, algorithm, time window and room; returns the claims or throws with the
     * error code that says what is wrong ({@code token_expired}, {@code token_wrong_room}, ...).
     */
    public JoinTokenClaims verify(String token, String expectedRoom) throws ProtocolException {
        SignedJWT jwt = parse(token);
        try {
            if (!jwt.verify(verifier)) {
                throw new ProtocolException(
                        ErrorCode.TOKEN_BAD_SIGNATURE, "join token signature does not match this server's app secret");
            }
        } catch (JOSEException e) {
            throw new ProtocolException(ErrorCode.TOKEN_BAD_SIGNATURE, "join token signature cannot be checked");
        }
        JoinTokenClaims claims = readClaims(jwt);
        Instant now = clock.instant();
        if (now.isAfter(claims.expiresAt().plus(CLOCK_SKEW))) {
            throw new ProtocolException(
                    ErrorCode.TOKEN_EXPIRED,
                    "join token expired at " + claims.expiresAt() + "; ask the host application for a new one");
        }
        if (now.isBefore(claims.notBefore().minus(CLOCK_SKEW))) {
            throw new ProtocolException(
                    ErrorCode.TOKEN_NOT_YET_VALID, "join token is valid only from " + claims.notBefore());
        }
        Instant from = lifetimeStart(jwt, now);
        if (tooLong(from, claims.expiresAt())) {
            throw new ProtocolException(
                    ErrorCode.TOKEN_MALFORMED,
                    "join token lives from " + from + " to "
                            + claims.expiresAt() + ", longer than this server allows (" + maxLifetime.toHours()
                            + " hours); ask the host application for a shorter-lived token");
        }
        if (!claims.room().equals(expectedRoom)) {
            throw new ProtocolException(ErrorCode.TOKEN_WRONG_ROOM, "join token was issued for another room");
        }
        return claims;
    }

    private boolean tooLong(Instant from, Instant expiresAt) {
        return maxLifetime != null && Duration.between(from, expiresAt).compareTo(maxLifetime.plus(CLOCK_SKEW)) > 0;
    }

    /** Where a token's lifetime starts: {@code iat}, else {@code nbf}, else now. */
    private static Instant lifetimeStart(SignedJWT jwt, Instant now) throws ProtocolException {
        try {
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            Date start = set.getIssueTime() != null ? set.getIssueTime() : set.getNotBeforeTime();
            return start != null ? start.toInstant() : now;
        } catch (ParseException e) {
            throw new ProtocolException(ErrorCode.TOKEN_MALFORMED, "join token claims are malformed");
        }
    }

    /** Reads the header first so that {@code alg: none} and other algorithms get their own code. */
    private static SignedJWT parse(String token) throws ProtocolException {
        if (token == null || token.isBlank()) {
            throw new ProtocolException(ErrorCode.UNAUTHORIZED, "a join token is required");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new ProtocolException(
                    ErrorCode.TOKEN_MALFORMED, "join token is not a JWT (header.payload.signature)");
        }
        Algorithm algorithm;
        try {
            algorithm = Header.parse(new Base64URL(parts[0])).getAlgorithm();
        } catch (ParseException e) {
            throw new ProtocolException(ErrorCode.TOKEN_MALFORMED, "join token header is not valid");
        }
        if (!JWSAlgorithm.HS256.equals(algorithm)) {
            throw new ProtocolException(
                    ErrorCode.TOKEN_BAD_ALGORITHM, "join token must be signed with HS256, not " + algorithm);
        }
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new ProtocolException(ErrorCode.TOKEN_MALFORMED, "join token is not a valid JWT");
        }
    }

    private static JoinTokenClaims readClaims(SignedJWT jwt) throws ProtocolException {
        try {
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            String room = set.getStringClaim("room");
            String role = set.getStringClaim("role");
            Date nbf = set.getNotBeforeTime();
            Date exp = set.getExpirationTime();
            if (room == null || set.getSubject() == null || role == null || exp == null || set.getJWTID() == null) {
                throw new ProtocolException(
                        ErrorCode.TOKEN_MALFORMED, "join token lacks one of the claims room, sub, role, exp, jti");
            }
            Instant notBefore = nbf != null ? nbf.toInstant() : Instant.EPOCH;
            return new JoinTokenClaims(
                    room,
                    set.getSubject(),
                    set.getStringClaim("name"),
                    Role.valueOf(role.toUpperCase(Locale.ROOT)),
                    notBefore,
                    exp.toInstant(),
                    set.getJWTID());
        } catch (ParseException | IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.TOKEN_MALFORMED, "join token claims are malformed");
        }
    }
}
