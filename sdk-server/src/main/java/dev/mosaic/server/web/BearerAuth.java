package dev.mosaic.server.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The REST API's one check of {@code Authorization: Bearer <app secret>}. The scheme is matched without
 * regard to case (RFC 9110 §11.1); the secret must be exactly the app secret, compared in constant time.
 * Jetty's header cache is made case-sensitive ({@link HttpHardening}) so that the value read here is the
 * one this request sent, not an earlier request's on the same connection that differs only in case.
 */
public final class BearerAuth {
    private static final String SCHEME = "bearer";

    private BearerAuth() {}

    /** Whether {@code header} (the raw Authorization value, or null) carries exactly {@code secret}. */
    public static boolean carries(String header, byte[] secret) {
        if (header == null
                || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || header.charAt(SCHEME.length()) != ' ') {
            return false;
        }
        String given = header.substring(SCHEME.length()).strip();
        return MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8));
    }
}
