// The SFrame header of RFC 9605 §4.3: a config byte X K(3) Y C(3), then KID and CTR bytes when a
// value does not fit its 3-bit field. KID and CTR are unsigned 64-bit: BigInt here.
import { reject } from './errors.js';

export const MAX_HEADER_LENGTH = 17;

const byteLength = (v) => {
  if (v < 8n) return 0;
  let n = 0;
  for (let x = v; x > 0n; x >>= 8n) n++;
  return n;
};

/** Minimal encoding, as senders must use. @param {number|bigint} kid @param {number|bigint} ctr */
export function encodeHeader(kid, ctr) {
  const k = BigInt.asUintN(64, BigInt(kid));
  const c = BigInt.asUintN(64, BigInt(ctr));
  const kLen = byteLength(k);
  const cLen = byteLength(c);
  const out = new Uint8Array(1 + kLen + cLen);
  out[0] = (kLen === 0 ? Number(k) << 4 : 0x80 | ((kLen - 1) << 4)) | (cLen === 0 ? Number(c) : 0x08 | (cLen - 1));
  writeBigEndian(k, kLen, out, 1);
  writeBigEndian(c, cLen, out, 1 + kLen);
  return out;
}

/**
 * Reads the header starting at `offset` that must end before `limit`.
 * @returns {{kid: bigint, ctr: bigint, length: number}}
 */
export function decodeHeader(data, offset = 0, limit = data.length) {
  if (offset >= limit) reject('malformed', 'empty SFrame header');
  const config = data[offset];
  let pos = offset + 1;
  let kid;
  if ((config & 0x80) === 0) {
    kid = BigInt((config >> 4) & 0x07);
  } else {
    const n = ((config >> 4) & 0x07) + 1;
    kid = readBigEndian(data, pos, n, limit);
    pos += n;
  }
  let ctr;
  if ((config & 0x08) === 0) {
    ctr = BigInt(config & 0x07);
  } else {
    const n = (config & 0x07) + 1;
    ctr = readBigEndian(data, pos, n, limit);
    pos += n;
  }
  return { kid, ctr, length: pos - offset };
}

function writeBigEndian(v, length, out, offset) {
  let x = v;
  for (let i = length - 1; i >= 0; i--) {
    out[offset + i] = Number(x & 0xffn);
    x >>= 8n;
  }
}

function readBigEndian(data, offset, length, limit) {
  if (offset + length > limit) reject('malformed', 'SFrame header truncated');
  let v = 0n;
  for (let i = 0; i < length; i++) v = (v << 8n) | BigInt(data[offset + i]);
  return v;
}
