// A shared screen in an sfu room is its own feed, not the camera's replacement as in the mesh: it
// goes up on a publisher connection of its own (`sfu.publish` with `source: "screen"`), so the camera
// feed keeps its simulcast layers and receivers take the screen whole, at the stage's size. Receivers
// show it on the sharer's tile in place of the camera picture, as the mesh does (shownTracks below).
import { preferE2eeCodecs } from '../encryption/e2ee-media.js';

export class ScreenPublisher {
  /**
   * @param {object} o
   * @param {(type: string, fields: object) => void} o.send a signaling message to the server
   * @param {() => RTCConfiguration} o.config ICE servers and policy, as the camera's connection has them
   * @param {() => import('../encryption/e2ee-media.js').E2eeMedia|null} o.e2eeMedia set in an E2EE room
   * @param {() => string|null} o.selfId whose key encrypts the frames
   */
  constructor({ send, config, e2eeMedia, selfId }) {
    this.send = send;
    this.config = config;
    this.e2eeMedia = e2eeMedia;
    this.selfId = selfId;
    /** @type {MediaStreamTrack|null} the screen we share, kept across a reconnection */
    this.track = null;
    /** @type {RTCPeerConnection|null} */
    this.pc = null;
  }

  /** Publishes `track` (a screen from getDisplayMedia), replacing a screen published before. */
  async publish(track) {
    this.track = track;
    this.pc?.close();
    const pc = (this.pc = new RTCPeerConnection(this.config()));
    pc.onicecandidate = ({ candidate }) =>
      this.send('sfu.candidate', {
        pc: 'publisher',
        source: 'screen',
        candidate: candidate ? candidate.toJSON() : null
      });
    // One layer: a screen is read on the stage, where every receiver wants it whole.
    const transceiver = pc.addTransceiver(track, { direction: 'sendonly', streams: [new MediaStream([track])] });
    // Encrypted as the camera is: the same sender key, so receivers decrypt it with what they have.
    const e2ee = this.e2eeMedia();
    if (e2ee) {
      e2ee.attachSender(transceiver.sender, 'video', this.selfId());
      preferE2eeCodecs(transceiver, 'video');
    }
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    if (this.pc !== pc) return; // stopped (or replaced) meanwhile
    this.send('sfu.publish', { source: 'screen', sdp: pc.localDescription.sdp });
  }

  /** Publishes the screen again (after the transport started over), if one is still shared. */
  republish() {
    if (this.track?.readyState !== 'live' || this.pc) return;
    this.publish(this.track).catch((e) => console.warn('Mosaic: could not publish the shared screen', e));
  }

  /** The server's `sfu.published` for the screen. */
  answered(sdp) {
    this.pc
      ?.setRemoteDescription({ type: 'answer', sdp })
      .catch((e) => console.warn('Mosaic: the media server refused our shared screen', e));
  }

  /** The share ended: the feed leaves everyone's list. */
  stop() {
    if (!this.track && !this.pc) return;
    this.track = null;
    const pc = this.pc;
    this.pc = null;
    this.send('sfu.unpublish', { source: 'screen' });
    if (pc) closeOnceHungUp(pc);
  }

  /** Closes the connection (the transport closes or starts over) but remembers the shared track. */
  close() {
    this.pc?.close();
    this.pc = null;
  }
}

/** How long a stopped share's connection waits for the media server to hang it up. */
export const HANGUP_WAIT_MS = 10_000;

/**
 * Closes an unpublished feed's connection once the media server has hung it up (its detach of the
 * feed does), or after HANGUP_WAIT_MS. Closing it at once made our hang-up race the server's detach
 * of the same publisher inside Janus 1.1.2, which then stopped answering (seen in SfuScreenShareIT).
 * @param {RTCPeerConnection} pc
 */
export function closeOnceHungUp(pc, waitMs = HANGUP_WAIT_MS) {
  const close = () => {
    clearTimeout(timer);
    pc.close();
  };
  const timer = setTimeout(close, waitMs);
  pc.onconnectionstatechange = () => {
    if (['disconnected', 'failed', 'closed'].includes(pc.connectionState)) close();
  };
}

/**
 * What each participant's tile plays, from the subscriber offer's track list and the tracks received
 * per mid: their sound, and the screen's picture while they share one, else the camera's. A mid that
 * is not listed carries nothing now (protocol.md), so its track is dropped.
 * @param {Map<string, {participantId: string, source: string, kind: string}>} tracks mid → whose, from `sfu.offer`
 * @param {Map<string, MediaStreamTrack>} received mid → track, from the subscriber's `track` events
 * @returns {Map<string, MediaStreamTrack[]>} participant → tracks to play, audio first
 */
export function shownTracks(tracks, received) {
  const found = new Map();
  for (const [mid, info] of tracks) {
    const track = received.get(mid);
    if (!track) continue;
    const p = found.get(info.participantId) ?? { audio: [], camera: null, screen: null };
    found.set(info.participantId, p);
    if (info.kind === 'audio') p.audio.push(track);
    else if (info.source === 'screen') p.screen = track;
    else p.camera = track;
  }
  const shown = new Map();
  for (const [id, p] of found) {
    const video = p.screen ?? p.camera;
    shown.set(id, video ? [...p.audio, video] : p.audio);
  }
  return shown;
}
