// Several widget participants run the whole key exchange through an in-memory relay that behaves
// like the server (broadcast to everyone else, unicast to one), on JSON round-tripped messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateIdentityKey } from '../src/e2ee/identity-key.js';
import { E2eeSession } from '../src/e2ee/e2ee-session.js';
import { ACK_TIMEOUT_MS } from '../src/e2ee/key-distribution.js';

function makeRoom() {
  const clock = { t: 0 };
  const room = new Map();
  const offline = new Set();
  const wire = (m) => JSON.parse(JSON.stringify(m));
  async function join(id) {
    const s = await E2eeSession.create({
      roomId: 'physics-101',
      sessionId: 's-1',
      participantId: id,
      name: `Name of ${id}`,
      identity: await generateIdentityKey(),
      now: () => clock.t
    });
    for (const other of room.values()) {
      await other.onHello(wire(await s.hello()));
      await s.onHello(wire(await other.hello()));
    }
    room.set(id, s);
    return s;
  }
  async function relay(sender, outgoing) {
    for (const { to, message } of outgoing) {
      for (const [id, s] of [...room]) {
        if (offline.has(id) || (to === null ? id === sender : id !== to)) continue;
        const m = wire(message);
        if (m.type === 'e2ee.roster') await s.onRoster(m);
        else if (m.type === 'e2ee.key') {
          const { ack } = await s.onKey(m);
          await relay(id, [{ to: ack.to, message: ack }]);
        } else if (m.type === 'e2ee.ack') await relay(id, await s.onAck(m));
        else if (m.type === 'e2ee.activate') await s.onActivate(m);
      }
    }
  }
  return { clock, room, offline, join, relay };
}

function assertEveryoneAt(room, epoch, ids) {
  const code = room.get(ids[0]).securityCode;
  for (const id of ids) {
    assert.equal(room.get(id).activeEpoch, epoch, id);
    assert.equal(room.get(id).securityCode, code, `security code at ${id}`);
  }
}

test('a leader keys the room; everyone reads chat and shows the same code', async () => {
  const { room, join, relay } = makeRoom();
  const alice = await join('alice');
  const bob = await join('bob');
  const carol = await join('carol');
  await relay('alice', await alice.startEpoch(['bob', 'carol']));
  assertEveryoneAt(room, 1, ['alice', 'bob', 'carol']);
  const heartbeat = await bob.onRoster(JSON.parse(JSON.stringify(alice.rosterHeartbeat().message)));
  assert.deepEqual([heartbeat.roster.epoch, heartbeat.codeChanged], [1, false]);
  assert.equal(bob.rosterHeartbeat(), null, 'only the leader sends the roster');
  const hi = JSON.parse(JSON.stringify(await bob.encryptChat('bonjour à tous')));
  assert.equal((await alice.decryptChat(hi)).text, 'bonjour à tous');
  assert.equal((await carol.decryptChat(hi)).from, 'bob');
  await assert.rejects(carol.decryptChat(hi), { reason: 'stale' });
});

test('rotation on leave locks the leaver out; a new leader continues the chain', async () => {
  const { room, join, relay } = makeRoom();
  const alice = await join('alice');
  const bob = await join('bob');
  const carol = await join('carol');
  await relay('alice', await alice.startEpoch(['bob', 'carol']));
  const codeWithCarol = alice.securityCode;
  room.delete('carol');
  await relay('alice', await alice.startEpoch(['bob']));
  assertEveryoneAt(room, 2, ['alice', 'bob']);
  assert.notEqual(alice.securityCode, codeWithCarol);
  await assert.rejects(carol.decryptChat(await alice.encryptChat('after carol left')), { reason: 'no_key' });

  room.delete('alice');
  const dave = await join('dave');
  await relay('bob', await bob.startEpoch(['dave']));
  assertEveryoneAt(room, 3, ['bob', 'dave']);
  assert.equal(
    dave.currentRoster.members.find((m) => m.participantId === 'dave').senderIndex,
    4,
    'sender indexes are never reused'
  );
  assert.equal((await dave.decryptChat(await bob.encryptChat('hello dave'))).text, 'hello dave');
});

test('a silent member does not hold up activation and gets one re-send', async () => {
  const { clock, room, offline, join, relay } = makeRoom();
  const alice = await join('alice');
  await join('bob');
  await join('carol');
  offline.add('carol');
  await relay('alice', await alice.startEpoch(['bob', 'carol']));
  assert.equal(alice.activeEpoch, 0, 'waits for carol');
  clock.t += ACK_TIMEOUT_MS;
  const actions = await alice.pollLeader();
  assert.deepEqual(
    actions.map((a) => [a.to, a.message.type]),
    [
      [null, 'e2ee.activate'],
      ['carol', 'e2ee.key']
    ]
  );
  await relay('alice', actions);
  assertEveryoneAt(room, 1, ['alice', 'bob']);
  clock.t += ACK_TIMEOUT_MS;
  await alice.pollLeader();
  assert.deepEqual(alice.unresponsiveMembers(), ['carol']);
});

test('forged, misdirected and tampered messages are refused', async () => {
  const { join, relay } = makeRoom();
  const alice = await join('alice');
  const bob = await join('bob');
  const carol = await join('carol');
  const epoch1 = await alice.startEpoch(['bob', 'carol']);
  const [roster, keyForBob, keyForCarol] = epoch1.map((o) => JSON.parse(JSON.stringify(o.message)));
  await assert.rejects(bob.onRoster({ ...roster, rosterHash: '00'.repeat(32) }), { reason: 'roster_mismatch' });
  await assert.rejects(bob.onKey(keyForBob), { reason: 'roster_mismatch' }, 'a key before its signed roster');
  await relay('alice', epoch1);
  await assert.rejects(carol.onKey({ ...keyForCarol, wrapped: keyForBob.wrapped, nonce: keyForBob.nonce }), {
    reason: 'auth_failed'
  });
  await assert.rejects(carol.onKey(keyForBob), { reason: 'malformed' }, 'addressed to bob');
  const fakeBob = await E2eeSession.create({
    roomId: 'physics-101',
    sessionId: 's-1',
    participantId: 'bob',
    name: 'Name of bob',
    identity: await generateIdentityKey()
  });
  await assert.rejects(carol.onHello(await fakeBob.hello()), { reason: 'identity_changed' });
  const chat = await bob.encryptChat('hi');
  await assert.rejects(alice.decryptChat({ ...chat, from: 'carol' }), { reason: 'bad_signature' });
  await assert.rejects(bob.onRoster({ ...roster, roomId: 'chemistry' }), { reason: 'malformed' });
  await assert.rejects(bob.onRoster({ ...roster, v: 2 }), { reason: 'malformed' });
  assert.equal((await carol.onRoster(roster)).codeChanged, false, 'a heartbeat roster changes nothing');
});
