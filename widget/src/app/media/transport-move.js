// An `auto` room moves, live, from the mesh to the SFU when it grows (docs/sfu.md): the server says so
// once (`roomUpdated` with `media: "sfu"`) and nobody leaves. The meeting keeps its room model, its
// tiles and their order, and its end-to-end encryption (keys and security code belong to the session,
// not to the transport); only the media path changes. The move is make-before-break: the new transport
// publishes and subscribes at once, while each mesh link keeps playing on its tile until the new
// transport's video of that participant flows (its track unmutes: packets arrive), so a tile stops only
// for as long as the switch itself.
// The old transport sends nothing any more (the meeting stops relaying its signals) and is closed when
// everyone has come across, or after MOVE_TIMEOUT_MS whatever happened.

/** The longest the old links stay up waiting for the new transport (a participant who publishes nothing never comes). */
export const MOVE_TIMEOUT_MS = 20_000;
/** The longest a new stream waits for its video to flow before it is shown anyway (camera off: sound only). */
export const FLOW_WAIT_MS = 4_000;

/** @typedef {import('./mesh-transport.js').MeshTransport | import('./sfu-transport.js').SfuTransport} Transport */

export class TransportMove {
  /**
   * Starts the new transport as the meeting's `joined` would have: E2EE media attached, configured,
   * told the tile sizes, publishing.
   * @param {object} o
   * @param {Transport} o.from the transport we leave (already silenced)
   * @param {Transport} o.to the transport we move to; the meeting hands
   *   each stream it brings to take() while the move lasts
   * @param {{selfId: string, iceServers: RTCIceServer[] | undefined, iceTransportPolicy: RTCIceTransportPolicy | undefined}} o.config from the last `joined`
   * @param {{media: import('../encryption/e2ee-media.js').E2eeMedia, certificate: RTCCertificate}|null} [o.e2ee] the room's E2EE media, carried across
   * @param {Map<string, {height: number, visible: number, onStage: boolean}|null>|null} [o.sizes] the gallery's last tile sizes
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
    this.from = from;
    this.to = to;
    this.onDone = onDone;
    this.timers = timers;
    this.pending = new Set(waitFor);
    this.done = false;
    this.startedAt = Date.now();
    /** Per participant whose new stream waits for its video to flow: {track, timer, go, show} */
    this.waiting = new Map();
    if (e2ee) to.enableE2ee(e2ee);
    to.configure(config);
    if (sizes) to.setViewSizes(sizes);
    to.start();
    this.timer = timers.setTimeout(() => this.finish(), timeoutMs);
    if (!this.pending.size) this.finish();
  }

  /**
   * The new transport brought `id`'s stream (called again as its tracks arrive). `show` puts it on the
   * tile; for someone whose tile plays mesh media that waits until the new video flows (its track
   * unmutes as packets arrive) or FLOW_WAIT_MS passed, and then the mesh link goes.
   * @param {string} id @param {MediaStream} stream @param {() => void} show
   */
  take(id, stream, show) {
    if (this.done || !this.pending.has(id)) {
      show();
      return;
    }
    let w = this.waiting.get(id);
    if (!w) {
      w = { track: null, go: () => this.flowing(id) };
      w.timer = this.timers.setTimeout(w.go, FLOW_WAIT_MS);
      this.waiting.set(id, w);
    }
    w.show = show;
    if (typeof stream?.getVideoTracks !== 'function') {
      w.go(); // nothing to watch
      return;
    }
    const video = stream.getVideoTracks().find((t) => t.readyState !== 'ended');
    if (video && !video.muted) {
      w.go();
    } else if (video && w.track !== video) {
      w.track?.removeEventListener('unmute', w.go);
      w.track = video;
      video.addEventListener('unmute', w.go);
    }
  }

  /** `id`'s new video flows: show it and let its mesh link go. */
  flowing(id) {
    const w = this.release(id);
    if (!w) return;
    w.show();
    this.arrived(id);
  }

  /** Stops waiting for `id`'s video; returns what waited, or null. */
  release(id) {
    const w = this.waiting.get(id);
    if (!w) return null;
    this.waiting.delete(id);
    this.timers.clearTimeout(w.timer);
    w.track?.removeEventListener('unmute', w.go);
    return w;
  }

  /** `id`'s new media is on its tile: its mesh link has done its job. */
  arrived(id) {
    if (this.done) return;
    this.from.forget(id);
    this.pending.delete(id);
    if (!this.pending.size) this.finish();
  }

  /** `id` left the meeting during the move: nothing to wait for. */
  forget(id) {
    this.release(id);
    if (this.done) return;
    this.pending.delete(id);
    if (!this.pending.size) this.finish();
  }

  /** Closes the old transport, whoever is still on it. */
  finish() {
    if (this.done) return;
    this.done = true;
    this.timers.clearTimeout(this.timer);
    // Whoever still waits for their video is shown as it is: the old links close now.
    for (const id of [...this.waiting.keys()]) this.release(id).show();
    this.from.close();
    this.onDone();
  }
}
