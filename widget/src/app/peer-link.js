// One RTCPeerConnection to one remote participant, negotiated with the "perfect negotiation"
// pattern: either side may offer; on a collision the polite side yields.
import { senderEncoding } from './gallery/video-quality.js';

/** A path 'disconnected' this long is treated as broken and gets an ICE restart. */
const DISCONNECTED_GRACE_MS = 4000;

export class PeerLink {
  /**
   * @param {object} o
   * @param {string} o.selfId
   * @param {string} o.peerId
   * @param {RTCIceServer[]} o.iceServers
   * @param {MediaStream|null} o.localStream
   * @param {(type: string, fields: object) => void} o.send signaling send
   * @param {(stream: MediaStream) => void} o.onStream a remote stream arrived
   * @param {(state: 'connecting'|'connected'|'reconnecting'|'failed'|'closed') => void} o.onState what the user sees
   */
  constructor({ selfId, peerId, iceServers, localStream, send, onStream, onState }) {
    this.peerId = peerId;
    // Ids are unique and both sides compare them the same way, so exactly one side is polite.
    this.polite = selfId > peerId;
    this.send = send;
    this.onState = onState;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.everConnected = false;
    this.iceRestarts = 0;
    /** What the peer asked of our video (view.constraints), re-applied when the track changes. */
    this.constraints = null;
    this.appliedEncoding = null;
    /** Inbound signals are applied one at a time, in arrival order. */
    this.queue = Promise.resolve();
    this.pc = new RTCPeerConnection({ iceServers });
    // Fixed transceivers (audio then video) so tracks can be swapped later without renegotiating.
    const audio = localStream?.getAudioTracks()[0];
    const video = localStream?.getVideoTracks()[0];
    const streams = localStream ? [localStream] : [];
    this.audioSender = audio ? this.pc.addTrack(audio, localStream) : this.pc.addTransceiver('audio', { direction: 'sendrecv', streams }).sender;
    this.videoSender = video ? this.pc.addTrack(video, localStream) : this.pc.addTransceiver('video', { direction: 'sendrecv', streams }).sender;
    this.pc.ontrack = ({ track, streams: remote }) => onStream(remote[0] || new MediaStream([track]));
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.send('candidate', { to: peerId, candidate: candidate.toJSON() });
    };
    this.pc.onnegotiationneeded = () => this.offer();
    this.pc.oniceconnectionstatechange = () => this.onIceState();
    this.onState('connecting');
  }

  onIceState() {
    const state = this.pc.iceConnectionState;
    clearTimeout(this.disconnectedTimer);
    if (state === 'connected' || state === 'completed') {
      this.everConnected = true;
      this.onState('connected');
      if (this.constraints) this.applyConstraints(this.constraints);
    } else if (state === 'disconnected') {
      this.onState('reconnecting');
      this.disconnectedTimer = setTimeout(() => this.restartIce(), DISCONNECTED_GRACE_MS);
    } else if (state === 'failed') {
      // A network change broke the path: look for a new one instead of dropping the call.
      this.restartIce();
    }
  }

  restartIce() {
    if (this.pc.signalingState === 'closed') return;
    this.iceRestarts++;
    this.onState('reconnecting');
    this.pc.restartIce();
  }

  async offer() {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.send('offer', { to: this.peerId, sdp: this.pc.localDescription.sdp });
    } catch (e) {
      console.warn('Mosaic: creating an offer failed', e);
    } finally {
      this.makingOffer = false;
    }
  }

  /** @param {'offer'|'answer'} type @param {string} sdp */
  onDescription(type, sdp) {
    this.enqueue(async () => {
      const collision = type === 'offer' && (this.makingOffer || this.pc.signalingState !== 'stable');
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) return;
      await this.pc.setRemoteDescription({ type, sdp });
      if (type === 'offer') {
        await this.pc.setLocalDescription();
        this.send('answer', { to: this.peerId, sdp: this.pc.localDescription.sdp });
      }
    });
  }

  /** @param {RTCIceCandidateInit} candidate */
  onCandidate(candidate) {
    this.enqueue(async () => {
      try {
        await this.pc.addIceCandidate(candidate);
      } catch (e) {
        // Candidates of an offer we ignored are expected to fail.
        if (!this.ignoreOffer) throw e;
      }
    });
  }

  enqueue(step) {
    this.queue = this.queue.then(step).catch((e) => console.warn(`Mosaic: signaling with ${this.peerId} failed`, e));
  }

  /** Swaps the outgoing track of one kind (device change, screen share) without renegotiating. */
  async replaceTrack(kind, track) {
    await (kind === 'audio' ? this.audioSender : this.videoSender).replaceTrack(track);
    if (kind === 'video' && this.constraints) await this.applyConstraints(this.constraints);
  }

  /**
   * The peer told us the largest tile it shows us in: scale our video for it alone. Calls are chained
   * because overlapping setParameters calls fail, and each applies the latest request.
   * @param {{maxHeight: number, maxFps: number, active: boolean}} c
   */
  applyConstraints(c) {
    this.constraints = c;
    this.encodingQueue = (this.encodingQueue || Promise.resolve()).then(() => this.applyLatestConstraints());
    return this.encodingQueue;
  }

  async applyLatestConstraints() {
    const c = this.constraints;
    const track = this.videoSender.track;
    const params = this.videoSender.getParameters();
    if (!params.encodings?.length || this.pc.signalingState === 'closed') return; // not negotiated yet: re-applied once connected
    const encoding = senderEncoding({ captureHeight: track?.getSettings().height || 0, ...c });
    params.encodings[0] = { ...params.encodings[0], ...encoding };
    try {
      await this.videoSender.setParameters(params);
      this.appliedEncoding = encoding;
    } catch (e) {
      console.warn(`Mosaic: could not scale video for ${this.peerId}`, e);
    }
  }

  /** Latest audio level (0..1) of the peer's microphone, from RTP header extensions. */
  audioLevel() {
    const receiver = this.pc.getReceivers().find((r) => r.track?.kind === 'audio');
    const sources = receiver?.getSynchronizationSources?.() || [];
    return sources.length ? Math.max(...sources.map((s) => s.audioLevel ?? 0)) : 0;
  }

  /** Inbound video stats, for diagnostics. */
  async inboundVideo() {
    const stats = await this.pc.getStats();
    let framesDecoded = 0, frameHeight = 0;
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        framesDecoded += s.framesDecoded || 0;
        frameHeight = Math.max(frameHeight, s.frameHeight || 0);
      }
    });
    return { framesDecoded, frameHeight, connectionState: this.pc.connectionState };
  }

  close() {
    clearTimeout(this.disconnectedTimer);
    this.pc.close();
    this.onState('closed');
  }
}
