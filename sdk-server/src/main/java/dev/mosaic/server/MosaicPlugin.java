package dev.mosaic.server;

import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.events.EventDispatcher;
import dev.mosaic.server.events.MeetingListener;
import dev.mosaic.server.lti.LtiPlatform;
import dev.mosaic.server.lti.LtiTool;
import dev.mosaic.server.room.InMemoryRooms;
import dev.mosaic.server.room.ResumeSecrets;
import dev.mosaic.server.room.RoomServices;
import dev.mosaic.server.room.Rooms;
import dev.mosaic.server.sfu.JanusPool;
import dev.mosaic.server.sfu.SfuConfig;
import dev.mosaic.server.sfu.SfuMedia;
import dev.mosaic.server.signaling.SignalingEndpoint;
import dev.mosaic.server.web.DevTokenRoute;
import dev.mosaic.server.web.EmbedPage;
import dev.mosaic.server.web.HttpHardening;
import dev.mosaic.server.web.RoomsApi;
import dev.mosaic.server.web.WidgetFiles;
import dev.mosaic.server.webhook.WebhookConfig;
import dev.mosaic.server.webhook.WebhookListener;
import dev.mosaic.server.webhook.WebhookSender;
import io.javalin.config.JavalinConfig;
import io.javalin.config.JavalinState;
import io.javalin.plugin.Plugin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mosaic inside an application that already runs Javalin: adds the signaling WebSocket ({@code /ws}),
 * the REST API ({@code /api/rooms}), the widget files ({@code /mosaic/}) and the embed page
 * ({@code /embed/{room}}), with LTI platforms registered the LTI tool ({@code /lti/login}, {@code /lti/launch}),
 * and leaves every other path to the application. Like any Javalin plugin it takes one typed
 * {@link Config}, set in a lambda:
 * <pre>{@code
 * MosaicPlugin mosaic = new MosaicPlugin(m -> {
 *     m.server = MosaicServer.builder().secret(appSecret).allowedOrigin("https://school.example").build();
 *     m.listener = myListener;
 * });
 * Javalin.create(config -> config.registerPlugin(mosaic)).start(8080);
 * String token = mosaic.tokens().issue("maths-101", "u42", "Ada", Role.PARTICIPANT, Duration.ofHours(2));
 * }</pre>
 * {@code MosaicServer.builder()…plugin()} makes the same plugin from the builder's settings.
 */
public final class MosaicPlugin extends Plugin<MosaicPlugin.Config> {
    private static final Logger LOG = LoggerFactory.getLogger(MosaicPlugin.class);
    /** How often rooms past their expiry are looked for: a created room lives at most this much longer. */
    static final Duration DEFAULT_EXPIRY_SWEEP = Duration.ofSeconds(30);

    /** What a {@link MosaicPlugin} is made of; only {@link #server} must be set. */
    public static final class Config {
        /** The server settings (secret, origins, ICE, limits): {@code MosaicServer.builder()…build()}. Required. */
        public ServerConfig server;
        /** The application's callbacks; by default none. */
        public MeetingListener listener = new MeetingListener() {};
        /** Where to post signed webhooks; null for none. */
        public WebhookConfig webhook;
        /** Learning platforms that may launch Mosaic (LTI 1.3, docs/lti.md); none turns the LTI routes off. */
        public List<LtiPlatform> ltiPlatforms = new ArrayList<>();
        /** Janus servers and the default media mode for rooms (docs/sfu.md); by default mesh rooms and no Janus. */
        public SfuConfig sfu = SfuConfig.NONE;
        /** Tests only: the time rooms, attendance and expiry go by. */
        Clock clock = Clock.systemUTC();
        /** Tests only: how often rooms past their expiry are looked for. */
        Duration expirySweep = DEFAULT_EXPIRY_SWEEP;
    }

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
    /** Drives Janus for sfu rooms; has no Janus (and answers sfu_unavailable) without --janus-url. */
    private final SfuMedia sfu;

    /** A plugin set up by {@code userConfig}; throws {@link IllegalStateException} without {@link Config#server}. */
    public MosaicPlugin(Consumer<Config> userConfig) {
        super(userConfig, new Config());
        Config c = pluginConfig;
        if (c.server == null) {
            throw new IllegalStateException("set the plugin's server settings: "
                    + "new MosaicPlugin(m -> m.server = MosaicServer.builder().secret(appSecret).build())");
        }
        this.config = c.server;
        this.sfu = new SfuMedia(new JanusPool(c.sfu.janusUrls(), c.sfu.adminKey()));
        this.clock = Objects.requireNonNull(c.clock, "clock");
        this.webhooks = c.webhook != null ? new WebhookSender(c.webhook) : null;
        MeetingListener listener = Objects.requireNonNull(c.listener, "listener");
        this.tokens = new JoinTokens(
                config.secret(), Clock.systemUTC(), config.limits().maxTokenLifetime());
        this.events = new EventDispatcher(webhooks != null ? new WebhookListener(listener, webhooks) : listener);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mosaic-timers");
            t.setDaemon(true);
            return t;
        });
        ResumeSecrets resumes = new ResumeSecrets();
        this.rooms = new InMemoryRooms(
                new RoomServices(
                        config.ice(),
                        events,
                        resumes,
                        timers,
                        config.limits().resumeGrace(),
                        clock,
                        config.limits().unusedRoomExpiry(),
                        config.limits().maxTokenLifetime(),
                        sfu),
                c.sfu.defaultMedia(),
                c.sfu.sfuThreshold());
        long sweepMillis = c.expirySweep.toMillis();
        timers.scheduleWithFixedDelay(this::expireUnusedRooms, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        List<LtiPlatform> ltiPlatforms = List.copyOf(c.ltiPlatforms);
        this.lti = ltiPlatforms.isEmpty()
                ? null
                : new LtiTool(ltiPlatforms, config.secret(), tokens, events::ltiLaunch, config.allowedOrigins(), clock);
        this.signaling = new SignalingEndpoint(tokens, rooms, resumes, events, config.limits(), timers, clock, sfu);
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
        HttpHardening.register(javalin, config.limits(), timers);
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

    /** Bytes waiting in the fullest outbound queue of any signaling WebSocket (for monitoring). */
    public long largestOutboundQueueBytes() {
        return signaling.largestOutboundQueueBytes();
    }

    /** Stops timers and delivers the callbacks still queued. Javalin calls this when it stops. */
    void close() {
        timers.shutdownNow();
        events.close();
        sfu.close();
        if (webhooks != null) {
            webhooks.close();
        }
    }
}
