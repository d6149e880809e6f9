// Who is talking, from audio levels sampled every ~250 ms (gallery/audio-level.js), two answers:
// - speaking: everyone whose level reached the floor within the release time: the tile outline.
//   It comes at once and lingers briefly, so it does not blink between words;
// - the active speaker: an exponential moving average per participant; the loudest above the floor
//   becomes the speaker once it has led for a hold time, and only displaces the current speaker by
//   a clear margin, so the stage does not flicker. Silence keeps the last speaker on the stage.

export class SpeakerDetector {
  constructor({ alpha = 0.3, floor = 0.03, holdMs = 1000, hysteresis = 1.5, releaseMs = 750, recentLimit = 8 } = {}) {
    /** how much one sample moves the moving average (0..1) */
    this.alpha = alpha;
    /** the level that counts as talking */
    this.floor = floor;
    /** how long a new loudest speaker must lead before taking the stage */
    this.holdMs = holdMs;
    /** how many times louder than the current speaker a challenger must be */
    this.hysteresis = hysteresis;
    /** how long the outline lingers after the level fell below the floor */
    this.releaseMs = releaseMs;
    /** how many recent speakers are kept */
    this.recentLimit = recentLimit;
    /** @type {Map<string, number>} smoothed level per participant */
    this.levels = new Map();
    /** @type {Map<string, number>} when each participant's level last reached the floor */
    this.heard = new Map();
    /** @type {Set<string>} participants talking now */
    this.speaking = new Set();
    this.current = null;
    this.candidate = null;
    this.candidateSince = 0;
    /** Recent speakers, most recent first. */
    this.recent = [];
  }

  /**
   * @param {Map<string, number>} samples audio level 0..1 per participant id
   * @param {number} now ms
   * @returns {string|null} the active speaker after this sample
   */
  update(samples, now) {
    for (const id of [...this.levels.keys()]) if (!samples.has(id)) this.forget(id);
    for (const [id, level] of samples) {
      const previous = this.levels.get(id) ?? 0;
      this.levels.set(id, this.alpha * level + (1 - this.alpha) * previous);
      if (level >= this.floor) this.heard.set(id, now);
    }
    this.speaking = new Set([...this.heard].filter(([, at]) => now - at < this.releaseMs).map(([id]) => id));

    let loudest = null;
    for (const [id, ema] of this.levels)
      if (ema >= this.floor && (!loudest || ema > this.levels.get(loudest))) loudest = id;

    const beatsCurrent =
      loudest &&
      loudest !== this.current &&
      (!this.current || this.levels.get(loudest) > this.hysteresis * this.levels.get(this.current));
    if (!beatsCurrent) {
      this.candidate = null;
      return this.current;
    }
    if (this.candidate !== loudest) {
      this.candidate = loudest;
      this.candidateSince = now;
    }
    if (now - this.candidateSince >= this.holdMs) {
      this.current = loudest;
      this.candidate = null;
      this.recent = [loudest, ...this.recent.filter((id) => id !== loudest)].slice(0, this.recentLimit);
    }
    return this.current;
  }

  forget(id) {
    this.levels.delete(id);
    this.heard.delete(id);
    this.speaking.delete(id);
    this.recent = this.recent.filter((r) => r !== id);
    if (this.current === id) this.current = null;
    if (this.candidate === id) this.candidate = null;
  }
}
