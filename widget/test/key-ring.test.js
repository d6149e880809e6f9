import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteWriter } from '../src/e2ee/bytes.js';
import { KeyRing } from '../src/e2ee/key-ring.js';
import { mediaFrameKey, mediaKid } from '../src/e2ee/media-keys.js';
import { openMediaFrame, sealMediaFrame } from '../src/e2ee/media-frame.js';

const mk = (n) => new ByteWriter().label(`key ring test MK ${n}`).sha256();

function ringWithClock() {
  const clock = { t: 1_000_000 };
  return { clock, ring: new KeyRing({ now: () => clock.t }) };
}

test('a receiver decrypts with an installed key before the epoch is activated', async () => {
  const { ring } = ringWithClock();
  ring.install(1, await mk(1));
  assert.equal(ring.activeEpoch, 0);
  const sealed = await sealMediaFrame(await mediaFrameKey(await mk(1), 1, 2), 0, 1, Uint8Array.of(1, 2, 3));
  assert.deepEqual(await openMediaFrame(await ring.frameKey(mediaKid(1, 2)), 1, sealed), Uint8Array.of(1, 2, 3));
  assert.throws(() => ring.sendKey(1), { reason: 'no_key' });
});

test('activate switches the send key; the old epoch lives 10 s more, then is deleted', async () => {
  const { clock, ring } = ringWithClock();
  ring.install(1, await mk(1));
  ring.activate(1);
  assert.equal((await ring.sendKey(5)).kid, BigInt(mediaKid(1, 5)));
  ring.install(2, await mk(2));
  assert.equal((await ring.sendKey(5)).kid, BigInt(mediaKid(1, 5)), 'installing does not switch the sender');
  ring.activate(2);
  assert.equal((await ring.sendKey(5)).kid, BigInt(mediaKid(2, 5)));
  clock.t += 9_999;
  assert.deepEqual(ring.heldEpochs(), [1, 2]);
  assert.ok(ring.hasKeyFor(mediaKid(1, 3)));
  await ring.chatKey(1);
  clock.t += 1;
  assert.deepEqual(ring.heldEpochs(), [2]);
  assert.equal(ring.frameKey(mediaKid(1, 3)), undefined);
  assert.throws(() => ring.chatKey(1), { reason: 'no_key' });
});

test('old or replayed epochs are refused', async () => {
  const { ring } = ringWithClock();
  ring.install(3, await mk(3));
  ring.install(3, await mk(3)); // a re-sent delivery of the same key is fine
  assert.throws(() => ring.install(3, new Uint8Array(32)), { reason: 'stale' });
  const older = await mk(2);
  assert.throws(() => ring.install(2, older), { reason: 'stale' });
  ring.activate(3);
  assert.throws(() => ring.activate(3), { reason: 'stale' });
  assert.throws(() => ring.activate(4), { reason: 'no_key' });
});

test('an epoch 16 newer evicts the one with the same KID bits; clear deletes everything', async () => {
  const { ring } = ringWithClock();
  ring.install(1, await mk(1));
  ring.install(17, await mk(17));
  assert.deepEqual(ring.heldEpochs(), [17]);
  assert.deepEqual((await ring.frameKey(mediaKid(1, 1))).key, (await mediaFrameKey(await mk(17), 17, 1)).key);
  ring.activate(17);
  ring.clear();
  assert.deepEqual(ring.heldEpochs(), []);
  assert.equal(ring.activeEpoch, 0);
});
