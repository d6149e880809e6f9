package dev.mosaic.server.room;

import dev.mosaic.core.protocol.Participant;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a room for the REST API and the host application.
 *
 * @param passcode    whether joining needs a passcode (the passcode itself is never shown)
 * @param startedAt   when the first participant entered; null before
 * @param expiresAt   when this room, created through the API, is removed if nobody has entered it by
 *                    then; null once someone has (it then ends when the last person leaves)
 * @param unmuteLocked kinds of media participants may not turn on themselves (hosts always may)
 * @param waiting     people in the waiting room, in arrival order
 * @param media       how media travel, as the room was created: mesh, sfu or auto
 * @param mediaNow    how they travel now: mesh or sfu (an auto room is a mesh until it moves)
 * @param sfuThreshold an auto room moves to the SFU when more than this many people are in it; null otherwise
 */
public record RoomState(
        String room,
        boolean e2ee,
        int capacity,
        boolean passcode,
        boolean waitingRoom,
        boolean locked,
        List<dev.mosaic.core.protocol.MediaKind> unmuteLocked,
        Instant startedAt,
        Instant expiresAt,
        List<Participant> participants,
        List<Participant> waiting,
        dev.mosaic.core.protocol.MediaMode media,
        dev.mosaic.core.protocol.MediaMode mediaNow,
        Integer sfuThreshold) {}
