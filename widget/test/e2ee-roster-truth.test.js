// The widget's E2eeController against a lying server (an in-memory relay that shows each page the
// participant list it chooses and injects a member of its own): honest pages must warn or differ,
// never agree in silence; and a leader that never delivers is replaced by the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateIdentityKey } from '../src/e2ee/identity-key.js';
import { E2eeSession } from '../src/e2ee/e2ee-session.js';
import { E2eeController } from '../src/app/encryption/e2ee-controller.js';

const ROOM = 'maths-101';
const SESSION = 'session-1';
const wire = (m) => JSON.parse(JSON.stringify(m));

/** A relay that behaves like the server, except that `shown` is what each page is told is present. */
function lyingServer() {
  const pages = new Map();
  const shown = new Map();
  const renamed = new Map(); // per page: names shown for some participants instead of the names they signed
  const taps = [];
  const hellos = new Map(); // like the server: kept and handed to those who join later
  let leaderHint = null; // the server's e2eeLeader, as `joined`/`roomUpdated` would carry it
  const deliver = (to, m) => setImmediate(() => pages.get(to)?.controller.onMessage(wire(m)));
  function send(from, message) {
    const m = { ...wire(message), from: message.from ?? from };
    for (const tap of taps) tap(from, m);
    if (m.type === 'e2ee.hello') hellos.set(from, m);
    if (m.to) deliver(m.to, m);
    else for (const id of pages.keys()) if (id !== from) deliver(id, m);
  }
  // Above the honest worst case: a 1 s join batch, then 2 s for acks that never come.
  async function page(id, { deadlineMs = 4500 } = {}) {
    const identity = await generateIdentityKey();
    const session = await E2eeSession.create({
      roomId: ROOM,
      sessionId: SESSION,
      participantId: id,
      name: `Name of ${id}`,
      identity,
      caps: ['chat']
    });
    const seen = { errors: [], rosters: [], holders: [] };
    const controller = new E2eeController(
      {
        room: ROOM,
        sessionId: SESSION,
        selfId: id,
        media: null,
        leaderDeadlineMs: deadlineMs,
        send: (m) => send(id, m),
        present: () => shown.get(id) ?? [],
        shownName: (pid) =>
          (shown.get(id) ?? []).includes(pid) ? (renamed.get(id)?.get(pid) ?? `Name of ${pid}`) : null,
        onChat: () => {},
        onSecurityCode: () => {},
        onError: (reason, message, participantId) => seen.errors.push({ reason, participantId }),
        onRoster: (members) => seen.rosters.push(members),
        onHolder: (h) => seen.holders.push(h)
      },
      session,
      identity
    );
    pages.set(id, { controller, seen });
    for (const [from, h] of hellos) if (from !== id) deliver(id, h);
    await controller.start();
    controller.setLeader(leaderHint);
    return { id, controller, seen, session };
  }
  /** The server names a key leader to everyone (which the pages must not simply obey). */
  function announceLeader(id) {
    leaderHint = id;
    for (const { controller } of pages.values()) controller.setLeader(id);
  }
  /** A hello the server keeps, as if its sender had joined earlier: every page that joins after gets it. */
  const keepHello = (from, m) => hellos.set(from, m);
  return { pages, shown, renamed, send, deliver, page, taps, announceLeader, keepHello };
}

/** Alice joins, then Bob; the server shows each the other, after the members in `earlier`. */
async function aliceThenBob(server, earlier = []) {
  server.shown.set('alice', [...earlier]);
  const alice = await server.page('alice');
  server.shown.set('bob', [...earlier, 'alice']);
  const bob = await server.page('bob');
  server.shown.set('alice', [...earlier, 'bob']);
  return { alice, bob };
}

/** A member of the server's own making (a ghost, a squatter): its own session, and its hello as relayed. */
async function outsider(id, name) {
  const session = await E2eeSession.create({
    roomId: ROOM,
    sessionId: SESSION,
    participantId: id,
    name,
    identity: await generateIdentityKey()
  });
  return { session, hello: { ...(await session.hello()), from: id } };
}

async function until(what, condition, ms = 15_000) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const closeAll = (server) => {
  for (const { controller } of server.pages.values()) controller.close();
};
const ids = (members) => members.map((m) => m.participantId).sort();

test("a ghost the server slips into the honest leader's participant list is shown to the others, flagged", async () => {
  const server = lyingServer();
  const ghost = await outsider('ghost', 'Ghost');
  const wrapped = [];
  server.taps.push((from, m) => {
    if (m.type === 'e2ee.key' && m.to === 'ghost') wrapped.push(m);
  });
  server.announceLeader('alice');
  const { alice, bob } = await aliceThenBob(server);
  server.shown.set('alice', ['bob', 'ghost']); // the leader is told a ghost joined after bob; bob is not
  server.deliver('alice', ghost.hello);
  try {
    await until('alice keys bob', () => bob.controller.activeEpoch > 0);
    await until('alice lists the ghost', () => ids(alice.controller.session.currentRoster.members).includes('ghost'));
    await until('bob hears of the roster with the ghost', () => bob.seen.rosters.some((r) => ids(r).includes('ghost')));
    const last = bob.seen.rosters.at(-1);
    assert.deepEqual(
      last.find((m) => m.participantId === 'ghost'),
      { participantId: 'ghost', signedName: 'Ghost', announced: false, verified: false, nameAsShown: true }
    );
    assert.ok(
      bob.seen.errors.some((e) => e.reason === 'unannounced_member' && e.participantId === 'ghost'),
      JSON.stringify(bob.seen.errors)
    );
    assert.ok(wrapped.length > 0, 'the ghost did get a key: what saves the meeting is that bob sees it');
  } finally {
    closeAll(server);
  }
});

