package dev.mosaic.server.events;

import java.util.Objects;

/** What {@link MeetingListener#onJoinRequest} decided for one join. */
public sealed interface JoinDecision {
    /** Let them in (subject to the room's capacity and lock). */
    static JoinDecision allow() {
        return Allow.INSTANCE;
    }

    /** Refuse with a reason the person sees; they get error {@code forbidden} with this message. */
    static JoinDecision deny(String reason) {
        return new Deny(reason);
    }

    /** Put them in the waiting room until a host admits or denies them. */
    static JoinDecision waitingRoom() {
        return WaitingRoom.INSTANCE;
    }

    enum Allow implements JoinDecision {
        INSTANCE
    }

    enum WaitingRoom implements JoinDecision {
        INSTANCE
    }

    record Deny(String reason) implements JoinDecision {
        public Deny {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
