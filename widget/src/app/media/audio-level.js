// Audio levels for the speaker detection, as pure functions. Remote and own voices must land on one
// scale (0..1, 1 = full scale), each averaged over the whole poll interval: a level read at one
// instant (the RTP audio-level header of the latest 20 ms packet, or 10 ms of an analyser) mostly
// lands in the gaps between syllables and makes a talker look silent every other poll.

/**
 * The level of what a receiver played since the last poll, from the cumulative counters of its
 * `inbound-rtp` stats. Chromium adds (peak of each 10 ms frame)² × duration to `totalAudioEnergy`,
 * so this is the root mean square of those peaks over the interval.
 * @param {{energy: number, duration: number}|null} previous counters at the last poll
 * @param {{energy: number, duration: number}} current counters now
 * @returns {number} 0..1; 0 when nothing was played in between
 */
export function intervalLevel(previous, current) {
  if (!previous) return 0;
  const duration = current.duration - previous.duration;
  const energy = current.energy - previous.energy;
  if (!(duration > 0) || !(energy > 0)) return 0;
  return Math.min(1, Math.sqrt(energy / duration));
}

/**
 * The same measure over raw samples (our own microphone, from a WebAudio analyser): the root mean
 * square of the peak of each block (10 ms at the context's sample rate).
 * @param {Float32Array|number[]} samples -1..1
 * @param {number} blockSize samples per block
 * @returns {number} 0..1
 */
export function blockPeakLevel(samples, blockSize) {
  const size = Math.max(1, Math.floor(blockSize));
  let sum = 0,
    blocks = 0;
  for (let start = 0; start + size <= samples.length; start += size) {
    let peak = 0;
    for (let i = start; i < start + size; i++) peak = Math.max(peak, Math.abs(samples[i]));
    sum += peak * peak;
    blocks++;
  }
  return blocks ? Math.min(1, Math.sqrt(sum / blocks)) : 0;
}
