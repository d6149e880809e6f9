import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter } from '../src/app/emitter.js';
import { TransportMove, MOVE_TIMEOUT_MS, FLOW_WAIT_MS } from '../src/app/media/transport-move.js';
import { RoomModel } from '../src/app/room/room-model.js';

/** A transport that records what the move asks of it (the contract of media-transport.js). */
class RecordingTransport extends Emitter {
  constructor(kind) {
    super();
    this.kind = kind;
    this.calls = [];
    this.closed = false;
  }
  enableE2ee(o) {
    this.calls.push(['enableE2ee', o]);
  }
  configure(o) {
    this.calls.push(['configure', o]);
  }
  setViewSizes(s) {
    this.calls.push(['setViewSizes', s]);
  }
  start() {
    this.calls.push(['start']);
  }
  forget(id) {
    this.calls.push(['forget', id]);
  }
  close() {
    this.closed = true;
  }
}

/** Timers the test runs by hand. */
function manualTimers() {
  const pending = new Map();
  let next = 1;
  return {
    setTimeout: (fn, ms) => {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout: (id) => pending.delete(id),
    fire() {
      for (const [id, { fn }] of [...pending]) {
        pending.delete(id);
        fn();
      }
    },
    pending
  };
}

const person = (id) => ({ id, name: id.toUpperCase(), role: 'participant', media: { audio: true, video: true } });

test('the new transport starts as a joined would start it, with the same E2EE media and certificate', () => {
  const from = new RecordingTransport('mesh');
  const to = new RecordingTransport('sfu');
  const e2eeMedia = { worker: 'the room key worker' };
  const certificate = { fingerprint: 'page certificate' };
  const sizes = new Map([['a', { height: 240, visible: 3, onStage: false }]]);
  const config = { selfId: 'me', iceServers: [{ urls: 'stun:example.invalid' }], iceTransportPolicy: 'all' };
  new TransportMove({
    from,
    to,
    config,
    e2ee: { media: e2eeMedia, certificate },
    sizes,
    waitFor: ['a'],
    timers: manualTimers()
  });
  assert.deepEqual(
    to.calls.map(([name]) => name),
    ['enableE2ee', 'configure', 'setViewSizes', 'start'],
    'E2EE first, so that every sender and receiver it makes is encrypted'
  );
  assert.equal(to.calls[0][1].media, e2eeMedia, 'the very E2EE media of the room: keys and epochs carry over');
  assert.equal(to.calls[0][1].certificate, certificate);
  assert.equal(to.calls[1][1], config);
  assert.equal(to.calls[2][1], sizes);
  assert.equal(from.closed, false, 'make before break: the mesh plays until the SFU brings each person');
});

test('each mesh link goes when the SFU brings that person; the old transport closes once all came', () => {
  const from = new RecordingTransport('mesh');
  const to = new RecordingTransport('sfu');
  const timers = manualTimers();
  let done = 0;
  const move = new TransportMove({
    from,
    to,
    config: { selfId: 'me' },
    e2ee: null,
    sizes: null,
    waitFor: ['a', 'b', 'c'],
    onDone: () => done++,
    timers
  });
  assert.deepEqual(
    to.calls.map(([name]) => name),
    ['configure', 'start'],
    'no E2EE in a plain room, no sizes before the gallery drew'
  );
  const shown = [];
  move.take('b', {}, () => shown.push('b'));
  assert.deepEqual(from.calls, [['forget', 'b']]);
  move.take('load', {}, () => shown.push('load')); // never on the mesh: shown, nothing to close
  move.forget('c'); // c left meanwhile
  assert.equal(from.closed, false);
  move.take('a', {}, () => shown.push('a'));
  assert.equal(from.closed, true);
  assert.equal(done, 1);
  assert.equal(timers.pending.size, 0, 'the timeout is cancelled');
  move.take('a', {}, () => shown.push('a again'));
  assert.deepEqual(shown, ['b', 'load', 'a', 'a again']);
  assert.deepEqual(from.calls, [
    ['forget', 'b'],
    ['forget', 'a']
  ]);
  assert.equal(done, 1, 'done once');
});

test('someone the SFU never brings (publishing nothing) holds the old links only until the timeout', () => {
  const from = new RecordingTransport('mesh');
  const to = new RecordingTransport('sfu');
  const timers = manualTimers();
  let done = 0;
  new TransportMove({ from, to, config: { selfId: 'me' }, waitFor: ['silent'], onDone: () => done++, timers });
  assert.equal([...timers.pending.values()][0].ms, MOVE_TIMEOUT_MS);
  timers.fire();
  assert.equal(from.closed, true);
  assert.equal(done, 1);
});

test('nobody to wait for: the old transport closes at once', () => {
  const from = new RecordingTransport('mesh');
  const to = new RecordingTransport('sfu');
  let done = 0;
  new TransportMove({ from, to, config: { selfId: 'me' }, waitFor: [], onDone: () => done++, timers: manualTimers() });
  assert.equal(from.closed, true);
  assert.equal(done, 1);
});

test('the room model takes the move as a room update: nobody leaves and the order stays', () => {
  const model = new RoomModel();
  const left = [];
  model.on('participantLeft', (d) => left.push(d));
  model.applyJoined({ type: 'joined', you: person('me'), participants: [person('a'), person('b'), person('c')] }, {});
  const before = [...model.participants.keys()];
  model.applyRoomUpdated({
    type: 'roomUpdated',
    locked: false,
    e2ee: true,
    waitingRoom: false,
    unmuteLocked: [],
    media: 'sfu'
  });
  const from = new RecordingTransport('mesh');
  const to = new RecordingTransport('sfu');
  const move = new TransportMove({ from, to, config: { selfId: 'me' }, waitFor: before, timers: manualTimers() });
  for (const id of ['c', 'a', 'b']) move.take(id, {}, () => {});
  assert.deepEqual(left, []);
  assert.deepEqual([...model.participants.keys()], before, 'tiles follow the room model, whose order is unchanged');
  assert.equal(model.self.id, 'me');
});

/** A remote video track as WebRTC makes it: muted until its first packets arrive. */
class FakeTrack extends EventTarget {
  constructor() {
    super();
    this.kind = 'video';
    this.muted = true;
    this.readyState = 'live';
  }
  unmute() {
    this.muted = false;
    this.dispatchEvent(new Event('unmute'));
  }
}

const streamOf = (...tracks) => ({ getVideoTracks: () => tracks.filter((t) => t.kind === 'video') });

test('a tile keeps its mesh video until the new video flows; sound alone does not end the wait', () => {
  const from = new RecordingTransport('mesh');
  const to = new RecordingTransport('sfu');
  const timers = manualTimers();
  const move = new TransportMove({ from, to, config: { selfId: 'me' }, waitFor: ['a', 'b'], timers });
  const shown = [];
  const video = new FakeTrack();
  move.take('a', streamOf(), () => shown.push('a: audio only'));
  move.take('a', streamOf(video), () => shown.push('a: audio and video'));
  assert.deepEqual(shown, [], 'not yet: nothing flows');
  assert.deepEqual(from.calls, []);
  video.unmute();
  assert.deepEqual(shown, ['a: audio and video']);
  assert.deepEqual(from.calls, [['forget', 'a']]);
  // b's video never flows (camera off): after FLOW_WAIT_MS it is shown anyway, and the move ends.
  move.take('b', streamOf(new FakeTrack()), () => shown.push('b'));
  const flowWait = [...timers.pending.entries()].find(([, t]) => t.ms === FLOW_WAIT_MS);
  timers.pending.delete(flowWait[0]);
  flowWait[1].fn();
  assert.deepEqual(shown, ['a: audio and video', 'b']);
  assert.equal(from.closed, true);
});

test('video already flowing is shown at once; someone who leaves while awaited is never shown', () => {
  const from = new RecordingTransport('mesh');
  const to = new RecordingTransport('sfu');
  const move = new TransportMove({ from, to, config: { selfId: 'me' }, waitFor: ['a', 'b'], timers: manualTimers() });
  const shown = [];
  const flowing = new FakeTrack();
  flowing.muted = false;
  move.take('a', streamOf(flowing), () => shown.push('a'));
  const stuck = new FakeTrack();
  move.take('b', streamOf(stuck), () => shown.push('b'));
  move.forget('b');
  stuck.unmute();
  assert.deepEqual(shown, ['a']);
  assert.equal(from.closed, true, 'nobody left to wait for');
});
