// Who is talking in an sfu room: each participant's level from the subscriber connection's audio
// receivers (one `inbound-rtp` per subscribed feed, tiles off the page included: they are subscribed
// `audio-only`, so they are heard and measured). The `sfu.offer` tracks list says whose each mid is.
// Janus's own `talking` events are not needed: they would measure the same sound on the server and
// reach us later, through the signaling.
import { intervalLevel } from './audio-level.js';

/**
 * How long a mid that changed hands counts for nobody. The media server gives a freed mid to another
 * feed in the same update (Mosaic re-subscribes a feed that moves between `audio-only` and a video
 * layer, as tiles change pages), and for a moment after the new tracks list the receiver still plays
 * the old feed's sound from its jitter buffer, or Janus still forwards it until the answer: the
 * previous talker's voice then lit up a silent newcomer (seen in SfuActiveSpeakerIT).
 */
export const SETTLE_MS = 1500;

export class SfuAudioLevels {
  constructor({ settleMs = SETTLE_MS } = {}) {
    this.settleMs = settleMs;
    /**
     * Energy counters at the last poll, per mid and participant: the server may give a mid to another
     * feed in a later offer, and two receivers' counters must never be subtracted from each other.
     * @type {Map<string, {energy: number, duration: number}>}
     */
    this.counters = new Map();
    /** @type {Map<string, string>} mid → whose it was at the last poll */
    this.owners = new Map();
    /** @type {Map<string, number>} mid → until when it counts for nobody (it changed hands) */
    this.settling = new Map();
  }

  /**
   * @param {Iterable<object>} stats the subscriber's `getStats()` entries
   * @param {Map<string, {participantId: string, kind: string}>} tracks mid → whose, from the latest `sfu.offer`
   * @param {Map<string, string>} midByTrackId a received track's id → its mid, for stats that name no mid
   * @param {number} now ms
   * @returns {Map<string, number>} level 0..1 per participant (the loudest of their audio receivers)
   */
  sample(stats, tracks, midByTrackId = new Map(), now = performance.now()) {
    const levels = new Map();
    const seen = new Set();
    for (const s of stats) {
      if (s.type !== 'inbound-rtp' || s.kind !== 'audio') continue;
      const mid = s.mid != null ? String(s.mid) : midByTrackId.get(s.trackIdentifier);
      const info = mid != null ? tracks.get(mid) : null;
      if (!info || info.kind !== 'audio') continue;
      const key = `${mid}/${info.participantId}`;
      const counters = { energy: s.totalAudioEnergy || 0, duration: s.totalSamplesDuration || 0 };
      const owner = this.owners.get(mid);
      if (owner !== undefined && owner !== info.participantId) this.settling.set(mid, now + this.settleMs);
      this.owners.set(mid, info.participantId);
      const settled = !(now < (this.settling.get(mid) ?? 0));
      const level = settled ? intervalLevel(this.counters.get(key), counters) : 0;
      levels.set(info.participantId, Math.max(levels.get(info.participantId) || 0, level));
      this.counters.set(key, counters);
      seen.add(key);
    }
    for (const key of [...this.counters.keys()]) if (!seen.has(key)) this.counters.delete(key);
    return levels;
  }
}
