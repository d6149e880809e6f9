import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScreenPublisher, closeOnceHungUp, shownTracks } from '../src/app/media/sfu-screen.js';
import { OwnMedia } from '../src/app/media/own-media.js';

const track = (kind, id) => ({ kind, id, readyState: 'live' });

test('a sharer plays their screen in place of the camera; when the share is no longer listed, the camera is back', () => {
  const mic = track('audio', 'mic'),
    camera = track('video', 'cam'),
    screen = track('video', 'scr'),
    other = track('video', 'b-cam');
  const received = new Map([
    ['0', mic],
    ['1', camera],
    ['2', screen],
    ['3', other]
  ]);
  const sharing = new Map([
    ['0', { participantId: 'a', source: 'camera', kind: 'audio' }],
    ['1', { participantId: 'a', source: 'camera', kind: 'video' }],
    ['2', { participantId: 'a', source: 'screen', kind: 'video' }],
    ['3', { participantId: 'b', source: 'camera', kind: 'video' }]
  ]);
  assert.deepEqual(
    shownTracks(sharing, received),
    new Map([
      ['a', [mic, screen]],
      ['b', [other]]
    ])
  );
  // The next offer lists no screen (sfu.unpublish): a mid not listed carries nothing now.
  sharing.delete('2');
  assert.deepEqual(shownTracks(sharing, received).get('a'), [mic, camera]);
  // A camera subscribed audio-only while the screen shows: the screen with the sound.
  const audioOnly = new Map([
    ['0', { participantId: 'a', source: 'camera', kind: 'audio' }],
    ['2', { participantId: 'a', source: 'screen', kind: 'video' }]
  ]);
  assert.deepEqual(shownTracks(audioOnly, received).get('a'), [mic, screen]);
  assert.equal(shownTracks(new Map([['7', { participantId: 'c', kind: 'audio' }]]), received).has('c'), false);
});

class FakePeerConnection {
  constructor(config) {
    this.config = config;
    this.transceivers = [];
    FakePeerConnection.made.push(this);
  }
  addTransceiver(t, init) {
    const x = {
      track: t,
      init,
      sender: { track: t },
      receiver: { track: null },
      setCodecPreferences: (codecs) => {
        x.codecs = codecs.map((c) => c.mimeType);
      }
    };
    this.transceivers.push(x);
    return x;
  }
  getTransceivers() {
    return this.transceivers;
  }
  async createOffer() {
    return { type: 'offer', sdp: 'screen offer' };
  }
  async setLocalDescription(d) {
    this.localDescription = d;
  }
  async setRemoteDescription(d) {
    this.remote = d;
  }
  close() {
    this.closed = true;
  }
}
FakePeerConnection.made = [];

function withFakes(fn) {
  return async () => {
    globalThis.RTCPeerConnection = FakePeerConnection;
    globalThis.RTCRtpReceiver = {
      getCapabilities: () => ({ codecs: [{ mimeType: 'video/H264' }, { mimeType: 'video/VP8' }] })
    };
    globalThis.MediaStream = class {
      constructor(tracks) {
        this.tracks = tracks;
      }
    };
    try {
      await fn();
    } finally {
      delete globalThis.RTCPeerConnection;
      delete globalThis.RTCRtpReceiver;
      delete globalThis.MediaStream;
      FakePeerConnection.made = [];
    }
  };
}

test(
  'the screen is its own sendonly feed: published as source screen, encrypted like the camera, unpublished at the end',
  withFakes(async () => {
    const sent = [];
    const attached = [];
    const e2ee = { attachSender: (sender, kind, id) => attached.push([sender.track.id, kind, id]) };
    const p = new ScreenPublisher({
      send: (type, fields) => sent.push({ type, ...fields }),
      config: () => ({ iceServers: [{ urls: 'stun:example.invalid' }], iceTransportPolicy: 'relay' }),
      e2eeMedia: () => e2ee,
      selfId: () => 'me'
    });
    const screen = track('video', 'scr');
    await p.publish(screen);
    const pc = p.pc;
    assert.equal(pc.config.iceTransportPolicy, 'relay');
    assert.deepEqual(
      pc.transceivers.map((x) => [x.track.id, x.init.direction, x.init.sendEncodings]),
      [['scr', 'sendonly', undefined]],
      'one layer: receivers take a screen whole'
    );
    assert.deepEqual(attached, [['scr', 'video', 'me']]);
    assert.deepEqual(pc.transceivers[0].codecs, ['video/VP8'], 'VP8 only, whose clear prefix E2EE knows');
    assert.deepEqual(sent.at(-1), { type: 'sfu.publish', source: 'screen', sdp: 'screen offer' });
    pc.onicecandidate({ candidate: { toJSON: () => ({ candidate: 'c1' }) } });
    assert.deepEqual(sent.at(-1), {
      type: 'sfu.candidate',
      pc: 'publisher',
      source: 'screen',
      candidate: { candidate: 'c1' }
    });
    p.answered('janus answer');
    assert.deepEqual(pc.remote, { type: 'answer', sdp: 'janus answer' });

    // The transport starts over (a rejoin): the share goes up again on a new connection.
    p.close();
    assert.equal(pc.closed, true);
    p.republish();
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(FakePeerConnection.made.length, 2);
    assert.equal(sent.filter((m) => m.type === 'sfu.publish').length, 2);

    const stopped = p.pc;
    p.stop();
    assert.equal(p.pc, null);
    assert.deepEqual(sent.at(-1), { type: 'sfu.unpublish', source: 'screen' });
    assert.equal(stopped.closed, undefined, 'left for the media server to hang up');
    stopped.connectionState = 'failed';
    stopped.onconnectionstatechange();
    assert.equal(stopped.closed, true, 'closed once hung up');
    p.stop();
    assert.equal(sent.filter((m) => m.type === 'sfu.unpublish').length, 1, 'unpublished once');
    p.republish();
    assert.equal(FakePeerConnection.made.length, 2, 'nothing to publish after the end');
  })
);

