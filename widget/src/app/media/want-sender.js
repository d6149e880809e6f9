// Sends the SFU want list (`sfu.subscribe`) at most once per short window, and only when it changed.
// Every `sfu.subscribe` that changes what we receive costs a Janus update and a renegotiation of the
// subscriber connection, so bursts are worth folding into one message: at join the room's feeds
// arrive just before the gallery's first layout (heard-only, then seen: two offers for one wish), a
// window being resized re-lays the tiles every frame, a class joining adds a feed at a time.
import { sameWants } from './sfu-layers.js';

/** How long a change waits for the next ones (ms): short enough that a page turn feels immediate. */
export const WANT_COALESCE_MS = 100;

export class WantSender {
  /**
   * @param {(want: {participantId: string, source: string, layer: string}[]) => void} send
   * @param {{delayMs?: number, setTimer?: (f: () => void, ms: number) => any, clearTimer?: (t: any) => void}} [o]
   */
  constructor(
    send,
    {
      delayMs = WANT_COALESCE_MS,
      // Wrapped: a browser's setTimeout called as this.setTimer(...) throws "Illegal invocation".
      setTimer = (f, ms) => setTimeout(f, ms),
      clearTimer = (t) => clearTimeout(t)
    } = {}
  ) {
    this.send = send;
    this.delayMs = delayMs;
    this.setTimer = setTimer;
    this.clearTimer = clearTimer;
    /** @type {{participantId: string, source: string, layer: string}[]} what the server was last told */
    this.sent = [];
    /** @type {{participantId: string, source: string, layer: string}[]|null} */
    this.pending = null;
    /** @type {any} */
    this.timer = null;
  }

  /** The whole set we want now; sent when the window closes, unless it is what was sent last. */
  update(want) {
    this.pending = want;
    // The first change opens the window and later ones join it: a stream of changes (a resize)
    // still sends every delayMs rather than never.
    this.timer ??= this.setTimer(() => this.flush(), this.delayMs);
  }

  flush() {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    const want = this.pending;
    this.pending = null;
    if (!want || sameWants(want, this.sent)) return;
    this.sent = want;
    this.send(want);
  }

  /** Drops what is pending (the transport closes: a late message would reach a room that moved on). */
  cancel() {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.pending = null;
  }

  /** A new session with the server: it knows nothing we asked before. */
  reset() {
    this.cancel();
    this.sent = [];
  }
}
