// Our own microphone level, from a WebAudio analyser (the receive statistics that rank others only
// exist for received streams). Measured as the others' levels are (gallery/audio-level.js), over the
// last ~340 ms so that one reading covers the whole poll interval.
import { blockPeakLevel } from './audio-level.js';

/** 16384 samples: 341 ms at 48 kHz, 372 ms at 44.1 kHz; longer than the 250 ms poll interval. */
const WINDOW = 16384;

export class LocalLevel {
  /** @param {MediaStreamTrack} track */
  constructor(track) {
    this.context = new AudioContext();
    this.source = this.context.createMediaStreamSource(new MediaStream([track]));
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = WINDOW;
    this.source.connect(this.analyser);
    this.samples = new Float32Array(this.analyser.fftSize);
    this.block = Math.round(this.context.sampleRate / 100);
    this.track = track;
  }

  /** Level 0..1 of the last few hundred milliseconds; 0 while muted. */
  level() {
    if (!this.track.enabled || this.track.readyState !== 'live') return 0;
    if (this.context.state === 'suspended') this.context.resume().catch(() => {});
    this.analyser.getFloatTimeDomainData(this.samples);
    return blockPeakLevel(this.samples, this.block);
  }

  close() {
    this.source.disconnect();
    this.context.close().catch(() => {});
  }
}
