// Splits one VP8 frame into RTP payloads (RFC 7741): each starts with the one-byte payload descriptor
// (no extensions; S=1 and partition 0 on the frame's first packet), the rest is the frame's bytes in order.
// Payloads stay under the usual ~1200-byte RTP budget, as a browser's would.
export const MAX_PAYLOAD = 1100;

export function vp8Payloads(frame, maxPayload = MAX_PAYLOAD) {
  const chunk = maxPayload - 1;
  const payloads = [];
  for (let at = 0; at < frame.length; at += chunk) {
    const piece = frame.subarray(at, Math.min(at + chunk, frame.length));
    const descriptor = at === 0 ? 0x10 : 0x00; // S bit: start of partition 0
    payloads.push(Buffer.concat([Buffer.of(descriptor), piece]));
  }
  return payloads;
}
