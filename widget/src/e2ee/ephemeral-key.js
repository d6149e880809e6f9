// The X25519 key (EK) made fresh for each join; key wraps go to and from it. Drop it on leave.
import { reject } from './errors.js';
import { bufferSource } from './bytes.js';
import { pkcs8PrivateKey } from './pkcs8.js';

const subtle = () => globalThis.crypto.subtle;
const X25519 = { name: 'X25519' };

/**
 * @typedef {object} EphemeralKey
 * @property {CryptoKey} privateKey
 * @property {Uint8Array} publicKey raw 32 bytes, the `ek` of hello
 */

/** @returns {Promise<EphemeralKey>} */
export async function generateEphemeralKey() {
  const pair = /** @type {CryptoKeyPair} */ (await subtle().generateKey(X25519, false, ['deriveBits']));
  return { privateKey: pair.privateKey, publicKey: new Uint8Array(await subtle().exportKey('raw', pair.publicKey)) };
}

/** From a raw 32-byte private key (tests and vectors). @returns {Promise<EphemeralKey>} */
export async function ephemeralKeyFromPrivate(raw) {
  if (raw.length !== 32) reject('malformed', 'an X25519 private key is 32 bytes');
  const pkcs8 = pkcs8PrivateKey('X25519', raw);
  const privateKey = await subtle().importKey('pkcs8', pkcs8, X25519, true, ['deriveBits']);
  const jwk = await subtle().exportKey('jwk', privateKey);
  const publicKey = await subtle().importKey('jwk', { kty: 'OKP', crv: 'X25519', x: jwk.x }, X25519, true, []);
  return {
    privateKey: await subtle().importKey('pkcs8', pkcs8, X25519, false, ['deriveBits']),
    publicKey: new Uint8Array(await subtle().exportKey('raw', publicKey))
  };
}

/** X25519(self, peer); refuses low-order peer keys (all-zero secret). */
export async function sharedSecret(self, peerPublicKey) {
  if (!(peerPublicKey instanceof Uint8Array) || peerPublicKey.length !== 32)
    reject('malformed', 'an X25519 public key is 32 bytes');
  let bits;
  try {
    const peer = await subtle().importKey('raw', bufferSource(peerPublicKey), X25519, false, []);
    bits = new Uint8Array(await subtle().deriveBits({ name: 'X25519', public: peer }, self.privateKey, 256));
  } catch {
    return reject('malformed', 'peer X25519 key is of low order');
  }
  if (bits.every((b) => b === 0)) reject('malformed', 'peer X25519 key is of low order');
  return bits;
}
