package dev.mosaic.server.lti;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Room and user names for LTI launches. A room is the hash of platform, deployment, course and
 * resource link, so every launch of one course link lands in one room, two links never share one,
 * and the name reveals nothing about the course. It fits the room rule: {@code lti-} and 22 base64url
 * characters (128 bits).
 */
final class LtiRoomNames {
    private LtiRoomNames() {}

    static String room(String issuer, String deploymentId, String contextId, String resourceLinkId) {
        return "lti-" + hash(issuer, deploymentId, contextId == null ? "" : contextId, resourceLinkId);
    }

    /** The LMS's {@code sub} is unique per platform only, so the Mosaic user id is scoped by a hash of the issuer. */
    static String userId(String issuer, String subject) {
        return "lti-" + hash(issuer).substring(0, 11) + ":" + subject;
    }

    /** Each part is length-prefixed, so ("ab","c") and ("a","bc") differ. */
    private static String hash(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha.update(bytes);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha.digest(), 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
