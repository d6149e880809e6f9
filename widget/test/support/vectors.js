// Loads the JSON vector files in test/vectors. The RFC 9605 file has u64 values above 2^53, so
// "kid" and "ctr" numbers are read as BigInt instead of lossy doubles.
import { readFileSync } from 'node:fs';
import { fromHex } from '../../src/e2ee/bytes.js';

export function loadVectors(name) {
  const text = readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8');
  const exact = text.replace(/"(kid|ctr)":\s*(\d+)/g, '"$1":"$2"');
  return JSON.parse(exact, (key, value) =>
    (key === 'kid' || key === 'ctr') && typeof value === 'string' ? BigInt(value) : value
  );
}

export const hex = fromHex;
