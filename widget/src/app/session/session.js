// The signaling session: one socket at a time to the Mosaic server, the join (with the passcode
// prompt), and after a drop the resume or a fresh join, paced by one ReconnectPolicy. Its state is
// one table (TRANSITIONS); every change is a `state` event. It knows nothing of rooms or media: a
// `joined` goes to the onJoined hook (which may take its time, e.g. to set up end-to-end encryption)
// before the session counts as connected.
import { Emitter } from '../emitter.js';
import { ReconnectPolicy } from './reconnect-policy.js';
import { SignalingClient } from './signaling-client.js';

/**
 * Which state may follow which. `disconnected` means we could not join or gave up reconnecting;
 * `left` means we are out of the meeting (we left, were removed or denied, or the meeting ended).
 */
export const TRANSITIONS = Object.freeze({
  idle: ['connecting', 'left'],
  connecting: ['connected', 'disconnected', 'left'],
  connected: ['reconnecting', 'left'],
  reconnecting: ['connected', 'disconnected', 'left'],
  disconnected: ['left'],
  left: []
});

/** Real time; tests pass a fake one. */
export const realClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
};

/**
 * Events (detail in braces):
 * - state {state, before}    every move in TRANSITIONS
 * - message msg              a server message that answers no request of ours
 * - joined joined            after onJoined ran and the state is `connected` (first join, rejoin or resume as a new `joined`)
 * - resumed                  the server kept our place: nothing changed but the socket (fires before `connected`)
 * - ended {reason}           the server turned us away while joining (`left` instead of `joined`, e.g. denied)
 * - failed {error}           joining failed for good (before `disconnected`), or an error no retry can fix
 */
export class Session extends Emitter {
  /**
   * @param {object} o
   * @param {string} o.url ws(s)://host/ws
   * @param {{room: string, token: string, name?: string|null}} o.join what `join` carries besides the passcode
   * @param {string|null} [o.passcode] the room's passcode, if known already
   * @param {(joined: any) => Promise<void>|void} o.onJoined makes the app match a `joined`; awaited
   * @param {(wrong: boolean) => Promise<string|null>} [o.askPasscode] asks the person; null gives up
   * @param {ReconnectPolicy} [o.policy]
   * @param {{now: () => number, sleep: (ms: number) => Promise<void>}} [o.clock]
   * @param {(url: string) => SignalingClient} [o.socket] opens one signaling socket (tests pass a fake)
   */
  constructor({
    url,
    join,
    passcode = null,
    onJoined,
    askPasscode = async () => null,
    policy = new ReconnectPolicy(),
    clock = realClock,
    socket = (u) => new SignalingClient(u)
  }) {
    super();
    this.url = url;
    this.join = join;
    this.passcode = passcode;
    this.onJoined = onJoined;
    this.askPasscode = askPasscode;
    this.policy = policy;
    this.clock = clock;
    this.socket = socket;
    this.state = 'idle';
    /** @type {SignalingClient|null} the current socket; messages from older ones are ignored */
    this.signaling = null;
    /** From the last `joined`: lets a new socket take over our place within the server's grace period. */
    this.resumeSecret = null;
  }

  /** Moves along TRANSITIONS; false (and nothing happens) if the table does not allow it. */
  move(state) {
    const before = this.state;
    if (state === before || !TRANSITIONS[before].includes(state)) return false;
    this.state = state;
    this.emit('state', { state, before });
    return true;
  }

  /** Sends a message without waiting for an answer (dropped while there is no open socket). */
  send(type, fields = {}) {
    this.signaling?.send(type, fields);
  }

  /** Sends a complete message (`type` and `v` included). */
  sendMessage(message) {
    this.signaling?.sendMessage(message);
  }

  /**
   * Connects and joins, asking for the passcode while the room wants one. Resolves true once joined,
   * false if turned away (`ended`) or failed (`failed`, then `disconnected`).
   */
  async start() {
    if (!this.move('connecting')) return false;
    try {
      const signaling = await this.open();
      for (let passcode = this.passcode; ;) {
        try {
          // With a waiting room, `waiting` comes first and `joined` (or `left{denied}`) once a host decides.
          const reply = await signaling.request('join', this.joinFields(passcode), ['joined', 'left']);
          if (reply.type === 'left') {
            this.emit('ended', { reason: reply.reason || 'denied' });
            return false;
          }
          this.passcode = passcode;
          await this.joinedWith(reply);
          return true;
        } catch (e) {
          // The token was fine (those errors have their own codes): the room wants a passcode.
          if (e.code !== 'unauthorized') throw e;
          passcode = await this.askPasscode(passcode != null);
          if (passcode == null) throw e;
        }
      }
    } catch (e) {
      this.close();
      this.emit('failed', { error: e });
      this.move('disconnected');
      return false;
    }
  }

  /** Opens a new socket and makes it the current one. */
  async open() {
    const client = this.socket(this.url);
    client.addEventListener(
      'message',
      (/** @type {CustomEvent} */ e) => this.signaling === client && this.emit('message', e.detail)
    );
    client.addEventListener(
      'close',
      (/** @type {CustomEvent} */ e) => this.signaling === client && !e.detail.byUs && this.reconnect()
    );
    this.signaling = client;
    await client.connect();
    return client;
  }

  joinFields(passcode) {
    const { room, token, name } = this.join;
    return { room, token, ...(name ? { name } : {}), ...(passcode ? { passcode } : {}) };
  }

  async joinedWith(reply) {
    await this.onJoined(reply);
    this.resumeSecret = reply.resume || null;
    this.move('connected');
    this.emit('joined', reply);
  }

  /** The socket dropped without us asking: resume our place, or join again, paced by the policy. */
  async reconnect() {
    if (!this.move('reconnecting')) return;
    const started = this.clock.now();
    for (let attempt = 0; this.state === 'reconnecting'; attempt++) {
      const delay = this.policy.nextDelayMs({ attempt, elapsedMs: this.clock.now() - started });
      if (delay == null) break;
      await this.clock.sleep(delay);
      if (this.state !== 'reconnecting') return;
      try {
        const signaling = await this.open();
        if (this.resumeSecret) {
          try {
            const reply = await signaling.request('resume', { resume: this.resumeSecret }, ['joined', 'resumed']);
            if (reply.type === 'joined') await this.joinedWith(reply);
            else {
              this.emit('resumed');
              this.move('connected');
            }
            return;
          } catch (e) {
            if (e.code === 'connection_closed') continue;
            // unknown_type (a server without resume) or not_found (grace period over): join afresh.
          }
        }
        const reply = await signaling.request('join', this.joinFields(this.passcode), ['joined', 'left']);
        if (reply.type === 'left') {
          this.emit('ended', { reason: reply.reason || 'denied' });
          return;
        }
        await this.joinedWith(reply);
        return;
      } catch (e) {
        if (this.policy.isFinal(e)) {
          this.emit('failed', { error: e });
          break;
        }
      }
    }
    if (this.state === 'reconnecting') {
      this.close();
      this.move('disconnected');
    }
  }

  /** Closes the socket on purpose (no reconnect follows). */
  close() {
    const s = this.signaling;
    this.signaling = null;
    s?.close();
  }

  /** We are out of the meeting: the socket goes and the state is `left` for good. */
  finish() {
    this.close();
    this.move('left');
  }
}
