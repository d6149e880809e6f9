// The SFU transport: our camera and microphone go up once, as one simulcast feed on one publisher
// connection, and everyone else's come down on one subscriber connection whose offers the server
// makes (Janus behind Mosaic; browsers only ever talk to Mosaic's signaling, docs/protocol.md).
// What we receive is declared, not negotiated per peer: the gallery's tile sizes become an
// `sfu.subscribe` want list (sfu-layers.js), so a page of 25 tiles costs 25 small layers.
// See media-transport.js for the contract it shares with MeshTransport.
import { Emitter } from '../emitter.js';
import { preferE2eeCodecs } from '../encryption/e2ee-media.js';
import { wantList } from './sfu-layers.js';
import { WantSender } from './want-sender.js';
import { ScreenPublisher, shownTracks } from './sfu-screen.js';
import { SfuAudioLevels } from './sfu-audio-levels.js';
import { SfuRestart } from './sfu-restart.js';

const SIGNALS = new Set(['sfu.published', 'sfu.feeds', 'sfu.offer', 'sfu.candidate', 'sfu.restart']);

/**
 * Three simulcast layers of the camera: full, half and a quarter size (1280x720, 640x360 and 320x180
 * of a 720p camera), with LiveKit's bitrate presets for those heights (as video-quality.js).
 * Highest first: Janus numbers the SDP's simulcast rids from the highest down (its default rid
 * order, "hml"), so listing `l` first made a request for `low` bring the highest layer and `high`
 * the lowest (seen in SfuWidgetMeetingIT).
 */
export const SIMULCAST_ENCODINGS = Object.freeze([
  { rid: 'h', scaleResolutionDownBy: 1, maxBitrate: 1_700_000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 450_000 },
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 160_000, maxFramerate: 15 }
]);

export class SfuTransport extends Emitter {
  /**
   * @param {object} o
   * @param {(type: string, fields: object) => void} o.send a signaling message to the server
   * @param {() => MediaStream|null} o.localStream what we publish
   */
  constructor({ send, localStream }) {
    super();
    this.send = send;
    this.localStream = localStream;
    this.kind = 'sfu';
    this.selfId = null;
    this.iceServers = [];
    /** @type {RTCIceTransportPolicy} */
    this.iceTransportPolicy = 'all';
    /** @type {import('../encryption/e2ee-media.js').E2eeMedia|null} */
    this.e2eeMedia = null;
    /** @type {RTCPeerConnection|null} */
    this.publisher = null;
    /** @type {RTCPeerConnection|null} */
    this.subscriber = null;
    /** @type {{participantId: string, source: string, video?: boolean, audio?: boolean}[]} what is published now */
    this.feeds = [];
    /** @type {Map<string, {height: number, visible: number, onStage: boolean}|null>} */
    this.sizes = new Map();
    /** Folds bursts of changes into one `sfu.subscribe` (each costs a renegotiation). */
    this.wantSender = new WantSender((want) => this.send('sfu.subscribe', { want }));
    /** mid → {participantId, source, kind} of the subscriber's current offer */
    this.tracks = new Map();
    /** @type {Map<string, MediaStream>} what we play per participant (microphone, and camera or screen) */
    this.streams = new Map();
    /** @type {Map<string, MediaStreamTrack>} mid → the subscriber's track for it */
    this.received = new Map();
    this.levels = new SfuAudioLevels();
    /** Our shared screen, its own feed (sfu-screen.js). */
    this.screen = new ScreenPublisher({
      send: (type, fields) => this.send(type, fields),
      config: () => ({ iceServers: this.iceServers, iceTransportPolicy: this.iceTransportPolicy }),
      e2eeMedia: () => this.e2eeMedia,
      selfId: () => this.selfId
    });
    /** Subscriber offers are applied one at a time, in arrival order. */
    this.queue = Promise.resolve();
    /** Starting media again after the room moved to another media server (sfu-restart.js). */
    this.restart = new SfuRestart(this);
  }

  configure({ selfId, iceServers, iceTransportPolicy }) {
    this.selfId = selfId;
    this.iceServers = iceServers || this.iceServers || [];
    this.iceTransportPolicy = iceTransportPolicy === 'relay' ? 'relay' : 'all';
  }

  /**
   * An end-to-end encrypted room: frames are SFrame-encrypted as in the mesh (the codec prefix in
   * clear lets the SFU switch layers). The DTLS binding of the mesh does not apply: these links end at
   * the SFU, not at the peer (docs/e2ee.md).
   */
  enableE2ee({ media }) {
    this.e2eeMedia = media;
  }

  dtlsHello() {}

  /** Publishes our camera and microphone, once we have them (a viewer publishes nothing). */
  start() {
    this.publish().catch((e) => console.warn('Mosaic: could not publish to the media server', e));
    this.screen.republish();
  }

