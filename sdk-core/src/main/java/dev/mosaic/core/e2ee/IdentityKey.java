package dev.mosaic.core.e2ee;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A participant's long-lived Ed25519 identity key (IK). It signs the hello binding, rosters,
 * activations and chat; its public half is what the security code and TOFU pins cover.
 */
public final class IdentityKey {
    public static final int LENGTH = 32;
    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;

    private IdentityKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey().getEncoded();
    }

    public static IdentityKey generate(SecureRandom random) {
        return new IdentityKey(new Ed25519PrivateKeyParameters(random));
    }

    /** From the raw 32-byte private key (RFC 8032 seed), e.g. one read back from storage. */
    public static IdentityKey fromPrivateKey(byte[] seed) {
        if (seed.length != LENGTH) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "an Ed25519 private key is 32 bytes");
        }
        return new IdentityKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** Raw 32-byte public key, the {@code ik} of hello and roster. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Raw 32-byte private key, only for writing it to protected storage. */
    public byte[] privateKey() {
        return privateKey.getEncoded();
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != LENGTH || signature == null || signature.length != 64) {
            return false;
        }
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (IllegalArgumentException notACurvePoint) {
            return false;
        }
    }

    /** Throws {@link E2eeException.Reason#BAD_SIGNATURE} naming {@code what} unless the signature verifies. */
    public static void requireValid(byte[] publicKey, byte[] message, byte[] signature, String what) {
        if (!verify(publicKey, message, signature)) {
            throw new E2eeException(E2eeException.Reason.BAD_SIGNATURE, what + " signature does not verify");
        }
    }
}
