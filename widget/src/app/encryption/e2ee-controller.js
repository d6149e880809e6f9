// Runs the WMX1 key exchange of one room session (docs/e2ee.md) over the signaling connection:
// hello on join, keys and acks, activation, the key-leader role when the rule of LeaderElection names
// us (never the server alone), key rotation on joins, leaves, leader changes and every 5 minutes,
// encrypted chat, the security code, and the roster compared with the members the server shows.
import { E2eeSession } from '../../e2ee/e2ee-session.js';
import { LeaderElection } from '../../e2ee/leader-election.js';
import { generateIdentityKey } from '../../e2ee/identity-key.js';
import { RotationSchedule } from '../../e2ee/rotation-schedule.js';
import { TrustStore, memoryStorage } from '../../e2ee/trust-store.js';
import { openIndexedDbStorage } from './indexeddb-storage.js';

const TICK_MS = 200;
const HEARTBEAT_MS = 10_000;
const MAX_PENDING_CHAT = 100;
/** Messages kept per sender whose roster may become acceptable later (see LeaderElection.judge). */
const MAX_HELD_PER_SENDER = 32;
const LEADER_TYPES = new Set(['e2ee.roster', 'e2ee.key', 'e2ee.activate']);
export const E2EE_TYPES = new Set(['e2ee.hello', 'e2ee.roster', 'e2ee.key', 'e2ee.ack', 'e2ee.activate', 'chat.e2ee']);

/** What this browser keeps across meetings: in IndexedDB, or for this page only where that fails. */
let trustPromise = null;
export const pageTrust = () =>
  (trustPromise ??= openIndexedDbStorage()
    .catch((e) => {
      console.warn('Mosaic: IndexedDB unavailable, the identity key lasts for this page only', e);
      return memoryStorage();
    })
    .then((storage) => new TrustStore(storage)));

/** One identity key per browser (kept across visits when storage allows): it signs hellos and chat. */
let identityPromise = null;
const pageIdentity = () =>
  (identityPromise ??= pageTrust()
    .then((trust) => trust.identity())
    .catch((e) => {
      console.warn('Mosaic: could not keep the identity key, using one for this page', e);
      return generateIdentityKey();
    }));

/**
 * What the meeting gives the controller: its room, its sending and what it shows.
 * @typedef {object} E2eeControllerOptions
 * @property {string} room
 * @property {string} sessionId
 * @property {string} selfId
 * @property {string} selfName this participant's name as `joined` gave it: its hello signs it
 * @property {(id: string) => string|null} [shownName] the name the server shows for a participant, null when none
 * @property {(message: object) => void} send sends one E2EE message as is
 * @property {import('./e2ee-media.js').E2eeMedia|null} media
 * @property {() => string[]} present ids of the others in the room, in join order
 * @property {(chat: {from: string, text: string}) => void} onChat
 * @property {(code: string, changed: boolean) => void} onSecurityCode
 * @property {(reason: string, message: string, participantId?: string) => void} onError
 * @property {(members: {participantId: string, signedName: string, announced: boolean, verified: boolean, nameAsShown: boolean}[]) => void} [onRoster]
 *   the accepted roster's members, each flagged when the server did not show it or shows it under another name than it signed
 * @property {(holder: {id: string, reason: 'hello'|'key'}|null) => void} [onHolder] who keeps the room keyless
 * @property {number} [leaderDeadlineMs] how long a leader may keep someone waiting (tests shorten it)
 * @property {Uint8Array} [dtlsFp] SHA-256 of the page's DTLS certificate, signed into the hello
 * @property {(peer: {participantId: string, ik: Uint8Array, dtlsFp?: Uint8Array}) => void} [onPeerHello] a verified hello
 */

export class E2eeController {
  /** @param {E2eeControllerOptions} o */
  static async create(o) {
    const identity = await pageIdentity();
    const session = await E2eeSession.create({
      roomId: o.room,
      sessionId: o.sessionId,
      participantId: o.selfId,
      name: o.selfName,
      identity,
      dtlsFp: o.dtlsFp,
      caps: o.media ? ['media', 'chat'] : ['chat'],
      onKeyInstalled: (epoch, mk) => o.media?.installKey(epoch, mk),
      onEpochActivated: (epoch, senderIndex) => o.media?.activate(epoch, senderIndex)
    });
    return new E2eeController(o, session, identity);
  }

