package dev.mosaic.core.e2ee;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The leader's list of members for one epoch (docs/e2ee.md, "Pieces": roster, and "Session"), chained to the previous
 * roster by its hash:
 * rosterHash = SHA-256("WMX1 roster" ‖ lp(roomId) ‖ lp(sessionId) ‖ u32(epoch) ‖ prevRosterHash
 * ‖ for members sorted by participantId: lp(id) ‖ u16(senderIndex) ‖ ik ‖ lp(name).
 * Members sort by UTF-16 code units, which is both Java's {@code compareTo} and JavaScript's default sort.
 */
public record Roster(
        String roomId,
        String sessionId,
        long epoch,
        String leaderId,
        List<RosterMember> members,
        byte[] prevRosterHash) {
    /** prevRosterHash of a session's first roster. */
    public static final byte[] GENESIS = new byte[32];

    public Roster {
        if (epoch < 1 || epoch > 0xFFFF_FFFFL) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "epoch must be a u32 starting at 1");
        }
        if (prevRosterHash == null || prevRosterHash.length != 32) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "prevRosterHash must be 32 bytes");
        }
        List<RosterMember> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(RosterMember::participantId));
        Set<String> ids = new HashSet<>();
        Set<Integer> indexes = new HashSet<>();
        for (RosterMember m : sorted) {
            if (!ids.add(m.participantId()) || !indexes.add(m.senderIndex())) {
                throw new E2eeException(
                        E2eeException.Reason.MALFORMED,
                        "roster lists " + m.participantId() + " or sender index " + m.senderIndex() + " twice");
            }
        }
        if (!ids.contains(leaderId)) {
            throw new E2eeException(
                    E2eeException.Reason.MALFORMED, "the leader " + leaderId + " is not in its own roster");
        }
        members = List.copyOf(sorted);
        prevRosterHash = prevRosterHash.clone();
    }

    @Override
    public byte[] prevRosterHash() {
        return prevRosterHash.clone();
    }

    public byte[] hash() {
        ByteWriter w = new ByteWriter()
                .label("WMX1 roster")
                .lp(roomId)
                .lp(sessionId)
                .u32(epoch)
                .bytes(prevRosterHash);
        for (RosterMember m : members) {
            w.lp(m.participantId()).u16(m.senderIndex()).bytes(m.ik()).lp(m.name());
        }
        return w.sha256();
    }

    public RosterMember member(String participantId) {
        for (RosterMember m : members) {
            if (m.participantId().equals(participantId)) {
                return m;
            }
        }
        return null;
    }

    /** The leader's signature: Ed25519(IK_leader, rosterHash). */
    public byte[] sign(IdentityKey leader) {
        return leader.sign(hash());
    }

    /** Checks the signature with the identity key the roster itself lists for its leader. */
    public void verify(byte[] signature) {
        IdentityKey.requireValid(member(leaderId).ik(), hash(), signature, "roster of epoch " + epoch);
    }
}
