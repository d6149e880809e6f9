// An `auto` room moves, live, from the mesh to the SFU when it grows (docs/sfu.md): the server says so
// once (`roomUpdated` with `media: "sfu"`) and nobody leaves. The meeting keeps its room model, its
// tiles and their order, and its end-to-end encryption (keys and security code belong to the session,
// not to the transport); only the media path changes. The move is make-before-break: the new transport
// publishes and subscribes at once, while each mesh link keeps playing on its tile until the new
// transport brings that participant's media, so a tile stops only for as long as the switch itself.
// The old transport sends nothing any more (the meeting stops relaying its signals) and is closed when
// everyone has come across, or after MOVE_TIMEOUT_MS whatever happened.

/** The longest the old links stay up waiting for the new transport (a participant who publishes nothing never comes). */
export const MOVE_TIMEOUT_MS = 20_000;

export class TransportMove {
  /**
   * Starts the new transport as the meeting's `joined` would have: E2EE media attached, configured,
   * told the tile sizes, publishing.
   * @param {object} o
   * @param {import('./media-transport.js').MediaTransport} o.from the transport we leave (already silenced)
   * @param {import('./media-transport.js').MediaTransport} o.to the transport we move to (wired to the views)
   * @param {{selfId: string, iceServers?: RTCIceServer[], iceTransportPolicy?: string}} o.config from the last `joined`
   * @param {{media: object, certificate?: RTCCertificate}|null} o.e2ee the room's E2EE media, carried across
   * @param {Map<string, object|null>|null} o.sizes the gallery's last tile sizes
   * @param {Iterable<string>} o.waitFor participants whose tiles play media from `from` now
   * @param {() => void} [o.onDone] everyone came across (or the time ran out); `from` is closed
   * @param {number} [o.timeoutMs]
   * @param {{setTimeout: Function, clearTimeout: Function}} [o.timers]
   */
  constructor({
    from,
    to,
    config,
    e2ee,
    sizes,
    waitFor,
    onDone = () => {},
    timeoutMs = MOVE_TIMEOUT_MS,
    timers = globalThis
  }) {
    Object.assign(this, { from, to, onDone, timers });
    this.pending = new Set(waitFor);
    this.done = false;
    this.startedAt = Date.now();
    this.offStream = to.on('stream', ({ id }) => this.arrived(id));
    if (e2ee) to.enableE2ee(e2ee);
    to.configure(config);
    if (sizes) to.setViewSizes(sizes);
    to.start();
    this.timer = timers.setTimeout(() => this.finish(), timeoutMs);
    if (!this.pending.size) this.finish();
  }

  /** The new transport brought `id`'s media to its tile: its mesh link has done its job. */
  arrived(id) {
    if (this.done) return;
    this.from.forget(id);
    this.pending.delete(id);
    if (!this.pending.size) this.finish();
  }

  /** `id` left the meeting during the move: nothing to wait for. */
  forget(id) {
    if (this.done) return;
    this.pending.delete(id);
    if (!this.pending.size) this.finish();
  }

  /** Closes the old transport, whoever is still on it. */
  finish() {
    if (this.done) return;
    this.done = true;
    this.timers.clearTimeout(this.timer);
    if (typeof this.offStream === 'function') this.offStream();
    this.from.close();
    this.onDone();
  }
}