  /**
   * A shared screen is its own feed here (`source: "screen"`), not the camera's replacement; null
   * ends it. Returns true: the camera feed keeps the camera.
   * @param {MediaStreamTrack|null} track
   */
  async setScreen(track) {
    if (!track) this.screen.stop();
    else await this.screen.publish(track).catch((e) => console.warn('Mosaic: could not publish the shared screen', e));
    return true;
  }

  async publish() {
    const stream = this.localStream();
    if (this.publisher || !stream) return;
    const pc = (this.publisher = this.peerConnection('publisher'));
    for (const kind of /** @type {('audio'|'video')[]} */ (['audio', 'video'])) {
      const track = stream.getTracks().find((t) => t.kind === kind) || kind;
      const transceiver = pc.addTransceiver(track, {
        direction: 'sendonly',
        streams: [stream],
        ...(kind === 'video' ? { sendEncodings: SIMULCAST_ENCODINGS.map((e) => ({ ...e })) } : {})
      });
      if (this.e2eeMedia) {
        this.e2eeMedia.attachSender(transceiver.sender, kind, this.selfId);
        preferE2eeCodecs(transceiver, kind);
      }
    }
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    this.send('sfu.publish', { source: 'camera', sdp: pc.localDescription.sdp });
  }

  peerConnection(role) {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers, iceTransportPolicy: this.iceTransportPolicy });
    pc.onicecandidate = ({ candidate }) =>
      this.send('sfu.candidate', { pc: role, candidate: candidate ? candidate.toJSON() : null });
    if (role === 'subscriber') {
      pc.ontrack = ({ track, transceiver }) => this.onTrack(track, transceiver);
      pc.onconnectionstatechange = () => {
        const state = {
          new: 'connecting',
          connecting: 'connecting',
          connected: 'connected',
          disconnected: 'reconnecting',
          failed: 'failed',
          closed: 'closed'
        }[pc.connectionState];
        for (const id of this.streams.keys()) this.emit('connectionState', { id, state });
        if (state === 'connected') this.restart.progress({ subscriberConnected: true });
      };
    }
    return pc;
  }

  reset() {
    this.close();
    this.feeds = [];
    this.wantSender.reset();
  }

  /** Per peer there is nothing to open: what we receive follows `sfu.feeds` and the tile sizes. */
  connect() {}

  has(id) {
    return this.feeds.some((f) => f.participantId === id);
  }

  forget(id) {
    this.streams.delete(id);
  }

  resendViewSize() {}

  handleSignal(msg) {
    if (!SIGNALS.has(msg.type)) return false;
    switch (msg.type) {
      case 'sfu.published':
        if (msg.source === 'screen') {
          this.screen.answered(msg.sdp);
          break;
        }
        this.publisher
          ?.setRemoteDescription({ type: 'answer', sdp: msg.sdp })
          .catch((e) => console.warn('Mosaic: the media server refused our feed', e));
        this.restart.progress();
        break;
      case 'sfu.feeds':
        this.feeds = Array.isArray(msg.feeds) ? msg.feeds : [];
        this.updateWants();
        break;
      case 'sfu.offer':
        this.queue = this.queue
          .then(() => this.onOffer(msg))
          .catch((e) => console.warn('Mosaic: could not receive from the media server', e));
        break;
      case 'sfu.restart':
        this.restart.begin(msg.reason);
        break;
      case 'sfu.candidate': {
        const pc = msg.pc === 'publisher' ? this.publisher : this.subscriber;
        pc?.addIceCandidate(msg.candidate ?? null).catch(() => {});
        break;
      }
      default:
        break;
    }
    return true;
  }

  async onOffer({ sdp, tracks }) {
    this.tracks = new Map((tracks || []).map((t) => [String(t.mid), t]));
    this.subscriber ??= this.peerConnection('subscriber');
    const pc = this.subscriber;
    await pc.setRemoteDescription({ type: 'offer', sdp });
    // E2EE: a mid may now carry someone else; its receiver shows only that participant's frames.
    for (const t of this.e2eeMedia ? pc.getTransceivers() : []) {
      const info = this.tracks.get(String(t.mid));
      if (info) this.e2eeMedia.attachReceiver(t.receiver, info.kind, info.participantId);
    }
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    this.send('sfu.answer', { sdp: pc.localDescription.sdp });
    // Janus recycles m-lines (a page turn): a mid may now carry someone else on the same receiver
    // track, and Chrome fires no new `track` event. The offer's list says whose each mid is now.
    for (const t of pc.getTransceivers())
      if (t.mid != null && t.receiver.track) this.received.set(String(t.mid), t.receiver.track);
    this.showTracks(); // a feed no longer listed (a share that ended, a page turned) leaves its tile
  }

  /** A track of the subscriber connection: whose it is comes from the offer's track list. */
  onTrack(track, transceiver) {
    const info = this.tracks.get(String(transceiver.mid));
    if (!info) return;
    // Synchronously, before the first frame: in an E2EE room every receiver decrypts with its sender's key.
    if (this.e2eeMedia) this.e2eeMedia.attachReceiver(transceiver.receiver, track.kind, info.participantId);
    this.received.set(String(transceiver.mid), track);
    this.showTracks();
  }

  /** Puts on each participant's stream what it plays now: sound, and their screen or camera. */
  showTracks() {
    const shown = shownTracks(this.tracks, this.received);
    // Someone we no longer receive anything from: their stream gives back the tracks now someone else's.
    const ours = new Set(this.received.values());
    for (const [id, stream] of this.streams) {
      const given = shown.has(id) ? [] : stream.getTracks().filter((t) => ours.has(t));
      for (const t of given) stream.removeTrack(t);
      if (given.length) this.emit('stream', { id, stream });
    }
    for (const [id, tracks] of shown) {
      let stream = this.streams.get(id);
      if (!stream) this.streams.set(id, (stream = new MediaStream()));
      const old = stream.getTracks();
      if (old.length === tracks.length && tracks.every((t) => old.includes(t))) continue;
      // The same stream, changed in place: the tile and the audio element follow it. A new srcObject
      // would interrupt a pending play(), which the widget takes for a refused autoplay.
      for (const t of old) if (!tracks.includes(t)) stream.removeTrack(t);
      for (const t of tracks) if (!old.includes(t)) stream.addTrack(t);
      this.emit('stream', { id, stream });
    }
  }

  /** @param {Map<string, {height: number, visible: number, onStage: boolean}|null>} sizes */
  setViewSizes(sizes) {
    this.sizes = sizes;
    this.updateWants();
  }

  /** Tells the server the whole set we want now, when it changed (changes close together go as one). */
  updateWants() {
    this.wantSender.update(wantList({ feeds: this.feeds, sizes: this.sizes, selfId: this.selfId }));
  }

  async replaceTrack(kind, track) {
    const sender = this.publisher?.getTransceivers().find((t) => t.receiver.track.kind === kind)?.sender;
    await sender?.replaceTrack(track);
  }

  /** Each participant's sound level from the subscriber's audio receivers (sfu-audio-levels.js). */
  async audioLevels() {
    if (!this.subscriber) return new Map();
    const stats = await this.subscriber.getStats();
    const midByTrackId = new Map([...this.received].map(([mid, track]) => [track.id, mid]));
    const levels = this.levels.sample(stats.values(), this.tracks, midByTrackId, performance.now());
    for (const id of [...levels.keys()]) if (!this.streams.has(id)) levels.delete(id); // left meanwhile
    return levels;
  }

  /** Per participant and source (camera, screen) received now: a mid the latest offer does not list carries nothing. */
  async inboundVideo() {
    const byId = new Map();
    if (this.subscriber) {
      (await this.subscriber.getStats()).forEach((s) => {
        if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
        const info = this.tracks.get(String(s.mid));
        if (!info) return;
        const key = `${info.participantId}:${info.source}`;
        const now = byId.get(key) || { id: info.participantId, source: info.source, framesDecoded: 0, frameHeight: 0 };
        now.framesDecoded += s.framesDecoded || 0;
        now.frameHeight = Math.max(now.frameHeight, s.frameHeight || 0);
        now.frameWidth = Math.max(now.frameWidth || 0, s.frameWidth || 0);
        now.trackIdentifier = s.trackIdentifier ?? null; // which track a tile plays
        byId.set(key, now);
      });
    }
    return [...byId.values()].map((v) => ({ ...v, connectionState: this.subscriber?.connectionState ?? 'new' }));
  }

  /** Our simulcast layers as the publisher's sender has them. */
  sentEncodings() {
    const sender = this.publisher?.getSenders().find((s) => s.track?.kind === 'video');
    return sender ? [{ id: 'sfu', applied: sender.getParameters().encodings }] : [];
  }

  /** Per simulcast layer we send: its size, frames and what limits it (Chrome drops layers for small cameras or little bandwidth). */
  async sentLayers() {
    const layers = [];
    if (this.publisher) {
      (await this.publisher.getStats()).forEach((s) => {
        if (s.type !== 'outbound-rtp' || s.kind !== 'video') return;
        layers.push({
          rid: s.rid ?? null,
          frameWidth: s.frameWidth || 0,
          frameHeight: s.frameHeight || 0,
          framesSent: s.framesSent || 0,
          framesPerSecond: s.framesPerSecond || 0,
          active: s.active ?? null,
          qualityLimitationReason: s.qualityLimitationReason ?? null
        });
      });
    }
    return layers.sort((a, b) => String(a.rid).localeCompare(String(b.rid)));
  }

  /** The layer we asked for, per participant. */
  requestedVideo() {
    return Object.fromEntries(this.wantSender.sent.map((w) => [`${w.participantId}:${w.source}`, w.layer]));
  }

  dtlsStats() {
    return {};
  }

  close() {
    this.wantSender.cancel();
    this.publisher?.close();
    this.subscriber?.close();
    this.publisher = null;
    this.subscriber = null;
    this.screen.close();
    this.tracks.clear();
    this.received.clear();
    this.streams.clear();
  }
}
