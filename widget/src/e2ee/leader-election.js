// Who may hand out the meeting key (docs/e2ee.md, "Key leader"): a rule every member applies to
// what it sees itself, so that the server can neither name a leader nobody sees nor keep a room
// keyless through a leader that never delivers. Mirrors sdk-core's LeaderElection.
//
// The rule: walk the members shown in the meeting in join order (the order the server listed them
// in `joined`, then this participant, then later arrivals; kept across resumes). Skip a member whose
// hello failed to verify, one that said no hello within the deadline, and a leader that stalled. The
// first remaining member with a verified hello is the leader; while an earlier member may still say
// hello, nobody leads yet.
//
// A leader stalls when some member (this one included) has waited longer than the deadline to be
// listed in a roster (for itself: to hold an active key) while that leader was in charge. A roster is
// accepted only from a shown member with a verified hello that is not skipped and before which every
// member is skipped (or is this participant, which then steps aside): otherwise it is held (the
// sender may be right because an earlier leader stalled for the others; it is tried again on every
// tick) or, from someone not shown at all, refused.

export const LEADER_DEADLINE_MS = 6000;

export class LeaderElection {
  /**
   * @param {{selfId: string, earlier?: string[], now?: () => number, deadlineMs?: number}} o
   *   earlier: the others `joined` listed (they were there first), in its order
   */
  constructor({ selfId, earlier = [], now = () => Date.now(), deadlineMs = LEADER_DEADLINE_MS }) {
    this.selfId = selfId;
    this.now = now;
    this.deadlineMs = deadlineMs;
    /** Shown members in join order, this participant included. */
    this.order = [...earlier.filter((id) => id !== selfId), selfId];
    this.seenAt = new Map(this.order.map((id) => [id, now()]));
    this.verified = new Set([selfId]);
    this.invalid = new Set();
    /** @type {Map<string, 'invalid_hello'|'no_hello'|'stalled'|'stepped_aside'>} */
    this.skipped = new Map();
    /** Members (verified, not yet in a roster) and since when; this participant until it holds a key. */
    this.waiting = new Map([[selfId, now()]]);
    /** @type {Set<string>} members of the last accepted roster */
    this.inRoster = new Set();
    this.current = undefined;
    this.since = now();
  }

  /** The others the server shows now, in join order (`joined`, then arrivals). */
  present(ids) {
    const shown = new Set(ids);
    this.order = this.order.filter((id) => id === this.selfId || shown.has(id));
    for (const id of ids) {
      if (id === this.selfId || this.order.includes(id)) continue;
      this.order.push(id);
      this.seenAt.set(id, this.now());
    }
    for (const id of [...this.seenAt.keys()]) {
      if (id !== this.selfId && !shown.has(id)) this.forget(id);
    }
  }

  forget(id) {
    for (const m of [this.seenAt, this.skipped, this.waiting]) m.delete(id);
    this.verified.delete(id);
    this.invalid.delete(id);
  }

  isShown(id) {
    return this.order.includes(id);
  }

  helloVerified(id) {
    if (this.verified.has(id)) return;
    this.verified.add(id);
    this.invalid.delete(id);
    if (!this.inRoster.has(id)) this.waiting.set(id, this.now());
  }

  helloInvalid(id) {
    if (!this.verified.has(id)) this.invalid.add(id);
  }

  /** A roster was accepted: its members wait no more; `selfKeyed` once this participant holds an active key. */
  rosterAccepted(memberIds, selfKeyed) {
    this.inRoster = new Set(memberIds);
    for (const id of memberIds) if (id !== this.selfId) this.waiting.delete(id);
    if (selfKeyed) this.waiting.delete(this.selfId);
  }

  keyActive() {
    if (this.inRoster.has(this.selfId)) this.waiting.delete(this.selfId);
  }

  /** The leader by the rule, or null while an earlier member may still say hello. */
  leader() {
    const now = this.now();
    let found = null;
    for (const id of this.order) {
      if (this.skipped.has(id)) continue;
      if (this.verified.has(id)) {
        found = id;
        break;
      }
      if (this.invalid.has(id)) {
        this.skipped.set(id, 'invalid_hello');
        continue;
      }
      if (now - this.seenAt.get(id) >= this.deadlineMs) {
        this.skipped.set(id, 'no_hello');
        continue;
      }
      found = null;
      break;
    }
    if (found !== this.current) {
      this.current = found;
      this.since = now;
    }
    return found;
  }

  /**
   * Who holds things up, if anyone: {id, reason:'hello'} for an earlier member whose hello is
   * awaited, {id, reason:'key'} for a leader this participant (or a member it sees) waits on.
   * @returns {{id: string, reason: 'hello'|'key'}|null}
   */
  holder() {
    const leader = this.leader();
    if (leader === null) {
      const id = this.order.find((x) => !this.skipped.has(x) && !this.verified.has(x));
      return id ? { id, reason: 'hello' } : null;
    }
    if (leader === this.selfId || ![...this.waiting.keys()].some((id) => this.isShown(id))) return null;
    return { id: leader, reason: 'key' };
  }

  /** Skips a leader that kept someone waiting past the deadline; returns its id, or null. */
  checkStalled() {
    const leader = this.leader();
    if (leader === null || leader === this.selfId) return null;
    const now = this.now();
    for (const [id, since] of this.waiting) {
      // Hellos may come before the server shows their sender; only shown members count.
      if (this.isShown(id) && now - Math.max(since, this.since) >= this.deadlineMs) {
        this.skipped.set(leader, 'stalled');
        this.leader();
        return leader;
      }
    }
    return null;
  }

  /** 'accept', 'hold' (try again later) or 'refuse' for rosters, keys and activations from `senderId`. */
  judge(senderId) {
    if (senderId === this.selfId || !this.isShown(senderId)) return 'refuse';
    this.leader();
    if (this.skipped.has(senderId)) return 'refuse';
    if (!this.verified.has(senderId)) return 'hold';
    for (const id of this.order) {
      if (id === senderId) break;
      if (id === this.selfId || this.skipped.has(id)) continue;
      return 'hold';
    }
    return 'accept';
  }

  /**
   * A roster from `senderId` passed every check: if the sender comes after this participant, the
   * others found us stalled, so step aside rather than split the room. (Only after the checks: a
   * roster that fails them must not make an honest leader give up.)
   */
  rosterFrom(senderId) {
    const selfAt = this.order.indexOf(this.selfId);
    if (senderId !== this.selfId && selfAt < this.order.indexOf(senderId) && !this.skipped.has(this.selfId)) {
      this.skipped.set(this.selfId, 'stepped_aside');
      this.leader();
    }
  }

  /** Why `id` is skipped, or undefined. */
  skipReason(id) {
    return this.skipped.get(id);
  }
}
