import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DtlsBinding } from '../src/app/media/dtls-binding.js';
import { certificateDigest } from '../src/e2ee/dtls-fingerprint.js';

const der = new TextEncoder().encode('stand-in for the DER certificate Bob presents');

/** A connected peer connection whose DTLS transport presents `der`, as far as DtlsBinding looks. */
function connectedPeer() {
  const listeners = [];
  return {
    connectionState: 'connected',
    sctp: { transport: { getRemoteCertificates: () => [der.buffer] } },
    addEventListener: (_type, f) => listeners.push(f)
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

test('a hello repeated with the same fingerprint is one verification, not two', async () => {
  const mismatches = [];
  const binding = new DtlsBinding({ onMismatch: (peer, verdict) => mismatches.push([peer, verdict]) });
  binding.watch('bob', connectedPeer());
  const fingerprint = await certificateDigest(der.buffer);
  binding.hello('bob', fingerprint.slice());
  await settle();
  binding.hello('bob', fingerprint.slice()); // the same value in a new array
  await settle();
  assert.deepEqual(binding.stats(), { dtlsVerified: 1, dtlsMismatches: 0 });
  assert.deepEqual(mismatches, []);
});

test('a hello that signs another certificate is a mismatch, and the connection is dropped', async () => {
  const mismatches = [];
  const binding = new DtlsBinding({ onMismatch: (peer, verdict) => mismatches.push([peer, verdict]) });
  binding.watch('bob', connectedPeer());
  const other = await certificateDigest(der.buffer);
  other[0] ^= 1;
  binding.hello('bob', other);
  await settle();
  assert.deepEqual(binding.stats(), { dtlsVerified: 0, dtlsMismatches: 1 });
  assert.deepEqual(mismatches, [['bob', 'mismatch']]);
});