test('own media: with a transport that takes the screen as a feed, the camera stays on the camera feed', async () => {
  const camera = track('video', 'cam'),
    mic = track('audio', 'mic');
  const stream = {
    getTracks: () => [mic, camera],
    getAudioTracks: () => [mic],
    getVideoTracks: () => [camera]
  };
  const swaps = [],
    feeds = [];
  const own = new OwnMedia(stream, {
    replaceTrack: async (kind, t) => swaps.push([kind, t?.id ?? null]),
    onChange: () => {},
    screenFeed: async (t) => {
      feeds.push(t?.id ?? null);
      return true;
    }
  });
  const screen = { ...track('video', 'scr'), addEventListener() {}, stop() {} };
  // What openScreen would return: set the track the way shareScreen does after the browser's prompt.
  own.screenTrack = screen;
  own.screenIsFeed = await own.screenFeed(screen);
  assert.equal(own.outgoingStream(), stream, 'the camera feed keeps the camera');
  assert.equal(own.state().screen, true);
  await own.stopScreenShare();
  assert.deepEqual(feeds, ['scr', null]);
  assert.deepEqual(swaps, [], 'the camera was never replaced');
  assert.equal(own.screenIsFeed, false);
});

test(
  'the transport plays a share on the sharer’s stream in place of the camera, and the camera again once the offer drops it',
  withFakes(async () => {
    const { SfuTransport } = await import('../src/app/media/sfu-transport.js');
    class Stream {
      constructor() {
        this.tracks = [];
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
    globalThis.MediaStream = Stream;
    FakePeerConnection.prototype.createAnswer = async () => ({ type: 'answer', sdp: 'answer' });
    const t = new SfuTransport({ send: () => {}, localStream: () => null });
    t.configure({ selfId: 'me' });
    const shown = [];
    t.on('stream', ({ id, stream }) => shown.push([id, stream, stream.getTracks().map((x) => x.id)]));
    const offer = (tracks) => {
      t.handleSignal({ type: 'sfu.offer', sdp: 'o', tracks });
      return t.queue;
    };
    const mic = track('audio', 'mic'),
      camera = track('video', 'cam'),
      screen = track('video', 'scr');
    await offer([
      { mid: '0', participantId: 'a', source: 'camera', kind: 'audio' },
      { mid: '1', participantId: 'a', source: 'camera', kind: 'video' }
    ]);
    t.subscriber.ontrack({ track: mic, transceiver: { mid: '0', receiver: {} } });
    t.subscriber.ontrack({ track: camera, transceiver: { mid: '1', receiver: {} } });
    // a shares: the screen comes whole and her camera is only heard.
    await offer([
      { mid: '0', participantId: 'a', source: 'camera', kind: 'audio' },
      { mid: '2', participantId: 'a', source: 'screen', kind: 'video' }
    ]);
    t.subscriber.ontrack({ track: screen, transceiver: { mid: '2', receiver: {} } });
    // She stops: the next offer lists her camera again and no screen.
    await offer([
      { mid: '0', participantId: 'a', source: 'camera', kind: 'audio' },
      { mid: '1', participantId: 'a', source: 'camera', kind: 'video' }
    ]);
    assert.deepEqual(
      shown.map(([id, , ids]) => `${id}:${ids.join('+')}`),
      ['a:mic', 'a:mic+cam', 'a:mic', 'a:mic+scr', 'a:mic+cam']
    );
    assert.ok(
      shown.every(([, s]) => s === shown[0][1]),
      'one stream, changed in place: the tile and the audio element are never reloaded'
    );
    delete FakePeerConnection.prototype.createAnswer;
  })
);

test('a stopped share left open closes by itself when the media server never hangs it up', async () => {
  const pc = {
    connectionState: 'connected',
    close() {
      this.closed = true;
    }
  };
  closeOnceHungUp(pc, 5);
  pc.onconnectionstatechange(); // still connected: stays open
  assert.equal(pc.closed, undefined);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(pc.closed, true);
});
