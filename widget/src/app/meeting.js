// Runs one meeting: local media, the signaling connection (with resume and rejoin), a mesh of peer
// links, active-speaker detection and tile-size feedback. The view draws; this decides.
import { SignalingClient } from './signaling-client.js';
import { PeerLink } from './peer-link.js';
import { OwnMedia } from './own-media.js';
import { openLocalMedia } from './local-media.js';
import { SpeakerDetector } from './gallery/speaker-detector.js';
import { ViewFeedback } from './view-feedback.js';
import { MAX_CHAT_CHARS } from './chat-panel.js';
import { E2eeMedia } from './e2ee-media.js';
import { E2eeController, E2EE_TYPES, pageTrust } from './e2ee-controller.js';
import { E2eeRosterView } from './e2ee-roster-view.js';
import { DtlsBinding, certificateFingerprint, pageCertificate } from './dtls-binding.js';

const SPEAKER_POLL_MS = 250;
const RECONNECT_DELAYS_MS = [500, 1000, 2000, 4000, 5000];
const RECONNECT_GIVE_UP_MS = 120_000;
/** Errors that no retry can fix: the token or the room say no. */
const FINAL_ERRORS = new Set(['unauthorized', 'token_malformed', 'token_bad_algorithm', 'token_bad_signature', 'token_expired',
  'token_not_yet_valid', 'token_wrong_room', 'forbidden', 'room_full', 'room_locked']);

const fail = (code, message) => Object.assign(new Error(message), { code });

