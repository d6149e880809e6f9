// Byte helpers for WMX1: the length-prefixed, big-endian encodings that get hashed, signed and
// used as HKDF info or AAD, plus hex/base64 for JSON. Works in browsers, workers and node >= 20.

const encoder = new TextEncoder();

/** @param {string} s */
export const utf8 = (s) => encoder.encode(s);

/** @param {Uint8Array} b */
export const fromUtf8 = (b) => new TextDecoder('utf-8', { fatal: true }).decode(b);

/**
 * The same bytes, typed as WebCrypto's BufferSource for TypeScript's checker: its DOM types (5.7 on) take
 * only ArrayBuffer-backed arrays there, though WebCrypto takes any Uint8Array. Nothing changes at run time.
 * @param {Uint8Array} bytes
 * @returns {BufferSource}
 */
export const bufferSource = (bytes) => /** @type {BufferSource} */ (bytes);

/** @param {...Uint8Array} parts */
export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Constant-time comparison of two byte arrays. */
export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export function fromHex(s) {
  if (s.length % 2 !== 0 || /[^0-9a-fA-F]/.test(s)) throw new TypeError('not a hex string');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toBase64(b) {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}

export function fromBase64(s) {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** @param {Uint8Array} data */
export async function sha256(data) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bufferSource(data)));
}

/** Builds a byte string field by field: label(ascii) ‖ lp(x) ‖ u16 ‖ u32 ‖ u64, big-endian. */
export class ByteWriter {
  constructor() {
    /** @type {Uint8Array[]} */
    this.parts = [];
  }

  /** A fixed label such as "WMX1 media", without a length. */
  label(s) {
    return this.bytes(utf8(s));
  }

  bytes(b) {
    this.parts.push(b);
    return this;
  }

  /** u16 length ‖ bytes; strings are UTF-8. */
  lp(x) {
    const b = typeof x === 'string' ? utf8(x) : x;
    if (b.length > 0xffff) throw new RangeError('field longer than 65535 bytes cannot be length-prefixed');
    return this.u16(b.length).bytes(b);
  }

  u16(v) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new RangeError(`u16 out of range: ${v}`);
    return this.bytes(Uint8Array.of(v >>> 8, v & 0xff));
  }

  u32(v) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`u32 out of range: ${v}`);
    return this.bytes(Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff));
  }

  /** @param {number|bigint} v an unsigned 64-bit value */
  u64(v) {
    let x = BigInt.asUintN(64, BigInt(v));
    const b = new Uint8Array(8);
    for (let i = 7; i >= 0; i--) {
      b[i] = Number(x & 0xffn);
      x >>= 8n;
    }
    return this.bytes(b);
  }

  toBytes() {
    return concat(...this.parts);
  }

  sha256() {
    return sha256(this.toBytes());
  }
}
