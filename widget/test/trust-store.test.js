import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrustStore, memoryStorage } from '../src/e2ee/trust-store.js';
import { sign, verify } from '../src/e2ee/identity-key.js';

test('the identity made on the first visit is the one used on the next', async () => {
  const storage = memoryStorage();
  const first = await new TrustStore(storage).identity();
  const second = await new TrustStore(storage).identity();
  assert.deepEqual(second.publicKey, first.publicKey);
  const message = new TextEncoder().encode('hello');
  assert.ok(await verify(first.publicKey, message, await sign(second, message)), 'the kept private key still signs');
  await assert.rejects(crypto.subtle.exportKey('pkcs8', second.privateKey), 'and still cannot be exported');
});

test('another browser (another storage) has another identity', async () => {
  const a = await new TrustStore(memoryStorage()).identity();
  const b = await new TrustStore(memoryStorage()).identity();
  assert.notDeepEqual(a.publicKey, b.publicKey);
});

test('a user is trusted on first use and a changed key is reported once', async () => {
  const trust = new TrustStore(memoryStorage());
  const k1 = new Uint8Array(32).fill(1);
  const k2 = new Uint8Array(32).fill(2);
  assert.equal(await trust.pinUser('ada', k1), 'first_seen');
  assert.equal(await trust.pinUser('ada', k1.slice()), 'same');
  assert.equal(await trust.pinUser('ada', k2), 'changed');
  assert.equal(await trust.pinUser('ada', k2), 'same', 'the new key is pinned after the warning');
  assert.equal(await trust.pinUser('bob', k2), 'first_seen', 'pins are per user');
});

test('a damaged stored identity is replaced', async () => {
  const storage = memoryStorage();
  await storage.put('identity', 'self', { publicKey: 'not a key' });
  const identity = await new TrustStore(storage).identity();
  assert.equal(identity.publicKey.length, 32);
  assert.deepEqual((await storage.get('identity', 'self')).publicKey, identity.publicKey);
});
