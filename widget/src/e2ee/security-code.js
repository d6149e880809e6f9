// The 30-digit security code people compare aloud (docs/e2ee.md, "Pieces": security code):
//   Digits6x5(SHA-256("WMX1 security code" ‖ lp(roomId) ‖ lp(sessionId) ‖ for members sorted by participantId: lp(id) ‖ ik ‖ lp(name)))
// name being the display name the member signed in its hello: a swapped key or a swapped signed name changes someone's code.
import { ByteWriter } from './bytes.js';
import { byParticipantId } from './roster.js';

/** @param {{participantId: string, ik: Uint8Array, name: string}[]} members */
export async function securityCode(roomId, sessionId, members) {
  const w = new ByteWriter().label('WMX1 security code').lp(roomId).lp(sessionId);
  for (const m of [...members].sort(byParticipantId)) w.lp(m.participantId).bytes(m.ik).lp(m.name);
  return digits6x5(await w.sha256());
}

/** Six 5-byte big-endian chunks, each mod 100000, zero-padded, joined by spaces. */
export function digits6x5(hash) {
  const chunks = [];
  for (let c = 0; c < 6; c++) {
    let v = 0;
    // 5 bytes < 2^53, so plain Number arithmetic is exact.
    for (let i = 0; i < 5; i++) v = v * 256 + hash[c * 5 + i];
    chunks.push(String(v % 100000).padStart(5, '0'));
  }
  return chunks.join(' ');
}
