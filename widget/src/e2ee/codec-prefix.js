// How many leading bytes of an encoded frame stay in clear (docs/e2ee.md, "Departures", 4): the VP8 payload
// header (10 bytes on a keyframe, 3 otherwise) and the Opus TOC byte, which packetizers and an
// SFU read. E2EE rooms force VP8 + Opus.

export const VP8_KEYFRAME = 10;
export const VP8_DELTA = 3;
export const OPUS = 1;

/**
 * @param {'audio'|'video'|string} kind
 * @param {Uint8Array} frame the frame as the sender or the receiver holds it; VP8's keyframe flag
 *   (bit 0 of byte 0, 0 = keyframe, RFC 6386 §9.1) is in clear, so both compute the same length.
 * @param {string} [mimeType] e.g. 'video/VP8' from getMetadata(), when known
 */
export function codecPrefixLength(kind, frame, mimeType) {
  if (kind === 'audio') return OPUS;
  if (kind !== 'video' || frame.length === 0) return 0;
  if (mimeType && mimeType.toLowerCase() !== 'video/vp8') return 0;
  return (frame[0] & 0x01) === 0 ? VP8_KEYFRAME : VP8_DELTA;
}
