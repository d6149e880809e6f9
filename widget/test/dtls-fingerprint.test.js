import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { certificateDigest, dtlsVerdict } from '../src/e2ee/dtls-fingerprint.js';
import { fingerprintBytes } from '../src/e2ee/hello.js';

const der = new TextEncoder().encode('stand-in for a DER certificate');
const sha256 = (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest());

test('the digest of a presented certificate is its SHA-256, as a=fingerprint writes it', async () => {
  const digest = await certificateDigest(der.buffer);
  assert.deepEqual(digest, sha256(der));
  const colonHex = [...digest].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
  assert.deepEqual(fingerprintBytes(colonHex), digest);
});

test('the signed fingerprint must be the presented one', async () => {
  const presented = await certificateDigest(der.buffer);
  assert.equal(dtlsVerdict(presented.slice(), presented), 'verified');
  const other = presented.slice();
  other[31] ^= 1;
  assert.equal(dtlsVerdict(other, presented), 'mismatch');
  assert.equal(dtlsVerdict(new Uint8Array(0), presented), 'mismatch');
});

test('a media connection with a peer whose hello bound no certificate is not trusted', () => {
  assert.equal(dtlsVerdict(undefined, sha256(der)), 'unbound');
  assert.equal(dtlsVerdict(null, sha256(der)), 'unbound');
});

test('fingerprints other than SHA-256 are refused', () => {
  assert.throws(() => fingerprintBytes('AB:CD'), /SHA-256/);
});
