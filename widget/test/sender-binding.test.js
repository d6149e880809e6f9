// A receiver shows only the frames of the participant whose tile it feeds (docs/e2ee.md, "SFU rooms"):
// in an SFU room the server names the participant of each mid and Janus chooses the frames, so either
// could put one member's authentic frames on another member's tile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteWriter } from '../src/e2ee/bytes.js';
import { FrameCryptor, WRONG_SENDER_WARNING } from '../src/e2ee/frame-cryptor.js';
import { installWorker } from '../src/e2ee/e2ee-worker.js';
import { mediaKid } from '../src/e2ee/media-keys.js';
import { SenderBinding, senderOfKid } from '../src/e2ee/sender-binding.js';

const mk = () => new ByteWriter().label('sender binding MK').sha256();
const vp8Delta = () => Uint8Array.from({ length: 80 }, (_, i) => (i === 0 ? 0x31 : (i * 7) & 0xff));
const ROSTER = [
  ['ana', 1],
  ['ben', 2],
  ['cleo', 3]
];

/** Ben (sender index 2) seals a frame; Ana's cryptor, keyed for the same epoch, receives it. */
async function benAndAna() {
  const ben = new FrameCryptor();
  const events = [];
  const ana = new FrameCryptor({ onEvent: (e) => events.push(e) });
  for (const c of [ben, ana]) {
    c.setMode('encrypt');
    c.setKey(1, await mk());
  }
  ben.activate(1, 2);
  ana.senders.setSenders(ROSTER);
  return { ben, ana, events };
}

test('the KID names its sender index', () => {
  assert.equal(senderOfKid(mediaKid(1, 2)), 2);
  assert.equal(senderOfKid(mediaKid(17, 300)), 300);
  assert.equal(senderOfKid(BigInt(mediaKid(3, 7))), 7);
});

test("Ben's frame decrypts on Ben's tile", async () => {
  const { ben, ana } = await benAndAna();
  const sealed = await ben.encryptFrame(vp8Delta(), { kind: 'video' });
  assert.deepEqual(await ana.decryptFrame(sealed, { kind: 'video', peerId: 'ben' }), vp8Delta());
  assert.equal(ana.stats().wrongSender, 0);
});

test("Ben's authentic frames on Cleo's tile are dropped, counted and reported once", async () => {
  const { ben, ana, events } = await benAndAna();
  const misplaced = async () => {
    const sealed = await ben.encryptFrame(vp8Delta(), { kind: 'video' });
    assert.equal(await ana.decryptFrame(sealed, { kind: 'video', peerId: 'cleo' }), null);
  };
  for (let i = 1; i < WRONG_SENDER_WARNING; i++) await misplaced();
  assert.deepEqual(events, [], 'a few frames of an old feed on a reused mid raise no warning');
  for (let i = 0; i < WRONG_SENDER_WARNING; i++) await misplaced();
  const stats = ana.stats();
  assert.equal(stats.wrongSender, 2 * WRONG_SENDER_WARNING - 1);
  assert.equal(stats.decrypted, 0);
  assert.equal(stats.authFail, 0, 'not a forgery: the frame is authentic, only misplaced');
  assert.deepEqual(events, [{ type: 'wrongSender', peerId: 'cleo', senderId: 'ben' }]);
});

test('a sender index no roster names yet is not judged (its key came with a roster, if at all)', () => {
  const binding = new SenderBinding();
  binding.setSenders([['ana', 1]]);
  assert.equal(binding.allows(mediaKid(1, 9), 'cleo'), true);
  assert.equal(binding.allows(mediaKid(1, 1), 'cleo'), false);
  assert.equal(binding.allows(mediaKid(1, 1), 'ana'), true);
  binding.clear();
  assert.equal(binding.allows(mediaKid(1, 1), 'cleo'), true, 'a new session starts without owners');
});

