package dev.mosaic.core.e2ee;

import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF (RFC 5869) on Bouncy Castle. WMX1 uses SHA-256; SFrame's key schedule uses the suite's hash. */
public final class Hkdf {
    private Hkdf() {}

    /** Extract then expand, as WebCrypto's {@code deriveBits({name:'HKDF'})} does. An empty salt means HashLen zeros. */
    public static byte[] derive(CipherSuite.Hash hash, byte[] ikm, byte[] salt, byte[] info, int length) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(hash.newDigest());
        g.init(new HKDFParameters(ikm, salt.length == 0 ? null : salt, info));
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }

    public static byte[] sha256(byte[] ikm, byte[] salt, byte[] info, int length) {
        return derive(CipherSuite.Hash.SHA256, ikm, salt, info, length);
    }

    public static byte[] extract(CipherSuite.Hash hash, byte[] salt, byte[] ikm) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(hash.newDigest());
        return g.extractPRK(salt.length == 0 ? null : salt, ikm);
    }

    public static byte[] expand(CipherSuite.Hash hash, byte[] prk, byte[] info, int length) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(hash.newDigest());
        g.init(HKDFParameters.skipExtractParameters(prk, info));
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }
}
