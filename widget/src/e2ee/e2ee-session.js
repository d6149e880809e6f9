// One participant's side of the WMX1 key exchange (docs/e2ee.md, "Session") for one room session,
// independent of the transport: feed it the e2ee.* and chat.e2ee messages that arrive and send what
// it returns ({to, message}; to = null means everyone). It mirrors sdk-core's E2eeSession message for
// message. Calls are queued, so each message is fully handled before the next one starts.
import { equalBytes } from './bytes.js';
import { reject } from './errors.js';
import { generateEphemeralKey } from './ephemeral-key.js';
import { signHello, verifyHello } from './hello.js';
import { requireValidSignature } from './identity-key.js';
import { IdentityPins } from './identity-pins.js';
import { KeyRing } from './key-ring.js';
import { KeyDistribution } from './key-distribution.js';
import { unwrapMeetingKey, wrapMeetingKey } from './key-wrap.js';
import { GENESIS, rosterHash, rosterMember, signRoster } from './roster.js';
import { RosterChain } from './roster-chain.js';
import { signActivation, verifyActivation } from './activation.js';
import { ChatReplayGuard, decryptChat, encryptChat } from './chat.js';
import { securityCode } from './security-code.js';
import { b64, hex, int, message, requireType, str, toBase64, toHex, u32 } from './e2ee-json.js';

/**
 * @typedef {object} SessionOptions
 * @property {string} roomId
 * @property {string} sessionId
 * @property {string} participantId
 * @property {string} name this participant's display name as `joined` gave it; the hello signs it
 * @property {import('./identity-key.js').IdentityKey} identity
 * @property {import('./ephemeral-key.js').EphemeralKey} [ephemeral] fresh per join when absent
 * @property {Uint8Array} [dtlsFp] SHA-256 of this page's DTLS certificate
 * @property {string[]} [caps]
 * @property {() => number} [now]
 * @property {(n: number) => Uint8Array} [randomBytes]
 * @property {(epoch: number, mk: Uint8Array) => void} [onKeyInstalled] e.g. post {type:'key'} to the media worker
 * @property {(epoch: number, senderIndex: number) => void} [onEpochActivated] e.g. post {type:'activate'}
 * @property {IdentityPins} [pins]
 */

export class E2eeSession {
  /** @param {SessionOptions} options */
  static async create(options) {
    return new E2eeSession({ ...options, ephemeral: options.ephemeral ?? (await generateEphemeralKey()) });
  }

  /** @param {SessionOptions} options with `ephemeral` set */
  constructor(options) {
    this.o = {
      caps: ['media', 'chat'],
      now: () => Date.now(),
      randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
      onKeyInstalled: () => {},
      onEpochActivated: () => {},
      ...options
    };
    this.pins = options.pins ?? new IdentityPins();
    this.chain = new RosterChain(this.pins);
    this.ring = new KeyRing({ now: this.o.now });
    this.replayGuard = new ChatReplayGuard();
    this.peers = new Map();
    this.rosters = new Map();
    this.senderIndexes = new Map();
    this.highestSenderIndex = 0;
    this.chatSeq = 0;
    this.securityCode = null;
    this.leading = null;
    this.unresponsive = [];
    /** @type {Promise<unknown>} the last queued step; see serial() */
    this.queue = Promise.resolve();
  }

