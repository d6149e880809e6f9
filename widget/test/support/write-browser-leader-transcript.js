// Writes vectors/wmx1-browser-leader-transcript.json, the mirror of sdk-core's session transcript:
// two widget sessions (alice leads, bob) key a room that a Java participant, javabot, joins. It
// records every message javabot receives, in order, with the conclusion the widget's own javabot
// reached. sdk-core's BrowserLeaderTranscriptTest replays it with the Java E2eeSession. Run once and
// frozen (rerun only for a deliberate format change):
//   node test/support/write-browser-leader-transcript.js test/vectors/wmx1-browser-leader-transcript.json
import { writeFileSync } from 'node:fs';
import { ByteWriter, toHex } from '../../src/e2ee/bytes.js';
import { identityKeyFromPrivate } from '../../src/e2ee/identity-key.js';
import { ephemeralKeyFromPrivate } from '../../src/e2ee/ephemeral-key.js';
import { E2eeSession } from '../../src/e2ee/e2ee-session.js';

export const ROOM = 'physics-101';
export const SESSION = 'b7e4a1d2c3f405162738495a6b7c8d9e';

/** The display name a session signs: capitalised, like sdk-core's InteropVectorsWriter.nameOf. */
export const nameOf = (id) => id[0].toUpperCase() + id.slice(1);

/** The same fixed inputs as sdk-core's InteropVectorsWriter.fixed(name). */
export const fixed = (name) => new ByteWriter().label(`WMX1 interop vector input: ${name}`).sha256();

function counterRandom(who) {
  let counter = 0;
  const pool = [];
  // Precomputed asynchronously by prepare(); the session asks synchronously.
  return {
    prepare: async (n) => {
      for (let i = 0; i < n; i++) pool.push(await fixed(`browser transcript random ${who} ${counter++}`));
    },
    next: (n) => pool.shift().slice(0, n)
  };
}

export async function session(id, now = () => 0) {
  const random = counterRandom(id);
  await random.prepare(64);
  return E2eeSession.create({
    roomId: ROOM,
    sessionId: SESSION,
    participantId: id,
    name: nameOf(id),
    identity: await identityKeyFromPrivate(await fixed(`browser transcript ${id} ik`)),
    ephemeral: await ephemeralKeyFromPrivate(await fixed(`browser transcript ${id} ek`)),
    dtlsFp: id === 'javabot' ? undefined : await fixed(`${id} dtls certificate`),
    caps: id === 'javabot' ? ['chat'] : ['media', 'chat'],
    now,
    randomBytes: random.next
  });
}

/** What a session concludes from one message: the "expect" of a transcript step (same shape as Java's SessionRelay). */
export async function conclude(s, m) {
  switch (m.type) {
    case 'e2ee.hello':
      return { participantId: (await s.onHello(m)).participantId };
    case 'e2ee.roster': {
      const r = await s.onRoster(m);
      return { epoch: r.roster.epoch, securityCode: r.securityCode, codeChanged: r.codeChanged };
    }
    case 'e2ee.key': {
      const k = await s.onKey(m);
      return { epoch: k.epoch, mk: toHex(k.mk), ack: k.ack };
    }
    case 'e2ee.activate':
      return s.onActivate(m);
    case 'chat.e2ee': {
      const c = await s.decryptChat(m);
      return { from: c.from, text: c.text };
    }
    default:
      throw new Error(`unexpected ${m.type}`);
  }
}

async function main(out) {
  const alice = await session('alice');
  const bob = await session('bob');
  const javabot = await session('javabot');
  const steps = [];
  const toBot = async (message) => {
    const m = JSON.parse(JSON.stringify(message));
    const expect = await conclude(javabot, m);
    steps.push({ message: m, expect });
    return expect;
  };
  await alice.onHello(await bob.hello());
  await bob.onHello(await alice.hello());
  for (const s of [alice, bob]) {
    await s.onHello(await javabot.hello());
    await toBot(await s.hello());
  }
  const runEpoch = async (members, sent) => {
    const pending = [...sent];
    while (pending.length) {
      const { to, message } = pending.shift();
      for (const m of members) {
        if (to !== null && to !== m.o.participantId) continue;
        const reply = await conclude(m, JSON.parse(JSON.stringify(message)));
        if (reply.ack) pending.push(...(await alice.onAck(reply.ack)));
      }
      if (to === null || to === 'javabot') {
        const expect = await toBot(message);
        if (expect.ack) pending.push(...(await alice.onAck(expect.ack)));
      }
    }
  };
  await runEpoch([bob], await alice.startEpoch(['bob', 'javabot']));
  await toBot(await alice.encryptChat('Hello from the browser that leads 👋'));
  await toBot(await bob.encryptChat('and from bob’s browser'));
  await runEpoch([], await alice.startEpoch(['javabot']));
  await toBot(await alice.encryptChat('epoch 2 after bob left'));
  const file = {
    description:
      'WMX1 session transcript from the widget (test/support/write-browser-leader-transcript.js, frozen): every message the Java participant javabot receives from browser sessions, in order, with the expected result.',
    roomId: ROOM,
    sessionId: SESSION,
    javabot: {
      name: nameOf('javabot'),
      ikPrivate: toHex(await fixed('browser transcript javabot ik')),
      ekPrivate: toHex(await fixed('browser transcript javabot ek')),
      hello: await javabot.hello()
    },
    steps
  };
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) await main(process.argv[2]);
