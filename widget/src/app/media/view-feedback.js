// Tells each sender how large we show it (view.constraints), debounced so a window resize or a page
// flip sends one message per peer, and only when the request actually changed.
import { requestedVideo } from './video-quality.js';

const DEBOUNCE_MS = 200;
const OFF_PAGE = { maxHeight: 180, maxFps: 15, active: false };

export class ViewFeedback {
  /** @param {(to: string, c: {maxHeight: number, maxFps: number, active: boolean}) => void} send */
  constructor(send) {
    this.send = send;
    /** @type {Map<string, string>} last request sent per peer, as JSON */
    this.sent = new Map();
    /** @type {Map<string, object>} */
    this.wanted = new Map();
    this.timer = null;
  }

  /** @param {Map<string, {height: number, visible: number, onStage: boolean}|null>} sizes from the gallery */
  update(sizes) {
    for (const [id, size] of sizes) {
      this.wanted.set(
        id,
        size ? { ...requestedVideo(size.height, size.visible, size.onStage), active: true } : OFF_PAGE
      );
    }
    for (const id of [...this.wanted.keys()]) if (!sizes.has(id)) this.wanted.delete(id);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), DEBOUNCE_MS);
  }

  flush() {
    for (const [id, c] of this.wanted) {
      const json = JSON.stringify(c);
      if (this.sent.get(id) === json) continue;
      this.sent.set(id, json);
      this.send(id, c);
    }
  }

  /** A peer (re)connected: send it our request again even if unchanged. */
  forget(id) {
    this.sent.delete(id);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), DEBOUNCE_MS);
  }

  /** What we last asked of each peer, for diagnostics. */
  requests() {
    return Object.fromEntries([...this.sent].map(([id, json]) => [id, JSON.parse(json)]));
  }
}
