package dev.mosaic.core.client;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a {@link MeetingClient}'s connection is, and the one table of the moves between states. Anything
 * else is a bug in the client, and {@link #canMoveTo} says so.
 */
public enum ConnectionState {
    /** Built, {@code join} not called yet. */
    NEW,
    /** Opening the socket and sending {@code join}. */
    CONNECTING,
    /** In the waiting room until a host admits us. */
    WAITING,
    /** In the room. */
    JOINED,
    /** The socket dropped; trying to resume (or, after the grace period, to join again). */
    RECONNECTING,
    /** Out for good; {@code leftReason} says why. */
    LEFT;

    private static final Map<ConnectionState, Set<ConnectionState>> MOVES = Map.of(
            NEW, EnumSet.of(CONNECTING, LEFT),
            CONNECTING, EnumSet.of(WAITING, JOINED, LEFT),
            WAITING, EnumSet.of(JOINED, LEFT),
            JOINED, EnumSet.of(RECONNECTING, LEFT),
            // Back after the grace period into a room with a waiting room: WAITING again.
            RECONNECTING, EnumSet.of(JOINED, WAITING, LEFT),
            LEFT, EnumSet.noneOf(ConnectionState.class));

    /** Whether the client may go from this state to {@code next}. */
    public boolean canMoveTo(ConnectionState next) {
        return MOVES.get(this).contains(next);
    }

    /** In the room, or getting back into it. */
    public boolean inMeeting() {
        return this == JOINED || this == RECONNECTING;
    }
}
