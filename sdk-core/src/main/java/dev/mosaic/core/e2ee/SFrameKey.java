package dev.mosaic.core.e2ee;

/**
 * One KID's encryption state (RFC 9605 §4.4.2): {@code sframe_key} and {@code sframe_salt}
 * derived from a base key, with the keyed AEAD ready to use.
 */
public final class SFrameKey {
    private final CipherSuite suite;
    private final long kid;
    private final byte[] key;
    private final byte[] salt;
    private final Aead aead;

    private SFrameKey(CipherSuite suite, long kid, byte[] key, byte[] salt) {
        this.suite = suite;
        this.kid = kid;
        this.key = key;
        this.salt = salt;
        this.aead = suite.aead(key);
    }

    /**
     * sframe_secret = HKDF-Extract("", base_key); key and salt = HKDF-Expand with the labels
     * {@code "SFrame 1.0 Secret key " ‖ u64(KID) ‖ u16(suite)} and {@code "… salt "}.
     */
    public static SFrameKey derive(CipherSuite suite, long kid, byte[] baseKey) {
        byte[] secret = Hkdf.extract(suite.hash(), new byte[0], baseKey);
        byte[] key = Hkdf.expand(suite.hash(), secret, label("SFrame 1.0 Secret key ", kid, suite), suite.keyLength());
        byte[] salt = Hkdf.expand(
                suite.hash(), secret, label("SFrame 1.0 Secret salt ", kid, suite), CipherSuite.NONCE_LENGTH);
        return new SFrameKey(suite, kid, key, salt);
    }

    static byte[] label(String prefix, long kid, CipherSuite suite) {
        return new ByteWriter().label(prefix).u64(kid).u16(suite.id()).toByteArray();
    }

    /** nonce = sframe_salt XOR u96(CTR) (§4.4.3). */
    public byte[] nonce(long ctr) {
        byte[] nonce = salt.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (ctr >>> (8 * i));
        }
        return nonce;
    }

    public CipherSuite suite() {
        return suite;
    }

    public long kid() {
        return kid;
    }

    public byte[] key() {
        return key.clone();
    }

    public byte[] salt() {
        return salt.clone();
    }

    Aead aead() {
        return aead;
    }
}
