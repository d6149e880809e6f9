package dev.mosaic.server.room;

import dev.mosaic.core.protocol.Participant;

/** A participant in a room and the connection that reaches them. */
public record Member(Participant participant, Connection connection) {
    public String id() {
        return participant.id();
    }

    public Member withParticipant(Participant updated) {
        return new Member(updated, connection);
    }
}
