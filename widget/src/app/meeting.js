// One meeting, wired from its layers: the Session (socket, join, resume, reconnect), the RoomModel
// (who is here, roles, locks, hands), a media transport (MeshTransport: a peer connection per peer;
// SfuTransport: one publisher and one subscriber connection to the media server, as `joined.media` says),
// own media, end-to-end encryption and the views. Each layer owns its state and emits events; this
// file only decides what one layer's event means for the others and for the host page.
import { Session } from './session/session.js';
import { MeshTransport } from './media/mesh-transport.js';
import { SfuTransport } from './media/sfu-transport.js';
import { transportKind } from './media/media-transport.js';
import { TransportMove } from './media/transport-move.js';
import { OwnMedia } from './media/own-media.js';
import { openLocalMedia } from './media/local-media.js';
import { SpeakerDetector } from './media/speaker-detector.js';
import { MAX_CHAT_CHARS } from './ui/chat-panel.js';
import { refreshToggles } from './ui/toolbar.js';
import { E2eeMedia } from './encryption/e2ee-media.js';
import { E2eeController, E2EE_TYPES, pageTrust } from './encryption/e2ee-controller.js';
import { certificateFingerprint, pageCertificate } from './media/dtls-binding.js';
import { RoomModel } from './room/room-model.js';
import { E2eeRosterView } from './encryption/e2ee-roster-view.js';

const SPEAKER_POLL_MS = 250;

const fail = (code, message) => Object.assign(new Error(message), { code });

export class Meeting {
  /**
   * @param {object} o
   * @param {string} o.room
   * @param {string} o.token
   * @param {string|null} o.name  name typed on the pre-join screen when the token carries none
   * @param {MediaStream|null} o.localStream
   * @param {import('./ui/meeting-view.js').MeetingView} o.view
   * @param {Translate} o.t
   * @param {(name: string, detail?: any) => void} o.emit event to the host page
   * @param {string|null} [o.passcode] the room's passcode, if the host page or the person gave one
   */
  constructor({ room, token, name, localStream, view, t, emit, passcode = null }) {
    this.room = room;
    this.token = token;
    this.name = name;
    this.view = view;
    this.t = t;
    this.emit = emit;
    this.passcode = passcode;
    /** @type {((role: string) => void)|undefined} set by main.js: shows or hides what our role allows */
    this.onRole = undefined;
    /** @type {import('./ui/moderation.js').Moderation|null} host controls and reports, set by main.js */
    this.moderation = null;
    this.own = new OwnMedia(localStream, {
      replaceTrack: (kind, track) => this.transport.replaceTrack(kind, track),
      // An SFU sends a shared screen as a feed of its own; the mesh puts it in the camera's place.
      screenFeed: async (track) => (this.transport.setScreen ? this.transport.setScreen(track) : false),
      onChange: () => this.onOwnMediaChange()
    });
    this.gallery = view.gallery;
    /** The room as we see it: the only copy, which moderation, the toolbar and the gallery glue read. */
    this.roomModel = new RoomModel();
    this.detector = new SpeakerDetector();
    /** How media flows: a mesh of peer connections until a `joined` names another media mode. */
    this.transport = this.makeTransport('mesh');
    /** The signaling socket, join, resume and reconnection: one state table, one reconnect policy. */
    this.session = new Session({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
      join: { room, token, name },
      passcode,
      onJoined: async (joined) => {
        if (joined.e2ee) await this.startE2ee(joined);
        this.onJoined(joined);
      },
      askPasscode: async (wrong) => (this.moderation ? this.moderation.askPasscode(wrong) : null)
    });
    this.listenToRoom();
    this.listenToSession();
  }

