// When the leader must start a new epoch (docs/e2ee.md, "Pieces": rotation timing): joins batched for 1 s, a leave within
// 0.5 s (inside the 2 s allowed, docs/e2ee.md "Departures" item 11, still batching simultaneous leaves), a leader change at once,
// and every 5 minutes. The leader polls isDue() from its timer; the clock is injectable.

export const JOIN_BATCH_MS = 1000;
export const LEAVE_DELAY_MS = 500;
export const PERIOD_MS = 5 * 60 * 1000;

export class RotationSchedule {
  constructor({ now = () => Date.now() } = {}) {
    this.now = now;
    this.pending = null;
    this.periodic = null;
  }

  memberJoined() {
    this.request(JOIN_BATCH_MS);
  }

  memberLeft() {
    this.request(LEAVE_DELAY_MS);
  }

  leaderChanged() {
    this.request(0);
  }

  /** The leader started a new epoch: nothing pending, the next periodic rotation in 5 minutes. */
  epochStarted() {
    this.pending = null;
    this.periodic = this.now() + PERIOD_MS;
  }

  /** Milliseconds timestamp of the next rotation, or null. */
  nextDue() {
    if (this.pending === null) return this.periodic;
    return this.periodic === null ? this.pending : Math.min(this.pending, this.periodic);
  }

  isDue() {
    const due = this.nextDue();
    return due !== null && this.now() >= due;
  }

  request(withinMs) {
    const due = this.now() + withinMs;
    if (this.pending === null || due < this.pending) this.pending = due;
  }
}
