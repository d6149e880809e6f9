// When the session tries again after losing the socket, and when it stops. One object, so the
// whole back-off lives in one place and a test (or an embedder) can swap it.

/** Errors that no retry can fix: the token or the room say no. */
export const FINAL_ERRORS = new Set([
  'unauthorized',
  'token_malformed',
  'token_bad_algorithm',
  'token_bad_signature',
  'token_expired',
  'token_not_yet_valid',
  'token_wrong_room',
  'forbidden',
  'room_full',
  'room_locked'
]);

export class ReconnectPolicy {
  /**
   * @param {object} [o]
   * @param {number[]} [o.delaysMs] wait before attempt n (the last one repeats): quick at first, as a
   *        dropped Wi-Fi often comes back within a second, then no faster than every 5 s
   * @param {number} [o.giveUpAfterMs] no new attempt starts after this long: by then the server's
   *        grace period is long over and the person is better told the meeting is lost
   */
  constructor({ delaysMs = [500, 1000, 2000, 4000, 5000], giveUpAfterMs = 120_000 } = {}) {
    this.delaysMs = delaysMs;
    this.giveUpAfterMs = giveUpAfterMs;
  }

  /**
   * How long to wait before the next attempt, or null to give up.
   * @param {{attempt: number, elapsedMs: number}} c attempt counts from 0; elapsedMs since the socket was lost
   */
  nextDelayMs({ attempt, elapsedMs }) {
    if (elapsedMs >= this.giveUpAfterMs) return null;
    return this.delaysMs[Math.min(attempt, this.delaysMs.length - 1)];
  }

  /** Whether an error ends the attempts at once. @param {{code?: string}} error */
  isFinal(error) {
    return FINAL_ERRORS.has(error?.code);
  }
}