test('the worker rebinds a receiver whose mid now carries another participant', async () => {
  // A worker scope in node: messages in through onmessage, transforms through streams.
  const posted = [];
  const scope = { postMessage: (m) => posted.push(m) };
  const cryptor = installWorker(scope);
  const send = (data) => scope.onmessage({ data });
  send({ type: 'mode', mode: 'encrypt' });
  send({ type: 'key', epoch: 1, mk: await mk() });
  send({ type: 'senders', members: ROSTER });

  const ben = new FrameCryptor();
  ben.setMode('encrypt');
  ben.setKey(1, await mk());
  ben.activate(1, 2);

  // One receiving transform, created for Cleo's tile; the frames that come out reach the "decoder".
  const decoded = [];
  const input = new TransformStream();
  const writer = input.writable.getWriter();
  const sink = new WritableStream({ write: (frame) => decoded.push(frame) });
  send({
    type: 'streams',
    readable: input.readable,
    writable: sink,
    options: { role: 'receiver', kind: 'video', peerId: 'cleo', trackId: 'cleo:video:recv:1' }
  });
  const frame = async () => ({ data: (await ben.encryptFrame(vp8Delta(), { kind: 'video' })).buffer });
  // Frames go through the worker's stream asynchronously: wait until it has handled `n` of them.
  const handled = async (n) => {
    for (
      let waited = 0;
      cryptor.stats().frames < n || cryptor.stats().decrypted + cryptor.stats().wrongSender < n;
      waited += 10
    ) {
      if (waited > 10_000) assert.fail(`the worker handled ${cryptor.stats().frames} frames, not ${n}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  for (let i = 0; i < WRONG_SENDER_WARNING; i++) await writer.write(await frame());
  await handled(WRONG_SENDER_WARNING);
  assert.equal(decoded.length, 0, "Ben's frames are not shown on Cleo's tile");
  assert.equal(cryptor.stats().wrongSender, WRONG_SENDER_WARNING);
  assert.ok(posted.some((m) => m.type === 'wrongSender' && m.peerId === 'cleo' && m.senderId === 'ben'));

  send({ type: 'bind', trackId: 'cleo:video:recv:1', peerId: 'ben' }); // the mid now carries Ben
  await writer.write(await frame());
  await handled(WRONG_SENDER_WARNING + 1);
  for (let waited = 0; decoded.length < 1 && waited < 10_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
  assert.equal(decoded.length, 1, "after the rebinding Ben's frame is shown");
  assert.equal(cryptor.stats().decrypted, 1);
});

test('an SFU offer that gives a mid to another participant rebinds its receiver', async () => {
  const { SfuTransport } = await import('../src/app/media/sfu-transport.js');
  const receiver = {};
  class FakePc {
    constructor() {
      this.transceivers = [{ mid: '1', receiver }];
    }
    getTransceivers() {
      return this.transceivers;
    }
    async setRemoteDescription() {}
    async createAnswer() {
      return { type: 'answer', sdp: 'answer' };
    }
    async setLocalDescription(d) {
      this.localDescription = d;
    }
  }
  globalThis.RTCPeerConnection = FakePc;
  try {
    const t = new SfuTransport({ send: () => {}, localStream: () => null });
    const attached = [];
    t.enableE2ee({ media: { attachReceiver: (r, kind, peerId) => attached.push([r, kind, peerId]) } });
    const offer = (participantId) =>
      t.handleSignal({
        type: 'sfu.offer',
        sdp: 'offer',
        tracks: [{ mid: '1', participantId, source: 'camera', kind: 'video' }]
      });
    offer('cleo');
    await t.queue;
    offer('dan'); // Cleo left; Janus reuses her mid for Dan
    await t.queue;
    assert.deepEqual(attached, [
      [receiver, 'video', 'cleo'],
      [receiver, 'video', 'dan']
    ]);
  } finally {
    delete globalThis.RTCPeerConnection;
  }
});
