import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SfuTransport } from '../src/app/media/sfu-transport.js';

/** Just enough of RTCPeerConnection to see what the transport closes and makes again. */
class FakePeerConnection {
  constructor() {
    this.transceivers = [];
    this.closed = false;
    this.remote = null;
    this.local = null;
    FakePeerConnection.made.push(this);
  }
  addTransceiver(trackOrKind, init) {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const t = { kind, init, sender: { track: typeof trackOrKind === 'string' ? null : trackOrKind }, receiver: {} };
    this.transceivers.push(t);
    return t;
  }
  async createOffer() {
    return { type: 'offer', sdp: `offer ${FakePeerConnection.made.indexOf(this)}` };
  }
  async createAnswer() {
    return { type: 'answer', sdp: `answer to ${this.remote.sdp}` };
  }
  async setLocalDescription(d) {
    this.local = d;
  }
  get localDescription() {
    return this.local;
  }
  async setRemoteDescription(d) {
    this.remote = d;
  }
  async addIceCandidate() {}
  close() {
    this.closed = true;
  }
}
FakePeerConnection.made = [];

class FakeStream {
  constructor(tracks = []) {
    this.tracks = [...tracks];
  }
  getTracks() {
    return this.tracks;
  }
  addTrack(t) {
    this.tracks.push(t);
  }
  removeTrack(t) {
    this.tracks = this.tracks.filter((x) => x !== t);
  }
}

function withFakes(body) {
  return async () => {
    globalThis.RTCPeerConnection = FakePeerConnection;
    globalThis.MediaStream = FakeStream;
    try {
      await body();
    } finally {
      delete globalThis.RTCPeerConnection;
      delete globalThis.MediaStream;
      FakePeerConnection.made = [];
    }
  };
}

function transport(localStream) {
  const sent = [];
  const statuses = [];
  const t = new SfuTransport({
    send: (type, fields) => sent.push({ type, ...fields }),
    localStream: () => localStream
  });
  t.configure({ selfId: 'me' });
  t.on('mediaStatus', ({ state }) => statuses.push(state));
  return { t, sent, statuses };
}

const feeds = (...ids) => ({
  type: 'sfu.feeds',
  feeds: ids.map((participantId) => ({ participantId, source: 'camera', video: true, audio: true, simulcast: true }))
});
const tick = () => new Promise((r) => setTimeout(r, 0));