export class Meeting {
  /**
   * @param {object} o
   * @param {string} o.room
   * @param {string} o.token
   * @param {string|null} o.name  name typed on the pre-join screen when the token carries none
   * @param {MediaStream|null} o.localStream
   * @param {import('./meeting-view.js').MeetingView} o.view
   * @param {(key: string, vars?: object) => string} o.t
   * @param {(name: string, detail?: any) => void} o.emit event to the host page
   * @param {string|null} [o.passcode] the room's passcode, if the host page or the person gave one
   */
  constructor({ room, token, name, localStream, view, t, emit, passcode = null }) {
    Object.assign(this, { room, token, name, view, t, emit, passcode });
    /** @type {import('./moderation.js').Moderation|null} host controls and reports, set by main.js */
    this.moderation = null;
    this.own = new OwnMedia(localStream, { links: () => this.links.values(), onChange: () => this.onOwnMediaChange() });
    this.gallery = view.gallery;
    this.self = null;
    /** @type {Map<string, PeerLink>} */
    this.links = new Map();
    /** @type {Map<string, any>} participants by id, self excluded */
    this.participants = new Map();
    /** Peers whose connection failed the DTLS fingerprint check: no new connection to them. */
    this.distrusted = new Set();
    this.state = 'idle';
    /** Kinds participants may not turn on themselves (roomUpdated), and those a host let us anyway. */
    this.unmuteLocked = new Set();
    this.unmuteAllowed = new Set();
    this.detector = new SpeakerDetector();
    this.feedback = new ViewFeedback((to, c) => this.participants.has(to) && this.signaling?.send('view.constraints', { to, ...c }));
    this.wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  async start() {
    this.setState('connecting');
    // Made now, so an end-to-end encrypted join does not wait for it (it is cheap and kept for the page).
    if (typeof RTCPeerConnection !== 'undefined') pageCertificate().catch(() => {});
    try {
      const signaling = await this.openSignaling();
      for (let passcode = this.passcode; ;) {
        try {
          // With a waiting room, `waiting` comes first and `joined` (or `left{denied}`) once a host decides.
          const reply = await signaling.request('join', this.joinFields(passcode), ['joined', 'left']);
          if (reply.type === 'left') {
            this.finish(reply.reason || 'denied');
            return;
          }
          this.passcode = passcode;
          if (reply.e2ee) await this.startE2ee(reply);
          this.onJoined(reply);
          break;
        } catch (e) {
          // The token was fine (those errors have their own codes): the room wants a passcode.
          if (e.code !== 'unauthorized' || !this.moderation) throw e;
          passcode = await this.moderation.askPasscode(passcode != null);
          if (passcode == null) throw e;
        }
      }
    } catch (e) {
      this.signaling?.close();
      this.view.setStatus(this.t('joinFailed', { message: e.message }), 'error');
      this.emit('error', { code: e.code || 'connection_failed', message: e.message });
      this.setState('disconnected');
      return;
    }
    this.speakerTimer = setInterval(() => this.pollSpeakers(), SPEAKER_POLL_MS);
  }

  async openSignaling() {
    const client = new SignalingClient(this.wsUrl);
    client.addEventListener('message', (e) => this.signaling === client && this.onSignal(e.detail));
    client.addEventListener('close', (e) => this.signaling === client && !e.detail.byUs && this.onConnectionLost());
    this.signaling = client;
    await client.connect();
    return client;
  }

  /**
   * An end-to-end encrypted room: the media worker exists before any peer connection, so every
   * sender and receiver gets its transform as it is created. A new participant id (first join or a
   * rejoin) means a new key-exchange session; a resume keeps the current one.
   */
  async startE2ee(joined) {
    this.roomE2ee = true; // before any await: a plain chat arriving meanwhile is the server's too
    if (this.e2ee && this.e2eeSelfId === joined.you.id) return;
    // E2EE messages that arrive while the session is being set up (the others' hellos, the leader's
    // key) are held and handed to it once it exists.
    const held = (this.heldE2ee = []);
    try {
      await this.createE2ee(joined);
    } finally {
      this.heldE2ee = null;
      for (const m of held) this.e2ee?.onMessage(m);
    }
  }

  async createE2ee(joined) {
    if (!this.e2eeMedia) {
      this.e2eeMedia = new E2eeMedia();
      this.e2eeMedia.onSendState = (state) => {
        if (this.view.setE2eeState(state)) this.updateStatus();
        this.emit('e2ee', { state });
      };
      this.e2eeMedia.onAuthFailures = () => this.view.setStatus(this.t('e2eeAuthFailures'), 'warning');
      // Before any peer connection: they all use this certificate, whose fingerprint the hello signs.
      this.certificate = await pageCertificate();
      this.dtls = new DtlsBinding({ onMismatch: (peerId, verdict) => this.onDtlsMismatch(peerId, verdict) });
    }
    if (this.e2ee) {
      // Rejoined as a new participant: epochs may start again at 1, so no old key may linger.
      this.e2ee.close();
      this.e2eeMedia.clear();
    }
    this.e2eeSelfId = joined.you.id;
    this.joinedParticipants = new Map(joined.participants.map((p) => [p.id, p]));
    const rosterView = new E2eeRosterView({
      view: this.view, t: this.t, selfId: joined.you.id, emit: (event, detail) => this.emit(event, detail),
      nameOf: (id) => (id === this.self?.id ? this.self.name : (this.participants.get(id) ?? this.joinedParticipants?.get(id))?.name) ?? null,
      restoreStatus: () => this.updateStatus(),
    });
    this.e2eeRosterView = rosterView;
    this.e2ee = await E2eeController.create({
      room: this.room, sessionId: joined.sessionId, selfId: joined.you.id, media: this.e2eeMedia,
      dtlsFp: certificateFingerprint(this.certificate),
      onPeerHello: (peer) => {
        this.dtls.hello(peer.participantId, peer.dtlsFp);
        this.checkKeyContinuity(peer);
      },
      send: (message) => this.signaling?.sendMessage(message),
      // In join order; until onJoined has run for this participant id, from `joined` itself.
      present: () => [...(this.self?.id === joined.you.id ? this.participants : this.joinedParticipants).keys()],
      onRoster: (members) => rosterView.roster(members),
      onHolder: (holder) => rosterView.holder(holder),
      onChat: ({ from, text }) => this.showChat({ from, name: this.participants.get(from)?.name || from, text, sentAt: Date.now() }),
      onSecurityCode: (code, changed) => {
        this.view.setSecurityCode(code, changed);
        this.emit('e2ee', { state: 'securityCode', securityCode: code, changed });
      },
      onError: (reason, message, participantId) => {
        console.warn(`Mosaic: end-to-end encryption: ${reason}: ${message}`);
        if (rosterView.warning(reason, participantId)) return;
        if (reason === 'identity_changed') {
          this.view.setStatus(this.t('e2eeIdentityChanged'), 'error');
          this.emit('e2ee', { state: 'identityChanged' });
        }
      },
    });
    await this.e2ee.start();
  }

  /**
   * Trust on first use across meetings: a user who shows up with another identity key than last
   * time (another device, a reinstalled browser, or someone impersonating them) gets flagged.
   */
  async checkKeyContinuity({ participantId, ik }) {
    // Hellos held during set-up are handled before onJoined fills `participants`: use `joined` then.
    const p = this.participants.get(participantId) ?? this.joinedParticipants?.get(participantId);
    if (!p?.userId) return;
    try {
      if ((await (await pageTrust()).pinUser(p.userId, ik)) !== 'changed') return;
    } catch (e) {
      console.warn('Mosaic: could not check the identity key against the stored one', e);
      return;
    }
    this.keyChanges = (this.keyChanges || 0) + 1;
    console.warn(`Mosaic: end-to-end encryption: ${p.name} (${p.userId}) presents another identity key than before`);
    this.view.setStatus(this.t('e2eeKeyChanged', { name: p.name || p.userId }), 'warning');
    this.emit('e2ee', { state: 'keyChanged', participantId, userId: p.userId });
  }

  /**
   * The peer presented another DTLS certificate than the one it signed (or signed none): something
   * between us terminates the media encryption. Drop the connection and take no new one from it.
   */
  onDtlsMismatch(peerId, verdict) {
    const name = this.participants.get(peerId)?.name || peerId;
    console.warn(`Mosaic: end-to-end encryption: DTLS certificate of ${name} does not match its signed fingerprint (${verdict})`);
    this.distrusted.add(peerId);
    this.links.get(peerId)?.close();
    this.links.delete(peerId);
    this.view.setStatus(this.t('e2eeMitmSuspected', { name }), 'error');
    this.emit('e2ee', { state: 'mitmSuspected', participantId: peerId, reason: verdict });
  }

  /** A `joined` from a first join, a rejoin or a resume: make the room match it. */
  onJoined(joined) {
    const first = !this.self;
    const changedId = this.self && this.self.id !== joined.you.id;
    if (changedId) {
      // A fresh join: others know us under a new id, so every peer connection starts over.
      this.gallery.remove(this.self.id);
      for (const link of this.links.values()) link.close();
      this.links.clear();
    }
    this.self = joined.you;
    this.roomE2ee = !!joined.e2ee;
    if (changedId || first) this.unmuteAllowed.clear();
    this.unmuteLocked = new Set(joined.unmuteLocked || []);
    this.moderation?.setUnmuteLocked(this.unmuteLocked, false);
    this.moderation?.setRole(joined.you.role);
    this.onRole?.(joined.you.role);
    this.resumeSecret = joined.resume || null;
    this.iceServers = joined.iceServers || this.iceServers || [];
    // 'relay' when the server hides participants' addresses from each other (TURN only).
    this.iceTransportPolicy = joined.iceTransportPolicy === 'relay' ? 'relay' : 'all';
    const media = this.currentMedia();
    this.gallery.upsert({ ...this.self, media }, { self: true });
    this.showSelfVideo();
    const present = new Set(joined.participants.map((p) => p.id));
    for (const id of [...this.participants.keys()]) if (!present.has(id)) this.removeParticipant(id, 'left');
    for (const p of joined.participants) {
      if (!this.participants.has(p.id)) this.addParticipant(p, { announce: !first, connect: false });
      else this.updateParticipant(p);
    }
    this.signaling.send('media', { media });
    this.setState('connected');
    if (first) this.emit('joined', { room: joined.room, participant: this.self, participants: joined.participants });
    // After `joined`, so the host page hears of the room before of connections to its members.
    // We are the newcomer here, so we make the first offer to everyone already in the room.
    for (const p of joined.participants) if (this.needsLink(p)) this.linkFor(p.id, true);
    // The leader's first epoch lists the participants, so it waits until they are known.
    if (joined.e2ee) this.e2ee?.setLeader(joined.e2eeLeader ?? null);
  }

  joinFields(passcode) {
    return { room: this.room, token: this.token, ...(this.name ? { name: this.name } : {}), ...(passcode ? { passcode } : {}) };
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    const status = { connecting: 'connecting', reconnecting: 'reconnecting', disconnected: 'disconnected', left: 'left' }[state];
    if (status) this.view.setStatus(this.t(status), state === 'disconnected' ? 'error' : state === 'reconnecting' ? 'warning' : 'info');
    else if (state === 'connected') this.updateStatus();
    this.emit('connectionState', { state });
  }

  /** The socket dropped without us asking: resume the session, or join again, with backoff. */
  async onConnectionLost() {
    if (this.state === 'left' || this.state === 'reconnecting') return;
    this.setState('reconnecting');
    const started = Date.now();
    for (let attempt = 0; Date.now() - started < RECONNECT_GIVE_UP_MS && this.state === 'reconnecting'; attempt++) {
      await new Promise((r) => setTimeout(r, RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)]));
      if (this.state !== 'reconnecting') return;
      try {
        const signaling = await this.openSignaling();
        if (this.resumeSecret) {
          try {
            const reply = await signaling.request('resume', { resume: this.resumeSecret }, ['joined', 'resumed']);
            if (reply.type === 'joined' && reply.e2ee) await this.startE2ee(reply);
            if (reply.type === 'joined') this.onJoined(reply);
            else { this.signaling.send('media', { media: this.currentMedia() }); this.setState('connected'); }
            return;
          } catch (e) {
            if (e.code === 'connection_closed') continue;
            // unknown_type (a server without resume) or not_found (grace period over): join afresh.
          }
        }
        const reply = await signaling.request('join', this.joinFields(this.passcode), ['joined', 'left']);
        if (reply.type === 'left') { this.finish(reply.reason || 'denied'); return; }
        if (reply.e2ee) await this.startE2ee(reply);
        this.onJoined(reply);
        return;
      } catch (e) {
        if (FINAL_ERRORS.has(e.code)) {
          this.emit('error', { code: e.code, message: e.message });
          break;
        }
      }
    }
    if (this.state === 'reconnecting') {
      this.teardown();
      this.view.showEnded(this.t('disconnected'));
      this.setState('disconnected');
    }
  }

  leave() {
    if (this.state === 'left') return;
    this.signaling?.send('leave');
    this.finish('left');
  }

  /** We are out of the meeting (we left, or the server ended or removed us). */
  finish(reason) {
    this.teardown();
    const text = { left: 'left', denied: 'deniedEntry', removed: 'removedByHost', ended: 'meetingEnded' }[reason] || 'removed';
    this.moderation?.clear();
    this.setState('left');
    this.view.showEnded(this.t(text)); // after setState, so the reason stays on screen
    this.emit('left', { reason });
  }

  teardown() {
    clearInterval(this.speakerTimer);
    this.dropPeers();
    this.e2ee?.close();
    this.e2ee = null;
    this.e2eeMedia?.close();
    this.e2eeMedia = null;
    this.own.stop();
    const s = this.signaling;
    this.signaling = null;
    s?.close();
  }

  dropPeers() {
    for (const id of [...this.participants.keys()]) this.removeParticipant(id, null);
    for (const link of this.links.values()) link.close();
    this.links.clear();
  }

  // ---- signaling -------------------------------------------------------------------------------

  onSignal(msg) {
    if (E2EE_TYPES.has(msg.type)) {
      if (this.heldE2ee) this.heldE2ee.push(msg);
      else this.e2ee?.onMessage(msg);
      return;
    }
    switch (msg.type) {
      case 'roomUpdated':
        this.e2ee?.setLeader(msg.e2eeLeader ?? null);
        this.moderation?.onSignal(msg); // lock state
        this.onUnmuteLocked(new Set(msg.unmuteLocked || []));
        break;
      case 'unmuteAllowed':
        if (msg.allowed) this.unmuteAllowed.add(msg.kind);
        else this.unmuteAllowed.delete(msg.kind);
        this.moderation?.notice(this.t(msg.allowed ? 'unmuteAllowedYou' : 'unmuteRevokedYou'), msg.allowed ? 'info' : 'warning');
        this.refreshToggles();
        this.emit('unmuteAllowed', { kind: msg.kind, allowed: !!msg.allowed, ...(msg.by ? { by: msg.by } : {}) });
        break;
      case 'participantJoined':
        if (msg.participant.id !== this.self?.id) this.addParticipant(msg.participant, { announce: true });
        break;
      case 'participantLeft':
        this.e2ee?.participantLeft(msg.participantId);
        this.removeParticipant(msg.participantId, msg.reason || 'left');
        break;
      case 'participantUpdated':
        if (msg.participant.id === this.self?.id) {
          const before = this.self.role;
          this.self = { ...this.self, ...msg.participant, media: this.currentMedia() };
          if (before === this.self.role) break;
          this.moderation?.setRole(this.self.role);
          this.onRole?.(this.self.role);
          if (before === 'viewer') this.becomeSender().catch((e) => this.view.setStatus(e.message, 'warning'));
          if (this.self.role === 'host') this.moderation?.notice(this.t('promotedToHost'));
        } else this.updateParticipant(msg.participant);
        break;
      case 'waiting':
        this.view.setStatus(this.t('waitingForHost'));
        this.emit('waiting', {});
        break;
      case 'muted':
        this.onMutedByHost(msg.kind, msg.by);
        break;
      case 'offer':
      case 'answer':
      case 'candidate':
        if (this.distrusted.has(msg.from)) break;
        if (msg.type === 'candidate') this.linkFor(msg.from).onCandidate(msg.candidate);
        else this.linkFor(msg.from).onDescription(msg.type, msg.sdp);
        break;
      case 'view.constraints':
        this.links.get(msg.from)?.applyConstraints({ maxHeight: msg.maxHeight, maxFps: msg.maxFps, active: msg.active !== false });
        break;
      case 'chat':
        // In an end-to-end encrypted room members only write chat.e2ee: plain text here is the
        // server's, whoever it claims wrote it, so it is shown apart and never as a member's words.
        if (this.roomE2ee) this.view.chat.addNotice(this.t('serverNotice'), String(msg.text ?? ''));
        else this.showChat({ from: msg.from, name: msg.name, text: msg.text, sentAt: msg.sentAt });
        break;
      case 'left':
        this.finish(msg.reason || 'removed');
        break;
      case 'error':
        console.warn(`Mosaic: server error ${msg.code}: ${msg.message}`);
        this.emit('error', { code: msg.code, message: msg.message });
        break;
      default:
        this.moderation?.onSignal(msg);
        break;
    }
  }

  /** The room's "participants may not unmute" setting changed. */
  onUnmuteLocked(locked) {
    for (const kind of this.unmuteAllowed) if (!locked.has(kind)) this.unmuteAllowed.delete(kind);
    const changed = locked.size !== this.unmuteLocked.size || [...locked].some((k) => !this.unmuteLocked.has(k));
    this.unmuteLocked = locked;
    if (!changed) return;
    this.moderation?.setUnmuteLocked(locked, this.self?.role !== 'host');
    this.refreshToggles();
    for (const p of this.participants.values()) this.updateAudibility(p);
  }

  /** Whether we may turn `kind` on: hosts always; others unless a host turned unmuting off. */
  mayTurnOn(kind) {
    return this.self?.role === 'host' || !this.unmuteLocked.has(kind) || this.unmuteAllowed.has(kind);
  }

  /**
   * Viewers are never heard, and while a host keeps microphones off a peer is heard only if the
   * server says its microphone is on: a modified client that sends sound anyway is heard by nobody.
   * (Video needs no such rule: a tile shows video only while the server says the camera is on.)
   */
  updateAudibility(p) {
    const allowed = p.role === 'host' || !!p.media?.audio || !this.unmuteLocked.has('audio');
    this.view.setAudible(p.id, p.role !== 'viewer' && allowed);
  }

  /** A host turned off one kind of our media: stop sending it (the server already shows it off). */
  onMutedByHost(kind, by) {
    if (kind === 'screen') this.own.stopScreenShare();
    else if (kind === 'audio' || kind === 'video') this.own.setEnabled(kind, false);
    const what = this.t({ audio: 'kindAudio', video: 'kindVideo', screen: 'kindScreen' }[kind] || 'kindAudio');
    this.moderation?.notice(this.t('mutedByHost', { kind: what }), 'warning');
    this.emit('muted', { kind, ...(by ? { by } : {}) });
  }

  showChat(m) {
    this.view.chat.add(m, m.from === this.self?.id);
    this.emit('chat', m);
  }

  /** @param {{announce: boolean, connect?: boolean}} o connect: open the peer link now, as the answering side */
  addParticipant(p, { announce, connect = true }) {
    this.participants.set(p.id, p);
    this.gallery.upsert(p);
    this.updateAudibility(p);
    if (connect && this.needsLink(p)) this.linkFor(p.id, false);
    this.feedback.forget(p.id);
    this.updateStatus();
    if (announce) this.emit('participantJoined', p);
  }

  updateParticipant(p) {
    const before = this.participants.get(p.id);
    this.participants.set(p.id, p);
    this.gallery.upsert(p);
    this.updateAudibility(p);
    this.emit('participantUpdated', p);
    if (!!before?.media?.hand !== !!p.media?.hand) this.emit('handRaised', { id: p.id, raised: !!p.media?.hand });
  }

  /** @param {string|null} reason null when dropped silently (rejoin, teardown) */
  removeParticipant(id, reason) {
    if (!this.participants.has(id)) return;
    this.participants.delete(id);
    this.links.get(id)?.close();
    this.links.delete(id);
    this.distrusted.delete(id);
    this.dtls?.forget(id);
    this.gallery.remove(id);
    this.view.detachAudio(id);
    this.detector.forget(id);
    this.updateStatus();
    if (reason) this.emit('participantLeft', { id, reason });
  }

  /** Two viewers send each other nothing, so they keep no connection between them. */
  needsLink(p) {
    return !(this.self?.role === 'viewer' && p.role === 'viewer');
  }

  /**
   * A host let us (a viewer) speak: open camera and microphone, both off until we turn them on, put
   * them on the connections we have, and connect to the viewers we had no reason to connect to.
   */
  async becomeSender() {
    this.moderation?.notice(this.t('promotedToSpeak'));
    const { stream } = await openLocalMedia();
    if (this.state === 'left' || this.self?.role === 'viewer') {
      stream?.getTracks().forEach((track) => track.stop());
      return;
    }
    if (stream) {
      stream.getTracks().forEach((track) => { track.enabled = false; });
      await this.own.adopt(stream);
    }
    for (const p of this.participants.values()) if (!this.links.has(p.id)) this.linkFor(p.id, true);
    this.onRole?.(this.self.role);
  }

  /**
   * The link to a peer, created on first need (a signal may arrive before its participantJoined).
   * @param {boolean} [initiator] whether we make the first offer, when the link is created now
   */
  linkFor(peerId, initiator = false) {
    let link = this.links.get(peerId);
    if (!link) {
      link = new PeerLink({
        selfId: this.self.id,
        peerId,
        iceServers: this.iceServers,
        iceTransportPolicy: this.iceTransportPolicy,
        localStream: this.own.outgoingStream(),
        initiator,
        send: (type, fields) => this.signaling?.send(type, fields),
        e2ee: this.e2eeMedia || null,
        certificates: this.certificate ? [this.certificate] : undefined,
        onStream: (stream) => {
          this.gallery.attachVideo(peerId, stream);
          this.view.attachAudio(peerId, stream);
        },
        onState: (state) => {
          this.gallery.setConnection(peerId, state);
          if (state === 'connected') this.feedback.forget(peerId);
          this.emit('peerConnectionState', { id: peerId, state });
        },
      });
      this.links.set(peerId, link);
      this.dtls?.watch(peerId, link.pc);
    }
    return link;
  }

  updateStatus() {
    if (this.state === 'connected') this.view.setStatus(this.t(this.participants.size ? 'inMeeting' : 'alone'));
  }

  // ---- own media -------------------------------------------------------------------------------

  currentMedia() {
    return this.own.state();
  }

  /** Our media changed: redraw our tile and buttons, and tell the others. */
  onOwnMediaChange() {
    this.showSelfVideo();
    this.refreshToggles();
    const media = this.own.state();
    if (this.self) {
      this.self = { ...this.self, media };
      this.gallery.upsert(this.self, { self: true });
      this.signaling?.send('media', { media });
    }
  }

  showSelfVideo() {
    const stream = this.own.selfView();
    if (this.self && stream) this.gallery.attachVideo(this.self.id, stream);
  }

  refreshToggles() {
    const audio = this.own.enabled('audio'), video = this.own.enabled('video');
    const screen = !!this.own.screenTrack, hand = this.own.hand;
    this.view.setToggle('microphone', !audio, this.t(audio ? 'mute' : 'unmute'));
    this.view.setToggle('camera', !video, this.t(video ? 'stopVideo' : 'startVideo'));
    this.view.setToggle('screen', screen, this.t(screen ? 'stopShare' : 'shareScreen'));
    // Off and not ours to turn on (no device, no screen sharing in this browser, or a host keeps it
    // off): disabled, and the button says why when a host decided.
    for (const [key, kind, on] of [['microphone', 'audio', audio], ['camera', 'video', video], ['screen', 'screen', screen]]) {
      const button = this.view.buttons[key];
      if (!button) continue;
      const noDevice = kind === 'screen'
        ? !('getDisplayMedia' in (navigator.mediaDevices || {}))
        : !this.own.stream?.getTracks().some((track) => track.kind === kind);
      const locked = !on && !this.mayTurnOn(kind);
      button.disabled = noDevice || locked;
      if (locked) button.title = this.t('unmuteLockedError');
    }
    this.view.setToggle('hand', hand, this.t(hand ? 'lowerHand' : 'raiseHand'));
  }

  requireJoined() {
    if (this.state !== 'connected' && this.state !== 'reconnecting') {
      throw fail('not_joined', 'not in the meeting: wait for the joined event');
    }
  }

  /** @param {'audio'|'video'} kind @param {boolean|undefined} on undefined toggles */
  setTrackEnabled(kind, on) {
    const next = on === undefined ? !this.own.enabled(kind) : !!on;
    if (next && !this.own.enabled(kind) && !this.mayTurnOn(kind)) throw fail('forbidden', this.t('unmuteLockedError'));
    return this.own.setEnabled(kind, on);
  }

  shareScreen() {
    this.requireJoined();
    if (!this.own.screenTrack && !this.mayTurnOn('screen')) throw fail('forbidden', this.t('unmuteLockedError'));
    return this.own.shareScreen();
  }

  stopScreenShare() {
    return this.own.stopScreenShare();
  }

  raiseHand(raised) {
    this.requireJoined();
    const up = this.own.raiseHand(raised);
    this.emit('handRaised', { id: this.self.id, raised: up });
    return up;
  }

  sendChat(text) {
    this.requireJoined();
    if (this.self?.role === 'viewer') throw fail('forbidden', 'viewers read the chat: a host can let you speak');
    const message = String(text ?? '').trim();
    if (!message) throw fail('bad_request', 'chat text is empty');
    if (message.length > MAX_CHAT_CHARS) throw fail('too_large', `chat text is longer than ${MAX_CHAT_CHARS} characters`);
    if (this.e2ee) {
      // The server does not echo encrypted chat: show our own message now.
      this.e2ee.sendChat(message).catch((e) => this.view.setStatus(e.message, 'warning'));
      this.showChat({ from: this.self.id, name: this.self.name, text: message, sentAt: Date.now() });
      return;
    }
    this.signaling.send('chat', { text: message });
  }

  listDevices() {
    return this.own.listDevices();
  }

  setDevice(kind, deviceId) {
    return this.own.setDevice(kind, deviceId);
  }

  /** Host actions: the server checks the sender's role. */
  hostAction(type, fields) {
    this.requireJoined();
    this.signaling.send(type, fields);
  }

  // ---- gallery feedback ------------------------------------------------------------------------

  /** @param {Map<string, {height: number, visible: number, onStage: boolean}|null>} sizes */
  onTileSizes(sizes) {
    this.feedback.update(sizes);
  }

  /** Samples everyone's level (remote ones from receive statistics, so asynchronously) and redraws who talks. */
  async pollSpeakers() {
    if (this.pollingSpeakers) return; // a slow getStats must not let polls pile up
    this.pollingSpeakers = true;
    try {
      const links = [...this.links];
      const levels = await Promise.all(links.map(([, link]) => link.audioLevel().catch(() => 0)));
      if (this.state === 'left') return;
      // Only those still here: someone may have left while the statistics were read.
      // Someone we do not play (a host keeps their microphone off) is not speaking either.
      const samples = new Map(links.map(([id], i) => [id, this.view.inaudible.has(id) ? 0 : levels[i]])
        .filter(([id]) => this.links.has(id)));
      if (this.self && samples.size) samples.set(this.self.id, this.own.level());
      const before = this.detector.current;
      const now = this.detector.update(samples, performance.now());
      this.gallery.setSpeaking(this.detector.speaking);
      // Host pages hear who talks now only when that set changes (at most every poll, 250 ms).
      const speaking = [...this.detector.speaking].sort();
      if (speaking.join() !== this.lastSpeaking) {
        this.lastSpeaking = speaking.join();
        this.emit('speaking', { ids: speaking });
      }
      if (now !== before) {
        this.gallery.setSpeaker(now, this.detector.recent);
        this.emit('activeSpeaker', { id: now });
      }
    } finally {
      this.pollingSpeakers = false;
    }
  }

  // ---- diagnostics -----------------------------------------------------------------------------

  /** For tests and support: inbound video per remote participant. */
  async remoteVideo() {
    const out = [];
    for (const [id, link] of this.links) {
      const stats = await link.inboundVideo();
      const video = this.gallery.tiles.get(id)?.video;
      out.push({ id, ...stats, videoWidth: video?.videoWidth || 0, videoHeight: video?.videoHeight || 0 });
    }
    return out;
  }

  /** E2EE worker counters and the security code; null in a room without end-to-end encryption. */
  async e2eeDiagnostics() {
    if (!this.e2eeMedia) return null;
    const identityKey = this.e2ee ? [...this.e2ee.identity.publicKey].map((b) => b.toString(16).padStart(2, '0')).join('') : null;
    return { ...(await this.e2eeMedia.stats()), ...this.dtls.stats(), keyChanges: this.keyChanges || 0, identityKey, securityCode: this.e2ee?.securityCode ?? null, epoch: this.e2ee?.activeEpoch ?? 0,
      rosterMembers: this.e2ee?.rosterMembers ?? [], rosterWarnings: this.e2eeRosterView?.warnings ?? [], holder: this.e2ee?.holder ?? null };
  }

  /** What each peer asked of our video and what we applied to its sender. */
  sentEncodings() {
    return [...this.links].map(([id, link]) => ({ id, requested: link.constraints, applied: link.appliedEncoding, iceRestarts: link.iceRestarts }));
  }
}