test('a member the server shows under another name than the one it signed is flagged', async () => {
  const server = lyingServer();
  server.announceLeader('alice');
  server.renamed.set('bob', new Map([['alice', 'Name of carol']])); // bob sees alice's key next to carol's name
  const { alice, bob } = await aliceThenBob(server);
  try {
    await until('both keyed', () => alice.controller.activeEpoch > 0 && bob.controller.activeEpoch > 0);
    await until('bob hears of the roster', () => bob.seen.rosters.length > 0);
    assert.deepEqual(
      bob.seen.rosters.at(-1).find((m) => m.participantId === 'alice'),
      { participantId: 'alice', signedName: 'Name of alice', announced: true, verified: true, nameAsShown: false }
    );
    assert.ok(
      bob.seen.errors.some((e) => e.reason === 'name_mismatch' && e.participantId === 'alice'),
      JSON.stringify(bob.seen.errors)
    );
    assert.ok(!alice.seen.errors.some((e) => e.reason === 'name_mismatch'), JSON.stringify(alice.seen.errors));
  } finally {
    closeAll(server);
  }
});

test('a leader the server invents and hides is refused: the honest pages key each other without it', async () => {
  const server = lyingServer();
  const ghost = await outsider('ghost', 'Ghost');
  server.announceLeader('ghost'); // in joined and roomUpdated, to everyone
  const { alice, bob } = await aliceThenBob(server);
  // The server relays both hellos to its ghost, which leads an epoch of its own over both pages.
  await ghost.session.onHello(wire(await alice.session.hello()));
  await ghost.session.onHello(wire(await bob.session.hello()));
  server.deliver('alice', ghost.hello);
  server.deliver('bob', ghost.hello);
  for (const { to, message } of await ghost.session.startEpoch(['alice', 'bob'])) {
    for (const id of to ? [to] : ['alice', 'bob']) server.deliver(id, { ...message, from: 'ghost' });
  }
  try {
    await until(
      'alice and bob keyed by alice',
      () =>
        alice.controller.activeEpoch > 0 &&
        bob.controller.activeEpoch > 0 &&
        bob.controller.session.currentRoster?.leaderId === 'alice'
    );
    for (const p of [alice, bob]) {
      assert.ok(
        p.seen.errors.some((e) => e.reason === 'unannounced_leader' && e.participantId === 'ghost'),
        `${p.id}: ${JSON.stringify(p.seen.errors)}`
      );
      assert.deepEqual(ids(p.controller.session.currentRoster.members), ['alice', 'bob']);
    }
    assert.equal(alice.controller.securityCode, bob.controller.securityCode);
  } finally {
    closeAll(server);
  }
});

test('a first member whose hello is malformed cannot keep the room keyless; a silent one is replaced after the deadline and named', async () => {
  for (const kind of ['malformed', 'silent']) {
    const server = lyingServer();
    const { hello } = await outsider('squatter', 'Squatter');
    if (kind === 'malformed') hello.sig = hello.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    server.announceLeader('squatter'); // the earliest-joined member with a hello, as the server picks
    server.keepHello('squatter', hello); // it joined first: each page gets its hello on joining
    const { alice, bob } = await aliceThenBob(server, ['squatter']);
    try {
      await until(
        `${kind}: alice and bob keyed`,
        () => alice.controller.activeEpoch > 0 && bob.controller.activeEpoch > 0
      );
      assert.equal(alice.controller.securityCode, bob.controller.securityCode);
      // A silent squatter with a valid hello is still a member (shown, keyed); a malformed hello is not.
      assert.deepEqual(
        ids(bob.controller.session.currentRoster.members),
        kind === 'silent' ? ['alice', 'bob', 'squatter'] : ['alice', 'bob']
      );
      if (kind === 'silent') {
        for (const p of [alice, bob]) {
          assert.ok(
            p.seen.holders.some((h) => h?.id === 'squatter' && h.reason === 'key'),
            `${p.id} named who held things up`
          );
          assert.ok(p.seen.errors.some((e) => e.reason === 'leader_stalled' && e.participantId === 'squatter'));
        }
      }
      await until('nobody holds things up any more', () =>
        [alice, bob].every((p) => (p.seen.holders.at(-1) ?? null) === null)
      );
    } finally {
      closeAll(server);
    }
  }
});
