// Ed25519 identity keys (IK) on WebCrypto. In the browser the private key is a non-extractable
// CryptoKey (persist it in IndexedDB as is); its raw 32-byte public half is the `ik` everyone pins.
import { reject } from './errors.js';
import { bufferSource } from './bytes.js';
import { pkcs8PrivateKey } from './pkcs8.js';

const subtle = () => globalThis.crypto.subtle;
const ED25519 = { name: 'Ed25519' };

/**
 * @typedef {object} IdentityKey
 * @property {CryptoKey} privateKey
 * @property {Uint8Array} publicKey raw 32 bytes
 */

/** A new identity whose private key cannot be exported. @returns {Promise<IdentityKey>} */
export async function generateIdentityKey() {
  const pair = /** @type {CryptoKeyPair} */ (await subtle().generateKey(ED25519, false, ['sign', 'verify']));
  return { privateKey: pair.privateKey, publicKey: new Uint8Array(await subtle().exportKey('raw', pair.publicKey)) };
}

/** From a raw 32-byte seed (tests, or a key moved from another device). @returns {Promise<IdentityKey>} */
export async function identityKeyFromPrivate(seed, extractable = false) {
  if (seed.length !== 32) reject('malformed', 'an Ed25519 private key is 32 bytes');
  const pkcs8 = pkcs8PrivateKey('Ed25519', seed);
  const privateKey = await subtle().importKey('pkcs8', pkcs8, ED25519, true, ['sign']);
  const jwk = await subtle().exportKey('jwk', privateKey);
  const publicKey = await subtle().importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, ED25519, true, [
    'verify'
  ]);
  const stored = extractable ? privateKey : await subtle().importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  return { privateKey: stored, publicKey: new Uint8Array(await subtle().exportKey('raw', publicKey)) };
}

/** @param {IdentityKey} identity @param {Uint8Array} message */
export async function sign(identity, message) {
  return new Uint8Array(await subtle().sign(ED25519, identity.privateKey, bufferSource(message)));
}

/** @param {Uint8Array} publicKey raw 32 bytes */
export async function verify(publicKey, message, signature) {
  if (
    !(publicKey instanceof Uint8Array) ||
    publicKey.length !== 32 ||
    !(signature instanceof Uint8Array) ||
    signature.length !== 64
  )
    return false;
  try {
    const key = await subtle().importKey('raw', bufferSource(publicKey), ED25519, false, ['verify']);
    return await subtle().verify(ED25519, key, bufferSource(signature), bufferSource(message));
  } catch {
    return false;
  }
}

/** Rejects with bad_signature, naming `what`, unless the signature verifies. */
export async function requireValidSignature(publicKey, message, signature, what) {
  if (!(await verify(publicKey, message, signature))) reject('bad_signature', `${what} signature does not verify`);
}
