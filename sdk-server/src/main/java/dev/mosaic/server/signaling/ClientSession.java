package dev.mosaic.server.signaling;

import dev.mosaic.server.room.Connection;
import dev.mosaic.server.room.Member;
import dev.mosaic.server.room.Room;
import java.util.concurrent.ScheduledFuture;

/**
 * What the server knows about one WebSocket: its link and address, its limiters, and once it has
 * joined (or is waiting), its member and room. Jetty delivers one socket's events one at a time.
 */
final class ClientSession {
    final Connection connection;
    final String address;
    final RateLimiter messages;
    /** Bad messages allowed before the connection is closed as abusive. */
    final RateLimiter errors = new RateLimiter(2, 20);

    volatile Member member;
    volatile Room room;
    volatile ScheduledFuture<?> joinDeadline;

    ClientSession(Connection connection, String address, RateLimiter messages) {
        this.connection = connection;
        this.address = address;
        this.messages = messages;
    }

    boolean joined() {
        return member != null;
    }
}
