// Why a key, message or frame was refused. The reasons are the same words as sdk-core's
// E2eeException.Reason codes, so logs and counters read the same in both languages.

/** @typedef {'malformed'|'auth_failed'|'no_key'|'bad_signature'|'identity_changed'|'stale'|'roster_mismatch'} E2eeReason */

export class E2eeError extends Error {
  /** @param {E2eeReason} reason @param {string} message */
  constructor(reason, message) {
    super(message);
    this.name = 'E2eeError';
    this.reason = reason;
  }
}

/** @param {E2eeReason} reason @param {string} message @returns {never} */
export function reject(reason, message) {
  throw new E2eeError(reason, message);
}
