// Every WMX1 check refuses what it must: wrong keys, changed bytes, replays, changed identities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteWriter, utf8 } from '../src/e2ee/bytes.js';
import { identityKeyFromPrivate, generateIdentityKey } from '../src/e2ee/identity-key.js';
import { ephemeralKeyFromPrivate, generateEphemeralKey, sharedSecret } from '../src/e2ee/ephemeral-key.js';
import { signHello, verifyHello, fingerprintBytes } from '../src/e2ee/hello.js';
import { unwrapMeetingKey, wrapMeetingKey } from '../src/e2ee/key-wrap.js';
import { ChatReplayGuard, decryptChat, encryptChat } from '../src/e2ee/chat.js';
import { chatKey, mediaFrameKey } from '../src/e2ee/media-keys.js';
import { openMediaFrame, sealMediaFrame, mediaFrameHeader } from '../src/e2ee/media-frame.js';
import { GENESIS, rosterHash, signRoster } from '../src/e2ee/roster.js';
import { RosterChain } from '../src/e2ee/roster-chain.js';
import { IdentityPins } from '../src/e2ee/identity-pins.js';
import { signActivation, verifyActivation } from '../src/e2ee/activation.js';
import { securityCode } from '../src/e2ee/security-code.js';

const fixed = (name) => new ByteWriter().label(`WMX1 interop vector input: ${name}`).sha256();
const ROOM = 'physics-101';
const SESSION = 's1';

async function cast() {
  const [alice, bob, mallory] = await Promise.all(
    ['alice', 'bob', 'mallory'].map(async (n) => identityKeyFromPrivate(await fixed(`${n} ik`)))
  );
  const [aliceEk, bobEk, malloryEk] = await Promise.all(
    ['alice', 'bob', 'mallory'].map(async (n) => ephemeralKeyFromPrivate(await fixed(`${n} ek`)))
  );
  return {
    alice,
    bob,
    mallory,
    aliceEk,
    bobEk,
    malloryEk,
    mk: await fixed('MK'),
    nonce: (await fixed('nonce')).slice(0, 12)
  };
}

test('unwrap refuses another recipient, a changed context, changed bytes and another roster', async () => {
  const c = await cast();
  const d = { roomId: ROOM, sessionId: SESSION, epoch: 2, from: 'alice', to: 'bob' };
  const roster = await fixed('roster');
  const { nonce, wrapped } = await wrapMeetingKey(c.aliceEk, c.bobEk.publicKey, d, c.mk, roster);
  await assert.rejects(unwrapMeetingKey(c.malloryEk, c.aliceEk.publicKey, d, nonce, wrapped), {
    reason: 'auth_failed'
  });
  await assert.rejects(unwrapMeetingKey(c.bobEk, c.aliceEk.publicKey, { ...d, epoch: 3 }, nonce, wrapped), {
    reason: 'auth_failed'
  });
  await assert.rejects(unwrapMeetingKey(c.bobEk, c.aliceEk.publicKey, { ...d, sessionId: 's2' }, nonce, wrapped), {
    reason: 'auth_failed'
  });
  const flipped = wrapped.slice();
  flipped[5] ^= 0x40;
  await assert.rejects(unwrapMeetingKey(c.bobEk, c.aliceEk.publicKey, d, nonce, flipped), { reason: 'auth_failed' });
  await assert.rejects(unwrapMeetingKey(c.bobEk, c.aliceEk.publicKey, d, nonce, wrapped, await fixed('other roster')), {
    reason: 'roster_mismatch'
  });
  const ok = await unwrapMeetingKey(c.bobEk, c.aliceEk.publicKey, d, nonce, wrapped, roster);
  assert.deepEqual(ok.mk, c.mk);
  await assert.rejects(sharedSecret(c.bobEk, new Uint8Array(32)), { reason: 'malformed' });
});

test('freshly generated keys in the browser form interoperate (non-extractable private keys)', async () => {
  const [a, b] = [await generateEphemeralKey(), await generateEphemeralKey()];
  assert.deepEqual(await sharedSecret(a, b.publicKey), await sharedSecret(b, a.publicKey));
  const ik = await generateIdentityKey();
  assert.equal(ik.privateKey.extractable, false);
  const hello = { roomId: ROOM, sessionId: SESSION, participantId: 'p', name: 'P', ek: a.publicKey };
  await verifyHello(ik.publicKey, hello, await signHello(ik, hello));
});

