import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, TRANSITIONS } from '../src/app/session/session.js';
import { ReconnectPolicy } from '../src/app/session/reconnect-policy.js';
import { FakeClock, FakeSocket, error, settle } from './support/fake-signaling.js';

const joined = (id, extra = {}) => ({
  type: 'joined',
  you: { id },
  participants: [],
  resume: `secret-${id}`,
  ...extra
});

/** A session over fake sockets made from `scripts` in turn (the last one repeats); records its events. */
function session(scripts, o = {}) {
  const clock = new FakeClock();
  const sockets = [];
  const events = [];
  const handled = [];
  const s = new Session({
    url: 'ws://test/ws',
    join: { room: 'r1', token: 'tok', name: o.name ?? null },
    clock,
    policy: o.policy ?? new ReconnectPolicy(),
    askPasscode: o.askPasscode,
    onJoined: async (reply) => {
      handled.push(reply);
    },
    socket: () => {
      const script = scripts[Math.min(sockets.length, scripts.length - 1)];
      const socket = typeof script === 'function' ? script() : new FakeSocket(script);
      sockets.push(socket);
      return socket;
    }
  });
  for (const name of ['state', 'joined', 'resumed', 'ended', 'failed', 'message'])
    s.on(name, (d) => events.push([name, d]));
  const states = () => events.filter(([n]) => n === 'state').map(([, d]) => d.state);
  return { s, clock, sockets, events, handled, states };
}

test('the state table: terminal states lead nowhere but left, and every target is a state', () => {
  assert.deepEqual(TRANSITIONS.left, []);
  assert.deepEqual(TRANSITIONS.disconnected, ['left']);
  for (const targets of Object.values(TRANSITIONS)) for (const t of targets) assert.ok(t in TRANSITIONS, t);
  const { s } = session([{}]);
  assert.equal(s.move('reconnecting'), false, 'idle cannot reconnect');
  assert.equal(s.state, 'idle');
});

test('a join: connecting, the onJoined hook, then connected and joined; other messages are events', async () => {
  const { s, sockets, events, handled, states } = session([{ join: () => joined('p1') }], { name: 'Ada' });
  assert.equal(await s.start(), true);
  assert.deepEqual(states(), ['connecting', 'connected']);
  assert.deepEqual(sockets[0].sent[0], { type: 'join', room: 'r1', token: 'tok', name: 'Ada' });
  assert.equal(handled.length, 1);
  assert.deepEqual(
    events.map(([n]) => n),
    ['state', 'state', 'joined'],
    'the hook ran before connected'
  );
  assert.equal(s.resumeSecret, 'secret-p1');
  sockets[0].receive({ type: 'chat', text: 'hi' });
  assert.deepEqual(events.at(-1), ['message', { type: 'chat', text: 'hi' }]);
});

test('a room that wants a passcode: asked until right, given up with null', async () => {
  const asked = [];
  const answers = ['wrong', 'right'];
  const script = { join: (f) => (f.passcode === 'right' ? joined('p1') : error('unauthorized')) };
  const { s, sockets } = session([script], {
    askPasscode: async (wrong) => {
      asked.push(wrong);
      return answers.shift();
    }
  });
  assert.equal(await s.start(), true);
  assert.deepEqual(asked, [false, true]);
  assert.deepEqual(
    sockets[0].sent.map((m) => m.passcode),
    [undefined, 'wrong', 'right']
  );
  assert.equal(s.passcode, 'right', 'kept for a rejoin');

  const gaveUp = session([script], { askPasscode: async () => null });
  assert.equal(await gaveUp.s.start(), false);
  assert.deepEqual(gaveUp.states(), ['connecting', 'disconnected']);
  assert.equal(gaveUp.events.find(([n]) => n === 'failed')[1].error.code, 'unauthorized');
});

test('denied at the door: ended, and the session stays connecting until the app finishes it', async () => {
  const { s, events, states } = session([{ join: () => ({ type: 'left', reason: 'denied' }) }]);
  assert.equal(await s.start(), false);
  assert.deepEqual(events.find(([n]) => n === 'ended')[1], { reason: 'denied' });
  s.finish();
  assert.deepEqual(states(), ['connecting', 'left']);
});

