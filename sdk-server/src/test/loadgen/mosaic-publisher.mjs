// One lightweight participant: joins a Mosaic room over Mosaic's signaling WebSocket with a join token
// and publishes one sendonly VP8 video track (and, with `audio`, an Opus one) with `sfu.publish`, exactly
// as docs/protocol.md ("SFU rooms") describes, then says its camera (and microphone) are on with `media`.
// Nothing here knows Janus: Mosaic's server answers for it. The caller feeds the video with
// sendFrame(payloads, timestamp) and the sound with sendAudio(payload, timestamp). In an `auto` room that is
// still a mesh, `waitForSfuMs` makes it wait for the room's move to the SFU (`roomUpdated` with
// `media: "sfu"`) before publishing: it speaks SFU only.
// It obeys no host: it ignores `muted` and keeps sending, like a client modified to do so, which is
// what SfuModerationIT needs to show that the server's locks hold in the media path.
import WebSocket from 'ws';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket, useOPUS, useVP8 } from 'werift';

const SIGNALING_TIMEOUT_MS = 30_000;

export class MosaicPublisher {
  constructor({ url, room, token, name, log, audio = false, waitForSfuMs = 0 }) {
    Object.assign(this, { url, room, token, name, log, audio, waitForSfuMs });
    this.media = null;
    this.sfuWaiters = [];
    this.participantId = null;
    this.sequence = Math.floor(Math.random() * 65536);
    this.audioSequence = Math.floor(Math.random() * 65536);
    this.audioPacketsSent = 0;
    this.packetsSent = 0;
    this.pending = new Map(); // request id -> { resolve, reject, timer }
    this.nextId = 1;
    this.closed = false;
  }

