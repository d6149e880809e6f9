// SFrame cipher suites (RFC 9605 §8.1). WMX1 media uses 0x0005 AES_256_GCM_SHA512_128; the
// others are here so the RFC's vectors can be checked.
import { aesCtrHmac, aesGcm } from './aead.js';

/**
 * @typedef {object} CipherSuite
 * @property {number} id
 * @property {string} name
 * @property {number} encKeyLength
 * @property {number} authKeyLength 0 for GCM suites
 * @property {number} keyLength Nk
 * @property {number} tagLength Nt
 * @property {'SHA-256'|'SHA-512'} hash
 */

const suite = (id, name, encKeyLength, authKeyLength, tagLength, hash) =>
  Object.freeze({ id, name, encKeyLength, authKeyLength, keyLength: encKeyLength + authKeyLength, tagLength, hash });

export const NONCE_LENGTH = 12;

export const SUITES = Object.freeze({
  AES_128_CTR_HMAC_SHA256_80: suite(0x0001, 'AES_128_CTR_HMAC_SHA256_80', 16, 32, 10, 'SHA-256'),
  AES_128_CTR_HMAC_SHA256_64: suite(0x0002, 'AES_128_CTR_HMAC_SHA256_64', 16, 32, 8, 'SHA-256'),
  AES_128_CTR_HMAC_SHA256_32: suite(0x0003, 'AES_128_CTR_HMAC_SHA256_32', 16, 32, 4, 'SHA-256'),
  AES_128_GCM_SHA256_128: suite(0x0004, 'AES_128_GCM_SHA256_128', 16, 0, 16, 'SHA-256'),
  AES_256_GCM_SHA512_128: suite(0x0005, 'AES_256_GCM_SHA512_128', 32, 0, 16, 'SHA-512')
});

/** @returns {CipherSuite} */
export function suiteById(id) {
  const found = Object.values(SUITES).find((s) => s.id === id);
  if (!found) throw new RangeError(`unknown SFrame cipher suite 0x${id.toString(16)}`);
  return found;
}

/** The suite's AEAD keyed with `key`. */
export function suiteAead(s, key) {
  if (key.length !== s.keyLength) throw new RangeError(`${s.name} needs a ${s.keyLength}-byte key, got ${key.length}`);
  return s.authKeyLength === 0 ? aesGcm(key) : aesCtrHmac(key, s.encKeyLength, s.hash, s.tagLength);
}
