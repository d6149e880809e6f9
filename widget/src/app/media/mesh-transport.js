// The mesh: one peer connection to each other participant (PeerLink), signaled through the server's
// relay, with each sender told how large its receivers show it (view.constraints). In an end-to-end
// encrypted room every connection is bound to the DTLS certificate its peer signed (DtlsBinding):
// a mismatch drops that peer for good. See media-transport.js for the contract.
import { Emitter } from '../emitter.js';
import { PeerLink } from './peer-link.js';
import { ViewFeedback } from './view-feedback.js';
import { DtlsBinding } from './dtls-binding.js';

const SIGNALS = new Set(['offer', 'answer', 'candidate', 'view.constraints']);

export class MeshTransport extends Emitter {
  /**
   * @param {object} o
   * @param {(type: string, fields: object) => void} o.send a signaling message to the server
   * @param {() => MediaStream|null} o.localStream what new connections send
   * @param {(id: string) => boolean} o.present whether a participant is still in the room
   */
  constructor({ send, localStream, present }) {
    super();
    this.send = send;
    this.localStream = localStream;
    this.kind = 'mesh';
    /** @type {Map<string, PeerLink>} */
    this.links = new Map();
    /** Peers whose connection failed the DTLS fingerprint check: no new connection to them. */
    this.distrusted = new Set();
    this.selfId = null;
    this.iceServers = [];
    /** @type {RTCIceTransportPolicy} */
    this.iceTransportPolicy = 'all';
    /** @type {import('../encryption/e2ee-media.js').E2eeMedia|null} */
    this.e2eeMedia = null;
    this.certificate = null;
    /** @type {DtlsBinding|null} */
    this.dtls = null;
    // Sizes come from the gallery, which may still draw someone who just left: ask only those present.
    this.feedback = new ViewFeedback((to, c) => present(to) && this.send('view.constraints', { to, ...c }));
  }

  /** @param {{selfId: string, iceServers?: RTCIceServer[], iceTransportPolicy?: RTCIceTransportPolicy}} o */
  configure({ selfId, iceServers, iceTransportPolicy }) {
    this.selfId = selfId;
    this.iceServers = iceServers || this.iceServers || [];
    this.iceTransportPolicy = iceTransportPolicy === 'relay' ? 'relay' : 'all';
  }

  /**
   * An end-to-end encrypted room: every connection gets the media worker's transforms and the page's
   * certificate, whose fingerprint our e2ee.hello signs.
   * @param {{media: import('../encryption/e2ee-media.js').E2eeMedia, certificate: RTCCertificate}} o
   */
  enableE2ee({ media, certificate }) {
    this.e2eeMedia = media;
    this.certificate = certificate;
    this.dtls ??= new DtlsBinding({ onMismatch: (peerId, verdict) => this.distrust(peerId, verdict) });
  }

  /** A peer's verified hello: the fingerprint its connection must present. */
  dtlsHello(peerId, dtlsFp) {
    this.dtls?.hello(peerId, dtlsFp);
  }

  /**
   * The peer presented another DTLS certificate than the one it signed (or signed none): something
   * between us terminates the media encryption. Drop the connection and take no new one from it.
   */
  distrust(peerId, verdict) {
    this.distrusted.add(peerId);
    this.links.get(peerId)?.close();
    this.links.delete(peerId);
    this.emit('mismatch', { id: peerId, verdict });
  }

  /** Nothing to start: each link carries our media from its creation. */
  start() {}

  reset() {
    for (const link of this.links.values()) link.close();
    this.links.clear();
  }

  /** @param {string} id @param {{initiator: boolean}} o whether we make the first offer */
  connect(id, { initiator }) {
    this.linkFor(id, initiator);
  }

  has(id) {
    return this.links.has(id);
  }

  forget(id) {
    this.links.get(id)?.close();
    this.links.delete(id);
    this.distrusted.delete(id);
    this.dtls?.forget(id);
  }

  /** A participant (re)appeared: it hears our size request again even if unchanged. */
  resendViewSize(id) {
    this.feedback.forget(id);
  }

  handleSignal(msg) {
    if (!SIGNALS.has(msg.type)) return false;
    if (msg.type === 'view.constraints') {
      this.links
        .get(msg.from)
        ?.applyConstraints({ maxHeight: msg.maxHeight, maxFps: msg.maxFps, active: msg.active !== false });
    } else if (!this.distrusted.has(msg.from)) {
      if (msg.type === 'candidate') this.linkFor(msg.from).onCandidate(msg.candidate);
      else this.linkFor(msg.from).onDescription(msg.type, msg.sdp);
    }
    return true;
  }

  /**
   * The link to a peer, created on first need (a signal may arrive before its participantJoined).
   * @param {boolean} [initiator] whether we make the first offer, when the link is created now
   */
  linkFor(peerId, initiator = false) {
    let link = this.links.get(peerId);
    if (!link) {
      link = new PeerLink({
        selfId: this.selfId,
        peerId,
        iceServers: this.iceServers,
        iceTransportPolicy: this.iceTransportPolicy,
        localStream: this.localStream(),
        initiator,
        send: (type, fields) => this.send(type, fields),
        e2ee: this.e2eeMedia,
        certificates: this.certificate ? [this.certificate] : undefined,
        onStream: (stream) => this.emit('stream', { id: peerId, stream }),
        onState: (state) => {
          if (state === 'connected') this.feedback.forget(peerId);
          this.emit('connectionState', { id: peerId, state });
        }
      });
      this.links.set(peerId, link);
      this.dtls?.watch(peerId, link.pc);
    }
    return link;
  }

  /** @param {Map<string, {height: number, visible: number, onStage: boolean}|null>} sizes */
  setViewSizes(sizes) {
    this.feedback.update(sizes);
  }

  async replaceTrack(kind, track) {
    await Promise.all([...this.links.values()].map((link) => link.replaceTrack(kind, track)));
  }

  /** Each peer's sound level from receive statistics; only peers still connected when read. */
  async audioLevels() {
    const links = [...this.links];
    const levels = await Promise.all(links.map(([, link]) => link.audioLevel().catch(() => 0)));
    return new Map(
      links.map(([id], i) => /** @type {[string, number]} */ ([id, levels[i]])).filter(([id]) => this.links.has(id))
    );
  }

  async inboundVideo() {
    const out = [];
    for (const [id, link] of this.links) out.push({ id, ...(await link.inboundVideo()) });
    return out;
  }

  /** What each peer asked of our video and what we applied to its sender. */
  sentEncodings() {
    return [...this.links].map(([id, link]) => ({
      id,
      requested: link.constraints,
      applied: link.appliedEncoding,
      iceRestarts: link.iceRestarts
    }));
  }

  /** What we last asked of each peer's video. */
  requestedVideo() {
    return this.feedback.requests();
  }

  dtlsStats() {
    return this.dtls?.stats() ?? {};
  }

  close() {
    this.reset();
  }
}
