// The room as this participant sees it: who is here (self apart), their roles and media (hands
// included), the room's lock, its "may not unmute" kinds, what a host let us turn on anyway, and the
// waiting list. The only copy of that state: the toolbar, the gallery glue and moderation read it and
// listen to its events; nothing here touches the DOM, the socket or WebRTC.
import { Emitter } from '../emitter.js';

/**
 * Events (detail in braces):
 * - participantJoined {participant, announce}   announce: false for those already there when we joined
 * - participantUpdated {participant, before}
 * - participantLeft {id, reason}                reason null when dropped silently (rejoin, teardown)
 * - handChanged {id, raised}                    after the participantUpdated that raised or lowered it
 * - selfUpdated {self}                           our own record (media, name, role) changed
 * - roleChanged {role, before}
 * - lockChanged {locked}
 * - unmuteLockedChanged {locked, before, announce} announce: tell a participant (not on join, not to hosts)
 * - unmuteAllowedChanged {kind, allowed}         a host let us (not) turn `kind` on while it is locked
 * - waitingAdded {participant} / waitingRemoved {id, reason}
 */
export class RoomModel extends Emitter {
  constructor() {
    super();
    /** Our own participant record, null until the first `joined`. */
    this.self = null;
    /** @type {Map<string, any>} participants by id, self excluded, in the order they came */
    this.participants = new Map();
    this.locked = false;
    this.e2ee = false;
    this.waitingRoom = false;
    /** Kinds participants may not turn on themselves. */
    this.unmuteLocked = new Set();
    /** Kinds a host let us turn on although they are locked. */
    this.unmuteAllowed = new Set();
    /** @type {Map<string, any>} people in the waiting room (hosts hear of them) */
    this.waiting = new Map();
  }

  get role() {
    return this.self?.role ?? null;
  }

  get isHost() {
    return this.role === 'host';
  }

  /** @param {string} id */
  participant(id) {
    return id === this.self?.id ? this.self : this.participants.get(id);
  }

  /** Everyone in the meeting, self first. */
  everyone() {
    return [this.self, ...this.participants.values()].filter(Boolean);
  }

  /**
   * A `joined` from a first join, a rejoin or a resume: the model becomes what it says. Participants
   * no longer there leave, new ones join (announced unless this is our first join), the others update.
   * @param {any} joined the server's `joined` message
   * @param {any} media our own media state, which the server learns from us
   * @returns {{first: boolean, previousSelfId: string|null}} previousSelfId when we came back under a new id
   */
  applyJoined(joined, media) {
    const first = !this.self;
    const previousSelfId = this.self && this.self.id !== joined.you.id ? this.self.id : null;
    const roleBefore = this.role;
    this.self = { ...joined.you, media };
    if (previousSelfId || first) this.unmuteAllowed.clear();
    const unmuteLockedBefore = this.unmuteLocked;
    this.unmuteLocked = new Set(joined.unmuteLocked || []);
    this.emit('unmuteLockedChanged', { locked: this.unmuteLocked, before: unmuteLockedBefore, announce: false });
    if (joined.you.role !== roleBefore) this.roleBecame(joined.you.role, roleBefore);
    this.emit('selfUpdated', { self: this.self, previousSelfId });
    const present = new Set(joined.participants.map((p) => p.id));
    for (const id of [...this.participants.keys()]) if (!present.has(id)) this.remove(id, 'left');
    for (const p of joined.participants) {
      if (!this.participants.has(p.id)) this.add(p, { announce: !first });
      else this.update(p);
    }
    return { first, previousSelfId };
  }

  /** Someone came in. @param {ParticipantInfo} p @param {{announce: boolean}} o */
  add(p, { announce }) {
    if (p.id === this.self?.id) return;
    this.participants.set(p.id, p);
    this.emit('participantJoined', { participant: p, announce });
  }

  /** A `participantUpdated`: ours or someone else's record changed. */
  update(p) {
    if (p.id === this.self?.id) {
      this.updateSelf(p);
      return;
    }
    const before = this.participants.get(p.id);
    this.participants.set(p.id, p);
    this.emit('participantUpdated', { participant: p, before });
    if (!!before?.media?.hand !== !!p.media?.hand) this.emit('handChanged', { id: p.id, raised: !!p.media?.hand });
  }

