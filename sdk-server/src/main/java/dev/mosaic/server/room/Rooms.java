package dev.mosaic.server.room;

import dev.mosaic.core.protocol.MediaState;
import java.util.List;
import java.util.Optional;

/**
 * Who is in which room. A room exists while it has members. Kept behind this interface so that a
 * shared store can replace the in-memory one for several server nodes.
 */
public interface Rooms {
    /** Adds {@code member} to {@code room} (creating it) and returns who was already there, in join order. */
    List<Member> join(String room, Member member);

    /** Removes a participant; the room ends when its last member leaves. */
    Optional<Member> leave(String room, String participantId);

    Optional<Member> find(String room, String participantId);

    /** Members in join order; empty when the room does not exist. */
    List<Member> members(String room);

    /** Replaces a participant's media state and returns the updated member. */
    Optional<Member> updateMedia(String room, String participantId, MediaState media);

    /** How many rooms have at least one member. */
    int roomCount();
}
