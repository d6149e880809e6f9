package dev.mosaic.core.e2ee;

/**
 * What an {@code e2ee.hello} signs (docs/e2ee.md, "Pieces": hello binding): it binds the join's X25519 key and,
 * for browsers, the DTLS certificate fingerprint to the sender's identity key, together with the display
 * name the sender was given (so a server cannot show another name next to an honest key unnoticed).
 * bind = "WMX1-bind" ‖ lp(roomId) ‖ lp(sessionId) ‖ lp(participantId) ‖ lp(name) ‖ lp(ek) ‖ lp(dtlsFp).
 *
 * @param name the sender's display name as the server gave it in {@code joined}
 * @param dtlsFingerprint SHA-256 of the DTLS certificate, or an empty array for SDK clients without WebRTC
 */
public record HelloBinding(
        String roomId, String sessionId, String participantId, String name, byte[] ek, byte[] dtlsFingerprint) {
    public HelloBinding {
        if (ek == null || ek.length != EphemeralKey.LENGTH) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "hello ek must be a 32-byte X25519 key");
        }
        if (name == null) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "hello without a name");
        }
        dtlsFingerprint = dtlsFingerprint == null ? new byte[0] : dtlsFingerprint.clone();
        ek = ek.clone();
    }

    public byte[] toBytes() {
        return new ByteWriter()
                .label("WMX1-bind")
                .lp(roomId)
                .lp(sessionId)
                .lp(participantId)
                .lp(name)
                .lp(ek)
                .lp(dtlsFingerprint)
                .toByteArray();
    }

    public byte[] sign(IdentityKey identity) {
        return identity.sign(toBytes());
    }

    /** Checks the hello's {@code sig} with the {@code ik} it carries. */
    public void verify(byte[] ik, byte[] signature) {
        IdentityKey.requireValid(ik, toBytes(), signature, "hello from " + participantId);
    }
}
