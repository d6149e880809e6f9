// Identity-key pins (docs/e2ee.md, "Pieces": pins): within a session a participant's ik may never change
// (identity_changed); across sessions a user's ik is trusted on first use and a change is
// reported so the UI can warn "key changed".
import { equalBytes } from './bytes.js';
import { reject } from './errors.js';

export class IdentityPins {
  /** @param {Map<string, Uint8Array>} [userPins] userId → ik, e.g. loaded from IndexedDB */
  constructor(userPins = new Map()) {
    this.bySession = new Map();
    this.byUser = userPins;
  }

  pinForSession(participantId, ik) {
    const pinned = this.bySession.get(participantId);
    if (pinned && !equalBytes(pinned, ik))
      reject('identity_changed', `${participantId} presented a different identity key in this session`);
    if (!pinned) this.bySession.set(participantId, ik.slice());
  }

  /** @returns {'first_seen'|'same'|'changed'} 'changed' replaces the pin: warn before trusting it */
  pinForUser(userId, ik) {
    const previous = this.byUser.get(userId);
    this.byUser.set(userId, ik.slice());
    if (!previous) return 'first_seen';
    return equalBytes(previous, ik) ? 'same' : 'changed';
  }

  newSession() {
    this.bySession.clear();
  }
}
