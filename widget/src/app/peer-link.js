// One RTCPeerConnection to one remote participant, negotiated with the "perfect negotiation"
// pattern: either side may offer; on a collision the polite side yields.

export class PeerLink {
  /**
   * @param {object} o
   * @param {string} o.selfId
   * @param {string} o.peerId
   * @param {RTCIceServer[]} o.iceServers
   * @param {MediaStream|null} o.localStream
   * @param {(type: string, fields: object) => void} o.send signaling send
   * @param {(stream: MediaStream) => void} o.onStream a remote stream arrived
   * @param {(state: RTCPeerConnectionState) => void} o.onState
   */
  constructor({ selfId, peerId, iceServers, localStream, send, onStream, onState }) {
    this.peerId = peerId;
    // Ids are unique and both sides compare them the same way, so exactly one side is polite.
    this.polite = selfId > peerId;
    this.send = send;
    this.makingOffer = false;
    this.ignoreOffer = false;
    /** Inbound signals are applied one at a time, in arrival order. */
    this.queue = Promise.resolve();
    this.pc = new RTCPeerConnection({ iceServers });
    if (localStream) {
      for (const track of localStream.getTracks()) this.pc.addTrack(track, localStream);
    }
    this.pc.ontrack = ({ track, streams }) => onStream(streams[0] || new MediaStream([track]));
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.send('candidate', { to: peerId, candidate: candidate.toJSON() });
    };
    this.pc.onnegotiationneeded = () => this.offer();
    this.pc.onconnectionstatechange = () => onState(this.pc.connectionState);
    this.pc.oniceconnectionstatechange = () => {
      // A network change broke the path: look for a new one instead of dropping the call.
      if (this.pc.iceConnectionState === 'failed') this.pc.restartIce();
    };
  }

  async offer() {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.send('offer', { to: this.peerId, sdp: this.pc.localDescription.sdp });
    } catch (e) {
      console.warn('Mosaic: creating an offer failed', e);
    } finally {
      this.makingOffer = false;
    }
  }

  /** @param {'offer'|'answer'} type @param {string} sdp */
  onDescription(type, sdp) {
    this.enqueue(async () => {
      const collision = type === 'offer' && (this.makingOffer || this.pc.signalingState !== 'stable');
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) return;
      await this.pc.setRemoteDescription({ type, sdp });
      if (type === 'offer') {
        await this.pc.setLocalDescription();
        this.send('answer', { to: this.peerId, sdp: this.pc.localDescription.sdp });
      }
    });
  }

  /** @param {RTCIceCandidateInit} candidate */
  onCandidate(candidate) {
    this.enqueue(async () => {
      try {
        await this.pc.addIceCandidate(candidate);
      } catch (e) {
        // Candidates of an offer we ignored are expected to fail.
        if (!this.ignoreOffer) throw e;
      }
    });
  }

  enqueue(step) {
    this.queue = this.queue.then(step).catch((e) => console.warn(`Mosaic: signaling with ${this.peerId} failed`, e));
  }

  /** Inbound video stats, for diagnostics. */
  async inboundVideo() {
    const stats = await this.pc.getStats();
    let framesDecoded = 0;
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') framesDecoded += s.framesDecoded || 0;
    });
    return { framesDecoded, connectionState: this.pc.connectionState };
  }

  /** Swaps the outgoing track of one kind, e.g. after a device change, without renegotiating. */
  async replaceTrack(kind, track) {
    const sender = this.pc.getSenders().find((s) => s.track?.kind === kind);
    if (sender) await sender.replaceTrack(track);
  }

  close() {
    this.pc.close();
  }
}
