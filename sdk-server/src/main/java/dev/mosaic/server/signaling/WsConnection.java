package dev.mosaic.server.signaling;

import dev.mosaic.core.protocol.MessageCodec;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.server.room.Connection;
import io.javalin.websocket.WsContext;

/** A {@link Connection} over a Javalin WebSocket. Sends are serialised: Jetty allows one blocking send at a time. */
final class WsConnection implements Connection {
    private final WsContext ctx;

    WsConnection(WsContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public synchronized void send(ServerMessage message) {
        if (ctx.session.isOpen()) {
            ctx.send(MessageCodec.encode(message));
        }
    }

    @Override
    public void close(int code, String reason) {
        ctx.closeSession(code, reason);
    }
}
