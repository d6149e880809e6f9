// The leader wraps MK_e ‖ rosterHash for each member (docs/e2ee.md, "Pieces": key wrap):
//   wrapKey = HKDF(X25519(EK_from, EK_to), salt, info, 32), then AES-256-GCM with a random nonce.
//   salt = SHA-256("WMX1-wrap-salt" ‖ lp(roomId) ‖ lp(sessionId))
//   info = "WMX1 key-wrap" ‖ lp(from) ‖ lp(to) ‖ ek_from ‖ ek_to
//   aad  = lp(roomId) ‖ lp(sessionId) ‖ u32(epoch) ‖ lp(from) ‖ lp(to)
import { aesGcm } from './aead.js';
import { ByteWriter, concat, equalBytes } from './bytes.js';
import { sharedSecret } from './ephemeral-key.js';
import { reject } from './errors.js';
import { hkdfSha256 } from './hkdf.js';
import { requireMk } from './media-keys.js';

/** @typedef {{roomId: string, sessionId: string, epoch: number, from: string, to: string}} KeyDelivery */

/** @param {KeyDelivery} d */
export const keyDeliveryAad = (d) =>
  new ByteWriter().lp(d.roomId).lp(d.sessionId).u32(d.epoch).lp(d.from).lp(d.to).toBytes();

export async function wrapKeyFor(shared, d, ekFrom, ekTo) {
  const salt = await new ByteWriter().label('WMX1-wrap-salt').lp(d.roomId).lp(d.sessionId).sha256();
  const info = new ByteWriter().label('WMX1 key-wrap').lp(d.from).lp(d.to).bytes(ekFrom).bytes(ekTo).toBytes();
  return hkdfSha256(shared, salt, info, 32);
}

/** Leader side. `self` is the leader's EK, `peerEk` the member's from its hello. */
export async function wrapMeetingKey(
  self,
  peerEk,
  d,
  mk,
  rosterHash,
  nonce = crypto.getRandomValues(new Uint8Array(12))
) {
  requireMk(mk);
  if (rosterHash.length !== 32 || nonce.length !== 12) throw new RangeError('rosterHash is 32 bytes and the nonce 12');
  const key = await wrapKeyFor(await sharedSecret(self, peerEk), d, self.publicKey, peerEk);
  const wrapped = await (await aesGcm(key)).seal(nonce, keyDeliveryAad(d), concat(mk, rosterHash));
  return { nonce, wrapped };
}

/**
 * Member side. `self` is the member's EK, `leaderEk` the sender's. Resolves to {mk, rosterHash};
 * pass `signedRosterHash` to also refuse a key that names another roster (roster_mismatch).
 */
export async function unwrapMeetingKey(self, leaderEk, d, nonce, wrapped, signedRosterHash) {
  if (nonce.length !== 12) reject('malformed', 'key-wrap nonce must be 12 bytes');
  const key = await wrapKeyFor(await sharedSecret(self, leaderEk), d, leaderEk, self.publicKey);
  const plain = await (await aesGcm(key)).open(nonce, keyDeliveryAad(d), wrapped);
  if (plain.length !== 64) reject('malformed', 'wrapped key must hold MK and a roster hash');
  const result = { mk: plain.slice(0, 32), rosterHash: plain.slice(32) };
  if (signedRosterHash && !equalBytes(result.rosterHash, signedRosterHash)) {
    reject('roster_mismatch', 'the delivered key belongs to another roster than the signed one');
  }
  return result;
}
