// Our own media in a meeting: microphone and camera on/off, the shared screen, the raised hand, device
// switches and the local speaking level. Tells the meeting what changed; the meeting tells the others.
import { mediaState, openDevice, openScreen, listDevices } from './local-media.js';
import { LocalLevel } from './local-level.js';

const fail = (code, message) => Object.assign(new Error(message), { code });

export class OwnMedia {
  /**
   * @param {MediaStream|null} stream camera and microphone from the pre-join screen
   * @param {object} o
   * @param {(kind: 'audio'|'video', track: MediaStreamTrack|null) => Promise<void>} o.replaceTrack puts a
   *        track on whatever carries our media to the others (the media transport)
   * @param {() => void} o.onChange media state or the self view changed
   * @param {(track: MediaStreamTrack|null) => Promise<boolean>} [o.screenFeed] offers the shared screen (null:
   *        its end) to a transport that sends it as a feed of its own (an SFU); false when it does not, and
   *        the screen then replaces the camera on what carries our media (the mesh)
   */
  constructor(stream, { replaceTrack, onChange, screenFeed = async () => false }) {
    this.stream = stream;
    this.replaceTrack = replaceTrack;
    this.onChange = onChange;
    this.screenFeed = screenFeed;
    /** @type {MediaStreamTrack|null} */
    this.screenTrack = null;
    /** Whether the screen we share went out as its own feed, leaving the camera where it was. */
    this.screenIsFeed = false;
    this.hand = false;
    /** @type {LocalLevel|null} */
    this.analyser = null;
  }

  /** What others are told. */
  state() {
    return mediaState(this.stream, { hand: this.hand, screen: !!this.screenTrack });
  }

  /** The stream peers get: our microphone with either the camera or the shared screen (unless that is a feed of its own). */
  outgoingStream() {
    if (!this.stream) return null;
    if (!this.screenTrack || this.screenIsFeed) return this.stream;
    return new MediaStream([...this.stream.getAudioTracks(), this.screenTrack]);
  }

  /** What our own tile shows. */
  selfView() {
    return this.screenTrack ? new MediaStream([this.screenTrack]) : this.stream;
  }

  enabled(kind) {
    return !!(kind === 'audio' ? this.stream?.getAudioTracks()[0] : this.stream?.getVideoTracks()[0])?.enabled;
  }

  /** @param {'audio'|'video'} kind @param {boolean|undefined} on undefined toggles; returns the new state */
  setEnabled(kind, on) {
    const tracks = kind === 'audio' ? this.stream?.getAudioTracks() : this.stream?.getVideoTracks();
    if (!tracks?.length) throw fail('no_device', `no ${kind === 'audio' ? 'microphone' : 'camera'} is available`);
    const next = on === undefined ? !tracks[0].enabled : !!on;
    for (const track of tracks) track.enabled = next;
    this.onChange();
    return next;
  }

  /** @param {boolean|undefined} raised undefined toggles; returns the new state */
  raiseHand(raised) {
    this.hand = raised === undefined ? !this.hand : !!raised;
    this.onChange();
    return this.hand;
  }

  async shareScreen() {
    if (this.screenTrack) return true;
    let track;
    try {
      track = await openScreen();
    } catch (e) {
      throw fail('screen_share_refused', `screen sharing was not started: ${e.message}`);
    }
    this.screenTrack = track;
    // The browser's own "Stop sharing" bar ends the track.
    track.addEventListener('ended', () => this.stopScreenShare());
    this.screenIsFeed = await this.screenFeed(track);
    if (!this.screenIsFeed) await this.swap('video', track);
    this.onChange();
    return true;
  }

  async stopScreenShare() {
    if (!this.screenTrack) return false;
    this.screenTrack.stop();
    this.screenTrack = null;
    if (this.screenIsFeed) await this.screenFeed(null);
    else await this.swap('video', this.stream?.getVideoTracks()[0] || null);
    this.screenIsFeed = false;
    this.onChange();
    return false;
  }

  listDevices() {
    return listDevices(this.stream);
  }

  /** Switches microphone or camera mid-call: peers get the new track without renegotiation. */
  async setDevice(kind, deviceId) {
    if (kind !== 'audioinput' && kind !== 'videoinput')
      throw fail('bad_request', "kind must be 'audioinput' or 'videoinput'");
    let track;
    try {
      track = await openDevice(kind, deviceId);
    } catch (e) {
      throw fail('device_unavailable', `could not open that device: ${e.message}`);
    }
    const mediaKind = kind === 'audioinput' ? 'audio' : 'video';
    if (!this.stream) this.stream = new MediaStream();
    const old = this.stream.getTracks().find((t) => t.kind === mediaKind);
    track.enabled = old ? old.enabled : true;
    if (old) {
      this.stream.removeTrack(old);
      old.stop();
    }
    this.stream.addTrack(track);
    // While a screen replaces the camera, the new camera waits for the share to end.
    if (mediaKind === 'audio' || !this.screenTrack || this.screenIsFeed) await this.swap(mediaKind, track);
    this.onChange();
  }

  /** Camera and microphone opened mid-meeting (a viewer allowed to speak): every peer gets them. */
  async adopt(stream) {
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = stream;
    await this.swap('audio', stream.getAudioTracks()[0] || null);
    if (!this.screenTrack || this.screenIsFeed) await this.swap('video', stream.getVideoTracks()[0] || null);
    this.onChange();
  }

  async swap(kind, track) {
    await this.replaceTrack(kind, track);
  }

  /** Our microphone level 0..1 from a WebAudio analyser, rebuilt when the microphone changes. */
  level() {
    const track = this.stream?.getAudioTracks()[0];
    if (!track) return 0;
    if (this.analyser?.track !== track) {
      this.analyser?.close();
      try {
        this.analyser = new LocalLevel(track);
      } catch {
        this.analyser = null; // no WebAudio: others still rank us by the levels they receive
      }
    }
    return this.analyser?.level() ?? 0;
  }

  stop() {
    this.analyser?.close();
    this.analyser = null;
    this.stream?.getTracks().forEach((track) => track.stop());
    this.screenTrack?.stop();
  }
}
