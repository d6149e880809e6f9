// Every vector of RFC 9605 Appendix C (vectors/sframe-rfc9605.json) that our suites cover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVectors, hex } from './support/vectors.js';
import { concat, toHex } from '../src/e2ee/bytes.js';
import { aesCtrHmac } from '../src/e2ee/aead.js';
import { SUITES, suiteById } from '../src/e2ee/cipher-suite.js';
import { decodeHeader, encodeHeader } from '../src/e2ee/sframe-header.js';
import { deriveSFrameKey, sframeLabel, sframeNonce } from '../src/e2ee/sframe-key.js';
import { sframeDecrypt, sframeEncrypt } from '../src/e2ee/sframe.js';
import { hkdfExtract } from '../src/e2ee/hkdf.js';

const vectors = loadVectors('sframe-rfc9605.json');

test('header encoding matches all 289 RFC 9605 header vectors', () => {
  assert.equal(vectors.header.length, 289);
  for (const v of vectors.header) {
    assert.equal(toHex(encodeHeader(v.kid, v.ctr)), v.encoded, `kid=${v.kid} ctr=${v.ctr}`);
    assert.deepEqual(decodeHeader(hex(v.encoded)), { kid: v.kid, ctr: v.ctr, length: v.encoded.length / 2 });
  }
});

test('the AES-CTR + HMAC AEAD matches its 6 vectors (suites 1-3 and the 256-bit variants)', async () => {
  const all = [...vectors.aes_ctr_hmac, ...vectors.aes_256_ctr_hmac];
  assert.equal(all.length, 6);
  for (const v of all) {
    const encKey = hex(v.enc_key);
    const tagLength = (v.ct.length - v.pt.length) / 2;
    if (v.cipher_suite <= 3) assert.equal(suiteById(v.cipher_suite).tagLength, tagLength);
    const aead = await aesCtrHmac(hex(v.key), encKey.length, encKey.length === 16 ? 'SHA-256' : 'SHA-512', tagLength);
    assert.equal(toHex(await aead.seal(hex(v.nonce), hex(v.aad), hex(v.pt))), v.ct, `suite ${v.cipher_suite}`);
    assert.equal(toHex(await aead.open(hex(v.nonce), hex(v.aad), hex(v.ct))), v.pt);
  }
});

test('key schedule, nonce and SFrame encryption match the 5 vectors of suites 1-5', async () => {
  assert.equal(vectors.sframe.length, 5);
  for (const v of vectors.sframe) {
    const suite = suiteById(v.cipher_suite);
    assert.equal(toHex(sframeLabel('SFrame 1.0 Secret key ', v.kid, suite)), v.sframe_key_label);
    assert.equal(toHex(sframeLabel('SFrame 1.0 Secret salt ', v.kid, suite)), v.sframe_salt_label);
    assert.equal(toHex(await hkdfExtract(suite.hash, new Uint8Array(0), hex(v.base_key))), v.sframe_secret);
    const key = await deriveSFrameKey(suite, v.kid, hex(v.base_key));
    assert.equal(toHex(key.key), v.sframe_key, suite.name);
    assert.equal(toHex(key.salt), v.sframe_salt);
    assert.equal(toHex(sframeNonce(key, v.ctr)), v.nonce);
    assert.equal(toHex(concat(encodeHeader(v.kid, v.ctr), hex(v.metadata))), v.aad);
    const frame = await sframeEncrypt(key, v.ctr, hex(v.metadata), hex(v.pt));
    assert.equal(toHex(frame), v.ct, suite.name);
    assert.equal(toHex(await sframeDecrypt((kid) => (kid === v.kid ? key : undefined), hex(v.metadata), frame)), v.pt);
  }
});

test('decryption refuses a wrong key, a changed header or metadata, an unknown KID', async () => {
  const v = vectors.sframe[4];
  const key = await deriveSFrameKey(SUITES.AES_256_GCM_SHA512_128, v.kid, hex(v.base_key));
  const other = await deriveSFrameKey(SUITES.AES_256_GCM_SHA512_128, v.kid, new Uint8Array(16));
  const frame = hex(v.ct);
  const metadata = hex(v.metadata);
  await assert.rejects(
    sframeDecrypt(() => other, metadata, frame),
    { reason: 'auth_failed' }
  );
  const otherCtr = frame.slice();
  otherCtr[4] ^= 1;
  await assert.rejects(
    sframeDecrypt(() => key, metadata, otherCtr),
    { reason: 'auth_failed' }
  );
  const otherMetadata = metadata.slice();
  otherMetadata[0] ^= 1;
  await assert.rejects(
    sframeDecrypt(() => key, otherMetadata, frame),
    { reason: 'auth_failed' }
  );
  await assert.rejects(
    sframeDecrypt(() => undefined, metadata, frame),
    { reason: 'no_key' }
  );
  assert.throws(() => decodeHeader(Uint8Array.of(0xff, 1, 2)), { reason: 'malformed' });
});