test('chat refuses a forged sender, changed fields, the wrong epoch key and replays', async () => {
  const c = await cast();
  const key = await chatKey(c.mk, 2);
  const m = await encryptChat({
    chatKey: key,
    roomId: ROOM,
    epoch: 2,
    from: 'bob',
    seq: 5,
    text: 'hi',
    identity: c.bob,
    nonce: c.nonce
  });
  // Mallory holds the group key but not Bob's identity key.
  const forged = await encryptChat({
    chatKey: key,
    roomId: ROOM,
    epoch: 2,
    from: 'bob',
    seq: 6,
    text: 'send money',
    identity: c.mallory
  });
  await assert.rejects(decryptChat({ chatKey: key, roomId: ROOM, message: forged, senderIk: c.bob.publicKey }), {
    reason: 'bad_signature'
  });
  await assert.rejects(
    decryptChat({ chatKey: key, roomId: ROOM, message: { ...m, seq: 6 }, senderIk: c.bob.publicKey }),
    { reason: 'bad_signature' }
  );
  await assert.rejects(decryptChat({ chatKey: key, roomId: 'other-room', message: m, senderIk: c.bob.publicKey }), {
    reason: 'bad_signature'
  });
  const wrongKey = await encryptChat({
    chatKey: await chatKey(c.mk, 3),
    roomId: ROOM,
    epoch: 2,
    from: 'bob',
    seq: 7,
    text: 'hi',
    identity: c.bob
  });
  await assert.rejects(decryptChat({ chatKey: key, roomId: ROOM, message: wrongKey, senderIk: c.bob.publicKey }), {
    reason: 'auth_failed'
  });

  assert.equal(await decryptChat({ chatKey: key, roomId: ROOM, message: m, senderIk: c.bob.publicKey }), 'hi');
  const guard = new ChatReplayGuard();
  guard.accept('bob', 5);
  assert.throws(() => guard.accept('bob', 5), { reason: 'stale' });
  assert.throws(() => guard.accept('bob', 4), { reason: 'stale' });
  guard.accept('alice', 1);
  guard.accept('bob', 6);
});

test('media frames refuse a changed prefix, ciphertext or header, another key and bad layouts', async () => {
  const c = await cast();
  const key = await mediaFrameKey(c.mk, 2, 1);
  const frame = Uint8Array.of(0x10, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13); // VP8 keyframe bit clear
  const sealed = await sealMediaFrame(key, 9, 10, frame);
  for (const i of [0, 9, 10, sealed.length - 2]) {
    const t = sealed.slice();
    t[i] ^= 0x02;
    await assert.rejects(openMediaFrame(key, 10, t), { reason: 'auth_failed' }, `byte ${i}`);
  }
  await assert.rejects(openMediaFrame(await mediaFrameKey(c.mk, 3, 1), 10, sealed), { reason: 'auth_failed' });
  const badLength = sealed.slice();
  badLength[badLength.length - 1] = 40;
  assert.throws(() => mediaFrameHeader(badLength), { reason: 'malformed' });
  assert.throws(() => mediaFrameHeader(Uint8Array.of(1)), { reason: 'malformed' });
  assert.deepEqual(await openMediaFrame(key, 10, sealed), frame);
});

test('hello signature covers the name, the ek and the DTLS fingerprint', async () => {
  const c = await cast();
  const hello = {
    roomId: ROOM,
    sessionId: SESSION,
    participantId: 'bob',
    name: 'Bob',
    ek: c.bobEk.publicKey,
    dtlsFp: new Uint8Array(32)
  };
  const sig = await signHello(c.bob, hello);
  await verifyHello(c.bob.publicKey, hello, sig);
  await assert.rejects(verifyHello(c.mallory.publicKey, hello, sig), { reason: 'bad_signature' });
  await assert.rejects(verifyHello(c.bob.publicKey, { ...hello, ek: c.malloryEk.publicKey }, sig), {
    reason: 'bad_signature'
  });
  await assert.rejects(verifyHello(c.bob.publicKey, { ...hello, dtlsFp: Uint8Array.of(1) }, sig), {
    reason: 'bad_signature'
  });
  await assert.rejects(verifyHello(c.bob.publicKey, { ...hello, name: 'Alice' }, sig), { reason: 'bad_signature' });
  assert.equal(fingerprintBytes('AB:'.repeat(31) + 'CD').length, 32);
  assert.throws(() => fingerprintBytes('AB:CD'), { reason: 'malformed' });
});

