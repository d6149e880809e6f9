package dev.mosaic.server.lti;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registered platforms, found by issuer and client id (one issuer may register Mosaic several
 * times: Canvas uses one issuer for every school), each with its id_token signature checker.
 */
final class LtiPlatforms {
    private record Key(String issuer, String clientId) {}

    private final Map<Key, LtiPlatform> platforms = new LinkedHashMap<>();
    private final Map<Key, IdTokenSignature> signatures = new LinkedHashMap<>();

    LtiPlatforms(List<LtiPlatform> registered) {
        for (LtiPlatform platform : registered) {
            Key key = new Key(platform.issuer(), platform.clientId());
            if (platforms.putIfAbsent(key, platform) != null) {
                throw new IllegalArgumentException("LTI platform " + platform.issuer() + " with client id "
                        + platform.clientId() + " is registered twice");
            }
            signatures.put(key, new IdTokenSignature(platform));
        }
    }

    boolean isEmpty() {
        return platforms.isEmpty();
    }

    /** The platform a login names; {@code clientId} may be null when the issuer registered Mosaic once. */
    LtiPlatform find(String issuer, String clientId) throws LtiError {
        if (clientId != null && !clientId.isEmpty()) {
            LtiPlatform platform = platforms.get(new Key(issuer, clientId));
            if (platform == null) {
                throw unknown(issuer);
            }
            return platform;
        }
        List<LtiPlatform> candidates = platforms.values().stream()
                .filter(p -> p.issuer().equals(issuer))
                .toList();
        if (candidates.isEmpty()) {
            throw unknown(issuer);
        }
        if (candidates.size() > 1) {
            throw LtiError.badRequest(
                    "lti_bad_request",
                    "Mosaic is registered several times with " + issuer
                            + ": the LMS must send client_id with the login.");
        }
        return candidates.get(0);
    }

    IdTokenSignature signatureOf(LtiPlatform platform) {
        return signatures.get(new Key(platform.issuer(), platform.clientId()));
    }

    /** Every origin whose pages may frame an LTI launch. */
    Set<String> framingOrigins() {
        Set<String> origins = new LinkedHashSet<>();
        platforms.values().forEach(p -> origins.addAll(p.framingOrigins()));
        return origins;
    }

    private static LtiError unknown(String issuer) {
        return LtiError.badRequest(
                "lti_unknown_platform",
                "The learning platform " + issuer + " is not registered with "
                        + "this Mosaic server (issuer and client id). The administrator must add it (docs/lti.md).");
    }
}
