// End-to-end encrypted chat (docs/e2ee.md, "Pieces": chat): AES-256-GCM under the epoch's chat key plus
// the sender's Ed25519 signature, since a group key alone cannot show who wrote (SFrame §9.2).
//   aad = lp(roomId) ‖ u32(epoch) ‖ lp(from) ‖ u64(seq);  sig = Ed25519(IK_from, aad ‖ nonce ‖ ct)
import { aesGcm } from './aead.js';
import { ByteWriter, concat, fromUtf8, utf8 } from './bytes.js';
import { reject } from './errors.js';
import { requireValidSignature, sign } from './identity-key.js';

/** @typedef {{epoch: number, from: string, seq: number, nonce: Uint8Array, ct: Uint8Array, sig: Uint8Array}} ChatMessage */

export const chatAad = (roomId, epoch, from, seq) => new ByteWriter().lp(roomId).u32(epoch).lp(from).u64(seq).toBytes();

/** @returns {Promise<ChatMessage>} */
export async function encryptChat({
  chatKey,
  roomId,
  epoch,
  from,
  seq,
  text,
  identity,
  nonce = crypto.getRandomValues(new Uint8Array(12))
}) {
  if (nonce.length !== 12) throw new RangeError('chat nonce must be 12 random bytes');
  const aad = chatAad(roomId, epoch, from, seq);
  const ct = await (await aesGcm(chatKey)).seal(nonce, aad, utf8(text));
  const sig = await sign(identity, concat(aad, nonce, ct));
  return { epoch, from, seq, nonce, ct, sig };
}

/**
 * Verifies the signature with the sender's pinned ik, then decrypts.
 * @param {{chatKey: Uint8Array, roomId: string, message: ChatMessage, senderIk: Uint8Array}} args
 */
export async function decryptChat({ chatKey, roomId, message, senderIk }) {
  const { epoch, from, seq, nonce, ct, sig } = message;
  if (!(nonce instanceof Uint8Array) || nonce.length !== 12) reject('malformed', 'chat nonce must be 12 bytes');
  const aad = chatAad(roomId, epoch, from, seq);
  await requireValidSignature(senderIk, concat(aad, nonce, ct), sig, `chat from ${from}`);
  const plain = await (await aesGcm(chatKey)).open(nonce, aad, ct);
  try {
    return fromUtf8(plain);
  } catch {
    return reject('malformed', 'chat text is not UTF-8');
  }
}

/** Refuses a seq not above the last one accepted from that sender (replay or reorder by a relay). */
export class ChatReplayGuard {
  constructor() {
    this.lastSeq = new Map();
  }

  accept(from, seq) {
    const last = this.lastSeq.get(from);
    if (last !== undefined && seq <= last) reject('stale', `chat seq ${seq} from ${from} was already seen`);
    this.lastSeq.set(from, seq);
  }
}
