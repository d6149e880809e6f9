package dev.mosaic.server;

import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.events.MeetingListener;
import dev.mosaic.server.lti.LtiPlatform;
import dev.mosaic.server.lti.LtiTool;
import dev.mosaic.server.room.EventDispatcher;
import dev.mosaic.server.room.InMemoryRooms;
import dev.mosaic.server.room.ResumeSecrets;
import dev.mosaic.server.room.RoomServices;
import dev.mosaic.server.room.Rooms;
import dev.mosaic.server.signaling.SignalingEndpoint;
import dev.mosaic.server.web.DevTokenRoute;
import dev.mosaic.server.web.EmbedPage;
import dev.mosaic.server.web.RoomsApi;
import dev.mosaic.server.web.WidgetFiles;
import dev.mosaic.server.webhook.WebhookSender;
import io.javalin.config.JavalinConfig;
import io.javalin.config.JavalinState;
import io.javalin.plugin.Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Mosaic inside an application that already runs Javalin: adds the signaling WebSocket ({@code /ws}),
 * the REST API ({@code /api/rooms}), the widget files ({@code /mosaic/}) and the embed page
 * ({@code /embed/{room}}), with LTI platforms registered the LTI tool ({@code /lti/login}, {@code /lti/launch}),
 * and leaves every other path to the application.
 * <pre>{@code
 * MosaicPlugin mosaic = MosaicServer.builder().secret(appSecret).listener(myListener).plugin();
 * Javalin.create(config -> config.registerPlugin(mosaic)).start(8080);
 * String token = mosaic.tokens().issue("maths-101", "u42", "Ada", Role.PARTICIPANT, Duration.ofHours(2));
 * }</pre>
 */
public final class MosaicPlugin extends Plugin<Void> {
    private static final Logger LOG = LoggerFactory.getLogger(MosaicPlugin.class);
    /** How often rooms past their expiry are looked for: a created room lives at most this much longer. */
    static final Duration DEFAULT_EXPIRY_SWEEP = Duration.ofSeconds(30);
    private final Clock clock;
    private final ServerConfig config;
    private final JoinTokens tokens;
    private final Rooms rooms;
    private final EventDispatcher events;
    private final ScheduledExecutorService timers;
    private final SignalingEndpoint signaling;
    /** Null without a webhook URL. */
    private final WebhookSender webhooks;
    /** Null without registered LTI platforms. */
    private final LtiTool lti;

    MosaicPlugin(ServerConfig config, MeetingListener listener) {
        this(config, listener, null, Clock.systemUTC(), DEFAULT_EXPIRY_SWEEP, java.util.List.of());
    }

    /** {@code webhooks} may be null. */
    MosaicPlugin(ServerConfig config, MeetingListener listener, WebhookSender webhooks,
                 Clock clock, Duration expirySweep, java.util.List<LtiPlatform> ltiPlatforms) {
        this.config = config;
        this.clock = clock;
        this.webhooks = webhooks;
        this.tokens = new JoinTokens(config.secret(), Clock.systemUTC(), config.limits().maxTokenLifetime());
        this.events = new EventDispatcher(listener);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mosaic-timers");
            t.setDaemon(true);
            return t;
        });
        ResumeSecrets resumes = new ResumeSecrets();
        this.rooms = new InMemoryRooms(new RoomServices(config.ice(), events, resumes, timers,
                config.limits().resumeGrace(), clock, config.limits().unusedRoomExpiry(), config.limits().maxTokenLifetime()));
        long sweepMillis = expirySweep.toMillis();
        timers.scheduleWithFixedDelay(this::expireUnusedRooms, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        this.lti = ltiPlatforms.isEmpty() ? null
                : new LtiTool(ltiPlatforms, config.secret(), tokens, events::ltiLaunch, config.allowedOrigins(), clock);
        this.signaling = new SignalingEndpoint(tokens, rooms, resumes, events, config.limits(), timers, clock);
    }

    /** A failure must not cancel the repeating sweep, so it is logged here. */
    private void expireUnusedRooms() {
        try {
            rooms.expireUnused();
        } catch (RuntimeException e) {
            LOG.warn("expiring unused rooms failed; trying again at the next sweep", e);
        }
    }

    @Override
    public void onInitialize(JavalinState state) {
        register(new JavalinConfig(state));
        state.events.serverStopped(this::close);
    }

    /** Adds Mosaic's routes to a Javalin configuration (what {@link #onInitialize} does). */
    void register(JavalinConfig javalin) {
        WidgetFiles.registerWidget(javalin);
        // LMS pages frame the LTI launch page, which frames the meeting: they must be allowed ancestors too.
        EmbedPage.register(javalin, config.allowedOrigins(), lti == null ? java.util.Set.of() : lti.framingOrigins());
        signaling.register(javalin);
        RoomsApi.register(javalin, rooms, tokens, config.secret(), clock);
        if (lti != null) {
            lti.register(javalin);
        }
        if (config.devMode()) {
            DevTokenRoute.register(javalin, tokens);
        }
    }

    @Override
    public String name() {
        return "mosaic";
    }

    /** Issues and verifies join tokens with the app secret. */
    public JoinTokens tokens() {
        return tokens;
    }

    /** The rooms going on: state, attendance, ending them. */
    public Rooms rooms() {
        return rooms;
    }

    public ServerConfig config() {
        return config;
    }

    /** How many signaling WebSockets are open. */
    public int openConnections() {
        return signaling.openConnections();
    }

    /** Stops timers and delivers the callbacks still queued. Javalin calls this when it stops. */
    void close() {
        timers.shutdownNow();
        events.close();
        if (webhooks != null) {
            webhooks.close();
        }
    }
}
