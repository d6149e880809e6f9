// Runs the WMX1 key exchange of one room session (docs/e2ee.md) over the signaling connection:
// hello on join, keys and acks, activation, the key-leader role when the server names us, key
// rotation on joins, leaves, leader changes and every 5 minutes, encrypted chat and the security code.
import { E2eeSession } from '../../e2ee/e2ee-session.js';
import { generateIdentityKey } from '../../e2ee/identity-key.js';
import { RotationSchedule } from '../../e2ee/rotation-schedule.js';
import { TrustStore, memoryStorage } from '../../e2ee/trust-store.js';
import { openIndexedDbStorage } from './indexeddb-storage.js';

const TICK_MS = 200;
const HEARTBEAT_MS = 10_000;
const MAX_PENDING_CHAT = 100;
export const E2EE_TYPES = new Set(['e2ee.hello', 'e2ee.roster', 'e2ee.key', 'e2ee.ack', 'e2ee.activate', 'chat.e2ee']);

/** What this browser keeps across meetings: in IndexedDB, or for this page only where that fails. */
let trustPromise = null;
export const pageTrust = () => (trustPromise ??= openIndexedDbStorage()
  .catch((e) => {
    console.warn('Mosaic: IndexedDB unavailable, the identity key lasts for this page only', e);
    return memoryStorage();
  })
  .then((storage) => new TrustStore(storage)));

/** One identity key per browser (kept across visits when storage allows): it signs hellos and chat. */
let identityPromise = null;
const pageIdentity = () => (identityPromise ??= pageTrust().then((trust) => trust.identity()).catch((e) => {
  console.warn('Mosaic: could not keep the identity key, using one for this page', e);
  return generateIdentityKey();
}));

export class E2eeController {
  /**
   * @param {object} o
   * @param {string} o.room @param {string} o.sessionId @param {string} o.selfId
   * @param {(message: object) => void} o.send sends one E2EE message as is
   * @param {import('./e2ee-media.js').E2eeMedia|null} o.media
   * @param {() => string[]} o.present ids of the others in the room
   * @param {(chat: {from: string, text: string}) => void} o.onChat
   * @param {(code: string, changed: boolean) => void} o.onSecurityCode
   * @param {(reason: string, message: string) => void} o.onError
   * @param {Uint8Array} [o.dtlsFp] SHA-256 of the page's DTLS certificate, signed into the hello
   * @param {(peer: {participantId: string, dtlsFp?: Uint8Array}) => void} [o.onPeerHello] a verified hello
   */
  static async create(o) {
    const identity = await pageIdentity();
    const session = await E2eeSession.create({
      roomId: o.room, sessionId: o.sessionId, participantId: o.selfId, identity, dtlsFp: o.dtlsFp,
      caps: o.media ? ['media', 'chat'] : ['chat'],
      onKeyInstalled: (epoch, mk) => o.media?.installKey(epoch, mk),
      onEpochActivated: (epoch, senderIndex) => o.media?.activate(epoch, senderIndex),
    });
    return new E2eeController(o, session, identity);
  }

  constructor(o, session, identity) {
    Object.assign(this, { o, session, identity });
    this.schedule = new RotationSchedule();
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

  /** The server named the key leader (joined / roomUpdated). */
  setLeader(leaderId) {
    const now = leaderId === this.o.selfId;
    if (now && !this.leader) this.schedule.leaderChanged();
    this.leader = now;
    this.tick();
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
    try {
      switch (m.type) {
        case 'e2ee.hello': {
          const peer = await this.session.onHello(m);
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
      if (this.leader) {
        if (this.schedule.isDue()) {
          this.schedule.epochStarted();
          this.sendAll(await this.session.startEpoch(this.o.present()));
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
