// Test doubles for the session: a scripted signaling socket and a clock that moves only when told.

/** A clock whose sleeps end when the test advances time past them. */
export class FakeClock {
  constructor() {
    this.t = 0;
    /** @type {{at: number, resolve: () => void}[]} */
    this.sleepers = [];
  }

  now() {
    return this.t;
  }

  sleep(ms) {
    return new Promise((resolve) => this.sleepers.push({ at: this.t + ms, resolve }));
  }

  /** Moves time forward and wakes the sleepers that are due, then lets their continuations run. */
  async advance(ms) {
    this.t += ms;
    for (const s of this.sleepers.filter((x) => x.at <= this.t)) s.resolve();
    this.sleepers = this.sleepers.filter((x) => x.at > this.t);
    await settle();
  }

  /** The delay of the one pending sleep (what the policy asked for). */
  get pendingDelay() {
    return this.sleepers.length ? this.sleepers[0].at - this.t : null;
  }
}

/** Lets queued promise continuations (and one round of timers) run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * One fake socket: `connect` succeeds unless told otherwise, each request is answered by the
 * script's function for its type (a reply object, or an Error with a code to reject with).
 */
export class FakeSocket extends EventTarget {
  constructor(script, { unreachable = false } = {}) {
    super();
    this.script = script;
    this.unreachable = unreachable;
    this.sent = [];
    this.closedByUs = false;
  }

  async connect() {
    if (this.unreachable) throw Object.assign(new Error('could not reach the meeting server'), { code: 'unreachable' });
  }

  async request(type, fields) {
    this.sent.push({ type, ...fields });
    const answer = this.script[type]?.(fields);
    if (answer instanceof Error) throw answer;
    if (!answer) throw Object.assign(new Error(`no script for ${type}`), { code: 'unknown_type' });
    return answer;
  }

  send(type, fields = {}) {
    this.sent.push({ type, ...fields });
  }

  sendMessage(message) {
    this.sent.push(message);
  }

  /** A message from the server that answers no request. */
  receive(msg) {
    this.dispatchEvent(new CustomEvent('message', { detail: msg }));
  }

  /** The network drops the socket. */
  drop() {
    this.dispatchEvent(new CustomEvent('close', { detail: { code: 1006, reason: '', byUs: false } }));
  }

  close() {
    this.closedByUs = true;
    this.dispatchEvent(new CustomEvent('close', { detail: { code: 1000, reason: 'bye', byUs: true } }));
  }
}

export const error = (code) => Object.assign(new Error(code), { code });