  /**
   * The transport for a media mode ('mesh' or 'sfu'), and what its events mean for the gallery, the
   * sound and the host page.
   */
  makeTransport(kind) {
    // A transport we left (an auto room's mesh after its move) says nothing more to the server.
    const send = (type, fields) => {
      if (transport === this.transport) this.session.send(type, fields);
    };
    const localStream = () => this.own.outgoingStream();
    const transport =
      kind === 'sfu'
        ? new SfuTransport({ send, localStream })
        : new MeshTransport({ send, localStream, present: (id) => this.participants.has(id) });
    transport.on('stream', ({ id, stream }) => {
      if (transport !== this.transport) return; // the mesh we are moving away from: its tiles are taken over
      const show = () => {
        this.gallery.attachVideo(id, stream);
        this.view.attachAudio(id, stream);
      };
      // During a move a tile keeps its mesh video until the new one flows.
      if (this.transportMove) this.transportMove.take(id, stream, show);
      else show();
    });
    transport.on('connectionState', ({ id, state }) => {
      if (transport !== this.transport) return; // the one we left behind closing its links
      this.gallery.setConnection(id, state);
      this.emit('peerConnectionState', { id, state });
    });
    transport.on('mismatch', ({ id, verdict }) => this.onDtlsMismatch(id, verdict));
    // SFU rooms: the room moved to another media server and media starts again (sfu-restart.js).
    transport.on('mediaStatus', ({ state }) => {
      if (state === 'restarting') this.view.setStatus(this.t('mediaReconnecting'), 'warning');
      else this.updateStatus();
    });
    return transport;
  }

  /** The room's media mode (`joined.media`) differs from the transport we have: change transports. */
  useTransport(kind) {
    this.abandonMove();
    this.transport.close();
    this.transport = this.makeTransport(kind);
    if (this.e2eeMedia) this.transport.enableE2ee({ media: this.e2eeMedia, certificate: this.certificate });
  }

  /**
   * An auto room moved to the SFU (`roomUpdated.media`): everyone stays, only the media path changes
   * (transport-move.js). It never moves back, so only a move to the SFU is taken.
   */
  moveTransport(kind) {
    if (kind !== 'sfu' || this.transport.kind === kind || !this.transportConfig) return;
    this.abandonMove();
    const from = this.transport;
    this.transport = this.makeTransport(kind);
    // Whose tiles play mesh media now: those links stay up until the SFU brings the same person.
    const waitFor = [...this.gallery.tiles].filter(([id, tile]) => id !== this.self?.id && tile.video?.srcObject);
    const startedAt = Date.now();
    let move = null; // still null if the move ends at once (nobody to wait for)
    move = new TransportMove({
      from,
      to: this.transport,
      config: this.transportConfig,
      e2ee: this.e2eeMedia ? { media: this.e2eeMedia, certificate: this.certificate } : null,
      sizes: this.tileSizes,
      waitFor: waitFor.map(([id]) => id),
      onDone: () => {
        if (move && this.transportMove !== move) return; // teardown or a rejoin ended it
        this.transportMove = null;
        this.updateStatus();
        this.emit('mediaMoved', { media: kind, ms: Date.now() - startedAt });
      }
    });
    if (!move.done) this.transportMove = move;
    this.updateStatus();
  }

  /** A move under way ends without being told as done (we leave, rejoin, or move again): its old links close. */
  abandonMove() {
    const move = this.transportMove;
    this.transportMove = null;
    move?.finish();
  }

  /** Where the session is: idle, connecting, connected, reconnecting, disconnected or left. */
  get state() {
    return this.session.state;
  }

  /** What the session's events mean for the view, the room and the host page. */
  listenToSession() {
    const session = this.session;
    session.on('state', ({ state, before }) => {
      if (state === 'disconnected' && before === 'reconnecting') {
        // Reconnection gave up: the meeting is lost.
        this.teardown();
        this.view.showEnded(this.t('disconnected'));
      }
      this.showState(state);
    });
    session.on('message', (msg) => this.onSignal(msg));
    session.on('joined', (joined) => this.afterJoined(joined));
    session.on('resumed', () => session.send('media', { media: this.currentMedia() }));
    session.on('ended', ({ reason }) => this.finish(reason));
    session.on('failed', ({ error: e }) => {
      if (session.state === 'connecting') this.view.setStatus(this.t('joinFailed', { message: e.message }), 'error');
      this.emit('error', { code: e.code || 'connection_failed', message: e.message });
    });
  }

