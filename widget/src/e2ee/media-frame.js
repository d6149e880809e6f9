// The WMX1 media frame (docs/e2ee.md, "Pieces": WMX1 media frame):
//   prefix(P) ‖ AES-GCM ciphertext ‖ tag(16) ‖ SFrame header(H) ‖ H (1 byte)
// AAD = prefix ‖ header, nonce = sframe_salt XOR CTR. The header sits at the end so the codec
// prefix stays at offset 0, where packetizers look for it.
import { concat } from './bytes.js';
import { reject } from './errors.js';
import { MAX_HEADER_LENGTH, decodeHeader, encodeHeader } from './sframe-header.js';
import { sframeNonce } from './sframe-key.js';

/** Encrypts `frame`, keeping its first `prefixLength` bytes (all of a shorter frame) in clear. */
export async function sealMediaFrame(key, ctr, prefixLength, frame) {
  const p = Math.min(prefixLength, frame.length);
  const prefix = frame.subarray(0, p);
  const header = encodeHeader(key.kid, ctr);
  const ct = await key.aead.seal(sframeNonce(key, ctr), concat(prefix, header), frame.subarray(p));
  return concat(prefix, ct, header, Uint8Array.of(header.length));
}

/** The (KID, CTR) at the end of a sealed frame, to pick the key first. */
export function mediaFrameHeader(sealed) {
  if (sealed.length < 2) reject('malformed', 'media frame too short');
  const h = sealed[sealed.length - 1];
  if (h < 1 || h > MAX_HEADER_LENGTH || h > sealed.length - 1)
    reject('malformed', `media frame has an impossible header length ${h}`);
  const decoded = decodeHeader(sealed, sealed.length - 1 - h, sealed.length - 1);
  if (decoded.length !== h) reject('malformed', 'media frame header length byte does not match the header');
  return decoded;
}

/**
 * Decrypts to prefix ‖ plaintext with `key` (chosen by the header's KID). `prefixLength` is what
 * codecPrefixLength says for the sealed bytes; a frame too short for it carried everything in the prefix.
 */
export async function openMediaFrame(key, prefixLength, sealed, header = mediaFrameHeader(sealed)) {
  const body = sealed.length - 1 - header.length;
  if (body < key.suite.tagLength) reject('malformed', 'media frame shorter than its tag');
  const p = Math.min(prefixLength, body - key.suite.tagLength);
  const prefix = sealed.subarray(0, p);
  const aad = concat(prefix, sealed.subarray(body, body + header.length));
  const pt = await key.aead.open(sframeNonce(key, header.ctr), aad, sealed.subarray(p, body));
  return concat(prefix, pt);
}
