// One RTCPeerConnection to one remote participant. The first negotiation has one initiator (the
// participant who just joined), because a glare on the very first offer can lose the candidates of
// the rolled-back offer and leave the pair unconnected. Later renegotiations use "perfect
// negotiation": either side may offer; on a collision the polite side yields.
import { senderEncoding } from './video-quality.js';
import { intervalLevel } from './audio-level.js';
import { preferE2eeCodecs } from '../encryption/e2ee-media.js';

/** A path 'disconnected' this long is treated as broken and gets an ICE restart. */
const DISCONNECTED_GRACE_MS = 4000;
/**
 * A connection still not up this long after it started (or after its last restart) gets an ICE
 * restart: fresh credentials and candidates recover from a lost candidate or a negotiation glare.
 */
const CONNECT_TIMEOUT_MS = 10000;

export class PeerLink {
  /**
   * @param {object} o
   * @param {string} o.selfId
   * @param {string} o.peerId
   * @param {RTCIceServer[]} o.iceServers
   * @param {RTCIceTransportPolicy} [o.iceTransportPolicy] 'relay' to connect through TURN only
   * @param {MediaStream|null} o.localStream
   * @param {boolean} o.initiator  we make the first offer (the other side answers)
   * @param {(type: string, fields: object) => void} o.send signaling send
   * @param {(stream: MediaStream) => void} o.onStream a remote stream arrived
   * @param {(state: 'connecting'|'connected'|'reconnecting'|'failed'|'closed') => void} o.onState what the user sees
   * @param {import('../encryption/e2ee-media.js').E2eeMedia|null} [o.e2ee] in an end-to-end encrypted room: every sender
   *   and receiver gets its transform in the task that creates it, and only VP8 and Opus are negotiated
   * @param {RTCCertificate[]} [o.certificates] the page's DTLS certificate, whose fingerprint its e2ee.hello signs
   */
  constructor({
    selfId,
    peerId,
    iceServers,
    iceTransportPolicy = 'all',
    localStream,
    initiator,
    send,
    onStream,
    onState,
    e2ee = null,
    certificates = undefined
  }) {
    this.peerId = peerId;
    this.e2ee = e2ee;
    /** @type {MediaStream|undefined} tracks a peer sent with no stream, gathered in one for its tile */
    this.looseTracks = undefined;
    // Ids are unique and both sides compare them the same way, so exactly one side is polite.
    this.polite = selfId > peerId;
    this.send = send;
    this.onState = onState;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.everConnected = false;
    this.iceRestarts = 0;
    /** @type {string[]} */
    this.history = [];
    /** What the peer asked of our video (view.constraints), re-applied when the track changes. */
    this.constraints = null;
    this.appliedEncoding = null;
    /** Inbound signals are applied one at a time, in arrival order. */
    this.queue = Promise.resolve();
    this.pc = new RTCPeerConnection({ iceServers, iceTransportPolicy, ...(certificates ? { certificates } : {}) });
    this.localStream = localStream;
    this.initiator = false;
    /** Tracks to send, by kind; swapped by replaceTrack, attached once transceivers exist. */
    this.tracks = { audio: localStream?.getAudioTracks()[0] || null, video: localStream?.getVideoTracks()[0] || null };
    /** @type {RTCRtpSender|null} */
    this.audioSender = null;
    /** @type {RTCRtpSender|null} */
    this.videoSender = null;
    if (initiator) this.startAsInitiator();
    this.pc.ontrack = ({ track, streams: remote, transceiver }) => {
      // Synchronously, before the answer is made: the answerer's transceivers come into being here.
      if (this.e2ee) this.protect(transceiver, track.kind);
      // A peer that joined without camera or microphone (a viewer, say) sends tracks with no stream:
      // gather them in one, so its later microphone and camera play together on its tile.
      if (remote[0]) onStream(remote[0]);
      else {
        this.looseTracks ??= new MediaStream();
        this.looseTracks.addTrack(track);
        onStream(this.looseTracks);
      }
    };
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.send('candidate', { to: peerId, candidate: candidate.toJSON() });
    };
    this.pc.onnegotiationneeded = () => this.offer();
    this.pc.oniceconnectionstatechange = () => this.onIceState();
    this.onState('connecting');
    this.armConnectWatchdog();
  }

  /** Adds our media: negotiationneeded then makes the offer. */
  startAsInitiator() {
    if (this.initiator) return;
    this.initiator = true;
    this.note('initiating');
    // Fixed transceivers (audio then video) so tracks can be swapped later without renegotiating.
    const streams = this.localStream ? [this.localStream] : [];
    const add = (kind) =>
      this.tracks[kind]
        ? this.pc.addTrack(this.tracks[kind], ...streams)
        : this.pc.addTransceiver(kind, { direction: 'sendrecv', streams }).sender;
    this.audioSender = add('audio');
    this.videoSender = add('video');
    if (this.e2ee) {
      for (const transceiver of this.pc.getTransceivers())
        this.protect(transceiver, transceiver.sender === this.audioSender ? 'audio' : 'video');
    }
  }

  /** E2EE: transforms on both directions of a transceiver (once), VP8/Opus only. */
  protect(transceiver, kind) {
    this.e2ee.attachSender(transceiver.sender, kind, this.peerId);
    this.e2ee.attachReceiver(transceiver.receiver, kind, this.peerId);
    if (!this.pc.remoteDescription || this.pc.signalingState === 'have-remote-offer')
      preferE2eeCodecs(transceiver, kind);
  }

  /** As the answerer of the first offer: send our media on the transceivers the offer created. */
  async adoptTransceivers() {
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind;
      const key = kind === 'audio' ? 'audioSender' : 'videoSender';
      // `stopped` is the older Chromium flag (the spec now says currentDirection 'stopped'); the DOM types dropped it.
      if (this[key] || /** @type {RTCRtpTransceiver & {stopped?: boolean}} */ (transceiver).stopped) continue;
      this[key] = transceiver.sender;
      if (this.e2ee) this.protect(transceiver, kind);
      transceiver.direction = 'sendrecv';
      if (this.localStream) transceiver.sender.setStreams?.(this.localStream);
      await transceiver.sender.replaceTrack(this.tracks[kind]);
    }
  }

  armConnectWatchdog() {
    clearTimeout(this.connectTimer);
    this.connectTimer = setTimeout(() => {
      const state = this.pc.iceConnectionState;
      if (state === 'connected' || state === 'completed' || this.pc.signalingState === 'closed') return;
      if (state === 'checking' && this.pc.remoteDescription) {
        this.armConnectWatchdog(); // candidate pairs are being tried: a slow machine, not a lost path
        return;
      }
      this.note(`not connected after ${CONNECT_TIMEOUT_MS} ms (${state}, ${this.pc.signalingState})`);
      if (!this.pc.remoteDescription && !this.initiator) {
        this.startAsInitiator(); // the expected offer never came: make one
        this.armConnectWatchdog();
      } else {
        this.restartIce();
      }
    }, CONNECT_TIMEOUT_MS);
  }

  onIceState() {
    const state = this.pc.iceConnectionState;
    clearTimeout(this.disconnectedTimer);
    if (state === 'connected' || state === 'completed') {
      clearTimeout(this.connectTimer);
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

  /** Only the initiator restarts, so both sides never restart at once and collide. */
  restartIce() {
    if (this.pc.signalingState === 'closed') return;
    this.onState(this.everConnected ? 'reconnecting' : 'connecting');
    if (!this.initiator) {
      this.armConnectWatchdog();
      return;
    }
    this.iceRestarts++;
    this.note('ICE restart');
    this.pc.restartIce();
    this.armConnectWatchdog();
  }

  async offer() {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.sendLocalDescription();
    } catch (e) {
      this.note(`offer failed: ${e}`);
      console.warn('Mosaic: creating an offer failed', e);
    } finally {
      this.makingOffer = false;
    }
  }

  /**
   * Sends whatever description we now have, under its real type: if an offer from the peer got in
   * while ours was being made, setLocalDescription() produced an answer, and it must go as one.
   */
  sendLocalDescription() {
    const { type, sdp } = this.pc.localDescription;
    this.note(`sent ${type}`);
    this.send(type, { to: this.peerId, sdp });
  }

  /** Keeps the last negotiation steps for diagnostics. */
  note(step) {
    this.history.push(step);
    if (this.history.length > 20) this.history.shift();
  }

  /** @param {'offer'|'answer'} type @param {string} sdp */
  onDescription(type, sdp) {
    this.enqueue(async () => {
      const collision = type === 'offer' && (this.makingOffer || this.pc.signalingState !== 'stable');
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) {
        this.note('ignored colliding offer');
        return;
      }
      if (type === 'answer' && this.pc.signalingState !== 'have-local-offer') {
        this.note(`dropped answer in ${this.pc.signalingState}`); // answers an offer we rolled back
        return;
      }
      this.note(`got ${type}`);
      await this.pc.setRemoteDescription({ type, sdp });
      if (type === 'offer') {
        if (!this.initiator) await this.adoptTransceivers();
        await this.pc.setLocalDescription();
        this.sendLocalDescription();
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
    this.queue = this.queue.then(step).catch((e) => {
      this.note(`failed: ${e}`);
      console.warn(`Mosaic: signaling with ${this.peerId} failed`, e);
    });
  }

  /** Swaps the outgoing track of one kind (device change, screen share) without renegotiating. */
  async replaceTrack(kind, track) {
    this.tracks[kind] = track;
    const sender = kind === 'audio' ? this.audioSender : this.videoSender;
    if (!sender) return; // not negotiated yet: the track is attached then
    await sender.replaceTrack(track);
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
    if (!this.videoSender) return; // not negotiated yet: re-applied once connected
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

  /**
   * Level (0..1) of the peer's voice since the last call, from the receiver's cumulative audio energy
   * (gallery/audio-level.js). A browser whose stats lack the energy counters gets the RTP audio-level
   * header of the latest packet instead: one instant, but better than nothing.
   */
  async audioLevel() {
    const receiver = this.pc.getReceivers().find((r) => r.track?.kind === 'audio');
    if (!receiver) return 0;
    let counters = null;
    (await receiver.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && typeof s.totalAudioEnergy === 'number') {
        counters = { energy: s.totalAudioEnergy, duration: s.totalSamplesDuration || 0 };
      }
    });
    if (!counters) {
      const sources = receiver.getSynchronizationSources?.() || [];
      return sources.length ? Math.max(...sources.map((s) => s.audioLevel ?? 0)) : 0;
    }
    const level = intervalLevel(this.audioCounters, counters);
    this.audioCounters = counters;
    return level;
  }

  /** Inbound video stats, for diagnostics. */
  async inboundVideo() {
    const stats = await this.pc.getStats();
    let framesDecoded = 0,
      frameHeight = 0,
      pairId = null;
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        framesDecoded += s.framesDecoded || 0;
        frameHeight = Math.max(frameHeight, s.frameHeight || 0);
      }
      if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
    });
    // How media flows: 'host' (direct), 'srflx' (through a NAT), 'relay' (through TURN).
    const pair = pairId ? stats.get(pairId) : null;
    const candidateType = (id) => (id && stats.get(id)?.candidateType) || null;
    return {
      framesDecoded,
      frameHeight,
      localCandidateType: candidateType(pair?.localCandidateId),
      remoteCandidateType: candidateType(pair?.remoteCandidateId),
      connectionState: this.pc.connectionState,
      signalingState: this.pc.signalingState,
      iceConnectionState: this.pc.iceConnectionState,
      polite: this.polite,
      history: [...this.history]
    };
  }

  close() {
    clearTimeout(this.disconnectedTimer);
    clearTimeout(this.connectTimer);
    this.pc.close();
    this.onState('closed');
  }
}
