package dev.mosaic.core.e2ee;

import java.util.Arrays;

/**
 * The leader wraps MK_e ‖ rosterHash for each member (docs/e2ee.md, "Pieces": key wrap):
 * wrapKey = HKDF(X25519(EK_from, EK_to), salt, info, 32), then AES-256-GCM with a random nonce.
 * salt = SHA-256("WMX1-wrap-salt" ‖ lp(roomId) ‖ lp(sessionId));
 * info = "WMX1 key-wrap" ‖ lp(from) ‖ lp(to) ‖ ek_from ‖ ek_to.
 */
public final class KeyWrap {
    public static final int NONCE_LENGTH = 12;

    /** The content of a key delivery: the epoch's meeting key and the roster it belongs to. */
    public record Unwrapped(byte[] mk, byte[] rosterHash) {
        /** {@link E2eeException.Reason#ROSTER_MISMATCH} unless the key names the roster the leader signed. */
        public void requireRoster(byte[] signedRosterHash) {
            if (!java.security.MessageDigest.isEqual(rosterHash, signedRosterHash)) {
                throw new E2eeException(
                        E2eeException.Reason.ROSTER_MISMATCH,
                        "the delivered key belongs to another roster than the signed one");
            }
        }
    }

    private KeyWrap() {}

    /** Leader side: {@code self} is the leader's EK, {@code peerEk} the member's. */
    public static byte[] wrap(
            EphemeralKey self, byte[] peerEk, KeyDelivery d, byte[] mk, byte[] rosterHash, byte[] nonce) {
        MediaKeys.requireMk(mk);
        if (rosterHash.length != 32 || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("rosterHash is 32 bytes and the nonce 12");
        }
        byte[] key = wrapKey(self.sharedSecret(peerEk), d, self.publicKey(), peerEk);
        return new AesGcm(key).seal(nonce, d.aad(), SFrame.concat(mk, rosterHash));
    }

    /** Member side: {@code self} is the member's EK, {@code leaderEk} the sender's from its hello. */
    public static Unwrapped unwrap(EphemeralKey self, byte[] leaderEk, KeyDelivery d, byte[] nonce, byte[] wrapped) {
        if (nonce.length != NONCE_LENGTH) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "key-wrap nonce must be 12 bytes");
        }
        byte[] key = wrapKey(self.sharedSecret(leaderEk), d, leaderEk, self.publicKey());
        byte[] plain = new AesGcm(key).open(nonce, d.aad(), wrapped);
        if (plain.length != 64) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "wrapped key must hold MK and a roster hash");
        }
        return new Unwrapped(Arrays.copyOf(plain, 32), Arrays.copyOfRange(plain, 32, 64));
    }

    static byte[] wrapKey(byte[] shared, KeyDelivery d, byte[] ekFrom, byte[] ekTo) {
        byte[] salt = new ByteWriter()
                .label("WMX1-wrap-salt")
                .lp(d.roomId())
                .lp(d.sessionId())
                .sha256();
        byte[] info = new ByteWriter()
                .label("WMX1 key-wrap")
                .lp(d.from())
                .lp(d.to())
                .bytes(ekFrom)
                .bytes(ekTo)
                .toByteArray();
        return Hkdf.sha256(shared, salt, info, 32);
    }
}
