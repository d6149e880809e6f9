// The leader's view of one epoch's key distribution (docs/e2ee.md, "Pieces": key distribution): activate once every member
// acked or after 2 s; re-send once to members that have not acked; report them gone if they still
// have not acked 2 s later. The leader never waits for a missing member.

export const ACK_TIMEOUT_MS = 2000;

export class KeyDistribution {
  /** @param {number} epoch @param {Iterable<string>} members sent a key (not the leader) */
  constructor(epoch, members, { now = () => Date.now() } = {}) {
    this.epoch = epoch;
    this.now = now;
    this.started = now();
    this.waiting = new Set(members);
    this.resent = new Set();
    this.resentAt = null;
    this.activated = false;
  }

  /** Records an e2ee.ack; other epochs and unknown members are ignored. */
  acknowledge(from, epoch) {
    if (epoch === this.epoch) this.waiting.delete(from);
  }

  /** Call on every ack and from the leader's timer. Each action is reported once. */
  poll() {
    const now = this.now();
    const actions = { activate: false, resend: [], gone: [] };
    const timedOut = now >= this.started + ACK_TIMEOUT_MS;
    if (!this.activated && (this.waiting.size === 0 || timedOut)) {
      this.activated = true;
      actions.activate = true;
    }
    if (timedOut && this.resentAt === null && this.waiting.size > 0) {
      this.resentAt = now;
      actions.resend = [...this.waiting];
      actions.resend.forEach((id) => this.resent.add(id));
    }
    if (this.resentAt !== null && now >= this.resentAt + ACK_TIMEOUT_MS) {
      for (const id of this.resent) if (this.waiting.delete(id)) actions.gone.push(id);
    }
    return actions;
  }
}
