// What the encoded-transform worker does to each frame (docs/e2ee.md, "Transform worker"), without any
// WebRTC types so it can be tested in node. One FrameCryptor serves every transform of a page:
// the CTR per KID is therefore shared by all outbound tracks, peer connections and layers, which
// keeps (KID, CTR) unique.
import { reject } from './errors.js';
import { codecPrefixLength, VP8_KEYFRAME } from './codec-prefix.js';
import { KeyRing } from './key-ring.js';
import { mediaFrameHeader, openMediaFrame, sealMediaFrame } from './media-frame.js';
import { mediaKid, requireMk } from './media-keys.js';
import { SenderBinding, senderOfKid } from './sender-binding.js';

/** Consecutive authentication failures from one sender before the UI is warned (as LiveKit does). */
export const AUTH_FAILURE_WARNING = 10;
/** Frames of one member on another member's receiver before the UI is warned (sender-binding.js). */
export const WRONG_SENDER_WARNING = 10;

/**
 * @typedef {object} FrameContext
 * @property {'audio'|'video'} kind
 * @property {string} [mimeType] from the frame's getMetadata(), when the browser gives it
 * @property {string} [peerId] the remote participant of a receiving transform
 * @property {() => void} [requestKeyFrame] asks the remote sender for a keyframe (receivers)
 */

export class FrameCryptor {
  /**
   * @param {{keyRing?: KeyRing, onEvent?: (event: object) => void}} [options]
   *   onEvent gets {type:'sendState', state:'waitingForKey'|'encrypting'},
   *   {type:'authFailures', peerId, consecutive}, {type:'keyFrameRequested', kid, peerId} and, once per
   *   tile and wrong sender after WRONG_SENDER_WARNING frames, {type:'wrongSender', peerId, senderId}
   */
  constructor({ keyRing = new KeyRing(), onEvent = () => {} } = {}) {
    this.keyRing = keyRing;
    this.onEvent = onEvent;
    /** @type {'passthrough'|'encrypt'} */
    this.mode = 'passthrough';
    this.senderIndex = null;
    this.counters = { frames: 0, encrypted: 0, decrypted: 0, noKey: 0, authFail: 0, keyFrames: 0, wrongSender: 0 };
    /** Which participant's frames each receiver may show (sender-binding.js). */
    this.senders = new SenderBinding();
    /** `${tile}\0${sender}` → misplaced frames so far; reported once, at WRONG_SENDER_WARNING */
    this.wrongSenders = new Map();
    this.kidsSeen = new Set();
    this.nextCtr = new Map();
    /** kid → (peerId → requestKeyFrame) for receivers that dropped frames for lack of that key */
    this.waitingForKey = new Map();
    this.consecutiveAuthFailures = new Map();
    this.sendState = null;
  }

  /** 'encrypt' in an E2EE room, 'passthrough' otherwise. Transforms stay installed either way. */
  setMode(mode) {
    if (mode !== 'passthrough' && mode !== 'encrypt') reject('malformed', `unknown E2EE mode ${mode}`);
    this.mode = mode;
  }

  /** A delivered meeting key: receivers can use it at once; senders wait for activate(). */
  setKey(epoch, mk) {
    requireMk(mk);
    this.keyRing.install(epoch, mk);
    for (const [kid, receivers] of this.waitingForKey) {
      if (!this.keyRing.hasKeyFor(kid)) continue;
      this.waitingForKey.delete(kid);
      // The frames dropped so far referenced each other; a keyframe restarts decoding at once.
      for (const [peerId, request] of receivers) {
        this.onEvent({ type: 'keyFrameRequested', kid, peerId });
        try {
          request();
        } catch {
          // Audio transformers and closed receivers may refuse; nothing to recover there.
        }
      }
    }
  }

  /** Senders switch to `epoch` (their KID changes, its CTR starts at 0). */
  activate(epoch, senderIndex) {
    if (!Number.isInteger(senderIndex) || senderIndex < 0 || senderIndex > 0xffff)
      reject('malformed', `senderIndex is a u16: ${senderIndex}`);
    this.keyRing.activate(epoch);
    this.senderIndex = senderIndex;
  }

  /** Leaving: forget every key and counter state that depends on them. */
  clear() {
    this.keyRing.clear();
    this.senders.clear();
    this.senderIndex = null;
    this.nextCtr.clear();
    this.waitingForKey.clear();
  }

