// Our own microphone level, from a WebAudio analyser (the RTP audio levels that rank others only
// exist for received streams).

export class LocalLevel {
  /** @param {MediaStreamTrack} track */
  constructor(track) {
    this.context = new AudioContext();
    this.source = this.context.createMediaStreamSource(new MediaStream([track]));
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 512;
    this.source.connect(this.analyser);
    this.samples = new Float32Array(this.analyser.fftSize);
    this.track = track;
  }

  /** RMS level 0..1 of the last few milliseconds; 0 while muted. */
  level() {
    if (!this.track.enabled || this.track.readyState !== 'live') return 0;
    if (this.context.state === 'suspended') this.context.resume().catch(() => {});
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const v of this.samples) sum += v * v;
    return Math.min(1, Math.sqrt(sum / this.samples.length));
  }

  close() {
    this.source.disconnect();
    this.context.close().catch(() => {});
  }
}