  /** Our own participant record, null before the first `joined`. */
  get self() {
    return this.roomModel.self;
  }

  /** Everyone else in the meeting, by id. */
  get participants() {
    return this.roomModel.participants;
  }

  /** What the room model's changes mean for the gallery, the sound, the links and the host page. */
  listenToRoom() {
    const room = this.roomModel;
    room.on('participantJoined', ({ participant: p, announce }) => {
      this.gallery.upsert(p);
      this.updateAudibility(p);
      // Those in a `joined` wait: as the newcomer we offer to them once the host page heard of the room.
      // Someone joining later gets a link now, as the answering side.
      if (!this.applyingJoined && this.needsLink(p)) this.transport.connect(p.id, { initiator: false });
      this.transport.resendViewSize(p.id);
      this.updateStatus();
      if (announce) this.emit('participantJoined', p);
    });
    room.on('participantUpdated', ({ participant: p }) => {
      this.gallery.upsert(p);
      this.updateAudibility(p);
      this.emit('participantUpdated', p);
    });
    room.on('handChanged', ({ id, raised }) => this.emit('handRaised', { id, raised }));
    room.on('participantLeft', ({ id, reason }) => {
      this.transportMove?.forget(id);
      this.transport.forget(id);
      this.gallery.remove(id);
      this.view.detachAudio(id);
      this.detector.forget(id);
      this.updateStatus();
      if (reason) this.emit('participantLeft', { id, reason });
    });
    room.on('selfUpdated', ({ self, previousSelfId }) => {
      if (previousSelfId) {
        // A fresh join: others know us under a new id, so every peer connection starts over.
        this.gallery.remove(previousSelfId);
        this.transport.reset();
      }
      this.gallery.upsert(self, { self: true });
    });
    room.on('roleChanged', ({ role, before }) => {
      this.onRole?.(role);
      if (this.applyingJoined) return; // what a (re)join says is no promotion
      if (before === 'viewer') this.becomeSender().catch((e) => this.view.setStatus(e.message, 'warning'));
      if (role === 'host') this.moderation?.notice(this.t('promotedToHost'));
    });
    room.on('unmuteLockedChanged', () => {
      this.refreshToggles();
      for (const p of this.participants.values()) this.updateAudibility(p);
    });
    room.on('unmuteAllowedChanged', ({ kind, allowed }) => {
      this.moderation?.notice(this.t(allowed ? 'unmuteAllowedYou' : 'unmuteRevokedYou'), allowed ? 'info' : 'warning');
      this.refreshToggles();
    });
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  async start() {
    // Made now, so an end-to-end encrypted join does not wait for it (it is cheap and kept for the page).
    if (typeof RTCPeerConnection !== 'undefined') pageCertificate().catch(() => {});
    if (await this.session.start()) this.speakerTimer = setInterval(() => this.pollSpeakers(), SPEAKER_POLL_MS);
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
      this.e2eeMedia.onWrongSender = (peerId, senderId) => this.onWrongSender(peerId, senderId);
      // Before any peer connection: they all use this certificate, whose fingerprint the hello signs.
      this.certificate = await pageCertificate();
      this.transport.enableE2ee({ media: this.e2eeMedia, certificate: this.certificate });
    }
    if (this.e2ee) {
      // Rejoined as a new participant: epochs may start again at 1, so no old key may linger.
      this.e2ee.close();
      this.e2eeMedia.clear();
    }
    this.e2eeSelfId = joined.you.id;
    this.joinedParticipants = new Map(joined.participants.map((p) => [p.id, p]));
    const nameOf = (id) =>
      (id === this.self?.id ? this.self.name : (this.participants.get(id) ?? this.joinedParticipants?.get(id))?.name) ??
      null;
    const rosterView = new E2eeRosterView({
      view: this.view,
      t: this.t,
      selfId: joined.you.id,
      emit: (event, detail) => this.emit(event, detail),
      nameOf,
      restoreStatus: () => this.updateStatus()
    });
    this.e2eeRosterView = rosterView;
    this.e2ee = await E2eeController.create({
      room: this.room,
      sessionId: joined.sessionId,
      selfId: joined.you.id,
      selfName: joined.you.name,
      media: this.e2eeMedia,
      shownName: nameOf,
      dtlsFp: certificateFingerprint(this.certificate),
      onPeerHello: (peer) => {
        this.transport.dtlsHello(peer.participantId, peer.dtlsFp);
        this.checkKeyContinuity(peer);
      },
      send: (message) => this.session.sendMessage(message),
      // In join order; until the room model has this participant's `joined`, from `joined` itself.
      present: () => [...(this.self?.id === joined.you.id ? this.participants : this.joinedParticipants).keys()],
      onRoster: (members) => rosterView.roster(members),
      onHolder: (holder) => rosterView.holder(holder),
      onChat: ({ from, text }) =>
        this.showChat({ from, name: this.participants.get(from)?.name || from, text, sentAt: Date.now() }),
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
      }
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
   * between us terminates the media encryption. The transport dropped the connection and takes no new
   * one from it; the person hears why.
   */
  onDtlsMismatch(peerId, verdict) {
    const name = this.participants.get(peerId)?.name || peerId;
    console.warn(
      `Mosaic: end-to-end encryption: DTLS certificate of ${name} does not match its signed fingerprint (${verdict})`
    );
    this.view.setStatus(this.t('e2eeMitmSuspected', { name }), 'error');
    this.emit('e2ee', { state: 'mitmSuspected', participantId: peerId, reason: verdict });
  }

  /**
   * Frames sealed by one member arrived on another member's tile (in an SFU room the server and Janus
   * decide what each mid carries): they were dropped; the person hears it, the host page gets an event.
   */
  onWrongSender(peerId, senderId) {
    const name = (id) => this.participants.get(id)?.name || id || '?';
    console.warn(`Mosaic: end-to-end encryption: frames of ${name(senderId)} arrived as ${name(peerId)}'s; dropped`);
    this.view.setStatus(this.t('e2eeWrongSender', { name: name(peerId), sender: name(senderId) }), 'error');
    this.emit('e2ee', { state: 'wrongSender', participantId: peerId, senderId });
  }

  /** A `joined` from a first join, a rejoin or a resume: make the room match it (before we count as connected). */
  onJoined(joined) {
    this.roomE2ee = !!joined.e2ee;
    // iceTransportPolicy 'relay' when the server hides participants' addresses from each other (TURN only).
    if (transportKind(joined) !== this.transport.kind) this.useTransport(transportKind(joined));
    this.transportConfig = {
      selfId: joined.you.id,
      iceServers: joined.iceServers,
      iceTransportPolicy: joined.iceTransportPolicy
    };
    this.transport.configure(this.transportConfig);
    const media = this.currentMedia();
    this.applyingJoined = true;
    try {
      this.firstJoin = this.roomModel.applyJoined(joined, media).first;
    } finally {
      this.applyingJoined = false;
    }
    this.showSelfVideo();
    this.session.send('media', { media });
  }

  /** Connected with a `joined`: tell the host page (the first time) and connect to the others. */
  afterJoined(joined) {
    if (this.firstJoin)
      this.emit('joined', { room: joined.room, participant: joined.you, participants: joined.participants });
    // After `joined`, so the host page hears of the room before of connections to its members.
    // We are the newcomer here, so we make the first offer to everyone already in the room.
    for (const p of joined.participants) if (this.needsLink(p)) this.transport.connect(p.id, { initiator: true });
    this.transport.start();
    // The leader's first epoch lists the participants, so it waits until they are known.
    if (joined.e2ee) this.e2ee?.setLeader(joined.e2eeLeader ?? null);
  }

  /** What the person sees and the host page hears of the session's state. */
  showState(state) {
    const status = {
      connecting: 'connecting',
      reconnecting: 'reconnecting',
      disconnected: 'disconnected',
      left: 'left'
    }[state];
    if (status)
      this.view.setStatus(
        this.t(status),
        state === 'disconnected' ? 'error' : state === 'reconnecting' ? 'warning' : 'info'
      );
    else if (state === 'connected') this.updateStatus();
    this.emit('connectionState', { state });
  }

  leave() {
    if (this.state === 'left') return;
    this.session.send('leave');
    this.finish('left');
  }

  /** We are out of the meeting (we left, or the server ended or removed us). */
  finish(reason) {
    this.teardown();
    const text =
      { left: 'left', denied: 'deniedEntry', removed: 'removedByHost', ended: 'meetingEnded' }[reason] || 'removed';
    this.moderation?.clear();
    this.session.finish();
    this.view.showEnded(this.t(text)); // after the state's status, so the reason stays on screen
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
    this.session.close();
  }

  dropPeers() {
    this.abandonMove();
    this.roomModel.clear();
    this.transport.close();
  }

  // ---- signaling -------------------------------------------------------------------------------

  onSignal(msg) {
    if (E2EE_TYPES.has(msg.type)) {
      if (this.heldE2ee) this.heldE2ee.push(msg);
      else this.e2ee?.onMessage(msg);
      return;
    }
    if (this.transport.handleSignal(msg)) return;
    switch (msg.type) {
      case 'roomUpdated':
        this.e2ee?.setLeader(msg.e2eeLeader ?? null);
        this.roomModel.applyRoomUpdated(msg);
        if (msg.media) this.moveTransport(transportKind(msg));
        this.emit('roomUpdated', {
          locked: this.roomModel.locked,
          e2ee: !!msg.e2ee,
          waitingRoom: !!msg.waitingRoom,
          unmuteLocked: msg.unmuteLocked || [],
          media: this.transport.kind
        });
        break;
      case 'unmuteAllowed':
        this.roomModel.setUnmuteAllowed(msg.kind, msg.allowed);
        this.emit('unmuteAllowed', { kind: msg.kind, allowed: !!msg.allowed, ...(msg.by ? { by: msg.by } : {}) });
        break;
      case 'participantJoined':
        this.roomModel.add(msg.participant, { announce: true });
        break;
      case 'participantLeft':
        this.e2ee?.participantLeft(msg.participantId);
        this.roomModel.remove(msg.participantId, msg.reason || 'left');
        break;
      case 'participantUpdated':
        this.roomModel.update(msg.participant);
        break;
      case 'participantWaiting':
        this.roomModel.addWaiting(msg.participant);
        this.emit('participantWaiting', msg.participant);
        break;
      case 'participantWaitingLeft':
        this.roomModel.removeWaiting(msg.participantId, msg.reason);
        this.emit('participantWaitingLeft', { id: msg.participantId, reason: msg.reason });
        break;
      case 'waiting':
        this.view.setStatus(this.t('waitingForHost'));
        this.emit('waiting', {});
        break;
      case 'muted':
        this.onMutedByHost(msg.kind, msg.by);
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
        // No media server is up for this room (no request of ours failed): say so; the meeting goes on.
        if (msg.code === 'sfu_unavailable' && !msg.id) this.view.setStatus(this.t('mediaUnavailable'), 'warning');
        this.emit('error', { code: msg.code, message: msg.message });
        break;
      default:
        this.moderation?.onSignal(msg);
        break;
    }
  }

  /** Whether we may turn `kind` on (see RoomModel.mayTurnOn). */
  mayTurnOn(kind) {
    return this.roomModel.mayTurnOn(kind);
  }

  /** Plays a peer's sound only if the room model says it may be heard. */
  updateAudibility(p) {
    this.view.setAudible(p.id, this.roomModel.isAudible(p));
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
      stream.getTracks().forEach((track) => {
        track.enabled = false;
      });
      await this.own.adopt(stream);
    }
    for (const p of this.participants.values())
      if (!this.transport.has(p.id)) this.transport.connect(p.id, { initiator: true });
    this.transport.start();
    this.onRole?.(this.self.role);
  }

  updateStatus() {
    if (this.state !== 'connected') return;
    if (this.transportMove) this.view.setStatus(this.t('movingToMediaServer'));
    else this.view.setStatus(this.t(this.participants.size ? 'inMeeting' : 'alone'));
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
      this.roomModel.setSelfMedia(media);
      this.session.send('media', { media });
    }
  }