  /**
   * Runs `fn` once everything queued before it has settled, so messages change the session one at a time.
   * @template T
   * @param {() => T|Promise<T>} fn
   * @returns {Promise<T>}
   */
  serial(fn) {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => {});
    return run;
  }

  /** This participant's e2ee.hello. */
  hello() {
    return this.serial(async () => {
      const { roomId, sessionId, participantId, name, identity, ephemeral, dtlsFp, caps } = this.o;
      const sig = await signHello(identity, {
        roomId,
        sessionId,
        participantId,
        name,
        ek: ephemeral.publicKey,
        dtlsFp
      });
      return message('e2ee.hello', {
        roomId,
        sessionId,
        participantId,
        name,
        ik: toBase64(identity.publicKey),
        ek: toBase64(ephemeral.publicKey),
        ...(dtlsFp ? { dtlsFp: toHex(dtlsFp) } : {}),
        caps: [...caps],
        sig: toBase64(sig)
      });
    });
  }

  /** Verifies a hello, pins its ik for the session, remembers its ek. */
  onHello(m) {
    return this.serial(async () => {
      requireType(m, 'e2ee.hello');
      this.requireThisSession(m);
      const participantId = str(m, 'participantId');
      const name = str(m, 'name');
      const ik = b64(m, 'ik', 32);
      const ek = b64(m, 'ek', 32);
      const dtlsFp = m.dtlsFp === undefined ? undefined : hex(m, 'dtlsFp', 32);
      await verifyHello(
        ik,
        { roomId: this.o.roomId, sessionId: this.o.sessionId, participantId, name, ek, dtlsFp },
        b64(m, 'sig', 64)
      );
      this.pins.pinForSession(participantId, ik);
      const peer = { participantId, name, ik, ek, dtlsFp, caps: Array.isArray(m.caps) ? m.caps.map(String) : [] };
      this.peers.set(participantId, peer);
      return peer;
    });
  }

  // ---- leader ----

  /** As leader: new epoch for this participant and `memberIds` (those with a verified hello). */
  startEpoch(memberIds) {
    return this.serial(async () => {
      const me = this.o.participantId;
      const others = [...new Set(memberIds)].filter((id) => id !== me && this.peers.has(id));
      const epoch = Math.max(this.chain.current?.epoch ?? 0, ...this.ring.heldEpochs(), 0) + 1;
      const members = [
        { participantId: me, senderIndex: this.senderIndexFor(me), ik: this.o.identity.publicKey, name: this.o.name },
        ...others.map((id) => ({
          participantId: id,
          senderIndex: this.senderIndexFor(id),
          ik: this.peers.get(id).ik,
          name: this.peers.get(id).name
        }))
      ];
      const roster = {
        roomId: this.o.roomId,
        sessionId: this.o.sessionId,
        epoch,
        leaderId: me,
        members,
        prevRosterHash: this.chain.currentHash ?? GENESIS
      };
      const sig = await signRoster(this.o.identity, roster);
      const hash = await this.acceptRoster(roster, sig);
      const out = [{ to: null, message: this.rosterMessage(roster, hash, sig) }];
      const mk = this.o.randomBytes(32);
      this.ring.install(epoch, mk);
      this.o.onKeyInstalled(epoch, mk);
      this.leading = { roster, hash, sig, mk, distribution: new KeyDistribution(epoch, others, { now: this.o.now }) };
      for (const id of others) out.push({ to: id, message: await this.keyMessage(id) });
      return [...out, ...(await this.leaderActions())];
    });
  }

  /** The current roster again, for the leader's heartbeat every 10 s; null when not leading. */
  rosterHeartbeat() {
    return this.leading
      ? { to: null, message: this.rosterMessage(this.leading.roster, this.leading.hash, this.leading.sig) }
      : null;
  }

  /** Records an ack; resolves to the activation once everyone acked. */
  onAck(m) {
    return this.serial(async () => {
      requireType(m, 'e2ee.ack');
      if (this.leading && str(m, 'to') === this.o.participantId)
        this.leading.distribution.acknowledge(str(m, 'from'), u32(m, 'epoch'));
      return this.leaderActions();
    });
  }

  /** From the leader's timer: activation after 2 s, one re-send to members without an ack. */
  pollLeader() {
    return this.serial(() => this.leaderActions());
  }

  async leaderActions() {
    if (!this.leading) return [];
    const { activate, resend, gone } = this.leading.distribution.poll();
    const out = [];
    if (activate) {
      const { epoch } = this.leading.roster;
      this.ring.activate(epoch);
      this.o.onEpochActivated(epoch, this.senderIndexes.get(this.o.participantId));
      out.push({
        to: null,
        message: message('e2ee.activate', {
          epoch,
          sig: toBase64(await signActivation(this.o.identity, epoch, this.leading.hash))
        })
      });
    }
    for (const id of resend) out.push({ to: id, message: await this.keyMessage(id) });
    this.unresponsive.push(...gone);
    return out;
  }

  rosterMessage(roster, hash, sig) {
    return message('e2ee.roster', {
      roomId: roster.roomId,
      sessionId: roster.sessionId,
      epoch: roster.epoch,
      leaderId: roster.leaderId,
      members: roster.members.map((m) => ({
        participantId: m.participantId,
        senderIndex: m.senderIndex,
        ik: toBase64(m.ik),
        name: m.name
      })),
      prevRosterHash: toHex(roster.prevRosterHash),
      rosterHash: toHex(hash),
      sig: toBase64(sig)
    });
  }

  async keyMessage(to) {
    const { roster, hash, mk } = this.leading;
    const d = {
      roomId: this.o.roomId,
      sessionId: this.o.sessionId,
      epoch: roster.epoch,
      from: this.o.participantId,
      to
    };
    const { nonce, wrapped } = await wrapMeetingKey(
      this.o.ephemeral,
      this.peers.get(to).ek,
      d,
      mk,
      hash,
      this.o.randomBytes(12)
    );
    return message('e2ee.key', { ...d, nonce: toBase64(nonce), wrapped: toBase64(wrapped) });
  }

  senderIndexFor(id) {
    if (!this.senderIndexes.has(id)) this.senderIndexes.set(id, ++this.highestSenderIndex);
    return this.senderIndexes.get(id);
  }

  // ---- member ----

  /** Accepts a signed, chained roster; the same roster again (heartbeat) changes nothing. */
  onRoster(m) {
    return this.serial(async () => {
      requireType(m, 'e2ee.roster');
      this.requireThisSession(m);
      if (!Array.isArray(m.members)) reject('malformed', "field 'members' must be an array");
      const members = m.members.map((x) => ({
        participantId: str(x, 'participantId'),
        senderIndex: int(x, 'senderIndex', 0xffff),
        ik: b64(x, 'ik', 32),
        name: str(x, 'name')
      }));
      const roster = {
        roomId: this.o.roomId,
        sessionId: this.o.sessionId,
        epoch: u32(m, 'epoch'),
        leaderId: str(m, 'leaderId'),
        members,
        prevRosterHash: hex(m, 'prevRosterHash', 32)
      };
      const hash = await rosterHash(roster);
      if (!equalBytes(hash, hex(m, 'rosterHash', 32)))
        reject('roster_mismatch', "rosterHash does not match the roster's content");
      const sig = b64(m, 'sig', 64);
      if (this.chain.current && this.chain.current.epoch === roster.epoch && equalBytes(this.chain.currentHash, hash)) {
        // A heartbeat must still carry its leader's valid signature.
        await requireValidSignature(
          rosterMember(roster, roster.leaderId).ik,
          hash,
          sig,
          `roster of epoch ${roster.epoch}`
        );
        return { roster: this.chain.current, securityCode: this.securityCode, codeChanged: false };
      }
      const before = this.securityCode;
      await this.acceptRoster(roster, sig);
      if (this.leading && roster.leaderId !== this.o.participantId) this.leading = null;
      return { roster, securityCode: this.securityCode, codeChanged: before !== null && before !== this.securityCode };
    });
  }

  async acceptRoster(roster, sig) {
    const hash = await this.chain.accept(roster, sig);
    this.rosters.set(roster.epoch, { roster, hash });
    for (const e of this.rosters.keys()) if (e < roster.epoch - 16) this.rosters.delete(e);
    for (const m of roster.members) {
      if (!this.senderIndexes.has(m.participantId)) this.senderIndexes.set(m.participantId, m.senderIndex);
      this.highestSenderIndex = Math.max(this.highestSenderIndex, m.senderIndex);
    }
    // The code is computed from this participant's own view: its own entry carries the identity key
    // it knows it has and the name it signed, so a server that swapped either in the others' roster yields a different code.
    const me = this.o.participantId;
    const view = roster.members.map((m) =>
      m.participantId === me ? { ...m, ik: this.o.identity.publicKey, name: this.o.name } : m
    );
    this.securityCode = await securityCode(this.o.roomId, this.o.sessionId, view);
    return hash;
  }

  /** Unwraps a key from its epoch's leader, installs it; resolves to {epoch, mk, ack}. */
  onKey(m) {
    return this.serial(async () => {
      requireType(m, 'e2ee.key');
      this.requireThisSession(m);
      const epoch = u32(m, 'epoch');
      const from = str(m, 'from');
      const to = str(m, 'to');
      if (to !== this.o.participantId)
        reject('malformed', `e2ee.key addressed to ${to} reached ${this.o.participantId}`);
      const signed = this.rosters.get(epoch);
      if (!signed || signed.roster.leaderId !== from)
        reject('roster_mismatch', `no roster for epoch ${epoch} signed by ${from}`);
      const leader = this.peers.get(from);
      if (!leader) reject('no_key', `no hello from the leader ${from} yet`);
      const d = { roomId: this.o.roomId, sessionId: this.o.sessionId, epoch, from, to };
      const { mk } = await unwrapMeetingKey(
        this.o.ephemeral,
        leader.ek,
        d,
        b64(m, 'nonce', 12),
        b64(m, 'wrapped'),
        signed.hash
      );
      this.ring.install(epoch, mk);
      this.o.onKeyInstalled(epoch, mk);
      return { epoch, mk, ack: message('e2ee.ack', { epoch, from: this.o.participantId, to: from }) };
    });
  }

  /** Verifies the leader's activation and switches to the epoch; resolves to {epoch, senderIndex}. */
  onActivate(m) {
    return this.serial(async () => {
      requireType(m, 'e2ee.activate');
      const epoch = u32(m, 'epoch');
      const signed = this.rosters.get(epoch);
      if (!signed) reject('roster_mismatch', `activation of epoch ${epoch} without its roster`);
      await verifyActivation(
        rosterMember(signed.roster, signed.roster.leaderId).ik,
        epoch,
        signed.hash,
        b64(m, 'sig', 64)
      );
      this.ring.activate(epoch);
      const senderIndex = rosterMember(signed.roster, this.o.participantId)?.senderIndex ?? -1;
      if (senderIndex >= 0) this.o.onEpochActivated(epoch, senderIndex);
      return { epoch, senderIndex };
    });
  }

  // ---- chat ----

  encryptChat(text) {
    return this.serial(async () => {
      const epoch = this.ring.activeEpoch;
      if (!epoch) reject('no_key', 'no meeting key is active yet');
      const c = await encryptChat({
        chatKey: await this.ring.chatKey(epoch),
        roomId: this.o.roomId,
        epoch,
        from: this.o.participantId,
        seq: ++this.chatSeq,
        text,
        identity: this.o.identity,
        nonce: this.o.randomBytes(12)
      });
      return message('chat.e2ee', {
        epoch,
        from: c.from,
        seq: c.seq,
        nonce: toBase64(c.nonce),
        ct: toBase64(c.ct),
        sig: toBase64(c.sig)
      });
    });
  }

  /** Verifies the signature with the sender's pinned ik, decrypts, refuses replays. */
  decryptChat(m) {
    return this.serial(async () => {
      requireType(m, 'chat.e2ee');
      const from = str(m, 'from');
      const chat = {
        epoch: u32(m, 'epoch'),
        from,
        seq: int(m, 'seq'),
        nonce: b64(m, 'nonce', 12),
        ct: b64(m, 'ct'),
        sig: b64(m, 'sig', 64)
      };
      const text = await decryptChat({
        chatKey: await this.ring.chatKey(chat.epoch),
        roomId: this.o.roomId,
        message: chat,
        senderIk: this.identityOf(from)
      });
      this.replayGuard.accept(from, chat.seq);
      return { from, epoch: chat.epoch, seq: chat.seq, text };
    });
  }

  identityOf(id) {
    if (id === this.o.participantId) return this.o.identity.publicKey;
    const peer = this.peers.get(id);
    if (peer) return peer.ik;
    const member = this.chain.current && rosterMember(this.chain.current, id);
    if (!member) reject('no_key', `no identity key known for ${id}`);
    return member.ik;
  }

  // ---- state ----

  get currentRoster() {
    return this.chain.current;
  }

  get activeEpoch() {
    return this.ring.activeEpoch;
  }

  unresponsiveMembers() {
    return [...this.unresponsive];
  }

  /** Leaving: delete every meeting key; the EK's private CryptoKey is dropped with this object. */
  leave() {
    this.ring.clear();
    this.leading = null;
    this.o.ephemeral = null;
  }

  requireThisSession(m) {
    if (str(m, 'roomId') !== this.o.roomId || str(m, 'sessionId') !== this.o.sessionId)
      reject('malformed', `${m.type} belongs to another room or session`);
  }
}
