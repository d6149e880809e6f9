package dev.mosaic.server.room;

import dev.mosaic.core.protocol.ServerMessage;

/**
 * One participant's link to the server; room code sends through this and knows nothing of WebSockets.
 * Both methods must return quickly (queue, never block on the network) because rooms call them
 * while holding their lock.
 */
public interface Connection {
    /** Close code: the meeting ended or you were removed or denied; do not reconnect. */
    int CLOSE_DONE = 1000;
    /** Close code: a rule was broken (limits, join deadline). */
    int CLOSE_POLICY = 1008;
    /** Close code: the session was resumed on another connection. */
    int CLOSE_RESUMED_ELSEWHERE = 4001;

    void send(ServerMessage message);

    /** Sends what is queued, then closes with a WebSocket close code and a short reason. */
    void close(int code, String reason);
}
