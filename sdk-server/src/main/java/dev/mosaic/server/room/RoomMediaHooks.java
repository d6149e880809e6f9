package dev.mosaic.server.room;

import dev.mosaic.core.protocol.MediaKind;
import java.util.Set;

/**
 * What a media server driver (the SFU, docs/sfu.md) must hear about a room, with the room and member
 * themselves. Rooms call these under their lock, in the order of changes: they must only queue work.
 */
public interface RoomMediaHooks {
    RoomMediaHooks NONE = new RoomMediaHooks() {};

    /** The first participant entered. */
    default void started(Room room) {}

    /** {@code member} is in the room now (joined, or admitted from the waiting room). */
    default void admitted(Room room, Member member) {}

    /** {@code member} left for good (left, removed, disconnected past the grace period, ended). */
    default void left(Room room, Member member) {}

    /**
     * What of {@code member}'s media a host keeps from reaching anyone now: each kind the room has
     * locked ({@code allowUnmute} false) that the server does not have as on for this member (hosts:
     * always empty). Called on entry and after every change that may alter it, often with no change.
     */
    default void withheld(Room room, Member member, Set<MediaKind> kinds) {}

    /** The room ended. */
    default void ended(Room room) {}

    /**
     * An {@code auto} room has more people than its threshold and is still a mesh: move it to the SFU
     * ({@link Room#moveToSfu}) once a media server room is ready for it, or tell its hosts why not
     * ({@link Room#sfuUnavailable}). Called again for every later arrival while it stays a mesh.
     */
    default void crowded(Room room) {
        room.sfuUnavailable("this server has no media server");
    }
}
