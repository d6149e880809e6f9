package dev.mosaic.server.signaling;

import dev.mosaic.core.protocol.Participant;
import dev.mosaic.server.room.Connection;

/** What the server knows about one WebSocket: its link, and the room and participant once joined. */
final class ConnectionState {
    final Connection connection;
    volatile String room;
    volatile Participant participant;

    ConnectionState(Connection connection) {
        this.connection = connection;
    }

    boolean joined() {
        return participant != null;
    }
}
