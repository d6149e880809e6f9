// Every video stream a connection receives, with its decoded frame count: what the browser actually
// spends decoding, whoever the stream belongs to. Diagnostics (window.mosaicDiagnostics) and the SFU
// gallery test use it to check that a page of tiles costs that page's videos and no more.

/**
 * @param {RTCPeerConnection|null|undefined} pc
 * @returns {Promise<Record<string, number>>} framesDecoded per inbound video stream (by its stats id)
 */
export async function decodedVideoStreams(pc) {
  /** @type {Record<string, number>} */
  const decoded = {};
  if (!pc) return decoded;
  (await pc.getStats()).forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video') decoded[s.id] = s.framesDecoded || 0;
  });
  return decoded;
}
