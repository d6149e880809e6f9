package dev.mosaic.server.signaling;

import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.MessageCodec;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.Limits;
import dev.mosaic.server.events.EventDispatcher;
import dev.mosaic.server.room.Connection;
import dev.mosaic.server.room.ResumeSecrets;
import dev.mosaic.server.room.Rooms;
import dev.mosaic.server.sfu.SfuMedia;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signaling WebSocket at {@code /ws}: enforces the connection limits, parses each message and
 * hands it to the router. A bad message gets an {@code error} reply and the connection stays open,
 * unless bad messages keep coming.
 */
public final class SignalingEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SignalingEndpoint.class);

    private final SignalRouter router;
    private final Limits limits;
    private final ScheduledExecutorService timers;
    private final AddressLimiter addresses;
    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();

    public SignalingEndpoint(
            JoinTokens tokens,
            Rooms rooms,
            ResumeSecrets resumes,
            EventDispatcher events,
            Limits limits,
            ScheduledExecutorService timers,
            Clock clock) {
        this(tokens, rooms, resumes, events, limits, timers, clock, SfuMedia.none());
    }

    /** {@code sfu} drives the media server of {@code sfu} rooms (docs/sfu.md). */
    public SignalingEndpoint(
            JoinTokens tokens,
            Rooms rooms,
            ResumeSecrets resumes,
            EventDispatcher events,
            Limits limits,
            ScheduledExecutorService timers,
            Clock clock,
            SfuMedia sfu) {
        this.router = new SignalRouter(tokens, rooms, resumes, events, clock, sfu);
        this.limits = limits;
        this.timers = timers;
        this.addresses = new AddressLimiter(limits.connectionsPerAddress());
    }

    public void register(JavalinConfig config) {
        config.jetty.modifyWebSocketServletFactory(factory -> factory.setMaxTextMessageSize(limits.closeAboveBytes()));
        config.routes.ws("/ws", ws -> {
            ws.onConnect(this::opened);
            ws.onMessage(ctx -> {
                ClientSession session = sessions.get(ctx.sessionId());
                if (session != null) {
                    onText(session, ctx.message());
                }
            });
            ws.onClose(ctx -> {
                ClientSession session = sessions.remove(ctx.sessionId());
                if (session != null) {
                    addresses.closed(session.address);
                    if (session.joinDeadline != null) {
                        session.joinDeadline.cancel(false);
                    }
                    router.disconnected(session, ctx.status());
                }
            });
            ws.onError(ctx -> LOG.debug("WebSocket error on {}", ctx.sessionId(), ctx.error()));
        });
    }

    /** How many WebSockets are open. */
    public int openConnections() {
        return sessions.size();
    }

    /** Bytes waiting in the fullest outbound queue. */
    public long largestOutboundQueueBytes() {
        long max = 0;
        for (ClientSession session : sessions.values()) {
            if (session.connection instanceof WsConnection ws) {
                max = Math.max(max, ws.queuedBytes());
            }
        }
        return max;
    }

    private void opened(WsContext ctx) {
        ctx.enableAutomaticPings();
        String address = addressOf(ctx.session.getRemoteSocketAddress());
        WsConnection connection = new WsConnection(ctx.session, limits.maxQueuedMessages(), limits.maxQueuedBytes());
        if (!addresses.tryOpen(address)) {
            connection.send(new ServerMessage.Error(
                    ErrorCode.RATE_LIMITED,
                    "too many connections from your address (" + limits.connectionsPerAddress()
                            + "); close some meetings and try again",
                    null));
            connection.close(Connection.CLOSE_POLICY, "too many connections");
            return;
        }
        ClientSession session = new ClientSession(
                connection, address, new RateLimiter(limits.messagesPerSecond(), limits.messageBurst()));
        sessions.put(ctx.sessionId(), session);
        session.joinDeadline = timers.schedule(
                () -> {
                    if (!session.joined()) {
                        connection.send(new ServerMessage.Error(
                                ErrorCode.UNAUTHORIZED,
                                "no join within " + limits.joinDeadline().toSeconds()
                                        + " s of connecting; connect again and send 'join' first",
                                null));
                        connection.close(Connection.CLOSE_POLICY, "join deadline");
                    }
                },
                limits.joinDeadline().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void onText(ClientSession session, String text) {
        if (!session.messages.tryAcquire()) {
            // Too fast is not malformed: an honest client trickling a burst of ICE candidates gets here.
            // The message is dropped and the sender told, but it does not count toward closing the socket.
            session.connection.send(new ServerMessage.Error(
                    ErrorCode.RATE_LIMITED,
                    "more than " + limits.messagesPerSecond()
                            + " messages per second; this message was dropped, slow down",
                    null));
            return;
        }
        try {
            // Characters first: cheap, and a UTF-8 byte is never fewer than a char.
            if (text.length() > limits.maxMessageBytes() || Utf8.length(text) > limits.maxMessageBytes()) {
                router.handle(session, largeSfuAnswer(text));
                return;
            }
            router.handle(session, MessageCodec.decodeClient(text));
        } catch (ProtocolException e) {
            session.connection.send(e.toMessage());
            if (!session.errors.tryAcquire()) {
                session.connection.close(Connection.CLOSE_POLICY, "too many bad messages");
            }
        } catch (RuntimeException e) {
            LOG.error("unexpected failure handling a message", e);
            session.connection.send(
                    new ServerMessage.Error(ErrorCode.BAD_REQUEST, "the server could not handle this message", null));
        }
    }

    /**
     * An {@code sfu.answer} may be larger than other messages (up to {@link Limits#closeAboveBytes()}, where
     * the socket closes): its SDP has an m-line per stream received (about 700 characters each, up to
     * 150 streams and {@code MAX_SFU_ANSWER_SDP_CHARS}). Everything else over the limit is {@code too_large}.
     */
    private ClientMessage largeSfuAnswer(String text) throws ProtocolException {
        ProtocolException tooLarge = new ProtocolException(
                ErrorCode.TOO_LARGE, "message exceeds the limit of " + limits.maxMessageBytes() + " bytes");
        ClientMessage message;
        try {
            message = MessageCodec.decodeClient(text);
        } catch (ProtocolException e) {
            throw tooLarge;
        }
        if (!(message instanceof ClientMessage.SfuAnswer)) {
            throw tooLarge;
        }
        return message;
    }

    private static String addressOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
