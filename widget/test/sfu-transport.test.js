import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SfuTransport, SIMULCAST_ENCODINGS } from '../src/app/media/sfu-transport.js';
import { transportKind } from '../src/app/media/media-transport.js';

/** Just enough of RTCPeerConnection to follow what the transport negotiates. */
class FakePeerConnection {
  constructor(config) {
    this.config = config;
    this.transceivers = [];
    this.remote = null;
    this.local = null;
    this.candidates = [];
    FakePeerConnection.made.push(this);
  }

  addTransceiver(trackOrKind, init) {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const t = {
      kind,
      init,
      sender: {
        track: typeof trackOrKind === 'string' ? null : trackOrKind,
        replaceTrack: async (track) => {
          t.sender.track = track;
        }
      },
      receiver: { track: { kind } }
    };
    this.transceivers.push(t);
    return t;
  }

  getTransceivers() {
    return this.transceivers;
  }
  async createOffer() {
    return { type: 'offer', sdp: `offer with ${this.transceivers.length} m-lines` };
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
  async addIceCandidate(c) {
    this.candidates.push(c);
  }
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

function transport(localStream = null) {
  const sent = [];
  const t = new SfuTransport({
    send: (type, fields) => sent.push({ type, ...fields }),
    localStream: () => localStream
  });
  t.configure({ selfId: 'me', iceServers: [{ urls: 'stun:example.invalid' }] });
  return { t, sent };
}

const size = (height, visible) => ({ height, visible, onStage: false });

test('joined.media picks the transport; a server that says nothing runs the mesh', () => {
  assert.equal(transportKind({ media: 'sfu' }), 'sfu');
  assert.equal(transportKind({ media: 'mesh' }), 'mesh');
  assert.equal(transportKind({}), 'mesh');
});

test('feeds and tile sizes become one sfu.subscribe, sent again only when the wish changes', () => {
  const { t, sent } = transport();
  assert.equal(t.handleSignal({ type: 'offer', from: 'x', sdp: '' }), false, 'mesh signals are not ours');
  t.handleSignal({
    type: 'sfu.feeds',
    feeds: [
      { participantId: 'a', source: 'camera', video: true, audio: true, simulcast: true },
      { participantId: 'b', source: 'camera', video: true, audio: true, simulcast: true },
      { participantId: 'me', source: 'camera', video: true, audio: true, simulcast: true }
    ]
  });
  t.wantSender.flush(); // the window closes before the gallery reports sizes
  const sizes = (entries) => {
    t.setViewSizes(new Map(entries));
    t.wantSender.flush();
  };
  sizes([
    ['a', size(600, 2)],
    ['b', size(600, 2)]
  ]);
  sizes([
    ['a', size(600, 2)],
    ['b', size(600, 2)]
  ]);
  // Someone joins: three tiles cap everyone at 360p, and the newcomer is small.
  sizes([
    ['a', size(400, 3)],
    ['b', size(400, 3)],
    ['c', size(100, 3)]
  ]);
  const subscribes = sent.filter((m) => m.type === 'sfu.subscribe');
  assert.deepEqual(
    subscribes.map((m) => m.want.map((w) => `${w.participantId}:${w.layer}`)),
    [
      ['a:audio-only', 'b:audio-only'], // feeds before the gallery reported sizes: heard at once
      ['a:high', 'b:high'],
      ['a:medium', 'b:medium']
    ]
  );
  assert.deepEqual(t.requestedVideo(), { 'a:camera': 'medium', 'b:camera': 'medium' });
});

test('the feeds at join and the first layout right after them make one sfu.subscribe, not two', () => {
  const { t, sent } = transport();
  t.handleSignal({
    type: 'sfu.feeds',
    feeds: [
      { participantId: 'a', source: 'camera', video: true, audio: true },
      { participantId: 'b', source: 'camera', video: true, audio: true }
    ]
  });
  t.setViewSizes(
    new Map([
      ['a', size(100, 25)],
      ['b', null]
    ])
  );
  assert.equal(sent.filter((m) => m.type === 'sfu.subscribe').length, 0, 'nothing before the window closes');
  t.wantSender.flush();
  assert.deepEqual(
    sent.filter((m) => m.type === 'sfu.subscribe').map((m) => m.want.map((w) => `${w.participantId}:${w.layer}`)),
    [['a:low', 'b:audio-only']]
  );
  t.reset(); // a new session: the server must hear the whole wish again, and nothing stays pending
  assert.equal(t.wantSender.timer, null);
  assert.deepEqual(t.requestedVideo(), {});
});

test('publishing: one sendonly offer with three simulcast layers; the answer and candidates reach that connection', async () => {
  globalThis.RTCPeerConnection = FakePeerConnection;
  try {
    const camera = { kind: 'video' },
      mic = { kind: 'audio' };
    const { t, sent } = transport(new FakeStream([mic, camera]));
    await t.publish();
    await t.publish(); // once only
    assert.equal(FakePeerConnection.made.length, 1);
    const pc = t.publisher;
    assert.deepEqual(pc.config.iceServers, [{ urls: 'stun:example.invalid' }]);
    assert.deepEqual(
      pc.transceivers.map((x) => [x.kind, x.init.direction]),
      [
        ['audio', 'sendonly'],
        ['video', 'sendonly']
      ]
    );
    assert.deepEqual(
      pc.transceivers[1].init.sendEncodings.map((e) => e.rid),
      SIMULCAST_ENCODINGS.map((e) => e.rid)
    );
    assert.deepEqual(sent.at(-1), { type: 'sfu.publish', source: 'camera', sdp: 'offer with 2 m-lines' });
    t.handleSignal({ type: 'sfu.published', source: 'camera', sdp: 'the answer' });
    t.handleSignal({
      type: 'sfu.candidate',
      pc: 'publisher',
      candidate: { candidate: 'c1', sdpMid: '0', sdpMLineIndex: 0 }
    });
    t.handleSignal({ type: 'sfu.candidate', pc: 'publisher', candidate: null });
    await new Promise((r) => setTimeout(r, 0));
    assert.deepEqual(pc.remote, { type: 'answer', sdp: 'the answer' });
    assert.deepEqual(pc.candidates, [{ candidate: 'c1', sdpMid: '0', sdpMLineIndex: 0 }, null]);
    const screen = { kind: 'video', label: 'screen' };
    await t.replaceTrack('video', screen);
    assert.equal(pc.transceivers[1].sender.track, screen);
    t.close();
    assert.equal(pc.closed, true);
  } finally {
    delete globalThis.RTCPeerConnection;
    FakePeerConnection.made = [];
  }
});

test('receiving: the server offer is answered, and each track plays on its participant by mid', async () => {
  globalThis.RTCPeerConnection = FakePeerConnection;
  globalThis.MediaStream = FakeStream;
  try {
    const { t, sent } = transport();
    const streams = [];
    t.on('stream', ({ id, stream }) => streams.push([id, stream.getTracks().map((x) => x.kind)]));
    t.handleSignal({
      type: 'sfu.offer',
      sdp: 'janus offer',
      tracks: [
        { mid: '0', participantId: 'a', source: 'camera', kind: 'audio' },
        { mid: '1', participantId: 'a', source: 'camera', kind: 'video' },
        { mid: '2', participantId: 'b', source: 'camera', kind: 'video' }
      ]
    });
    await t.queue;
    assert.deepEqual(sent.at(-1), { type: 'sfu.answer', sdp: 'answer to janus offer' });
    const pc = t.subscriber;
    for (const [mid, kind] of [
      ['0', 'audio'],
      ['1', 'video'],
      ['2', 'video'],
      ['9', 'video']
    ]) {
      pc.ontrack({ track: { kind }, transceiver: { mid, receiver: {} } });
    }
    assert.deepEqual(
      streams,
      [
        ['a', ['audio']],
        ['a', ['audio', 'video']],
        ['b', ['video']]
      ],
      'an unknown mid plays nowhere'
    );
    assert.ok(t.has('a') === false, 'has() follows the feeds, not the tracks');
  } finally {
    delete globalThis.RTCPeerConnection;
    delete globalThis.MediaStream;
    FakePeerConnection.made = [];
  }
});

test('simulcast layers are listed highest first, the rid order Janus numbers its substreams by', () => {
  // Janus reads the SDP's rids as high, medium, low: the other order swaps what `low` and `high` bring.
  assert.deepEqual(
    SIMULCAST_ENCODINGS.map((e) => e.rid),
    ['h', 'm', 'l']
  );
  const scales = SIMULCAST_ENCODINGS.map((e) => e.scaleResolutionDownBy);
  assert.deepEqual(
    scales,
    [...scales].sort((a, b) => a - b)
  );
});
