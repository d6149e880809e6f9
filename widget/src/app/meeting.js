// Runs one meeting: local media, the signaling connection, a mesh of peer links and the view.
import { SignalingClient } from './signaling-client.js';
import { PeerLink } from './peer-link.js';
import { openLocalMedia, mediaState } from './local-media.js';

export class Meeting {
  /**
   * @param {object} o
   * @param {string} o.room
   * @param {string} o.token
   * @param {import('./meeting-view.js').MeetingView} o.view
   * @param {(key: string, vars?: object) => string} o.t
   * @param {(name: string, detail?: any) => void} o.emit event to the host page
   */
  constructor({ room, token, view, t, emit }) {
    Object.assign(this, { room, token, view, t, emit });
    this.self = null;
    this.localStream = null;
    /** @type {Map<string, PeerLink>} */
    this.links = new Map();
    /** @type {Map<string, any>} participants by id, self excluded */
    this.participants = new Map();
    this.leaving = false;
  }

  async start() {
    this.view.setStatus(this.t('startingMedia'));
    const { stream, error } = await openLocalMedia();
    this.localStream = stream;
    this.buildToolbar();

    this.view.setStatus(this.t('connecting'));
    this.emit('connectionState', { state: 'connecting' });
    const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    this.signaling = new SignalingClient(wsUrl);
    this.signaling.addEventListener('message', (e) => this.onSignal(e.detail));
    this.signaling.addEventListener('close', () => this.onClosed());
    let joined;
    try {
      await this.signaling.connect();
      joined = await this.signaling.request('join', { room: this.room, token: this.token }, 'joined');
    } catch (e) {
      this.view.setStatus(this.t('joinFailed', { message: e.message }), 'error');
      this.emit('error', { code: e.code || 'connection_failed', message: e.message });
      this.signaling.close();
      return;
    }
    this.self = joined.you;
    this.iceServers = joined.iceServers || [];
    this.view.upsertTile({ ...this.self, media: mediaState(stream) }, { self: true });
    if (stream) this.view.attachStream(this.self.id, stream, { self: true });
    for (const p of joined.participants) this.addParticipant(p);
    this.signaling.send('media', { media: mediaState(stream) });
    this.updateStatus();
    if (error) this.view.setStatus(this.t('noMedia'), 'warning');
    this.emit('connectionState', { state: 'connected' });
    this.emit('joined', { room: joined.room, participant: this.self, participants: joined.participants });
  }

  buildToolbar() {
    const stream = this.localStream;
    const hasAudio = !!stream?.getAudioTracks().length;
    const hasVideo = !!stream?.getVideoTracks().length;
    this.micButton = this.view.button(this.t('mute'), 'mosaic-mic', () => this.toggleAudio());
    this.micButton.disabled = !hasAudio;
    this.view.setToggle(this.micButton, false, this.t('mute'));
    this.camButton = this.view.button(this.t('stopVideo'), 'mosaic-camera', () => this.toggleVideo());
    this.camButton.disabled = !hasVideo;
    this.view.setToggle(this.camButton, false, this.t('stopVideo'));
    this.view.button(this.t('leave'), 'mosaic-leave', () => this.leave());
  }

  /** Mutes or unmutes the microphone; returns whether audio is now on. */
  toggleAudio() {
    const on = this.toggleTracks(this.localStream?.getAudioTracks() || []);
    this.view.setToggle(this.micButton, !on, this.t(on ? 'mute' : 'unmute'));
    return on;
  }

  /** Turns the camera off or on; returns whether video is now on. */
  toggleVideo() {
    const on = this.toggleTracks(this.localStream?.getVideoTracks() || []);
    this.view.setToggle(this.camButton, !on, this.t(on ? 'stopVideo' : 'startVideo'));
    return on;
  }

  toggleTracks(tracks) {
    if (!tracks.length) return false;
    const on = !tracks[0].enabled;
    for (const track of tracks) track.enabled = on;
    const media = mediaState(this.localStream);
    if (this.self) {
      this.view.upsertTile({ ...this.self, media }, { self: true });
      this.signaling.send('media', { media });
    }
    return on;
  }

  leave() {
    this.leaving = true;
    this.signaling?.send('leave');
    this.teardown();
    this.view.setStatus(this.t('left'));
    this.emit('left', { reason: 'left' });
  }

  onSignal(msg) {
    switch (msg.type) {
      case 'participantJoined':
        this.addParticipant(msg.participant);
        this.emit('participantJoined', msg.participant);
        break;
      case 'participantLeft':
        this.removeParticipant(msg.participantId);
        this.emit('participantLeft', { id: msg.participantId, reason: msg.reason });
        break;
      case 'participantUpdated':
        if (msg.participant.id === this.self?.id) break;
        this.participants.set(msg.participant.id, msg.participant);
        this.view.upsertTile(msg.participant);
        this.emit('participantUpdated', msg.participant);
        break;
      case 'offer':
      case 'answer':
        this.linkFor(msg.from).onDescription(msg.type, msg.sdp);
        break;
      case 'candidate':
        this.linkFor(msg.from).onCandidate(msg.candidate);
        break;
      case 'error':
        console.warn(`Mosaic: server error ${msg.code}: ${msg.message}`);
        this.emit('error', { code: msg.code, message: msg.message });
        break;
      default:
        break;
    }
  }

  addParticipant(p) {
    this.participants.set(p.id, p);
    this.view.upsertTile(p);
    this.linkFor(p.id);
    this.updateStatus();
  }

  removeParticipant(id) {
    this.participants.delete(id);
    this.links.get(id)?.close();
    this.links.delete(id);
    this.view.removeTile(id);
    this.updateStatus();
  }

  /** The link to a peer, created on first need (a signal may arrive before its participantJoined). */
  linkFor(peerId) {
    let link = this.links.get(peerId);
    if (!link) {
      link = new PeerLink({
        selfId: this.self.id,
        peerId,
        iceServers: this.iceServers,
        localStream: this.localStream,
        send: (type, fields) => this.signaling.send(type, fields),
        onStream: (stream) => this.view.attachStream(peerId, stream),
        onState: (state) => this.emit('peerConnectionState', { id: peerId, state }),
      });
      this.links.set(peerId, link);
    }
    return link;
  }

  updateStatus() {
    this.view.setStatus(this.t(this.participants.size ? 'inMeeting' : 'alone'));
  }

  onClosed() {
    if (this.leaving) return;
    this.teardown();
    this.view.setStatus(this.t('disconnected'), 'error');
    this.emit('connectionState', { state: 'disconnected' });
  }

  teardown() {
    for (const link of this.links.values()) link.close();
    this.links.clear();
    this.participants.clear();
    this.view.clearTiles();
    this.localStream?.getTracks().forEach((track) => track.stop());
    this.signaling?.close();
  }

  /** For tests and support: inbound video per remote participant. */
  async remoteVideo() {
    const out = [];
    for (const [id, link] of this.links) {
      const { framesDecoded, connectionState } = await link.inboundVideo();
      const video = this.view.tiles.get(id)?.querySelector('video');
      out.push({ id, framesDecoded, connectionState, videoWidth: video?.videoWidth || 0, videoHeight: video?.videoHeight || 0 });
    }
    return out;
  }
}
