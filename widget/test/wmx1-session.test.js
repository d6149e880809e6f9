// A browser member in a room led by a Java participant: the widget's E2eeSession replays, as carol,
// the messages that sdk-core's Java sessions produced (vectors/wmx1-session-transcript.json) and
// must reach every conclusion the Java carol reached: same hello, acks, keys, codes and chat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVectors, hex } from './support/vectors.js';
import { toHex } from '../src/e2ee/bytes.js';
import { identityKeyFromPrivate } from '../src/e2ee/identity-key.js';
import { ephemeralKeyFromPrivate } from '../src/e2ee/ephemeral-key.js';
import { E2eeSession } from '../src/e2ee/e2ee-session.js';

const T = loadVectors('wmx1-session-transcript.json');

async function conclude(session, m) {
  switch (m.type) {
    case 'e2ee.hello':
      return { participantId: (await session.onHello(m)).participantId };
    case 'e2ee.roster': {
      const r = await session.onRoster(m);
      return { epoch: r.roster.epoch, securityCode: r.securityCode, codeChanged: r.codeChanged };
    }
    case 'e2ee.key': {
      const k = await session.onKey(m);
      return { epoch: k.epoch, mk: toHex(k.mk), ack: k.ack };
    }
    case 'e2ee.activate':
      return session.onActivate(m);
    case 'chat.e2ee': {
      const c = await session.decryptChat(m);
      return { from: c.from, text: c.text };
    }
    default:
      throw new Error(`unexpected ${m.type}`);
  }
}

test('the widget, as carol, reaches every conclusion Java reached from the same messages', async () => {
  const worker = [];
  const carol = await E2eeSession.create({
    roomId: T.roomId,
    sessionId: T.sessionId,
    participantId: 'carol',
    name: T.carol.name,
    identity: await identityKeyFromPrivate(hex(T.carol.ikPrivate)),
    ephemeral: await ephemeralKeyFromPrivate(hex(T.carol.ekPrivate)),
    dtlsFp: hex(T.carol.dtlsFp),
    onKeyInstalled: (epoch, mk) => worker.push({ type: 'key', epoch, mk: toHex(mk) }),
    onEpochActivated: (epoch, senderIndex) => worker.push({ type: 'activate', epoch, senderIndex })
  });
  assert.deepEqual(await carol.hello(), T.carol.hello);
  for (const [i, step] of T.steps.entries()) {
    assert.deepEqual(await conclude(carol, step.message), step.expect, `step ${i}: ${step.message.type}`);
  }
  assert.equal(T.steps.length, 11);
  assert.deepEqual(
    worker.map((w) => `${w.type} ${w.epoch}`),
    ['key 1', 'activate 1', 'key 2', 'activate 2']
  );
  // Replaying any of it now is refused.
  const chat = T.steps.at(-1).message;
  await assert.rejects(carol.decryptChat(chat), { reason: 'stale' });
  await assert.rejects(carol.onActivate(T.steps.find((s) => s.message.type === 'e2ee.activate').message), {
    reason: 'stale'
  });
});

test('the frozen browser-leader transcript, which Java replays as javabot, still holds for the widget', async () => {
  const { conclude: concludeAsBot, session } = await import('./support/write-browser-leader-transcript.js');
  const B = loadVectors('wmx1-browser-leader-transcript.json');
  const javabot = await session('javabot');
  assert.deepEqual(await javabot.hello(), B.javabot.hello);
  for (const [i, step] of B.steps.entries()) {
    assert.deepEqual(await concludeAsBot(javabot, step.message), step.expect, `step ${i}: ${step.message.type}`);
  }
});
