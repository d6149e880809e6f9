// A member's view of the roster history in one session: a new roster is accepted only if its
// leader signed it, it is newer than the last, it chains to it by hash, its leader was in the
// previous roster, and every ik matches the one pinned for that participant.
import { equalBytes } from './bytes.js';
import { reject } from './errors.js';
import { rosterMember, verifyRoster } from './roster.js';

export class RosterChain {
  /** @param {import('./identity-pins.js').IdentityPins} pins */
  constructor(pins) {
    this.pins = pins;
    /** @type {import('./roster.js').Roster|null} */
    this.current = null;
    /** @type {Uint8Array|null} */
    this.currentHash = null;
  }

  /** Resolves to the accepted roster's hash, or rejects with the reason. */
  async accept(roster, sig) {
    const hash = await verifyRoster(roster, sig);
    if (this.current) {
      if (roster.epoch <= this.current.epoch)
        reject('stale', `roster epoch ${roster.epoch} is not newer than ${this.current.epoch}`);
      if (!equalBytes(roster.prevRosterHash, this.currentHash))
        reject('roster_mismatch', 'roster does not chain to the previous one');
      if (!rosterMember(this.current, roster.leaderId))
        reject('roster_mismatch', `new leader ${roster.leaderId} was not in the previous roster`);
    }
    for (const m of roster.members) this.pins.pinForSession(m.participantId, m.ik);
    this.current = roster;
    this.currentHash = hash;
    return hash;
  }
}
