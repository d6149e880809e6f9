package dev.mosaic.core.e2ee;

/** One member of a signed roster: server id, leader-assigned sender index, identity key, name it signed in its hello. */
public record RosterMember(String participantId, int senderIndex, byte[] ik, String name) {
    public RosterMember {
        if (participantId == null || participantId.isEmpty()) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "roster member without participantId");
        }
        if (senderIndex < 0 || senderIndex > 0xFFFF) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "senderIndex is a u16: " + senderIndex);
        }
        if (ik == null || ik.length != IdentityKey.LENGTH) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "ik of " + participantId + " must be 32 bytes");
        }
        if (name == null) {
            throw new E2eeException(
                    E2eeException.Reason.MALFORMED, "roster member " + participantId + " without a name");
        }
        ik = ik.clone();
    }

    @Override
    public byte[] ik() {
        return ik.clone();
    }
}
