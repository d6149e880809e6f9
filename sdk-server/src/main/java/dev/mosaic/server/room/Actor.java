package dev.mosaic.server.room;

import dev.mosaic.core.protocol.Participant;

/**
 * Who takes a host action: a host in the room (a {@link Member}), or the application itself through
 * the REST API ({@link #APPLICATION}). The application is no participant: it never appears in a roster,
 * so {@code muted} carries no {@code by} and callbacks get a null host.
 */
public sealed interface Actor permits Member, Actor.Application {
    /** The host application's backend, acting with the app secret. */
    Actor APPLICATION = Application.INSTANCE;

    /** The acting host as the room sees them, or null when the application acts. */
    Participant participant();

    /** The acting host's participant id, or null when the application acts. */
    default String participantId() {
        Participant p = participant();
        return p != null ? p.id() : null;
    }

    /** The one application actor; an enum so there is exactly one. */
    enum Application implements Actor {
        INSTANCE;

        @Override
        public Participant participant() {
            return null;
        }

        @Override
        public String toString() {
            return "application";
        }
    }
}
