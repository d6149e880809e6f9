package dev.mosaic.core.e2ee;

import static dev.mosaic.core.e2ee.TestVectors.hex;
import static dev.mosaic.core.e2ee.TestVectors.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every vector of RFC 9605 Appendix C (vectors/sframe-rfc9605.json) that our suites cover. */
class SFrameRfcVectorsTest {
    private static final JsonObject VECTORS = TestVectors.load("sframe-rfc9605.json");

    @TestFactory
    Stream<DynamicTest> headerEncodingMatchesEveryVector() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : VECTORS.getAsJsonArray("header")) {
            JsonObject v = e.getAsJsonObject();
            long kid = u64(v.get("kid"));
            long ctr = u64(v.get("ctr"));
            byte[] encoded = hex(v, "encoded");
            tests.add(DynamicTest.dynamicTest(
                    "header kid=" + Long.toUnsignedString(kid) + " ctr=" + Long.toUnsignedString(ctr), () -> {
                        assertArrayEquals(encoded, new SFrameHeader(kid, ctr).encode());
                        SFrameHeader.Decoded d = SFrameHeader.decode(encoded);
                        assertEquals(new SFrameHeader(kid, ctr), d.header());
                        assertEquals(encoded.length, d.length());
                    }));
        }
        assertEquals(289, tests.size());
        return tests.stream();
    }

    /** Appendix C.2: the AES-CTR + HMAC AEAD on its own (suites 1-3, and the 256-bit variants 6-8 in the file). */
    @TestFactory
    Stream<DynamicTest> ctrHmacAeadMatchesEveryVector() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String group : List.of("aes_ctr_hmac", "aes_256_ctr_hmac")) {
            for (JsonElement e : VECTORS.getAsJsonArray(group)) {
                JsonObject v = e.getAsJsonObject();
                int suite = v.get("cipher_suite").getAsInt();
                tests.add(DynamicTest.dynamicTest(group + " suite " + suite, () -> {
                    byte[] key = hex(v, "key");
                    byte[] encKey = hex(v, "enc_key");
                    int tagLength = hex(v, "ct").length - hex(v, "pt").length;
                    String mac = encKey.length == 16 ? "HmacSHA256" : "HmacSHA512";
                    Aead aead = new AesCtrHmac(key, encKey.length, mac, tagLength);
                    if (suite <= 3) {
                        assertEquals(CipherSuite.byId(suite).tagLength(), tagLength);
                    }
                    assertArrayEquals(hex(v, "ct"), aead.seal(hex(v, "nonce"), hex(v, "aad"), hex(v, "pt")));
                    assertArrayEquals(hex(v, "pt"), aead.open(hex(v, "nonce"), hex(v, "aad"), hex(v, "ct")));
                }));
            }
        }
        assertEquals(6, tests.size());
        return tests.stream();
    }

    /** Appendix C.3: key schedule, nonce, AAD and the full SFrame encryption for suites 1-5. */
    @TestFactory
    Stream<DynamicTest> sframeEncryptionMatchesEveryVector() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : VECTORS.getAsJsonArray("sframe")) {
            JsonObject v = e.getAsJsonObject();
            CipherSuite suite = CipherSuite.byId(v.get("cipher_suite").getAsInt());
            tests.add(DynamicTest.dynamicTest("sframe " + suite, () -> {
                long kid = u64(v.get("kid"));
                long ctr = u64(v.get("ctr"));
                byte[] baseKey = hex(v, "base_key");
                assertArrayEquals(hex(v, "sframe_key_label"), SFrameKey.label("SFrame 1.0 Secret key ", kid, suite));
                assertArrayEquals(hex(v, "sframe_salt_label"), SFrameKey.label("SFrame 1.0 Secret salt ", kid, suite));
                assertArrayEquals(hex(v, "sframe_secret"), Hkdf.extract(suite.hash(), new byte[0], baseKey));
                SFrameKey key = SFrameKey.derive(suite, kid, baseKey);
                assertArrayEquals(hex(v, "sframe_key"), key.key());
                assertArrayEquals(hex(v, "sframe_salt"), key.salt());
                assertArrayEquals(hex(v, "nonce"), key.nonce(ctr));
                byte[] header = new SFrameHeader(kid, ctr).encode();
                assertArrayEquals(hex(v, "aad"), SFrame.concat(header, hex(v, "metadata")));
                byte[] frame = SFrame.encrypt(key, ctr, hex(v, "metadata"), hex(v, "pt"));
                assertArrayEquals(hex(v, "ct"), frame);
                assertArrayEquals(hex(v, "pt"), SFrame.decrypt(k -> k == kid ? key : null, hex(v, "metadata"), frame));
            }));
        }
        assertEquals(5, tests.size());
        return tests.stream();
    }

    @Test
    void decryptRejectsWrongKeyTamperedHeaderAndMetadata() {
        JsonObject v = VECTORS.getAsJsonArray("sframe").get(4).getAsJsonObject();
        SFrameKey key = SFrameKey.derive(CipherSuite.AES_256_GCM_SHA512_128, 291, hex(v, "base_key"));
        byte[] frame = hex(v, "ct");
        byte[] metadata = hex(v, "metadata");

        SFrameKey other = SFrameKey.derive(CipherSuite.AES_256_GCM_SHA512_128, 291, new byte[16]);
        assertEquals(
                E2eeException.Reason.AUTH_FAILED,
                assertThrows(E2eeException.class, () -> SFrame.decrypt(k -> other, metadata, frame))
                        .reason());

        byte[] otherCtr = frame.clone();
        otherCtr[4] ^= 1; // last CTR byte of the header
        assertEquals(
                E2eeException.Reason.AUTH_FAILED,
                assertThrows(E2eeException.class, () -> SFrame.decrypt(k -> key, metadata, otherCtr))
                        .reason());

        byte[] otherMetadata = metadata.clone();
        otherMetadata[0] ^= 1;
        assertEquals(
                E2eeException.Reason.AUTH_FAILED,
                assertThrows(E2eeException.class, () -> SFrame.decrypt(k -> key, otherMetadata, frame))
                        .reason());

        assertEquals(
                E2eeException.Reason.NO_KEY,
                assertThrows(E2eeException.class, () -> SFrame.decrypt(k -> null, metadata, frame))
                        .reason());
        assertEquals(
                E2eeException.Reason.MALFORMED,
                assertThrows(E2eeException.class, () -> SFrameHeader.decode(new byte[] {(byte) 0xFF, 1, 2}))
                        .reason());
    }
}
