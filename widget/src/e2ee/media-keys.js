// WMX1 media and chat keys from one epoch's meeting key MK (docs/e2ee.md, "Pieces": media keys). Each sender has its
// own base key (RFC 9605 §4.4.1), so (KID, CTR) pairs never collide between senders.
import { ByteWriter } from './bytes.js';
import { SUITES } from './cipher-suite.js';
import { reject } from './errors.js';
import { hkdfSha256 } from './hkdf.js';
import { deriveSFrameKey } from './sframe-key.js';

export const MEDIA_SUITE = SUITES.AES_256_GCM_SHA512_128;
export const KEY_LENGTH = 32;
const NO_SALT = new Uint8Array(0);

export function requireMk(mk) {
  if (!(mk instanceof Uint8Array) || mk.length !== KEY_LENGTH) reject('malformed', 'a meeting key is 32 bytes');
}

/** base_key(e, s) = HKDF(MK_e, ∅, "WMX1 media" ‖ u32(e) ‖ u16(s), 32). */
export async function mediaBaseKey(mk, epoch, senderIndex) {
  requireMk(mk);
  return hkdfSha256(
    mk,
    NO_SALT,
    new ByteWriter().label('WMX1 media').u32(epoch).u16(senderIndex).toBytes(),
    KEY_LENGTH
  );
}

/** KID(e, s) = (s << 4) | (e & 0xF), as a Number (at most 20 bits). */
export function mediaKid(epoch, senderIndex) {
  if (!Number.isInteger(senderIndex) || senderIndex < 0 || senderIndex > 0xffff)
    throw new RangeError(`senderIndex is a u16: ${senderIndex}`);
  return senderIndex * 16 + (epoch & 0xf);
}

export const senderIndexOfKid = (kid) => Math.floor(Number(kid) / 16);
export const epochBitsOfKid = (kid) => Number(kid) & 0xf;

/** The SFrame key one sender uses in one epoch. */
export async function mediaFrameKey(mk, epoch, senderIndex) {
  return deriveSFrameKey(MEDIA_SUITE, mediaKid(epoch, senderIndex), await mediaBaseKey(mk, epoch, senderIndex));
}

/** chat_key(e) = HKDF(MK_e, ∅, "WMX1 chat" ‖ u32(e), 32). */
export async function chatKey(mk, epoch) {
  requireMk(mk);
  return hkdfSha256(mk, NO_SALT, new ByteWriter().label('WMX1 chat').u32(epoch).toBytes(), KEY_LENGTH);
}
