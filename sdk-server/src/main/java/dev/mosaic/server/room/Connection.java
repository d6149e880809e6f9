package dev.mosaic.server.room;

import dev.mosaic.core.protocol.ServerMessage;

/** One participant's link to the server; room code sends through this and knows nothing of WebSockets. */
public interface Connection {
    void send(ServerMessage message);

    /** Closes with a WebSocket close code and a short reason. */
    void close(int code, String reason);
}
