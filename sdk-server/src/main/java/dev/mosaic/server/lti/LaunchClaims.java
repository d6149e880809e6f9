package dev.mosaic.server.lti;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The claims of a resource link launch (LTI Core 1.3 §5.3), checked: issuer, audience (and
 * {@code azp} when several), expiry and issue time with a little clock skew, nonce, deployment,
 * message type and version, resource link, subject. Each failure has its own code.
 */
record LaunchClaims(
        String subject,
        String name,
        String email,
        String locale,
        String deploymentId,
        List<String> roles,
        String contextId,
        String contextTitle,
        String contextLabel,
        String resourceLinkId,
        String resourceLinkTitle) {
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";

    static LaunchClaims check(JWTClaimsSet claims, LtiPlatform platform, String expectedNonce, Instant now)
            throws LtiError {
        if (!platform.issuer().equals(claims.getIssuer())) {
            throw LtiError.unauthorized(
                    "lti_wrong_issuer",
                    "The id_token was issued by " + claims.getIssuer()
                            + ", not by the platform this login started with.");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(platform.clientId())) {
            throw LtiError.unauthorized(
                    "lti_wrong_audience",
                    "The id_token is meant for another tool (its audience " + "does not contain Mosaic's client id).");
        }
        String azp = string(claims, "azp");
        if ((audience.size() > 1 || azp != null) && !platform.clientId().equals(azp)) {
            throw LtiError.unauthorized(
                    "lti_wrong_audience",
                    "The id_token names several audiences but is not authorised " + "for Mosaic (azp).");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || now.isAfter(exp.toInstant().plus(CLOCK_SKEW))) {
            throw LtiError.unauthorized(
                    "lti_token_expired",
                    "The launch expired before it reached Mosaic. "
                            + "Open the activity again; if it keeps happening, check the clocks of the LMS and Mosaic servers.");
        }
        Date iat = claims.getIssueTime();
        if (iat == null || iat.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw LtiError.unauthorized(
                    "lti_token_expired",
                    "The id_token has no issue time, or one in the future: "
                            + "check the clocks of the LMS and Mosaic servers.");
        }
        if (!expectedNonce.equals(string(claims, "nonce"))) {
            throw LtiError.unauthorized(
                    "lti_nonce_mismatch",
                    "The id_token does not belong to this login (nonce). "
                            + "Open the activity again from the course page.");
        }
        String deployment = string(claims, LTI + "deployment_id");
        if (deployment == null || !platform.deploymentIds().contains(deployment)) {
            throw LtiError.unauthorized(
                    "lti_unknown_deployment",
                    "This LMS deployment (" + deployment
                            + ") is not registered with Mosaic. The administrator must add it to the platform's deployment ids.");
        }
        String messageType = string(claims, LTI + "message_type");
        if (!"LtiResourceLinkRequest".equals(messageType)) {
            throw LtiError.badRequest(
                    "lti_unsupported_message",
                    "Mosaic handles resource link launches only, not " + messageType
                            + " (Deep Linking is not supported yet).");
        }
        String version = string(claims, LTI + "version");
        if (!"1.3.0".equals(version)) {
            throw LtiError.badRequest(
                    "lti_unsupported_version", "Mosaic speaks LTI 1.3.0; the LMS sent version " + version + ".");
        }
        Map<String, Object> link = object(claims, LTI + "resource_link");
        String linkId = link == null ? null : text(link.get("id"));
        if (linkId == null || linkId.isEmpty()) {
            throw LtiError.badRequest(
                    "lti_missing_claim",
                    "The launch names no resource link, so Mosaic cannot tell which meeting to open.");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isEmpty()) {
            throw LtiError.badRequest(
                    "lti_missing_claim",
                    "The launch is anonymous (no sub): Mosaic needs to know who joins. "
                            + "Allow the LMS to share the user's id with the tool.");
        }
        Map<String, Object> context = object(claims, LTI + "context");
        return new LaunchClaims(
                subject,
                displayName(claims),
                string(claims, "email"),
                string(claims, "locale"),
                deployment,
                roles(claims),
                context == null ? null : text(context.get("id")),
                context == null ? null : text(context.get("title")),
                context == null ? null : text(context.get("label")),
                linkId,
                text(link.get("title")));
    }

    private static String displayName(JWTClaimsSet claims) {
        String name = string(claims, "name");
        if (name == null || name.isBlank()) {
            String given = string(claims, "given_name");
            String family = string(claims, "family_name");
            name = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
        }
        name = name == null ? "" : name.strip();
        // The LMS may hide names from tools; the meeting still needs something to show.
        return name.isEmpty() ? "Guest" : name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static List<String> roles(JWTClaimsSet claims) {
        Object raw = claims.getClaim(LTI + "roles");
        if (!(raw instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .toList();
    }

    private static String string(JWTClaimsSet claims, String name) {
        return text(claims.getClaim(name));
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    private static Map<String, Object> object(JWTClaimsSet claims, String name) {
        try {
            return claims.getJSONObjectClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }
}