  showSelfVideo() {
    const stream = this.own.selfView();
    if (this.self && stream) this.gallery.attachVideo(this.self.id, stream);
  }

  refreshToggles() {
    refreshToggles(this.view, this.t, { own: this.own, room: this.roomModel });
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
    if (message.length > MAX_CHAT_CHARS)
      throw fail('too_large', `chat text is longer than ${MAX_CHAT_CHARS} characters`);
    if (this.e2ee) {
      // The server does not echo encrypted chat: show our own message now.
      this.e2ee.sendChat(message).catch((e) => this.view.setStatus(e.message, 'warning'));
      this.showChat({ from: this.self.id, name: this.self.name, text: message, sentAt: Date.now() });
      return;
    }
    this.session.send('chat', { text: message });
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
    this.session.send(type, fields);
  }

  // ---- gallery feedback ------------------------------------------------------------------------

  /** @param {Map<string, {height: number, visible: number, onStage: boolean}|null>} sizes */
  onTileSizes(sizes) {
    this.tileSizes = sizes;
    this.transport.setViewSizes(sizes);
  }

  /** Samples everyone's level (remote ones from receive statistics, so asynchronously) and redraws who talks. */
  async pollSpeakers() {
    if (this.pollingSpeakers) return; // a slow getStats must not let polls pile up
    this.pollingSpeakers = true;
    try {
      // Only those still connected: someone may have left while the statistics were read.
      const levels = await this.transport.audioLevels();
      if (this.state === 'left') return;
      // Someone we do not play (a host keeps their microphone off) is not speaking either.
      const samples = new Map([...levels].map(([id, level]) => [id, this.view.inaudible.has(id) ? 0 : level]));
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
    for (const stats of await this.transport.inboundVideo()) {
      const video = this.gallery.tiles.get(stats.id)?.video;
      out.push({ ...stats, videoWidth: video?.videoWidth || 0, videoHeight: video?.videoHeight || 0 });
    }
    return out;
  }

  /** E2EE worker counters and the security code; null in a room without end-to-end encryption. */
  async e2eeDiagnostics() {
    if (!this.e2eeMedia) return null;
    const identityKey = this.e2ee
      ? [...this.e2ee.identity.publicKey].map((b) => b.toString(16).padStart(2, '0')).join('')
      : null;
    return {
      ...(await this.e2eeMedia.stats()),
      ...this.transport.dtlsStats(),
      keyChanges: this.keyChanges || 0,
      identityKey,
      securityCode: this.e2ee?.securityCode ?? null,
      epoch: this.e2ee?.activeEpoch ?? 0,
      rosterMembers: this.e2ee?.rosterMembers ?? [],
      rosterWarnings: this.e2eeRosterView?.warnings ?? [],
      holder: this.e2ee?.holder ?? null
    };
  }

  /** What each peer asked of our video and what we applied to its sender. */
  sentEncodings() {
    return this.transport.sentEncodings();
  }
}