  /** Joins and publishes; resolves once Mosaic answered the publish (media then flows to Janus). */
  async start() {
    this.ws = new WebSocket(this.url);
    this.ws.on('message', (data) => this.onMessage(JSON.parse(data.toString())));
    this.ws.on('close', (code, reason) => {
      if (!this.closed) this.log({ event: 'closed', name: this.name, code, reason: reason.toString() });
      this.failPending(new Error(`signaling closed (${code})`));
    });
    await new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
    });
    const joined = await this.request({ type: 'join', room: this.room, token: this.token }, 'joined');
    this.participantId = joined.you.id;
    this.media = joined.media;
    if (this.media !== 'sfu') {
      if (!this.waitForSfuMs) throw new Error(`room ${this.room} uses ${joined.media} media, not sfu`);
      await this.movedToSfu();
    }
    await this.publish();
    // Say what it sends, as a well-behaved client does. In a room where a host has locked a kind this
    // is refused (logged as "refused"), and the publisher goes on sending anyway.
    this.announceId = `media-${this.nextId++}`;
    this.send({ type: 'media', id: this.announceId, media: { audio: this.audio, video: true, screen: false, hand: false } });
  }

  /** Resolves when the room moves to the SFU; rejects after waitForSfuMs. */
  movedToSfu() {
    if (this.media === 'sfu') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name}: room ${this.room} did not move to the SFU within ${this.waitForSfuMs} ms`)),
        this.waitForSfuMs);
      this.sfuWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async publish() {
    this.pc = new RTCPeerConnection({
      codecs: { video: [useVP8({ payloadType: 96 })], audio: this.audio ? [useOPUS({ payloadType: 111 })] : [] },
    });
    if (this.audio) {
      this.audioTrack = new MediaStreamTrack({ kind: 'audio' });
      this.pc.addTransceiver(this.audioTrack, { direction: 'sendonly' });
    }
    this.track = new MediaStreamTrack({ kind: 'video' });
    this.pc.addTransceiver(this.track, { direction: 'sendonly' });
    // Candidates found before sfu.publish is sent wait for it: they belong to that publish.
    const early = [];
    let published = false;
    this.pc.onicecandidate = ({ candidate }) => {
      const message = { type: 'sfu.candidate', pc: 'publisher', source: 'camera', candidate: candidate ? candidate.toJSON() : null };
      if (published) this.send(message); else early.push(message);
    };
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    const answer = this.request({ type: 'sfu.publish', source: 'camera', sdp: this.pc.localDescription.sdp }, 'sfu.published');
    published = true;
    early.forEach((m) => this.send(m));
    const { sdp } = await answer;
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
  }

  /** Sends one frame, already split into RTP payloads; the last packet carries the marker bit. */
  sendFrame(payloads, timestamp) {
    if (this.closed || !this.track) return;
    payloads.forEach((payload, i) => {
      const header = new RtpHeader({
        payloadType: 96, // werift rewrites payload type, SSRC and sequence to what was negotiated
        sequenceNumber: this.sequence,
        timestamp,
        marker: i === payloads.length - 1,
      });
      this.sequence = (this.sequence + 1) & 0xffff;
      this.track.writeRtp(new RtpPacket(header, payload));
      this.packetsSent++;
    });
  }

  /** Sends one Opus packet (timestamp on the 48 kHz clock). */
  sendAudio(payload, timestamp) {
    if (this.closed || !this.audioTrack) return;
    const header = new RtpHeader({ payloadType: 111, sequenceNumber: this.audioSequence, timestamp, marker: false });
    this.audioSequence = (this.audioSequence + 1) & 0xffff;
    this.audioTrack.writeRtp(new RtpPacket(header, payload));
    this.audioPacketsSent++;
  }

  get connectionState() {
    return this.pc ? this.pc.connectionState : 'new';
  }

  async close() {
    this.closed = true;
    this.failPending(new Error('closed'));
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.send({ type: 'leave' });
      this.ws.close(1000, 'done');
    }
    if (this.pc) await this.pc.close().catch(() => {});
  }

  send(message) {
    this.ws.send(JSON.stringify({ v: 1, ...message }));
  }

  /** Sends a message with an id and waits for the answer of `answerType` (or an error) with that id. */
  request(message, answerType) {
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: no ${answerType} within ${SIGNALING_TIMEOUT_MS} ms`));
      }, SIGNALING_TIMEOUT_MS);
      this.pending.set(id, { answerType, resolve, reject, timer });
      this.send({ ...message, id });
    });
  }

  onMessage(message) {
    if (message.type === 'roomUpdated' && message.media === 'sfu' && this.media !== 'sfu') {
      this.media = 'sfu';
      this.sfuWaiters.splice(0).forEach((resolve) => resolve());
    }
    const waiting = message.id !== undefined && this.pending.get(message.id);
    if (waiting && (message.type === waiting.answerType || message.type === 'error')) {
      this.pending.delete(message.id);
      clearTimeout(waiting.timer);
      if (message.type === 'error') {
        waiting.reject(new Error(`${this.name}: ${message.code}: ${message.message}`));
      } else {
        waiting.resolve(message);
      }
    } else if (message.type === 'sfu.restart') {
      this.republish();
    } else if (message.type === 'error' && message.id !== undefined && message.id === this.announceId) {
      this.log({ event: 'refused', name: this.name, participantId: this.participantId, code: message.code, message: message.message });
    } else if (message.type === 'error') {
      this.log({ event: 'error', name: this.name, code: message.code, message: message.message });
    }
  }

  /** sfu.restart: the room moved to another media server; the old connection is dead, publish again. */
  async republish() {
    const old = this.pc;
    this.pc = null;
    this.track = null; // frames wait for the new tracks
    this.audioTrack = null;
    if (old) await old.close().catch(() => {});
    const started = performance.now();
    try {
      await this.publish();
      this.log({ event: 'republished', name: this.name, ms: Math.round(performance.now() - started) });
    } catch (e) {
      this.log({ event: 'error', name: this.name, message: `republishing failed: ${e.message}` });
    }
  }

  failPending(error) {
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(error);
    }
    this.pending.clear();
  }
}