test('a dropped socket resumes our place on the next socket after the first delay', async () => {
  const { s, clock, sockets, events, handled, states } = session([
    { join: () => joined('p1') },
    { resume: (f) => (f.resume === 'secret-p1' ? { type: 'resumed' } : error('not_found')) }
  ]);
  await s.start();
  sockets[0].drop();
  assert.equal(s.state, 'reconnecting');
  assert.equal(clock.pendingDelay, 500);
  await clock.advance(500);
  assert.deepEqual(states(), ['connecting', 'connected', 'reconnecting', 'connected']);
  assert.ok(events.findIndex(([n]) => n === 'resumed') < events.length - 1, 'resumed comes before connected');
  assert.equal(handled.length, 1, 'a resume changes nothing in the room');
  sockets[0].receive({ type: 'chat' });
  assert.equal(events.filter(([n]) => n === 'message').length, 0, 'the old socket is no longer heard');
});

test('a resume the server no longer knows becomes a fresh join; unreachable attempts back off by the policy', async () => {
  const { s, clock, sockets, handled, states } = session([
    { join: () => joined('p1') },
    () => new FakeSocket({}, { unreachable: true }),
    () => new FakeSocket({}, { unreachable: true }),
    { resume: () => error('not_found'), join: () => joined('p2') }
  ]);
  await s.start();
  sockets[0].drop();
  const delays = [];
  while (s.state === 'reconnecting') {
    delays.push(clock.pendingDelay);
    await clock.advance(clock.pendingDelay);
  }
  assert.deepEqual(delays, [500, 1000, 2000]);
  assert.deepEqual(states(), ['connecting', 'connected', 'reconnecting', 'connected']);
  assert.deepEqual(
    sockets[3].sent.map((m) => m.type),
    ['resume', 'join']
  );
  assert.equal(handled.at(-1).you.id, 'p2');
  assert.equal(s.resumeSecret, 'secret-p2');
});

test('an error no retry can fix ends the attempts: failed, then disconnected', async () => {
  const { s, clock, sockets, events, states } = session([
    { join: () => joined('p1') },
    { resume: () => error('not_found'), join: () => error('room_locked') }
  ]);
  await s.start();
  sockets[0].drop();
  await clock.advance(500);
  assert.deepEqual(states(), ['connecting', 'connected', 'reconnecting', 'disconnected']);
  assert.equal(events.find(([n]) => n === 'failed')[1].error.code, 'room_locked');
  assert.equal(sockets[1].closedByUs, true);
});

test('the policy gives up after its time: disconnected, no attempt after that', async () => {
  const policy = new ReconnectPolicy({ delaysMs: [1000], giveUpAfterMs: 3500 });
  const { s, clock, sockets, states } = session(
    [{ join: () => joined('p1') }, () => new FakeSocket({}, { unreachable: true })],
    { policy }
  );
  await s.start();
  sockets[0].drop();
  for (let i = 0; i < 10 && s.state === 'reconnecting'; i++) await clock.advance(1000);
  assert.equal(s.state, 'disconnected');
  assert.equal(sockets.length, 1 + 4, 'attempts at 1, 2, 3 and 4 s; none after 3.5 s had passed');
  assert.deepEqual(states().slice(-2), ['reconnecting', 'disconnected']);
});

test('leaving while reconnecting stops the attempts', async () => {
  const { s, clock, sockets } = session([{ join: () => joined('p1') }]);
  await s.start();
  sockets[0].drop();
  s.finish();
  await clock.advance(500);
  await settle();
  assert.equal(sockets.length, 1);
  assert.equal(s.state, 'left');
});

test('a socket we close ourselves does not reconnect', async () => {
  const { s, sockets, states } = session([{ join: () => joined('p1') }]);
  await s.start();
  s.close();
  assert.equal(sockets[0].closedByUs, true);
  assert.deepEqual(states(), ['connecting', 'connected']);
});

test('the default policy: 0.5, 1, 2, 4, then every 5 s; gives up at 2 minutes; token and room refusals are final', () => {
  const policy = new ReconnectPolicy();
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 9].map((attempt) => policy.nextDelayMs({ attempt, elapsedMs: 0 })),
    [500, 1000, 2000, 4000, 5000, 5000, 5000]
  );
  assert.equal(policy.nextDelayMs({ attempt: 3, elapsedMs: 119_999 }), 4000);
  assert.equal(policy.nextDelayMs({ attempt: 3, elapsedMs: 120_000 }), null);
  for (const code of ['token_expired', 'room_full', 'room_locked', 'forbidden', 'unauthorized'])
    assert.ok(policy.isFinal({ code }), code);
  for (const code of ['connection_closed', 'unreachable', 'not_found', undefined])
    assert.ok(!policy.isFinal({ code }), String(code));
});
