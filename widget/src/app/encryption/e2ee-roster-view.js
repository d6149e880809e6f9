// What the key exchange tells the people in an end-to-end encrypted meeting (docs/e2ee.md): every
// member of the signed roster gets a tile (one the server did not show is added and flagged as
// hidden; one the server shows under another name than the one it signed is flagged too), the names
// next to the security code come from the roster, the status line names whoever
// keeps the room without a key, and a roster from someone the leader rule does not name is a warning.

export class E2eeRosterView {
  /**
   * @param {object} o
   * @param {import('../ui/meeting-view.js').MeetingView} o.view
   * @param {Translate} o.t
   * @param {(id: string) => string|null} o.nameOf a shown participant's name (null when not shown)
   * @param {string} o.selfId
   * @param {(event: string, detail: object) => void} o.emit to the host page
   * @param {() => void} o.restoreStatus puts the usual status line back
   */
  constructor(o) {
    this.o = o;
    /** Roster members the server did not show, with a flagged tile. */
    this.hidden = new Set();
    /** @type {Map<string, string>|undefined} the names the roster's members signed, from the last roster */
    this.signedNames = undefined;
    /** @type {{reason: string, participantId: string}[]|undefined} the warnings shown, for diagnostics */
    this.warnings = undefined;
  }

  /** @param {{participantId: string, signedName: string, announced: boolean, nameAsShown: boolean}[]} members */
  roster(members) {
    const { view, t } = this.o;
    this.signedNames = new Map(members.map((m) => [m.participantId, m.signedName]));
    for (const m of members) {
      const tile = m.announced ? view.gallery.tiles.get(m.participantId)?.el : null;
      if (tile && m.nameAsShown) delete tile.dataset.nameMismatch;
      else if (tile) tile.dataset.nameMismatch = 'true';
    }
    const hiddenNow = new Set(members.filter((m) => !m.announced).map((m) => m.participantId));
    for (const id of this.hidden) {
      if (hiddenNow.has(id)) continue;
      // Shown by the server since: its own tile stays, unflagged; otherwise the tile goes.
      if (this.o.nameOf(id) === null) view.gallery.remove(id);
      else delete view.gallery.tiles.get(id)?.el.dataset.unannounced;
    }
    for (const id of hiddenNow) {
      const tile = view.gallery.upsert({
        id,
        name: t('e2eeHiddenMember', { name: id }),
        role: 'participant',
        media: {}
      });
      tile.dataset.unannounced = 'true';
    }
    this.hidden = hiddenNow;
    view.setSecurityMembers(members.map((m) => this.label(m)));
  }

  label(m) {
    const { t, nameOf, selfId } = this.o;
    if (m.participantId === selfId) return t('you', { name: nameOf(selfId) ?? selfId });
    if (!m.announced) return t('e2eeHiddenMember', { name: m.participantId });
    const shown = nameOf(m.participantId) ?? m.participantId;
    return m.nameAsShown === false ? t('e2eeNameMismatchMember', { name: shown, signed: m.signedName }) : shown;
  }

  /** Whoever the room waits on for its key, or null once nobody holds it up. */
  holder(h) {
    const { view, t, emit, restoreStatus } = this.o;
    if (!h) {
      if (view.clearE2eeWaiting()) restoreStatus();
      return;
    }
    const name = this.o.nameOf(h.id) ?? h.id;
    view.showE2eeWaiting(t(h.reason === 'key' ? 'e2eeWaitingForKeyFrom' : 'e2eeWaitingForHello', { name }));
    emit('e2ee', { state: 'waiting', participantId: h.id, reason: h.reason });
  }

  /** Warnings from the key exchange; returns false for reasons this view does not show. */
  warning(reason, participantId) {
    const { view, t, emit } = this.o;
    const key = {
      name_mismatch: 'e2eeNameMismatch',
      unannounced_member: 'e2eeUnannounced',
      unannounced_leader: 'e2eeUnannounced',
      not_leader: 'e2eeNotLeader',
      leader_stalled: 'e2eeLeaderStalled',
      invalid_hello: 'e2eeInvalidHello'
    }[reason];
    if (!key || !participantId) return false;
    const name = this.o.nameOf(participantId) ?? participantId;
    const signed = this.signedNames?.get(participantId) ?? '';
    view.setNotice(
      t(key, { name, signed }),
      reason === 'leader_stalled' || reason === 'invalid_hello' ? 'warning' : 'error'
    );
    (this.warnings ??= []).push({ reason, participantId });
    emit('e2ee', { state: reason === 'leader_stalled' ? 'leaderStalled' : 'rosterWarning', reason, participantId });
    return true;
  }
}
