// The worker's per-frame rules (docs/e2ee.md, "Transform worker"): never send or decode plaintext in E2EE mode,
// one CTR sequence per KID across all transforms, drop-and-recover for missing keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteWriter } from '../src/e2ee/bytes.js';
import { FrameCryptor, AUTH_FAILURE_WARNING } from '../src/e2ee/frame-cryptor.js';
import { KeyRing } from '../src/e2ee/key-ring.js';
import { mediaFrameHeader } from '../src/e2ee/media-frame.js';
import { mediaKid } from '../src/e2ee/media-keys.js';

const mk = (n) => new ByteWriter().label(`frame cryptor MK ${n}`).sha256();
const vp8Key = () => Uint8Array.from({ length: 200 }, (_, i) => (i === 0 ? 0x10 : i & 0xff)); // bit 0 clear: keyframe
const vp8Delta = () => Uint8Array.from({ length: 80 }, (_, i) => (i === 0 ? 0x31 : (i * 7) & 0xff));
const opus = () => Uint8Array.from({ length: 60 }, (_, i) => (i * 3) & 0xff);

function pair() {
  const clock = { t: 0 };
  const events = [];
  const alice = new FrameCryptor({
    keyRing: new KeyRing({ now: () => clock.t }),
    onEvent: (e) => events.push(['alice', e])
  });
  const bob = new FrameCryptor({
    keyRing: new KeyRing({ now: () => clock.t }),
    onEvent: (e) => events.push(['bob', e])
  });
  alice.setMode('encrypt');
  bob.setMode('encrypt');
  return { alice, bob, clock, events };
}

test('passthrough leaves frames untouched in both directions', async () => {
  const c = new FrameCryptor();
  const f = vp8Key();
  assert.equal(await c.encryptFrame(f, { kind: 'video' }), f);
  assert.equal(await c.decryptFrame(f, { kind: 'video' }), f);
  assert.equal(c.stats().frames, 2);
});

test('with E2EE on and no key the sender drops every frame and reports waiting', async () => {
  const { alice, events } = pair();
  assert.equal(await alice.encryptFrame(vp8Key(), { kind: 'video' }), null);
  assert.equal(await alice.encryptFrame(opus(), { kind: 'audio' }), null);
  alice.setKey(1, await mk(1));
  assert.equal(
    await alice.encryptFrame(opus(), { kind: 'audio' }),
    null,
    'installed but not activated: still no sending'
  );
  assert.equal(alice.stats().noKey, 3);
  assert.equal(alice.stats().encrypted, 0);
  assert.deepEqual(events, [['alice', { type: 'sendState', state: 'waitingForKey' }]]);
});

test('sealed frames keep the codec prefix in clear, decrypt at the receiver and count keyframes', async () => {
  const { alice, bob } = pair();
  for (const c of [alice, bob]) c.setKey(1, await mk(1));
  alice.activate(1, 3);
  for (const [frame, kind, prefix] of [
    [vp8Key(), 'video', 10],
    [vp8Delta(), 'video', 3],
    [opus(), 'audio', 1]
  ]) {
    const sealed = await alice.encryptFrame(frame, { kind });
    assert.deepEqual(sealed.subarray(0, prefix), frame.subarray(0, prefix));
    assert.notDeepEqual(sealed.subarray(prefix, frame.length), frame.subarray(prefix));
    assert.equal(sealed.length, frame.length + 16 + mediaFrameHeader(sealed).length + 1);
    assert.deepEqual(await bob.decryptFrame(sealed, { kind }), frame);
  }
  assert.deepEqual(
    [alice.stats().encrypted, alice.stats().keyFrames, bob.stats().decrypted, bob.stats().keyFrames],
    [3, 1, 3, 1]
  );
  assert.deepEqual(bob.stats().kids, [mediaKid(1, 3)]);
});

