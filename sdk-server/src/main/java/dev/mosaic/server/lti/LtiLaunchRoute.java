package dev.mosaic.server.lti;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.events.LtiLaunch;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code POST /lti/launch}: the LMS posts the id_token and our state here. Verifies both, maps the
 * launch to a room, a user and a role, tells the application ({@code onLtiLaunch}), and answers the
 * meeting page with a fresh join token. The nonce is spent last, so a forged or broken post cannot
 * burn a real login's nonce.
 */
final class LtiLaunchRoute {
    /** Long enough to pass the pre-join screen; once in, the meeting no longer needs the token. */
    static final Duration JOIN_TOKEN_TTL = Duration.ofMinutes(10);

    private final LtiPlatforms platforms;
    private final LoginState states;
    private final NonceStore nonces;
    private final JoinTokens tokens;
    private final Consumer<LtiLaunch> launches;
    private final Set<String> extraFrameAncestors;
    private final Clock clock;

    LtiLaunchRoute(
            LtiPlatforms platforms,
            LoginState states,
            NonceStore nonces,
            JoinTokens tokens,
            Consumer<LtiLaunch> launches,
            Set<String> extraFrameAncestors,
            Clock clock) {
        this.platforms = platforms;
        this.states = states;
        this.nonces = nonces;
        this.tokens = tokens;
        this.launches = launches;
        this.extraFrameAncestors = extraFrameAncestors;
        this.clock = clock;
    }

    void handle(Context ctx) throws LtiError {
        String error = LtiLoginRoute.param(ctx, "error");
        if (error != null) {
            // OIDC error response, e.g. login_required when the LMS session is gone.
            String description = LtiLoginRoute.param(ctx, "error_description");
            throw LtiError.unauthorized(
                    "lti_platform_error",
                    "The LMS refused the login (" + error + ")" + (description == null ? "" : ": " + description)
                            + ". Sign in to the LMS and open the activity again.");
        }
        String idToken = LtiLoginRoute.param(ctx, "id_token");
        String state = LtiLoginRoute.param(ctx, "state");
        if (idToken == null) {
            throw LtiError.badRequest(
                    "lti_bad_request", "The LMS posted no id_token. Open the activity from the course page.");
        }
        LoginState.Claims login = states.verify(state);
        LtiPlatform platform = platforms.find(login.iss(), login.aud());
        JWTClaimsSet set = platforms.signatureOf(platform).verify(idToken);
        Instant now = clock.instant();
        LaunchClaims claims = LaunchClaims.check(set, platform, login.nonce(), now);
        if (login.dep() != null && !login.dep().equals(claims.deploymentId())) {
            throw LtiError.unauthorized(
                    "lti_unknown_deployment", "The launch names another deployment than its login did.");
        }
        if (!nonces.consume(login.nonce())) {
            throw LtiError.unauthorized(
                    "lti_nonce_used",
                    "This launch was already used (each works once). "
                            + "Open the activity again from the course page.");
        }
        String room = LtiRoomNames.room(
                platform.issuer(), claims.deploymentId(), claims.contextId(), claims.resourceLinkId());
        String userId = LtiRoomNames.userId(platform.issuer(), claims.subject());
        Role role = LtiRoles.map(claims.roles());
        String joinToken = tokens.issue(room, userId, claims.name(), role, JOIN_TOKEN_TTL);
        launches.accept(new LtiLaunch(
                room,
                userId,
                claims.name(),
                role,
                platform.issuer(),
                platform.clientId(),
                claims.deploymentId(),
                claims.subject(),
                claims.email(),
                claims.roles(),
                claims.contextId(),
                claims.contextTitle(),
                claims.contextLabel(),
                claims.resourceLinkId(),
                claims.resourceLinkTitle(),
                now));
        String heading = firstOf(claims.contextTitle(), claims.resourceLinkTitle(), "Class meeting");
        String subheading = claims.contextTitle() != null ? claims.resourceLinkTitle() : null;
        Set<String> ancestors = new java.util.LinkedHashSet<>(platform.framingOrigins());
        ancestors.addAll(extraFrameAncestors);
        LtiPages.meeting(ctx, room, joinToken, heading, subheading, language(claims.locale()), ancestors);
    }

    /** The LMS's locale if it is a plain language tag ({@code fr}, {@code fr-CA}), else none. */
    private static String language(String locale) {
        return locale != null && locale.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")
                ? locale.replace('_', '-')
                : null;
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
