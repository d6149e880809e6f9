// Fields of the e2ee.* and chat.e2ee messages (docs/protocol.md, "End-to-end encryption"): bytes as base64 or lowercase hex,
// and a 'malformed' E2eeError naming the field when one is missing or of the wrong shape.
import { fromBase64, fromHex, toBase64, toHex } from './bytes.js';
import { reject } from './errors.js';

export const VERSION = 1;

export const message = (type, fields) => ({ type, v: VERSION, ...fields });

export function requireType(m, type) {
  if (!m || typeof m !== 'object') reject('malformed', `expected a ${type} message`);
  if (m.type !== type) reject('malformed', `expected a ${type} message, got ${m.type}`);
  if (m.v !== VERSION) reject('malformed', `${type} has an unsupported version v=${m.v}`);
}

export function str(m, field) {
  const v = m[field];
  if (typeof v !== 'string' || v === '') reject('malformed', `field '${field}' must be a non-empty string`);
  return v;
}

export function int(m, field, max = Number.MAX_SAFE_INTEGER) {
  const v = m[field];
  if (!Number.isSafeInteger(v) || v < 0 || v > max)
    reject('malformed', `field '${field}' must be an integer from 0 to ${max}`);
  return v;
}

export const u32 = (m, field) => int(m, field, 0xffffffff);

export function b64(m, field, length = -1) {
  let bytes;
  try {
    bytes = fromBase64(str(m, field));
  } catch (e) {
    if (e?.reason) throw e;
    reject('malformed', `field '${field}' is not base64`);
  }
  if (length >= 0 && bytes.length !== length) reject('malformed', `field '${field}' must hold ${length} bytes`);
  return bytes;
}

export function hex(m, field, length) {
  let bytes;
  try {
    bytes = fromHex(str(m, field));
  } catch (e) {
    if (e?.reason) throw e;
    reject('malformed', `field '${field}' is not hex`);
  }
  if (bytes.length !== length) reject('malformed', `field '${field}' must hold ${length} bytes`);
  return bytes;
}

export { toBase64, toHex };