  /**
   * @param {E2eeControllerOptions} o
   * @param {E2eeSession} session the key exchange (no I/O of its own: this controller sends and times it)
   * @param {Awaited<ReturnType<typeof pageIdentity>>} identity this browser's identity key
   */
  constructor(o, session, identity) {
    this.o = o;
    this.session = session;
    this.identity = identity;
    this.schedule = new RotationSchedule();
    this.election = new LeaderElection({
      selfId: o.selfId,
      earlier: o.present(),
      ...(o.leaderDeadlineMs ? { deadlineMs: o.leaderDeadlineMs } : {})
    });
    /** @type {Map<string, object[]>} leader messages from a sender the rule may accept later */
    this.held = new Map();
    this.holder = null;
    this.leader = false;
    this.reportedCode = null;
    this.activeEpoch = 0;
    this.pendingChat = [];
    this.nextHeartbeat = null;
    this.closed = false;
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  async start() {
    this.o.send(await this.session.hello());
  }

  /**
   * Test mode only: announces `dtlsFp` instead of the real fingerprint, as a man in the middle of
   * the media would make the others see, to exercise their DTLS check.
   */
  async announceDtlsFingerprint(dtlsFp) {
    this.session.o.dtlsFp = dtlsFp;
    this.o.send(await this.session.hello());
  }

  get securityCode() {
    return this.reportedCode;
  }

  /**
   * The server's choice of key leader (joined / roomUpdated) is only a hint: the leader is the one
   * LeaderElection names from what this page sees, so a server cannot appoint someone nobody sees.
   * @param {string|null} _serverHint the server's choice, deliberately unused
   */
  setLeader(_serverHint) {
    this.tick();
  }

  /** Applies the leader rule: takes the role, or hands it on, and skips a leader past its deadline. */
  updateLeader() {
    this.election.present(this.o.present());
    const stalled = this.election.checkStalled();
    if (stalled)
      this.o.onError(
        'leader_stalled',
        `${stalled} did not hand out the meeting key in time; the next member takes over`,
        stalled
      );
    const now = this.election.leader() === this.o.selfId;
    if (now && !this.leader) this.schedule.leaderChanged();
    this.leader = now;
    const h = this.election.holder();
    if (h?.id !== this.holder?.id || h?.reason !== this.holder?.reason) {
      this.holder = h;
      this.o.onHolder?.(h);
    }
  }

  participantLeft(id) {
    if (this.leader && this.inRoster(id)) this.schedule.memberLeft();
  }

  inRoster(id) {
    return !!this.session.chain.current?.members.some((m) => m.participantId === id);
  }

  /** A relayed E2EE message. */
  async onMessage(m) {
    if (this.closed) return;
    if (LEADER_TYPES.has(m.type) && !this.admitFromLeader(m)) return;
    try {
      switch (m.type) {
        case 'e2ee.hello': {
          let peer;
          try {
            peer = await this.session.onHello(m);
          } catch (e) {
            const sender = m.from ?? m.participantId;
            if (typeof sender !== 'string') throw e;
            // Such a member never leads: the rule skips it at once, and the UI says who it is.
            this.election.helloInvalid(sender);
            this.o.onError(
              'invalid_hello',
              `the hello of ${sender} did not verify (${e.reason || 'malformed'}: ${e.message})`,
              sender
            );
            break;
          }
          this.election.helloVerified(peer.participantId);
          this.o.onPeerHello?.(peer);
          if (this.leader && !this.inRoster(peer.participantId)) this.schedule.memberJoined();
          break;
        }
        case 'e2ee.roster': {
          const { roster } = await this.session.onRoster(m);
          const me = roster.members.find((x) => x.participantId === this.o.selfId);
          if (me && !sameBytes(me.ik, this.identity.publicKey)) {
            this.o.onError('identity_changed', 'the roster lists you with another identity key: keys were substituted');
          }
          this.election.rosterFrom(roster.leaderId);
          this.rosterAccepted(roster);
          break;
        }
        case 'e2ee.key':
          this.o.send((await this.session.onKey(m)).ack);
          break;
        case 'e2ee.activate':
          await this.session.onActivate(m);
          break;
        case 'e2ee.ack':
          this.sendAll(await this.session.onAck(m));
          break;
        case 'chat.e2ee': {
          const chat = await this.session.decryptChat(m);
          this.o.onChat({ from: chat.from, text: chat.text });
          break;
        }
        default:
          break;
      }
    } catch (e) {
      this.o.onError(e.reason || 'malformed', e.message);
    }
    this.report();
  }

  /**
   * Rosters, keys and activations count only from the leader the rule names (docs/e2ee.md). From a
   * member the rule may name soon (an earlier leader stalled for the others) they are held and tried
   * again on every tick; from anyone else they are refused, loudly when the server never showed them.
   */
  admitFromLeader(m, replay = false) {
    const sender = m.type === 'e2ee.roster' ? m.leaderId : m.from;
    if (typeof sender !== 'string') return true; // the session refuses it as malformed
    this.election.present(this.o.present());
    const verdict = this.election.judge(sender);
    if (verdict === 'accept') return true;
    if (verdict === 'hold' && !replay) {
      const queue = this.held.get(sender) ?? [];
      if (queue.length === MAX_HELD_PER_SENDER) queue.shift();
      queue.push(m);
      this.held.set(sender, queue);
    } else if (verdict === 'refuse' && m.type === 'e2ee.roster' && sender !== this.o.selfId) {
      const shown = this.election.isShown(sender);
      this.o.onError(
        shown ? 'not_leader' : 'unannounced_leader',
        shown
          ? `${sender} sent a key roster but is not the key leader by the rule; it was refused`
          : `a key roster came from ${sender}, whom the server does not show in the meeting; it was refused`,
        sender
      );
    }
    return false;
  }

  /** Held leader messages whose sender the rule now accepts go to the session, in order. */
  async replayHeld() {
    for (const [sender, queue] of [...this.held]) {
      const verdict = this.election.judge(sender);
      if (verdict === 'hold') continue;
      this.held.delete(sender);
      if (verdict === 'accept') for (const m of queue) await this.onMessage(m);
    }
  }

  /** Every roster member is shown; one the server did not announce is flagged (a hidden member). */
  rosterAccepted(roster) {
    this.o.media?.setSenders?.(roster.members);
    const ids = roster.members.map((x) => x.participantId);
    this.election.rosterAccepted(ids, !!this.session.ring.activeEpoch && ids.includes(this.o.selfId));
    const members = roster.members.map((x) => {
      const self = x.participantId === this.o.selfId;
      const shown = self ? x.name : (this.o.shownName?.(x.participantId) ?? null);
      return {
        participantId: x.participantId,
        signedName: x.name,
        announced: self || this.election.isShown(x.participantId),
        verified: self || this.session.peers.has(x.participantId),
        nameAsShown: shown === null || shown === x.name
      };
    });
    this.rosterMembers = members;
    this.o.onRoster?.(members);
    for (const x of members) {
      if (!x.announced)
        this.o.onError(
          'unannounced_member',
          `the key roster lists ${x.participantId}, whom the server does not show in the meeting`,
          x.participantId
        );
      else if (!x.nameAsShown)
        this.o.onError(
          'name_mismatch',
          `${x.participantId} signed the name "${x.signedName}" but the server shows "${this.o.shownName(x.participantId)}"`,
          x.participantId
        );
    }
  }

  /** Encrypts and sends; held until the first key is active. */
  async sendChat(text) {
    if (!this.session.ring.activeEpoch) {
      if (this.pendingChat.length === MAX_PENDING_CHAT) this.pendingChat.shift();
      this.pendingChat.push(text);
      return;
    }
    this.o.send(await this.session.encryptChat(text));
  }

  async tick() {
    if (this.closed || this.ticking) return;
    this.ticking = true;
    try {
      this.updateLeader();
      await this.replayHeld();
      if (this.leader) {
        if (this.schedule.isDue()) {
          this.schedule.epochStarted();
          this.sendAll(await this.session.startEpoch(this.o.present()));
          this.rosterAccepted(this.session.currentRoster); // the leader's own roster is shown like any other
          this.nextHeartbeat = Date.now() + HEARTBEAT_MS;
        } else {
          this.sendAll(await this.session.pollLeader());
        }
        if (this.nextHeartbeat !== null && Date.now() >= this.nextHeartbeat) {
          const beat = this.session.rosterHeartbeat();
          if (beat) this.o.send(beat.message);
          this.nextHeartbeat = Date.now() + HEARTBEAT_MS;
        }
      }
    } catch (e) {
      this.o.onError(e.reason || 'malformed', e.message);
    } finally {
      this.ticking = false;
    }
    this.report();
  }

  report() {
    const code = this.session.securityCode;
    if (code && code !== this.reportedCode) {
      const changed = this.reportedCode !== null;
      this.reportedCode = code;
      this.o.onSecurityCode(code, changed);
    }
    const epoch = this.session.ring.activeEpoch || 0;
    if (epoch !== this.activeEpoch) {
      this.activeEpoch = epoch;
      this.election.keyActive();
      const held = this.pendingChat.splice(0);
      for (const text of held) this.sendChat(text);
    }
  }

  sendAll(out) {
    for (const o of out) this.o.send(o.message);
  }

  /** Leaving: keys are deleted. */
  close() {
    this.closed = true;
    clearInterval(this.timer);
    this.session.leave();
  }
}

function sameBytes(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