  /** Our record as the server sent it; our media stays what we know it to be. */
  updateSelf(p) {
    const before = this.role;
    this.self = { ...this.self, ...p, media: this.self.media };
    this.emit('selfUpdated', { self: this.self, previousSelfId: null });
    if (before !== this.self.role) this.roleBecame(this.self.role, before);
  }

  /** Our own media changed (we decided it; the server hears of it from us). */
  setSelfMedia(media) {
    if (!this.self) return;
    this.self = { ...this.self, media };
    this.emit('selfUpdated', { self: this.self, previousSelfId: null });
  }

  /** @param {string|null} reason null when dropped silently (rejoin, teardown) */
  remove(id, reason) {
    if (!this.participants.has(id)) return;
    this.participants.delete(id);
    this.emit('participantLeft', { id, reason });
  }

  /** Out of the meeting: everyone else is gone, silently. */
  clear() {
    for (const id of [...this.participants.keys()]) this.remove(id, null);
    for (const id of [...this.waiting.keys()]) this.removeWaiting(id, null);
  }

  /** A `roomUpdated`: lock, E2EE and waiting-room flags, and the kinds participants may not unmute. */
  applyRoomUpdated(msg) {
    this.e2ee = !!msg.e2ee;
    this.waitingRoom = !!msg.waitingRoom;
    // Also sent when the key leader or the unmute setting changes: only a new lock state is news.
    if (this.locked !== !!msg.locked) {
      this.locked = !!msg.locked;
      this.emit('lockChanged', { locked: this.locked });
    }
    this.setUnmuteLocked(new Set(msg.unmuteLocked || []));
  }

  /** The room's "participants may not unmute" kinds changed (or were sent again unchanged). */
  setUnmuteLocked(locked) {
    for (const kind of this.unmuteAllowed) if (!locked.has(kind)) this.unmuteAllowed.delete(kind);
    const before = this.unmuteLocked;
    const changed = locked.size !== before.size || [...locked].some((k) => !before.has(k));
    this.unmuteLocked = locked;
    if (changed) this.emit('unmuteLockedChanged', { locked, before, announce: !this.isHost });
  }

  /** An `unmuteAllowed` for us: a host let us (or no longer lets us) turn `kind` on. */
  setUnmuteAllowed(kind, allowed) {
    if (allowed) this.unmuteAllowed.add(kind);
    else this.unmuteAllowed.delete(kind);
    this.emit('unmuteAllowedChanged', { kind, allowed: !!allowed });
  }

  /** Whether we may turn `kind` on: hosts always; others unless a host turned unmuting off. */
  mayTurnOn(kind) {
    return this.isHost || !this.unmuteLocked.has(kind) || this.unmuteAllowed.has(kind);
  }

  /**
   * Whether a peer's sound is played. Viewers are never heard, and while a host keeps microphones off
   * a peer is heard only if the server says its microphone is on: a modified client that sends sound
   * anyway is heard by nobody. (Video needs no such rule: a tile shows video only while the server says
   * the camera is on.)
   */
  isAudible(p) {
    const allowed = p.role === 'host' || !!p.media?.audio || !this.unmuteLocked.has('audio');
    return p.role !== 'viewer' && allowed;
  }

  /** Someone knocks (hosts only hear of it). */
  addWaiting(p) {
    if (this.waiting.has(p.id)) return;
    this.waiting.set(p.id, p);
    this.emit('waitingAdded', { participant: p });
  }

  /** @param {string|null} reason null when dropped silently (we are no longer a host, or left) */
  removeWaiting(id, reason) {
    if (this.waiting.delete(id)) this.emit('waitingRemoved', { id, reason });
  }

  /** Our role is now `role`: only hosts keep a waiting list. */
  roleBecame(role, before) {
    if (role !== 'host') for (const id of [...this.waiting.keys()]) this.removeWaiting(id, null);
    this.emit('roleChanged', { role, before });
  }
}
