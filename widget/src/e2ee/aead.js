// The AEADs behind SFrame cipher suites (RFC 9605 §4.5), keyed once, on WebCrypto.
import { reject } from './errors.js';
import { ByteWriter, bufferSource, concat, equalBytes } from './bytes.js';

const subtle = () => globalThis.crypto.subtle;

/**
 * @typedef {object} Aead
 * @property {(nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array) => Promise<Uint8Array>} seal ciphertext ‖ tag
 * @property {(nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array) => Promise<Uint8Array>} open plaintext, or E2eeError auth_failed
 */

/** AES-GCM, 96-bit nonce, 128-bit tag. @returns {Promise<Aead>} */
export async function aesGcm(keyBytes) {
  if (keyBytes.length !== 16 && keyBytes.length !== 32) throw new RangeError('AES-GCM needs a 16- or 32-byte key');
  const key = await subtle().importKey('raw', bufferSource(keyBytes), 'AES-GCM', false, ['encrypt', 'decrypt']);
  return {
    async seal(nonce, aad, plaintext) {
      return new Uint8Array(
        await subtle().encrypt(
          { name: 'AES-GCM', iv: bufferSource(nonce), additionalData: bufferSource(aad), tagLength: 128 },
          key,
          bufferSource(plaintext)
        )
      );
    },
    async open(nonce, aad, sealed) {
      if (sealed.length < 16) reject('malformed', 'ciphertext shorter than the GCM tag');
      try {
        return new Uint8Array(
          await subtle().decrypt(
            { name: 'AES-GCM', iv: bufferSource(nonce), additionalData: bufferSource(aad), tagLength: 128 },
            key,
            bufferSource(sealed)
          )
        );
      } catch {
        return reject('auth_failed', 'AES-GCM tag mismatch: wrong key or modified data');
      }
    }
  };
}

/**
 * AES-CTR + HMAC (RFC 9605 §4.5.1): key = enc_key ‖ auth_key; the counter block starts at
 * nonce ‖ 0x00000000; tag = HMAC(auth_key, u64(len aad) ‖ u64(len ct) ‖ u64(Nt) ‖ nonce ‖ aad ‖ ct)[0..Nt].
 * @returns {Promise<Aead>}
 */
export async function aesCtrHmac(keyBytes, encKeyLength, hash, tagLength) {
  const encKey = await subtle().importKey('raw', keyBytes.slice(0, encKeyLength), 'AES-CTR', false, ['encrypt']);
  const authKey = await subtle().importKey('raw', keyBytes.slice(encKeyLength), { name: 'HMAC', hash }, false, [
    'sign'
  ]);
  const ctr = async (nonce, input) =>
    new Uint8Array(
      await subtle().encrypt({ name: 'AES-CTR', counter: concat(nonce, new Uint8Array(4)), length: 32 }, encKey, input)
    );
  const tag = async (nonce, aad, ct) => {
    const data = new ByteWriter()
      .u64(aad.length)
      .u64(ct.length)
      .u64(tagLength)
      .bytes(nonce)
      .bytes(aad)
      .bytes(ct)
      .toBytes();
    return new Uint8Array(await subtle().sign('HMAC', authKey, data)).slice(0, tagLength);
  };
  return {
    async seal(nonce, aad, plaintext) {
      const ct = await ctr(nonce, plaintext);
      return concat(ct, await tag(nonce, aad, ct));
    },
    async open(nonce, aad, sealed) {
      if (sealed.length < tagLength) reject('malformed', 'ciphertext shorter than the tag');
      const ct = sealed.subarray(0, sealed.length - tagLength);
      if (!equalBytes(await tag(nonce, aad, ct), sealed.subarray(sealed.length - tagLength))) {
        reject('auth_failed', 'HMAC tag mismatch: wrong key or modified data');
      }
      return ctr(nonce, ct);
    }
  };
}
