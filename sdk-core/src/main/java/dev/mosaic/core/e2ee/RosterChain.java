package dev.mosaic.core.e2ee;

import java.security.MessageDigest;

/**
 * A member's view of the roster history in one session: accepts a new roster only if it is signed
 * by its leader, newer than the last, chained to it by hash, led by someone from the previous
 * roster, and consistent with the identity keys pinned from hellos.
 */
public final class RosterChain {
    private final IdentityPins pins;
    private Roster current;

    public RosterChain(IdentityPins pins) {
        this.pins = pins;
    }

    /** Accepts {@code next} or throws with the reason; on success it becomes the current roster. */
    public void accept(Roster next, byte[] signature) {
        next.verify(signature);
        if (current != null) {
            if (next.epoch() <= current.epoch()) {
                throw new E2eeException(
                        E2eeException.Reason.STALE,
                        "roster epoch " + next.epoch() + " is not newer than " + current.epoch());
            }
            if (!MessageDigest.isEqual(next.prevRosterHash(), current.hash())) {
                throw new E2eeException(
                        E2eeException.Reason.ROSTER_MISMATCH, "roster does not chain to the previous one");
            }
            if (current.member(next.leaderId()) == null) {
                throw new E2eeException(
                        E2eeException.Reason.ROSTER_MISMATCH,
                        "new leader " + next.leaderId() + " was not in the previous roster");
            }
        }
        for (RosterMember m : next.members()) {
            pins.pinForSession(m.participantId(), m.ik());
        }
        current = next;
    }

    /** The last accepted roster, or null before the first. */
    public Roster current() {
        return current;
    }
}
