// Whose frames a receiver may show (docs/e2ee.md, "SFU rooms"). A frame's KID names the sender that sealed
// it (KID = senderIndex << 4 | epoch & 0xF), and the leader's signed roster says which participant holds
// each sender index. A receiver is bound to the participant whose tile it feeds: in a mesh that is the
// peer at the other end of the (DTLS-bound) connection; in an SFU room the server says which mid carries
// whom, and Janus decides which frames go on that mid. Without this check either could put one member's
// authentic frames on another member's tile; with it such a frame is dropped and counted.

/** The sender index a KID names (docs/e2ee.md, "media keys"). */
export function senderOfKid(kid) {
  return Number(BigInt(kid) >> 4n);
}

export class SenderBinding {
  constructor() {
    /** sender index → participant id, from every roster accepted in this session (indexes are never reused) */
    this.owners = new Map();
    /** receiver id (a transform's trackId) → the participant its tile shows now */
    this.receivers = new Map();
  }

  /** @param {Iterable<[string, number]>} members [participantId, senderIndex] of an accepted roster */
  setSenders(members) {
    for (const [participantId, senderIndex] of members) this.owners.set(senderIndex, participantId);
  }

  /** A receiver now feeds `peerId`'s tile (an SFU mid reused for another feed). */
  bind(trackId, peerId) {
    if (trackId) this.receivers.set(trackId, peerId);
  }

  /** The participant a receiving transform shows: as rebound, or as it was created. */
  peerOf(trackId, createdFor) {
    return this.receivers.get(trackId) ?? createdFor;
  }

  /**
   * Whether a frame sealed under `kid` may be shown as `peerId`'s: false when the roster gives that
   * sender index to someone else. An index no roster names yet is let through (its key, if any, came
   * with a roster, so this only happens for frames that fail to decrypt anyway).
   */
  allows(kid, peerId) {
    if (!peerId) return true;
    const owner = this.owners.get(senderOfKid(kid));
    return owner === undefined || owner === peerId;
  }

  clear() {
    this.owners.clear();
  }
}
