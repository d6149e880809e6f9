package dev.mosaic.server.room;

import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.server.events.Attendance;
import java.util.List;
import java.util.Optional;

/**
 * The rooms of a server. A room starts when it is created through the API or when the first join
 * for its name arrives, and ends when its last person leaves or it is ended. Behind this interface
 * so a shared store can replace the in-memory one for several server nodes.
 */
public interface Rooms {
    /** Creates an empty room with {@code options}; {@code conflict} if one of that name is going on. */
    Room create(String name, RoomOptions options) throws ProtocolException;

    /** The going room of that name, or a new one with default options. */
    Room open(String name);

    Optional<Room> find(String name);

    /** Every room going on, in no particular order. */
    List<Room> all();

    /** How many rooms are going on. */
    int roomCount();

    /** Attendance of the going room of that name, else of the last one that ended under that name. */
    Optional<Attendance> attendance(String name);
}
