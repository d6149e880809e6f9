package dev.mosaic.server.room;

import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.server.events.Attendance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rooms of a server. A room starts when it is created through the API or when the first join
 * for its name arrives. Its meeting ends when its last person leaves or it is ended; a room created
 * through the API, or one someone was removed from, then stays, empty, with its settings and removals
 * until it is deleted ({@link Room#end()}) or expires ({@link #expireUnused}), so a valid token cannot
 * reopen it plain. Behind this interface
 * so a shared store can replace the in-memory one for several server nodes.
 */
public interface Rooms {
    /** Longest a created room may wait for its first participant, server-wide or per room. */
    Duration MAX_EXPIRY = Duration.ofDays(366);

    /**
     * Creates an empty room with {@code options} that is removed if nobody has entered it by
     * {@code expiresAt}; {@code conflict} if one of that name is going on.
     */
    Room create(String name, RoomOptions options, Instant expiresAt) throws ProtocolException;

    /** Creates an empty room that waits for its first participant as long as the server's default. */
    Room create(String name, RoomOptions options) throws ProtocolException;

    /** Deletes every created or kept room whose expiry has passed with nobody in it or waiting; returns how many. */
    int expireUnused();

    /** The room of that name (going on, or kept between meetings), or a new one with default options. */
    Room open(String name);

    Optional<Room> find(String name);

    /** Every room going on or kept between meetings, in no particular order. */
    List<Room> all();

    /** How many rooms are going on. */
    int roomCount();

    /** Attendance of the going room of that name, else of the last one that ended under that name. */
    Optional<Attendance> attendance(String name);
}
