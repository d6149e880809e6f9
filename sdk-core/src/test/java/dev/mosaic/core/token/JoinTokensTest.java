package dev.mosaic.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.protocol.Role;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class JoinTokensTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-app-secret".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final JoinTokens tokens = new JoinTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenRoundTripsItsClaims() throws Exception {
        String token = tokens.issue("maths-101", "u42", "Ada Lovelace", Role.HOST, Duration.ofHours(1));
        JoinTokenClaims claims = tokens.verify(token, "maths-101");
        assertEquals("maths-101", claims.room());
        assertEquals("u42", claims.userId());
        assertEquals("Ada Lovelace", claims.displayName());
        assertEquals(Role.HOST, claims.role());
        assertEquals(NOW.plus(Duration.ofHours(1)), claims.expiresAt());
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        String token = tokens.issue(claims(NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofMinutes(5))));
        assertCode(ErrorCode.TOKEN_EXPIRED, token, "maths-101");
    }

    @Test
    void aTokenWithinClockSkewOfExpiryIsStillAccepted() throws Exception {
        String token = tokens.issue(claims(NOW.minus(Duration.ofHours(1)), NOW.minusSeconds(10)));
        tokens.verify(token, "maths-101");
    }

    @Test
    void aTokenNotYetValidIsRefusedAsNotYetValid() {
        String token = tokens.issue(claims(NOW.plus(Duration.ofMinutes(10)), NOW.plus(Duration.ofHours(1))));
        assertCode(ErrorCode.TOKEN_NOT_YET_VALID, token, "maths-101");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefusedAsBadSignature() {
        JoinTokens other = new JoinTokens("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8));
        String token = other.issue("maths-101", "u42", "Ada", Role.HOST, Duration.ofHours(1));
        assertCode(ErrorCode.TOKEN_BAD_SIGNATURE, token, "maths-101");
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefusedAsBadAlgorithm() {
        String valid = tokens.issue("maths-101", "u42", "Ada", Role.HOST, Duration.ofHours(1));
        String header = b64("{\"alg\":\"none\"}");
        String payload = valid.split("\\.")[1];
        assertCode(ErrorCode.TOKEN_BAD_ALGORITHM, header + "." + payload + ".", "maths-101");
    }

    @Test
    void aTokenClaimingAnotherAlgorithmIsRefusedAsBadAlgorithm() {
        String valid = tokens.issue("maths-101", "u42", "Ada", Role.HOST, Duration.ofHours(1));
        String[] parts = valid.split("\\.");
        assertCode(
                ErrorCode.TOKEN_BAD_ALGORITHM,
                b64("{\"alg\":\"HS512\"}") + "." + parts[1] + "." + parts[2],
                "maths-101");
    }

    @Test
    void aTokenForAnotherRoomIsRefusedAsWrongRoom() {
        String token = tokens.issue("maths-101", "u42", "Ada", Role.HOST, Duration.ofHours(1));
        assertCode(ErrorCode.TOKEN_WRONG_ROOM, token, "history-202");
    }

    @Test
    void aTamperedPayloadIsRefusedAsBadSignature() {
        String[] parts = tokens.issue("maths-101", "u42", "Ada", Role.PARTICIPANT, Duration.ofHours(1))
                .split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("participant", "host");
        assertCode(ErrorCode.TOKEN_BAD_SIGNATURE, parts[0] + "." + b64(payload) + "." + parts[2], "maths-101");
    }

    @Test
    void garbageIsRefusedAsMalformedAndNothingAsUnauthorized() {
        assertCode(ErrorCode.TOKEN_MALFORMED, "not-a-jwt", "maths-101");
        assertCode(ErrorCode.TOKEN_MALFORMED, "a.b.c", "maths-101");
        assertCode(ErrorCode.UNAUTHORIZED, "", "maths-101");
    }

    @Test
    void aTokenLackingARequiredClaimOrWithAnUnknownRoleIsMalformed() throws Exception {
        JWTClaimsSet full = new JWTClaimsSet.Builder()
                .subject("u42")
                .claim("room", "maths-101")
                .claim("role", "host")
                .expirationTime(Date.from(NOW.plusSeconds(600)))
                .jwtID("j1")
                .build();
        assertEquals(Role.HOST, tokens.verify(signed(full), "maths-101").role());
        for (String claim : new String[] {"sub", "room", "role", "exp", "jti"}) {
            JWTClaimsSet without =
                    new JWTClaimsSet.Builder(full).claim(claim, null).build();
            assertCode(ErrorCode.TOKEN_MALFORMED, signed(without), "maths-101");
        }
        assertCode(
                ErrorCode.TOKEN_MALFORMED,
                signed(new JWTClaimsSet.Builder(full).claim("role", "king").build()),
                "maths-101");
    }

    @Test
    void aShortSecretIsRejectedWithAdvice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JoinTokens(new byte[16]));
        assertEquals(true, e.getMessage().contains("openssl rand"));
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsRefusedCountingFromIatElseNbfElseNow() throws Exception {
        JoinTokens limited = new JoinTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7));
        JWTClaimsSet base = new JWTClaimsSet.Builder()
                .subject("u42")
                .claim("room", "maths-101")
                .claim("role", "host")
                .jwtID("j1")
                .build();
        // iat long ago, exp soon: a 30-day token with one day left is still a 30-day token.
        String oldMonth = signed(new JWTClaimsSet.Builder(base)
                .issueTime(Date.from(NOW.minus(Duration.ofDays(29))))
                .expirationTime(Date.from(NOW.plus(Duration.ofDays(1))))
                .build());
        ProtocolException tooLong = assertThrows(ProtocolException.class, () -> limited.verify(oldMonth, "maths-101"));
        assertEquals(ErrorCode.TOKEN_MALFORMED, tooLong.code());
        tokens.verify(oldMonth, "maths-101"); // without a limit, as before
        String week = signed(new JWTClaimsSet.Builder(base)
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plus(Duration.ofDays(7))))
                .build());
        limited.verify(week, "maths-101");
        String fromNbf = signed(new JWTClaimsSet.Builder(base)
                .notBeforeTime(Date.from(NOW.minus(Duration.ofDays(10))))
                .expirationTime(Date.from(NOW.plus(Duration.ofHours(1))))
                .build());
        assertThrows(ProtocolException.class, () -> limited.verify(fromNbf, "maths-101"));
        String century = signed(new JWTClaimsSet.Builder(base)
                .expirationTime(Date.from(NOW.plus(Duration.ofDays(36_500))))
                .build());
        assertThrows(
                ProtocolException.class,
                () -> limited.verify(century, "maths-101"),
                "no iat, no nbf: counted from now");
        assertThrows(
                IllegalArgumentException.class,
                () -> limited.issue("maths-101", "u42", "Ada", Role.HOST, Duration.ofDays(8)));
        assertEquals(Duration.ofDays(7), limited.maxLifetime());
    }

    @Test
    void guessableSecretsAreRefusedAndRandomOnesPass() {
        for (String weak : new String[] {"a".repeat(32), "abcd".repeat(8), "ab".repeat(40)}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> new JoinTokens(weak.getBytes(StandardCharsets.UTF_8)), weak);
            assertEquals(true, e.getMessage().contains("guessable"), e.getMessage());
        }
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < 1000; i++) {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            new JoinTokens(raw);
            new JoinTokens(java.util.HexFormat.of().formatHex(raw, 0, 16).getBytes(StandardCharsets.US_ASCII));
        }
        IllegalArgumentException newline = assertThrows(
                IllegalArgumentException.class,
                () -> Secrets.requireUsableText("the app secret", new String(SECRET, StandardCharsets.UTF_8) + "\n"));
        assertEquals(true, newline.getMessage().contains("white space"));
    }

    private static JoinTokenClaims claims(Instant notBefore, Instant expiresAt) {
        return new JoinTokenClaims("maths-101", "u42", "Ada", Role.PARTICIPANT, notBefore, expiresAt, "jti-1");
    }

    private void assertCode(ErrorCode expected, String token, String room) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> tokens.verify(token, room));
        assertEquals(expected, e.code(), e.getMessage());
    }

    private static String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
