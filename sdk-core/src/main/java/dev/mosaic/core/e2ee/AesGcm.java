package dev.mosaic.core.e2ee;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-GCM with a 96-bit nonce and 128-bit tag (JDK provider), for SFrame suites 4/5, key wrap and chat. */
public final class AesGcm implements Aead {
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;

    public AesGcm(byte[] key) {
        if (key.length != 16 && key.length != 32) {
            throw new IllegalArgumentException("AES-GCM needs a 16- or 32-byte key, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, nonce, aad).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    @Override
    public byte[] open(byte[] nonce, byte[] aad, byte[] ciphertextAndTag) {
        if (ciphertextAndTag.length < TAG_BITS / 8) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "ciphertext shorter than the GCM tag");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, nonce, aad).doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            throw new E2eeException(
                    E2eeException.Reason.AUTH_FAILED, "AES-GCM tag mismatch: wrong key or modified data", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        if (nonce.length != CipherSuite.NONCE_LENGTH) {
            throw new IllegalArgumentException("AES-GCM nonce must be 12 bytes, got " + nonce.length);
        }
        // A new Cipher each time: the JDK refuses to reuse a key/IV pair on one instance.
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(aad);
        return c;
    }
}
