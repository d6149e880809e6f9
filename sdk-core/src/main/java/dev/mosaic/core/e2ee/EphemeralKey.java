package dev.mosaic.core.e2ee;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/** The X25519 key (EK) a participant makes for one join; key wraps to and from it. Close it on leave. */
public final class EphemeralKey implements AutoCloseable {
    public static final int LENGTH = 32;
    private final byte[] privateKey;
    private final byte[] publicKey;
    private boolean closed;

    private EphemeralKey(byte[] privateKey) {
        this.privateKey = privateKey;
        this.publicKey = new X25519PrivateKeyParameters(privateKey, 0)
                .generatePublicKey()
                .getEncoded();
    }

    public static EphemeralKey generate(SecureRandom random) {
        return new EphemeralKey(new X25519PrivateKeyParameters(random).getEncoded());
    }

    public static EphemeralKey fromPrivateKey(byte[] raw) {
        if (raw.length != LENGTH) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "an X25519 private key is 32 bytes");
        }
        return new EphemeralKey(raw.clone());
    }

    /** Raw 32-byte public key, the {@code ek} of hello. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** X25519(this, peer). Rejects low-order peer keys, which would give an all-zero secret. */
    public byte[] sharedSecret(byte[] peerPublicKey) {
        if (closed) {
            throw new IllegalStateException("ephemeral key was closed");
        }
        if (peerPublicKey == null || peerPublicKey.length != LENGTH) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "an X25519 public key is 32 bytes");
        }
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(new X25519PrivateKeyParameters(privateKey, 0));
        byte[] shared = new byte[agreement.getAgreementSize()];
        try {
            agreement.calculateAgreement(new X25519PublicKeyParameters(peerPublicKey, 0), shared, 0);
        } catch (IllegalStateException lowOrder) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "peer X25519 key is of low order", lowOrder);
        }
        if (MessageDigest.isEqual(shared, new byte[LENGTH])) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "peer X25519 key is of low order");
        }
        return shared;
    }

    /** Forgets the private key (docs/e2ee.md, "Key ring": keys are deleted when leaving). */
    @Override
    public void close() {
        Arrays.fill(privateKey, (byte) 0);
        closed = true;
    }
}
