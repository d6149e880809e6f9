package dev.mosaic.server.lti;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET|POST /lti/login}: the LMS's third-party initiated login. Checks the platform, then sends
 * the browser back to the LMS's authorisation endpoint with a fresh nonce and a signed state, asking
 * for an id_token posted to {@code /lti/launch}.
 */
final class LtiLoginRoute {
    static final String LAUNCH_PATH = "/lti/launch";

    private final LtiPlatforms platforms;
    private final LoginState states;
    private final NonceStore nonces;

    LtiLoginRoute(LtiPlatforms platforms, LoginState states, NonceStore nonces) {
        this.platforms = platforms;
        this.states = states;
        this.nonces = nonces;
    }

    void handle(Context ctx) throws LtiError {
        String issuer = param(ctx, "iss");
        String loginHint = param(ctx, "login_hint");
        String targetLinkUri = param(ctx, "target_link_uri");
        if (issuer == null || loginHint == null || targetLinkUri == null) {
            throw LtiError.badRequest(
                    "lti_bad_request",
                    "A login needs iss, login_hint and target_link_uri. "
                            + "Start from the course page; the LMS sends them.");
        }
        LtiPlatform platform = platforms.find(issuer, param(ctx, "client_id"));
        String deploymentId = param(ctx, "lti_deployment_id");
        if (deploymentId != null && !platform.deploymentIds().contains(deploymentId)) {
            throw LtiError.badRequest(
                    "lti_unknown_deployment",
                    "This LMS deployment (" + deploymentId
                            + ") is not registered with Mosaic. The administrator must add it to the platform's deployment ids.");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("scope", "openid");
        query.put("response_type", "id_token");
        query.put("response_mode", "form_post");
        query.put("prompt", "none");
        query.put("client_id", platform.clientId());
        query.put("redirect_uri", redirectUri(targetLinkUri));
        query.put("login_hint", loginHint);
        String messageHint = param(ctx, "lti_message_hint");
        if (messageHint != null) {
            query.put("lti_message_hint", messageHint);
        }
        String nonce = nonces.issue(ctx.req().getRemoteAddr());
        query.put("state", states.issue(platform.issuer(), platform.clientId(), nonce, deploymentId));
        query.put("nonce", nonce);
        String auth = platform.authenticationRequestUrl().toString();
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.redirect(auth + (auth.contains("?") ? "&" : "?") + encoded, HttpStatus.FOUND);
    }

    /**
     * Mosaic's launch URL on the origin the LMS knows it by. The LMS checks it against the redirect
     * URIs its administrator registered, so a forged target cannot divert the id_token.
     */
    static String redirectUri(String targetLinkUri) throws LtiError {
        URI target;
        try {
            target = new URI(targetLinkUri);
        } catch (java.net.URISyntaxException e) {
            throw badTarget(targetLinkUri);
        }
        if (!("https".equals(target.getScheme()) || "http".equals(target.getScheme())) || target.getHost() == null) {
            throw badTarget(targetLinkUri);
        }
        return LtiPlatform.originOf(target) + LAUNCH_PATH;
    }

    private static LtiError badTarget(String targetLinkUri) {
        return LtiError.badRequest(
                "lti_bad_target",
                "target_link_uri must be Mosaic's launch URL (https://YOUR-MOSAIC" + LAUNCH_PATH + "), got "
                        + targetLinkUri);
    }

    /** A form field (POST) or query parameter (GET); blank counts as absent. */
    static String param(Context ctx, String name) {
        String value = "POST".equalsIgnoreCase(ctx.method().name()) ? ctx.formParam(name) : null;
        if (value == null) {
            value = ctx.queryParam(name);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
