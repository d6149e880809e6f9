package dev.mosaic.server.signaling;

import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.IceServer;
import dev.mosaic.core.protocol.MessageCodec;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.room.Rooms;
import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signaling WebSocket at {@code /ws}: parses each message, checks it, and hands it to the
 * router. A bad message gets an {@code error} reply and the connection stays open.
 */
public final class SignalingEndpoint {
    /** Largest text message accepted; SDP offers with many tracks stay well under this. */
    public static final int MAX_MESSAGE_CHARS = 64 * 1024;
    /**
     * Beyond this Jetty stops reading and closes the socket with 1009 (message too big). Between the
     * two limits a sender gets a {@code too_large} error and keeps its connection.
     */
    public static final int CLOSE_ABOVE_BYTES = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(SignalingEndpoint.class);

    private final SignalRouter router;
    private final Map<String, ConnectionState> connections = new ConcurrentHashMap<>();

    public SignalingEndpoint(JoinTokens tokens, Rooms rooms, List<IceServer> iceServers) {
        this.router = new SignalRouter(tokens, rooms, iceServers);
    }

    public void register(JavalinConfig config) {
        config.jetty.modifyWebSocketServletFactory(factory -> factory.setMaxTextMessageSize(CLOSE_ABOVE_BYTES));
        config.routes.ws("/ws", ws -> {
            ws.onConnect(ctx -> {
                ctx.enableAutomaticPings();
                connections.put(ctx.sessionId(), new ConnectionState(new WsConnection(ctx)));
            });
            ws.onMessage(ctx -> {
                ConnectionState state = connections.get(ctx.sessionId());
                if (state != null) {
                    onText(state, ctx.message());
                }
            });
            ws.onClose(ctx -> {
                ConnectionState state = connections.remove(ctx.sessionId());
                if (state != null) {
                    router.disconnected(state);
                }
            });
            ws.onError(ctx -> LOG.debug("WebSocket error on {}", ctx.sessionId(), ctx.error()));
        });
    }

    private void onText(ConnectionState state, String text) {
        try {
            if (text.length() > MAX_MESSAGE_CHARS) {
                throw new ProtocolException(ErrorCode.TOO_LARGE,
                        "message of " + text.length() + " characters exceeds the limit of " + MAX_MESSAGE_CHARS);
            }
            router.handle(state, MessageCodec.decodeClient(text));
        } catch (ProtocolException e) {
            state.connection.send(e.toMessage());
        }
    }
}
