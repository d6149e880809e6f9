// HKDF (RFC 5869) on WebCrypto. deriveBits({name:'HKDF'}) is Extract + Expand in one call, which is
// all WMX1 and the SFrame key schedule need; extract() alone exists to check RFC 9605's sframe_secret.
import { bufferSource } from './bytes.js';

const subtle = () => globalThis.crypto.subtle;

/**
 * @param {'SHA-256'|'SHA-512'} hash
 * @param {Uint8Array} ikm @param {Uint8Array} salt (empty = HashLen zeros) @param {Uint8Array} info
 * @param {number} length in bytes
 */
export async function hkdf(hash, ikm, salt, info, length) {
  const key = await subtle().importKey('raw', bufferSource(ikm), 'HKDF', false, ['deriveBits']);
  const bits = await subtle().deriveBits(
    { name: 'HKDF', hash, salt: bufferSource(salt), info: bufferSource(info) },
    key,
    length * 8
  );
  return new Uint8Array(bits);
}

export const hkdfSha256 = (ikm, salt, info, length) => hkdf('SHA-256', ikm, salt, info, length);

/** HKDF-Extract: HMAC(salt or HashLen zeros, ikm). */
export async function hkdfExtract(hash, salt, ikm) {
  const hashLength = hash === 'SHA-512' ? 64 : 32;
  const keyBytes = salt.length ? salt : new Uint8Array(hashLength);
  const key = await subtle().importKey('raw', keyBytes, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', key, ikm));
}
