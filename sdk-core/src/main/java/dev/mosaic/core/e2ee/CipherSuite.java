package dev.mosaic.core.e2ee;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * The SFrame cipher suites of RFC 9605 §4.5 / §8.1. WMX1 media uses
 * {@link #AES_256_GCM_SHA512_128}; the others exist so the RFC's vectors can be checked.
 */
public enum CipherSuite {
    AES_128_CTR_HMAC_SHA256_80(0x0001, 16, 32, 10, Hash.SHA256),
    AES_128_CTR_HMAC_SHA256_64(0x0002, 16, 32, 8, Hash.SHA256),
    AES_128_CTR_HMAC_SHA256_32(0x0003, 16, 32, 4, Hash.SHA256),
    AES_128_GCM_SHA256_128(0x0004, 16, 0, 16, Hash.SHA256),
    AES_256_GCM_SHA512_128(0x0005, 32, 0, 16, Hash.SHA512);

    /** Nonce length Nn, the same for every suite. */
    public static final int NONCE_LENGTH = 12;

    /** The hash behind a suite's HKDF and, for CTR suites, its HMAC. */
    public enum Hash {
        SHA256("HmacSHA256"),
        SHA512("HmacSHA512");

        private final String hmacName;

        Hash(String hmacName) {
            this.hmacName = hmacName;
        }

        public Digest newDigest() {
            return this == SHA256 ? new SHA256Digest() : new SHA512Digest();
        }

        public String hmacName() {
            return hmacName;
        }
    }

    private final int id;
    private final int encKeyLength;
    private final int authKeyLength;
    private final int tagLength;
    private final Hash hash;

    CipherSuite(int id, int encKeyLength, int authKeyLength, int tagLength, Hash hash) {
        this.id = id;
        this.encKeyLength = encKeyLength;
        this.authKeyLength = authKeyLength;
        this.tagLength = tagLength;
        this.hash = hash;
    }

    /** The IANA value, e.g. 5 for AES_256_GCM_SHA512_128. */
    public int id() {
        return id;
    }

    /** Nk: the AEAD key length (for CTR suites the encryption key followed by the HMAC key). */
    public int keyLength() {
        return encKeyLength + authKeyLength;
    }

    /** Nt: authentication tag length. */
    public int tagLength() {
        return tagLength;
    }

    public Hash hash() {
        return hash;
    }

    public boolean isGcm() {
        return authKeyLength == 0;
    }

    /** An AEAD keyed for this suite. */
    public Aead aead(byte[] key) {
        if (key.length != keyLength()) {
            throw new IllegalArgumentException(name() + " needs a " + keyLength() + "-byte key, got " + key.length);
        }
        return isGcm() ? new AesGcm(key) : new AesCtrHmac(key, encKeyLength, hash.hmacName(), tagLength);
    }

    public static CipherSuite byId(int id) {
        for (CipherSuite s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown SFrame cipher suite 0x" + Integer.toHexString(id));
    }
}