test(
  'sfu.restart closes both connections, publishes again on a new one and subscribes again as feeds return',
  withFakes(async () => {
    const camera = { kind: 'video' },
      mic = { kind: 'audio' };
    const { t, sent, statuses } = transport(new FakeStream([mic, camera]));
    // A meeting under way: we publish, and receive a and b.
    await t.publish();
    t.handleSignal({ type: 'sfu.published', source: 'camera', sdp: 'answer of the first server' });
    t.handleSignal(feeds('me', 'a', 'b'));
    t.handleSignal({
      type: 'sfu.offer',
      sdp: 'first server offer',
      tracks: [{ mid: '0', participantId: 'a', source: 'camera', kind: 'video' }]
    });
    await t.queue;
    t.subscriber.ontrack({ track: { kind: 'video' }, transceiver: { mid: '0', receiver: {} } });
    const [oldPublisher, oldSubscriber] = [t.publisher, t.subscriber];
    sent.length = 0;

    assert.equal(t.handleSignal({ type: 'sfu.restart', reason: 'the media server of this room stopped' }), true);
    await tick();

    assert.equal(oldPublisher.closed, true, 'the old publisher connection is closed');
    assert.equal(oldSubscriber.closed, true, 'the old subscriber connection is closed');
    assert.equal(t.subscriber, null, 'a new subscriber connection waits for the new server offer');
    assert.notEqual(t.publisher, oldPublisher);
    assert.deepEqual(
      t.publisher.transceivers.map((x) => [x.kind, x.sender.track]),
      [
        ['audio', mic],
        ['video', camera]
      ],
      'camera and microphone go up again'
    );
    assert.deepEqual(
      sent.map((m) => m.type),
      ['sfu.publish']
    );
    assert.equal(t.has('a'), false, 'the feed list is forgotten until the server sends it again');
    assert.equal(t.streams.size, 0);
    assert.deepEqual(statuses, ['restarting']);

    // Everyone publishes again: each sfu.feeds brings the want list again (no tile sizes yet: sound first).
    t.handleSignal({ type: 'sfu.published', source: 'camera', sdp: 'answer of the second server' });
    assert.deepEqual(t.publisher.remote, { type: 'answer', sdp: 'answer of the second server' });
    t.handleSignal(feeds('me', 'a'));
    t.wantSender.flush();
    t.handleSignal(feeds('me', 'a', 'b'));
    t.wantSender.flush();
    assert.deepEqual(
      sent.filter((m) => m.type === 'sfu.subscribe').map((m) => m.want.map((w) => w.participantId)),
      [['a'], ['a', 'b']]
    );
    assert.deepEqual(statuses, ['restarting'], 'others publish: the status stays until the subscriber connects');

    t.handleSignal({
      type: 'sfu.offer',
      sdp: 'second server offer',
      tracks: [{ mid: '0', participantId: 'b', source: 'camera', kind: 'video' }]
    });
    await t.queue;
    assert.notEqual(t.subscriber, oldSubscriber);
    assert.deepEqual(sent.at(-1), { type: 'sfu.answer', sdp: 'answer to second server offer' });
    const streams = [];
    t.on('stream', ({ id }) => streams.push(id));
    t.subscriber.ontrack({ track: { kind: 'video' }, transceiver: { mid: '0', receiver: {} } });
    assert.deepEqual(streams, ['b'], 'tracks follow the new offer, not the old one');
    t.subscriber.connectionState = 'connected';
    t.subscriber.onconnectionstatechange();
    t.subscriber.onconnectionstatechange();
    assert.deepEqual(statuses, ['restarting', 'restored'], 'restored once');
  })
);

test(
  'after sfu.restart a viewer publishes nothing, and one alone is back once its feed is published',
  withFakes(async () => {
    const viewer = transport(null);
    viewer.t.handleSignal(feeds('a'));
    viewer.t.handleSignal({ type: 'sfu.restart' });
    await tick();
    assert.equal(viewer.t.publisher, null);
    assert.deepEqual(
      viewer.sent.filter((m) => m.type === 'sfu.publish'),
      []
    );

    const alone = transport(new FakeStream([{ kind: 'video' }]));
    await alone.t.publish();
    alone.t.handleSignal({ type: 'sfu.restart' });
    await tick();
    alone.t.handleSignal({ type: 'sfu.published', source: 'camera', sdp: 'answer' });
    assert.deepEqual(alone.statuses, ['restarting', 'restored'], 'nobody to receive: publishing is enough');
  })
);

test(
  'sfu.restart publishes a shared screen again, on a connection of its own',
  withFakes(async () => {
    const { t, sent } = transport(new FakeStream([{ kind: 'audio' }, { kind: 'video' }]));
    const screen = { kind: 'video', id: 'scr', readyState: 'live' };
    await t.publish();
    await t.setScreen(/** @type {any} */ (screen));
    const oldScreen = t.screen.pc;
    assert.ok(oldScreen, 'the screen has its own connection');
    sent.length = 0;

    t.handleSignal({ type: 'sfu.restart', reason: 'the media server of this room stopped' });
    await tick();

    assert.equal(oldScreen.closed, true, 'the old screen connection is closed');
    assert.notEqual(t.screen.pc, oldScreen);
    assert.equal(t.screen.pc.transceivers[0].sender.track, screen, 'the same screen goes up again');
    assert.deepEqual(
      sent.map((m) => [m.type, m.source]),
      [
        ['sfu.publish', 'camera'],
        ['sfu.publish', 'screen']
      ]
    );
  })
);
