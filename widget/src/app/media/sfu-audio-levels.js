// Who is talking in an sfu room: each participant's level from the subscriber connection's audio
// receivers (one `inbound-rtp` per subscribed feed, tiles off the page included: they are subscribed
// `audio-only`, so they are heard and measured). The `sfu.offer` tracks list says whose each mid is.
// Janus's own `talking` events are not needed: they would measure the same sound on the server and
// reach us later, through the signaling.
import { intervalLevel } from './audio-level.js';

export class SfuAudioLevels {
  constructor() {
    /**
     * Energy counters at the last poll, per mid and participant: the server may give a mid to another
     * feed in a later offer, and two receivers' counters must never be subtracted from each other.
     * @type {Map<string, {energy: number, duration: number}>}
     */
    this.counters = new Map();
  }

  /**
   * @param {Iterable<object>} stats the subscriber's `getStats()` entries
   * @param {Map<string, {participantId: string, kind: string}>} tracks mid → whose, from the latest `sfu.offer`
   * @param {Map<string, string>} midByTrackId a received track's id → its mid, for stats that name no mid
   * @returns {Map<string, number>} level 0..1 per participant (the loudest of their audio receivers)
   */
  sample(stats, tracks, midByTrackId = new Map()) {
    const levels = new Map();
    const seen = new Set();
    for (const s of stats) {
      if (s.type !== 'inbound-rtp' || s.kind !== 'audio') continue;
      const mid = s.mid != null ? String(s.mid) : midByTrackId.get(s.trackIdentifier);
      const info = mid != null ? tracks.get(mid) : null;
      if (!info || info.kind !== 'audio') continue;
      const key = `${mid}/${info.participantId}`;
      const counters = { energy: s.totalAudioEnergy || 0, duration: s.totalSamplesDuration || 0 };
      const level = intervalLevel(this.counters.get(key), counters);
      levels.set(info.participantId, Math.max(levels.get(info.participantId) || 0, level));
      this.counters.set(key, counters);
      seen.add(key);
    }
    for (const key of [...this.counters.keys()]) if (!seen.has(key)) this.counters.delete(key);
    return levels;
  }
}
