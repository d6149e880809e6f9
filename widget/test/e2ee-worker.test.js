// The worker module end to end in node: its message protocol and its rtctransform handler piping
// frames through Web Streams, as Chromium's RTCRtpScriptTransformer presents them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteWriter } from '../src/e2ee/bytes.js';
import { FrameCryptor } from '../src/e2ee/frame-cryptor.js';
import { attachTransform, installWorker } from '../src/e2ee/e2ee-worker.js';

const posted = [];
// Stands in for the worker's global scope: what Chromium calls is onmessage and onrtctransform.
const self = { postMessage: (m) => posted.push(m) };
installWorker(self);

/** Runs frames through an rtctransform event and returns what reached the writable side. */
async function runTransform(options, frames, requests = []) {
  const out = [];
  let closed;
  const done = new Promise((resolve) => {
    closed = resolve;
  });
  const transformer = {
    options,
    readable: new ReadableStream({
      start(c) {
        frames.forEach((f) => c.enqueue(f));
        c.close();
      }
    }),
    writable: new WritableStream({
      write(f) {
        out.push(f);
      },
      close: () => closed()
    }),
    sendKeyFrameRequest: async () => requests.push(options.peerId)
  };
  self.onrtctransform({ transformer });
  await done; // the source closes after its frames, so the pipe ends once all went through
  return out;
}

const frame = (bytes, type = 'delta') => ({
  data: Uint8Array.from(bytes).buffer,
  type,
  getMetadata: () => ({ mimeType: 'video/VP8' })
});

test('the worker encrypts on send only after key and activate messages, and reports stats', async () => {
  const mk = await new ByteWriter().label('worker MK').sha256();
  self.onmessage({ data: { type: 'mode', mode: 'encrypt' } });
  const dropped = await runTransform({ role: 'sender', kind: 'video', peerId: 'bob' }, [
    frame([0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  ]);
  assert.equal(dropped.length, 0, 'no key yet: nothing is sent');

  self.onmessage({ data: { type: 'key', epoch: 1, mk: mk.buffer } });
  self.onmessage({ data: { type: 'activate', epoch: 1, senderIndex: 4 } });
  const plain = [0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const sent = await runTransform({ role: 'sender', kind: 'video', peerId: 'bob' }, [frame(plain)]);
  assert.equal(sent.length, 1);
  const sealed = new Uint8Array(sent[0].data);
  assert.equal(sealed.length, plain.length + 16 + 3);
  assert.deepEqual([...sealed.subarray(0, 10)], plain.slice(0, 10));

  // The same worker receiving its own frame (loopback) decrypts it.
  const received = await runTransform({ role: 'receiver', kind: 'video', peerId: 'me' }, [
    { ...sent[0], data: sealed.slice().buffer }
  ]);
  assert.deepEqual([...new Uint8Array(received[0].data)], plain);

  self.onmessage({ data: { type: 'stats', id: 7 } });
  const stats = posted.find((m) => m.type === 'stats' && m.id === 7).stats;
  assert.deepEqual([stats.encrypted, stats.decrypted, stats.noKey, stats.keyFrames], [1, 1, 1, 2]);
  assert.equal(stats.mode, 'encrypt');
});

test('a receiver without the key drops frames and requests a keyframe when it arrives', async () => {
  const other = new FrameCryptor();
  const mk = await new ByteWriter().label('worker MK 2').sha256();
  other.setMode('encrypt');
  other.setKey(2, mk);
  other.activate(2, 9);
  const sealed = await other.encryptFrame(Uint8Array.of(0x31, 1, 2, 3, 4), { kind: 'video' });
  const requests = [];
  const out = await runTransform({ role: 'receiver', kind: 'video', peerId: 'carol' }, [frame(sealed)], requests);
  assert.equal(out.length, 0);
  self.onmessage({ data: { type: 'key', epoch: 2, mk } });
  assert.deepEqual(requests, ['carol']);
  self.onmessage({ data: { type: 'clear' } });
  self.onmessage({ data: { type: 'bogus' } });
  assert.ok(posted.some((m) => m.type === 'error' && /bogus/.test(m.message)));
});

test('a failing cryptor drops the frame and keeps the stream alive', async () => {
  const broken = {
    encryptFrame: async () => {
      throw new Error('boom');
    }
  };
  const out = [];
  const source = new ReadableStream({
    start(c) {
      c.enqueue(frame([1, 2]));
      c.enqueue(frame([3]));
      c.close();
    }
  });
  await attachTransform(
    source,
    new WritableStream({
      write(f) {
        out.push(f);
      }
    }),
    { role: 'sender', kind: 'audio' },
    () => {},
    broken,
    (m) => posted.push(m)
  );
  assert.equal(out.length, 0);
  assert.equal(posted.filter((m) => m.type === 'error' && /boom/.test(m.message)).length, 2);
});
