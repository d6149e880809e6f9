package dev.mosaic.core.e2ee;

/** An authenticated cipher with a fixed key: the AEAD of an SFrame cipher suite. */
public interface Aead {
    /** ciphertext ‖ tag. */
    byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext);

    /** The plaintext, or {@link E2eeException.Reason#AUTH_FAILED} if anything was changed. */
    byte[] open(byte[] nonce, byte[] aad, byte[] ciphertextAndTag);
}