test('all transforms share one CTR sequence per KID, which restarts at 0 for a new KID', async () => {
  const { alice } = pair();
  alice.setKey(1, await mk(1));
  alice.activate(1, 2);
  const sealed = await Promise.all([
    alice.encryptFrame(vp8Key(), { kind: 'video' }),
    alice.encryptFrame(opus(), { kind: 'audio' }),
    alice.encryptFrame(vp8Delta(), { kind: 'video' }),
    alice.encryptFrame(opus(), { kind: 'audio' })
  ]);
  assert.deepEqual(
    sealed.map((s) => mediaFrameHeader(s).ctr),
    [0n, 1n, 2n, 3n]
  );
  alice.setKey(2, await mk(2));
  alice.activate(2, 2);
  const next = mediaFrameHeader(await alice.encryptFrame(opus(), { kind: 'audio' }));
  assert.deepEqual([next.kid, next.ctr], [BigInt(mediaKid(2, 2)), 0n]);
});

test('a receiver drops frames without a key, then asks once for a keyframe when the key arrives', async () => {
  const { alice, bob, events } = pair();
  alice.setKey(1, await mk(1));
  alice.activate(1, 1);
  let requests = 0;
  const ctx = { kind: 'video', peerId: 'alice', requestKeyFrame: () => requests++ };
  for (let i = 0; i < 3; i++)
    assert.equal(await bob.decryptFrame(await alice.encryptFrame(vp8Delta(), { kind: 'video' }), ctx), null);
  assert.equal(bob.stats().noKey, 3);
  assert.equal(requests, 0);
  bob.setKey(1, await mk(1));
  assert.equal(requests, 1);
  bob.setKey(2, await mk(2));
  assert.equal(requests, 1, 'only once per missing key');
  assert.ok(await bob.decryptFrame(await alice.encryptFrame(vp8Key(), { kind: 'video' }), ctx));
  assert.deepEqual(
    events.filter(([who, e]) => who === 'bob' && e.type === 'keyFrameRequested'),
    [['bob', { type: 'keyFrameRequested', kid: mediaKid(1, 1), peerId: 'alice' }]]
  );
});

test('plaintext, tampered and wrong-key frames never reach the decoder; 10 in a row warn', async () => {
  const { alice, bob, events } = pair();
  alice.setKey(1, await mk(1));
  alice.activate(1, 1);
  bob.setKey(1, await mk(2)); // another key for the same epoch: a substituted MK
  const ctx = { kind: 'video', peerId: 'alice' };
  assert.equal(await bob.decryptFrame(vp8Key(), ctx), null, 'a plaintext frame is dropped');
  const tampered = await alice.encryptFrame(vp8Key(), { kind: 'video' });
  tampered[12] ^= 1;
  assert.equal(await bob.decryptFrame(tampered, ctx), null);
  for (let i = 0; i < AUTH_FAILURE_WARNING - 2; i++)
    assert.equal(await bob.decryptFrame(await alice.encryptFrame(vp8Delta(), { kind: 'video' }), ctx), null);
  assert.equal(bob.stats().authFail, AUTH_FAILURE_WARNING);
  assert.equal(bob.stats().decrypted, 0);
  assert.deepEqual(
    events.filter(([who]) => who === 'bob'),
    [['bob', { type: 'authFailures', peerId: 'alice', consecutive: AUTH_FAILURE_WARNING }]]
  );
});

test('after rotation the old epoch still decrypts for 10 s, then its frames are dropped', async () => {
  const { alice, bob, clock } = pair();
  for (const c of [alice, bob]) c.setKey(1, await mk(1));
  alice.activate(1, 1);
  bob.activate(1, 2);
  const late = await alice.encryptFrame(opus(), { kind: 'audio' });
  const later = await alice.encryptFrame(opus(), { kind: 'audio' });
  for (const c of [alice, bob]) c.setKey(2, await mk(2));
  bob.activate(2, 2);
  clock.t += 9_000;
  assert.ok(await bob.decryptFrame(late, { kind: 'audio' }));
  clock.t += 1_000;
  assert.equal(await bob.decryptFrame(later, { kind: 'audio' }), null);
  assert.equal(bob.stats().noKey, 1);
  bob.clear();
  assert.deepEqual(bob.keyRing.heldEpochs(), []);
});

test('empty frames pass untouched even in E2EE mode', async () => {
  const { alice, bob } = pair();
  const empty = new Uint8Array(0);
  assert.equal(await alice.encryptFrame(empty, { kind: 'audio' }), empty);
  assert.equal(await bob.decryptFrame(empty, { kind: 'audio' }), empty);
});
