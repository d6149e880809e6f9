// The encoded-transform worker (docs/e2ee.md, "Transform worker"). One dedicated worker per page runs every
// sender and receiver transform through one FrameCryptor, so CTRs are shared per KID.
//
// Main thread → worker messages:
//   {type:'mode', mode:'passthrough'|'encrypt'}         switch without reinstalling transforms
//   {type:'key', epoch, mk}                              mk: 32-byte ArrayBuffer or Uint8Array
//   {type:'activate', epoch, senderIndex}                start sending with this epoch's KID
//   {type:'clear'}                                       on leave: delete all keys
//   {type:'senders', members:[[participantId, senderIndex]…]} an accepted roster: whose KIDs are whose
//   {type:'bind', trackId, peerId}                       a receiver now feeds another participant's tile
//   {type:'stats', id}                                   → {type:'stats', id, stats}
//   {type:'streams', readable, writable, options}       createEncodedStreams fallback (transfer the streams)
// Worker → main thread: {type:'sendState'|'authFailures'|'keyFrameRequested'|'keyFrameRequest'|'error', …}
// Transform options (RTCRtpScriptTransform's second argument): {role:'sender'|'receiver', kind, peerId, trackId}.
import { FrameCryptor } from './frame-cryptor.js';

function metadataMimeType(frame) {
  try {
    return frame.getMetadata?.().mimeType;
  } catch {
    return undefined;
  }
}

/** Pipes one track's encoded frames through the cryptor; a null result drops the frame. */
export function attachTransform(readable, writable, options, requestKeyFrame, cryptor, post) {
  const { role, kind, peerId } = options ?? {};
  const sender = role === 'sender';
  const transform = new TransformStream({
    async transform(frame, controller) {
      const data = new Uint8Array(frame.data);
      const ctx = {
        kind,
        peerId: sender ? peerId : cryptor.senders.peerOf(options?.trackId, peerId),
        mimeType: metadataMimeType(frame),
        requestKeyFrame
      };
      let out;
      try {
        out = sender ? await cryptor.encryptFrame(data, ctx) : await cryptor.decryptFrame(data, ctx);
      } catch (e) {
        // Drop rather than error the stream: an errored stream would stop the track for good.
        post({ type: 'error', reason: e?.reason, message: `frame dropped: ${e?.message ?? e}` });
        return;
      }
      if (out === null) return;
      if (out !== data)
        frame.data = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? out.buffer : out.slice().buffer;
      controller.enqueue(frame);
    }
  });
  return readable
    .pipeThrough(transform)
    .pipeTo(writable)
    .catch((e) => post({ type: 'error', message: `transform ${role}/${kind} ended: ${e?.message ?? e}` }));
}

/** Wires a worker scope (self) to one FrameCryptor; returns the cryptor. */
export function installWorker(scope) {
  const post = (message) => scope.postMessage(message);
  const cryptor = new FrameCryptor({ onEvent: post });
  const handle = (message) => {
    switch (message?.type) {
      case 'mode':
        cryptor.setMode(message.mode);
        break;
      case 'key':
        cryptor.setKey(message.epoch, new Uint8Array(message.mk));
        break;
      case 'activate':
        cryptor.activate(message.epoch, message.senderIndex);
        break;
      case 'clear':
        cryptor.clear();
        break;
      case 'senders':
        cryptor.senders.setSenders(message.members);
        break;
      case 'bind':
        cryptor.senders.bind(message.trackId, message.peerId);
        break;
      case 'stats':
        post({ type: 'stats', id: message.id, stats: cryptor.stats() });
        break;
      case 'streams': {
        const { options } = message;
        // The legacy API has no sendKeyFrameRequest in a worker: ask the page to do it.
        const request = () => post({ type: 'keyFrameRequest', peerId: options?.peerId, trackId: options?.trackId });
        attachTransform(message.readable, message.writable, options, request, cryptor, post);
        break;
      }
      default:
        post({ type: 'error', message: `unknown message type ${message?.type}` });
    }
  };
  scope.onmessage = (event) => {
    try {
      handle(event.data);
    } catch (e) {
      post({ type: 'error', reason: e?.reason, message: e?.message ?? String(e) });
    }
  };
  scope.onrtctransform = (event) => {
    const t = event.transformer;
    attachTransform(
      t.readable,
      t.writable,
      t.options,
      () => t.sendKeyFrameRequest?.().catch?.(() => {}),
      cryptor,
      post
    );
  };
  return cryptor;
}

// Only inside a real worker: importing this module elsewhere (tests, a page) installs nothing.
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) installWorker(self);
