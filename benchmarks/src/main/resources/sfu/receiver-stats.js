// Injected into every frame before its own scripts (CDP Page.addScriptToEvaluateOnNewDocument) by the SFU
// benchmark, so the same counters are read from the widget (mesh) and from the SFU test page without
// either of them exposing anything: every RTCPeerConnection the page makes is remembered, and
// window.__benchReceived() sums what they received.
(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || window.__benchReceived) return;
  const connections = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      connections.push(this);
    }
  };
  /** Bytes received on all transports (media, RTCP, DTLS, STUN: what the downlink carries) and frames decoded per inbound video. */
  window.__benchReceived = async () => {
    let bytes = 0;
    const frames = {};
    for (let i = 0; i < connections.length; i++) {
      const pc = connections[i];
      if (pc.signalingState === 'closed') continue;
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'transport') bytes += s.bytesReceived || 0;
        if (s.type === 'inbound-rtp' && s.kind === 'video') frames[i + ':' + s.ssrc] = s.framesDecoded || 0;
      });
    }
    return { bytes, frames };
  };
})();
