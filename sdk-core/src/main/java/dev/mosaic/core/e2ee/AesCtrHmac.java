package dev.mosaic.core.e2ee;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-CTR + HMAC AEAD of RFC 9605 §4.5.1: key = enc_key ‖ auth_key, CTR starts at
 * nonce ‖ 0x00000000, tag = HMAC(auth_key, u64(len aad) ‖ u64(len ct) ‖ u64(Nt) ‖ nonce ‖ aad ‖ ct)
 * truncated to Nt bytes.
 */
public final class AesCtrHmac implements Aead {
    private final SecretKeySpec encKey;
    private final SecretKeySpec authKey;
    private final String macName;
    private final int tagLength;

    public AesCtrHmac(byte[] key, int encKeyLength, String macName, int tagLength) {
        this.encKey = new SecretKeySpec(Arrays.copyOfRange(key, 0, encKeyLength), "AES");
        this.authKey = new SecretKeySpec(Arrays.copyOfRange(key, encKeyLength, key.length), macName);
        this.macName = macName;
        this.tagLength = tagLength;
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext) {
        byte[] ct = ctr(nonce, plaintext);
        byte[] tag = tag(nonce, aad, ct);
        byte[] out = Arrays.copyOf(ct, ct.length + tagLength);
        System.arraycopy(tag, 0, out, ct.length, tagLength);
        return out;
    }

    @Override
    public byte[] open(byte[] nonce, byte[] aad, byte[] ciphertextAndTag) {
        if (ciphertextAndTag.length < tagLength) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "ciphertext shorter than the tag");
        }
        int ctLength = ciphertextAndTag.length - tagLength;
        byte[] ct = Arrays.copyOf(ciphertextAndTag, ctLength);
        byte[] expected = tag(nonce, aad, ct);
        byte[] actual = Arrays.copyOfRange(ciphertextAndTag, ctLength, ciphertextAndTag.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new E2eeException(E2eeException.Reason.AUTH_FAILED, "HMAC tag mismatch: wrong key or modified data");
        }
        return ctr(nonce, ct);
    }

    private byte[] ctr(byte[] nonce, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, encKey, new IvParameterSpec(Arrays.copyOf(nonce, 16)));
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        }
    }

    private byte[] tag(byte[] nonce, byte[] aad, byte[] ct) {
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(authKey);
            mac.update(new ByteWriter()
                    .u64(aad.length)
                    .u64(ct.length)
                    .u64(tagLength)
                    .toByteArray());
            mac.update(nonce);
            mac.update(aad);
            mac.update(ct);
            return Arrays.copyOf(mac.doFinal(), tagLength);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC failed", e);
        }
    }
}
