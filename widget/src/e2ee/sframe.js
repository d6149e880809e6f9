// RFC 9605 §4.4.3/§4.4.4: output = header ‖ ciphertext ‖ tag, AAD = header ‖ metadata.
// (WMX1 media frames put the header at the end instead, see media-frame.js.)
import { concat } from './bytes.js';
import { reject } from './errors.js';
import { decodeHeader, encodeHeader } from './sframe-header.js';
import { sframeNonce } from './sframe-key.js';

/** @param {import('./sframe-key.js').SFrameKey} key */
export async function sframeEncrypt(key, ctr, metadata, plaintext) {
  const header = encodeHeader(key.kid, ctr);
  const ct = await key.aead.seal(sframeNonce(key, ctr), concat(header, metadata), plaintext);
  return concat(header, ct);
}

/** @param {(kid: bigint) => (import('./sframe-key.js').SFrameKey|undefined)} keyFor */
export async function sframeDecrypt(keyFor, metadata, frame) {
  const h = decodeHeader(frame);
  const key = keyFor(h.kid);
  if (!key) reject('no_key', `no key for KID ${h.kid}`);
  const header = frame.subarray(0, h.length);
  return key.aead.open(sframeNonce(key, h.ctr), concat(header, metadata), frame.subarray(h.length));
}