test('roster chain refuses old epochs, a broken chain, a foreign leader and a changed identity', async () => {
  const c = await cast();
  const chain = new RosterChain(new IdentityPins());
  const member = (id, s, ik) => ({
    participantId: id,
    senderIndex: s,
    ik: ik.publicKey,
    name: id[0].toUpperCase() + id.slice(1)
  });
  const r1 = {
    roomId: ROOM,
    sessionId: SESSION,
    epoch: 1,
    leaderId: 'alice',
    members: [member('alice', 1, c.alice), member('bob', 2, c.bob)],
    prevRosterHash: GENESIS
  };
  await assert.rejects(chain.accept(r1, await signRoster(c.mallory, r1)), { reason: 'bad_signature' });
  const h1 = await chain.accept(r1, await signRoster(c.alice, r1));

  const replay = { ...r1, prevRosterHash: h1 };
  await assert.rejects(chain.accept(replay, await signRoster(c.alice, replay)), { reason: 'stale' });
  const unchained = { ...r1, epoch: 2 };
  await assert.rejects(chain.accept(unchained, await signRoster(c.alice, unchained)), { reason: 'roster_mismatch' });
  const foreign = {
    ...r1,
    epoch: 2,
    leaderId: 'mallory',
    members: [member('mallory', 3, c.mallory), member('bob', 2, c.bob)],
    prevRosterHash: h1
  };
  await assert.rejects(chain.accept(foreign, await signRoster(c.mallory, foreign)), { reason: 'roster_mismatch' });
  const swappedBob = {
    ...r1,
    epoch: 2,
    members: [member('alice', 1, c.alice), member('bob', 2, c.mallory)],
    prevRosterHash: h1
  };
  await assert.rejects(chain.accept(swappedBob, await signRoster(c.alice, swappedBob)), { reason: 'identity_changed' });
  assert.equal(chain.current.epoch, 1);
  const duplicate = {
    ...r1,
    epoch: 2,
    members: [member('alice', 1, c.alice), member('bob', 1, c.bob)],
    prevRosterHash: h1
  };
  await assert.rejects(rosterHash(duplicate), { reason: 'malformed' });

  const r2 = { ...r1, epoch: 2, leaderId: 'bob', members: [member('bob', 2, c.bob)], prevRosterHash: h1 };
  const h2 = await chain.accept(r2, await signRoster(c.bob, r2));
  await verifyActivation(c.bob.publicKey, 2, h2, await signActivation(c.bob, 2, h2));
  await assert.rejects(verifyActivation(c.bob.publicKey, 3, h2, await signActivation(c.bob, 2, h2)), {
    reason: 'bad_signature'
  });
});

test('identity pins fail hard within a session and warn across sessions', async () => {
  const c = await cast();
  const pins = new IdentityPins();
  pins.pinForSession('p1', c.bob.publicKey);
  pins.pinForSession('p1', c.bob.publicKey);
  assert.throws(() => pins.pinForSession('p1', c.mallory.publicKey), { reason: 'identity_changed' });
  assert.equal(pins.pinForUser('user-bob', c.bob.publicKey), 'first_seen');
  assert.equal(pins.pinForUser('user-bob', c.bob.publicKey), 'same');
  assert.equal(pins.pinForUser('user-bob', c.mallory.publicKey), 'changed');
  pins.newSession();
  pins.pinForSession('p1', c.mallory.publicKey);
});

test('the security code changes when any key is substituted, not with member order', async () => {
  const c = await cast();
  const real = [
    { participantId: 'alice', ik: c.alice.publicKey, name: 'Alice' },
    { participantId: 'bob', ik: c.bob.publicKey, name: 'Bob' }
  ];
  const code = await securityCode(ROOM, SESSION, real);
  assert.match(code, /^(\d{5} ){5}\d{5}$/);
  assert.equal(await securityCode(ROOM, SESSION, [...real].reverse()), code);
  assert.notEqual(
    await securityCode(ROOM, SESSION, [real[0], { participantId: 'bob', ik: c.mallory.publicKey, name: 'Bob' }]),
    code
  );
  assert.equal(utf8('é').length, 2);
});

test("the security code changes when a member's signed name changes", async () => {
  const c = await cast();
  const real = [
    { participantId: 'alice', ik: c.alice.publicKey, name: 'Alice' },
    { participantId: 'bob', ik: c.bob.publicKey, name: 'Bob' }
  ];
  assert.notEqual(
    await securityCode(ROOM, SESSION, [real[0], { ...real[1], name: 'Alice' }]),
    await securityCode(ROOM, SESSION, real)
  );
});
