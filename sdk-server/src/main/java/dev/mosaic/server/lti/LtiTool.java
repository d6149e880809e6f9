package dev.mosaic.server.lti;

import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.events.LtiLaunch;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mosaic as an LTI 1.3 tool: {@code /lti/login} (OIDC login initiation), {@code /lti/launch} (the
 * redirect URI the id_token is posted to) and the launch page's assets under {@code /lti/assets/}.
 * See docs/lti.md for what a school's LMS administrator enters.
 */
public final class LtiTool {
    private static final Logger LOG = LoggerFactory.getLogger(LtiTool.class);

    private final LtiPlatforms platforms;
    private final LtiLoginRoute login;
    private final LtiLaunchRoute launch;

    /**
     * @param launches       told of each verified launch (the application's {@code onLtiLaunch})
     * @param allowedOrigins the server's allowed origins, which may also frame the launch page
     */
    public LtiTool(
            List<LtiPlatform> registered,
            byte[] appSecret,
            JoinTokens tokens,
            Consumer<LtiLaunch> launches,
            List<String> allowedOrigins,
            Clock clock) {
        this.platforms = new LtiPlatforms(registered);
        LoginState states = new LoginState(appSecret, clock);
        NonceStore nonces =
                new NonceStore(NonceStore.DEFAULT_CAPACITY, NonceStore.DEFAULT_PER_CLIENT, LoginState.TTL, clock);
        this.login = new LtiLoginRoute(platforms, states, nonces);
        this.launch =
                new LtiLaunchRoute(platforms, states, nonces, tokens, launches, Set.copyOf(allowedOrigins), clock);
    }

    /** Origins of LMS pages that frame launches: the meeting iframe inside the launch page must allow them as ancestors too. */
    public Set<String> framingOrigins() {
        return platforms.framingOrigins();
    }

    public void register(JavalinConfig config) {
        config.routes.get("/lti/login", ctx -> respond(ctx, login::handle));
        config.routes.post("/lti/login", ctx -> respond(ctx, login::handle));
        config.routes.post("/lti/launch", ctx -> respond(ctx, launch::handle));
        // Only the LMS's form post launches; a bookmarked or reloaded launch URL gets a page that says so.
        config.routes.get(
                "/lti/launch",
                ctx -> respond(ctx, c -> {
                    throw LtiError.badRequest(
                            "lti_bad_request",
                            "A meeting opens from its activity on the course page, not from this address. "
                                    + "Go back to the course and open the activity again.");
                }));
        config.staticFiles.add(files -> {
            files.hostedPath = "/lti/assets";
            files.directory = "/mosaic-lti";
            files.location = Location.CLASSPATH;
            files.headers = java.util.Map.of("X-Content-Type-Options", "nosniff");
        });
    }

    private interface Step {
        void handle(Context ctx) throws LtiError;
    }

    /** Every refusal becomes the error page with its code; anything unexpected too, without a stack trace. */
    private static void respond(Context ctx, Step step) {
        try {
            step.handle(ctx);
        } catch (LtiError e) {
            // Messages may quote what the request sent: no control characters into the log.
            LOG.info(
                    "LTI {} refused: {} ({})",
                    ctx.path(),
                    e.code(),
                    e.getMessage().replaceAll("\\p{Cntrl}", "?"));
            LtiPages.error(ctx, e);
        } catch (RuntimeException e) {
            LOG.warn("LTI {} failed", ctx.path(), e);
            LtiPages.error(
                    ctx,
                    new LtiError(
                            "lti_internal_error", 500, "Mosaic could not complete the launch. Try again in a moment."));
        }
    }
}
