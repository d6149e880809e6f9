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
 * @param media       how media travels: mesh or sfu
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
        dev.mosaic.core.protocol.MediaMode media) {}