  stats() {
    return {
      ...this.counters,
      kids: [...this.kidsSeen].sort((a, b) => a - b),
      mode: this.mode,
      activeEpoch: this.keyRing.activeEpoch
    };
  }

  /**
   * Sender side. Resolves to the bytes to send, or null to drop the frame: with E2EE on and no
   * key yet a frame is never sent in clear.
   * @param {Uint8Array} data @param {FrameContext} ctx
   */
  async encryptFrame(data, ctx) {
    this.counters.frames++;
    if (this.mode === 'passthrough' || data.length === 0) return data;
    if (!this.keyRing.activeEpoch || this.senderIndex === null) {
      this.counters.noKey++;
      this.setSendState('waitingForKey');
      return null;
    }
    const kid = mediaKid(this.keyRing.activeEpoch, this.senderIndex);
    // Reserve the CTR before any await, so concurrent transforms never reuse one.
    const ctr = this.nextCtr.get(kid) ?? 0;
    this.nextCtr.set(kid, ctr + 1);
    const prefix = codecPrefixLength(ctx.kind, data, ctx.mimeType);
    const key = await this.keyRing.frameKey(kid);
    const sealed = await sealMediaFrame(key, ctr, prefix, data);
    this.counters.encrypted++;
    if (ctx.kind === 'video' && prefix === VP8_KEYFRAME) this.counters.keyFrames++;
    this.kidsSeen.add(kid);
    this.setSendState('encrypting');
    return sealed;
  }

  /**
   * Receiver side. Resolves to the decrypted frame, or null to drop it: a frame that is not a
   * valid WMX1 frame under a held key never reaches the decoder.
   * @param {Uint8Array} data @param {FrameContext} ctx
   */
  async decryptFrame(data, ctx) {
    this.counters.frames++;
    if (this.mode === 'passthrough' || data.length === 0) return data;
    const peerId = ctx.peerId ?? '';
    let header;
    try {
      header = mediaFrameHeader(data);
    } catch {
      return this.authFailed(peerId);
    }
    const kid = Number(header.kid);
    this.kidsSeen.add(kid);
    if (!this.senders.allows(kid, ctx.peerId)) return this.wrongSender(ctx.peerId, kid);
    const keyPromise = this.keyRing.frameKey(kid);
    if (!keyPromise) {
      this.counters.noKey++;
      if (ctx.requestKeyFrame) {
        if (!this.waitingForKey.has(kid)) this.waitingForKey.set(kid, new Map());
        this.waitingForKey.get(kid).set(peerId, ctx.requestKeyFrame);
      }
      return null;
    }
    try {
      const plain = await openMediaFrame(
        await keyPromise,
        codecPrefixLength(ctx.kind, data, ctx.mimeType),
        data,
        header
      );
      this.counters.decrypted++;
      this.consecutiveAuthFailures.delete(peerId);
      if (ctx.kind === 'video' && codecPrefixLength(ctx.kind, data, ctx.mimeType) === VP8_KEYFRAME)
        this.counters.keyFrames++;
      return plain;
    } catch {
      return this.authFailed(peerId);
    }
  }

  /** Another member's frame on `peerId`'s receiver: authentic, but not theirs to show. */
  wrongSender(peerId, kid) {
    this.counters.wrongSender++;
    const senderId = this.senders.owners.get(senderOfKid(kid));
    const pair = `${peerId}\u0000${senderId}`;
    const count = (this.wrongSenders.get(pair) ?? 0) + 1;
    this.wrongSenders.set(pair, count);
    // Not at the first frame: a mid handed to someone else may still deliver a frame or two of the old feed.
    if (count === WRONG_SENDER_WARNING) this.onEvent({ type: 'wrongSender', peerId, senderId });
    return null;
  }

  authFailed(peerId) {
    this.counters.authFail++;
    const consecutive = (this.consecutiveAuthFailures.get(peerId) ?? 0) + 1;
    this.consecutiveAuthFailures.set(peerId, consecutive);
    if (consecutive === AUTH_FAILURE_WARNING) this.onEvent({ type: 'authFailures', peerId, consecutive });
    return null;
  }

  setSendState(state) {
    if (this.sendState === state) return;
    this.sendState = state;
    this.onEvent({ type: 'sendState', state });
  }
}
