// The media side of an end-to-end encrypted room: one worker (src/e2ee/e2ee-worker.js) encrypts and
// decrypts every frame of the page, and each RTCRtpSender/Receiver gets an RTCRtpScriptTransform
// bound to it. Chromium ignores a transform assigned after the sender or receiver has started, and
// media would then flow in clear, so PeerLink calls attach* in the very task that creates them.

const WORKER_URL = '/mosaic/mosaic-e2ee-worker.js';

export class E2eeMedia {
  constructor(workerUrl = WORKER_URL) {
    if (typeof RTCRtpScriptTransform === 'undefined') {
      throw Object.assign(new Error('this browser cannot encrypt media end to end (no RTCRtpScriptTransform)'), {
        code: 'e2ee_unsupported'
      });
    }
    this.worker = new Worker(workerUrl);
    this.nextStatsId = 1;
    /** @type {Map<number, Function>} */
    this.statsWaiters = new Map();
    this.sendState = 'waitingForKey';
    /** @type {(state: string) => void} set by the meeting: whether our frames go out encrypted yet */
    this.onSendState = () => {};
    /** @type {(peerId: string) => void} set by the meeting: a peer's frames fail authentication */
    this.onAuthFailures = () => {};
    /** @type {(peerId: string, senderId: string) => void} set by the meeting: another member's media on a tile */
    this.onWrongSender = () => {};
    /** @type {WeakMap<RTCRtpReceiver, string>} the id each receiver's transform was created with, to rebind it (sender-binding.js) */
    this.receiverIds = new WeakMap();
    this.nextReceiverId = 1;
    this.worker.onmessage = ({ data }) => {
      if (data.type === 'stats') {
        this.statsWaiters.get(data.id)?.(data.stats);
        this.statsWaiters.delete(data.id);
      } else if (data.type === 'sendState') {
        this.sendState = data.state;
        this.onSendState(data.state);
      } else if (data.type === 'authFailures') {
        this.onAuthFailures(data.peerId);
      } else if (data.type === 'wrongSender') {
        this.onWrongSender(data.peerId, data.senderId);
      }
    };
    // Installed transforms must never pass plaintext: encrypt mode from the start (no key = drop).
    this.worker.postMessage({ type: 'mode', mode: 'encrypt' });
  }

  /** @param {RTCRtpSender} sender @param {string} kind @param {string} peerId */
  attachSender(sender, kind, peerId) {
    if (sender.transform) return;
    sender.transform = new RTCRtpScriptTransform(this.worker, {
      role: 'sender',
      kind,
      peerId,
      trackId: `${peerId}:${kind}:send`
    });
  }

  /**
   * Attaches the decrypting transform, or, for a receiver that has one (an SFU subscriber's mid now
   * carrying another participant), tells the worker whose frames it may show from now on.
   * @param {RTCRtpReceiver} receiver @param {string} kind @param {string} peerId
   */
  attachReceiver(receiver, kind, peerId) {
    const trackId = this.receiverIds.get(receiver);
    if (trackId) {
      this.worker.postMessage({ type: 'bind', trackId, peerId });
      return;
    }
    if (receiver.transform) return;
    const id = `${peerId}:${kind}:recv:${this.nextReceiverId++}`;
    this.receiverIds.set(receiver, id);
    receiver.transform = new RTCRtpScriptTransform(this.worker, { role: 'receiver', kind, peerId, trackId: id });
  }

  /** An accepted roster: which participant holds which sender index, so receivers drop others' frames. */
  setSenders(members) {
    this.worker.postMessage({ type: 'senders', members: members.map((m) => [m.participantId, m.senderIndex]) });
  }

  /** A meeting key was unwrapped (or made, as leader): receivers can decrypt its epoch from now on. */
  installKey(epoch, mk) {
    this.worker.postMessage({ type: 'key', epoch, mk });
  }

  /** Senders switch to this epoch's key. */
  activate(epoch, senderIndex) {
    this.worker.postMessage({ type: 'activate', epoch, senderIndex });
  }

  /** Counters of the worker: frames, encrypted, decrypted, noKey, authFail, keyFrames, kids, mode, activeEpoch. */
  stats() {
    const id = this.nextStatsId++;
    return new Promise((resolve) => {
      this.statsWaiters.set(id, resolve);
      this.worker.postMessage({ type: 'stats', id });
    });
  }

  /** A new key-exchange session (rejoined under a new id): the old session's keys go. */
  clear() {
    this.worker.postMessage({ type: 'clear' });
  }

  /** Leaving: every key is deleted, then the worker ends. */
  close() {
    this.worker.postMessage({ type: 'clear' });
    this.worker.terminate();
  }
}

/**
 * Only VP8 and Opus are encrypted correctly (their clear prefix is known, docs/e2ee.md, "Departures", 4), so an
 * E2EE room negotiates nothing else.
 * @param {RTCRtpTransceiver} transceiver @param {'audio'|'video'} kind
 */
export function preferE2eeCodecs(transceiver, kind) {
  const codecs = RTCRtpReceiver.getCapabilities(kind)?.codecs || [];
  const keep = kind === 'video' ? ['video/vp8', 'video/rtx'] : ['audio/opus'];
  const chosen = codecs.filter((c) => keep.includes(c.mimeType.toLowerCase()));
  if (chosen.length) transceiver.setCodecPreferences(chosen);
}
