// One KID's SFrame key and salt (RFC 9605 §4.4.2), with its AEAD ready to use.
import { ByteWriter } from './bytes.js';
import { NONCE_LENGTH, suiteAead } from './cipher-suite.js';
import { hkdf } from './hkdf.js';

/** "SFrame 1.0 Secret key " ‖ u64(KID) ‖ u16(suite) (or "… salt "). */
export const sframeLabel = (prefix, kid, suite) => new ByteWriter().label(prefix).u64(kid).u16(suite.id).toBytes();

/**
 * @typedef {object} SFrameKey
 * @property {import('./cipher-suite.js').CipherSuite} suite
 * @property {bigint} kid
 * @property {Uint8Array} key
 * @property {Uint8Array} salt
 * @property {import('./aead.js').Aead} aead
 */

/**
 * sframe_secret = HKDF-Extract("", base_key); key/salt = HKDF-Expand(secret, label, Nk/Nn).
 * WebCrypto's HKDF with an empty salt does exactly Extract("") then Expand.
 * @returns {Promise<SFrameKey>}
 */
export async function deriveSFrameKey(suite, kid, baseKey) {
  const k = BigInt(kid);
  const none = new Uint8Array(0);
  const key = await hkdf(suite.hash, baseKey, none, sframeLabel('SFrame 1.0 Secret key ', k, suite), suite.keyLength);
  const salt = await hkdf(suite.hash, baseKey, none, sframeLabel('SFrame 1.0 Secret salt ', k, suite), NONCE_LENGTH);
  return Object.freeze({ suite, kid: k, key, salt, aead: await suiteAead(suite, key) });
}

/** nonce = sframe_salt XOR u96(CTR) (§4.4.3). */
export function sframeNonce(key, ctr) {
  const nonce = key.salt.slice();
  let c = BigInt.asUintN(64, BigInt(ctr));
  for (let i = nonce.length - 1; c > 0n; i--) {
    nonce[i] ^= Number(c & 0xffn);
    c >>= 8n;
  }
  return nonce;
}
