// Host controls and reports in the meeting app: the live waiting list (admit, deny), a menu on each
// other participant's tile (mute, stop video, stop screen share, make host, remove; report for
// everyone), mute all, lock and end for all in the toolbar, the report dialog and the passcode
// prompt. It reads the room model (roles, lock, unmute lock, waiting list) and draws the tile menus
// through the gallery's API. It only sends protocol messages; the server decides who may do what.
import { el } from './dom.js';

const MAX_REASON_CHARS = 500;

export class Moderation {
  /**
   * @param {object} o
   * @param {import('./meeting-view.js').MeetingView} o.view
   * @param {Translate} o.t
   * @param {(type: string, fields?: object) => void} o.send a protocol message to the server
   * @param {(name: string, detail?: any) => void} o.emit event to the host page
   * @param {import('../room/room-model.js').RoomModel} o.room the room as we see it
   * @param {string[]} o.toolbar the host page's toolbar choice: host buttons show only if listed
   */
  constructor({ view, t, send, emit, room, toolbar }) {
    this.view = view;
    this.t = t;
    this.send = send;
    this.emit = emit;
    this.room = room;
    this.toolbar = new Set(toolbar);
    /** The role the controls on screen are drawn for. */
    this.role = null;
    /** Whom this host let unmute while microphones are locked (the menu offers to take it back). */
    this.letUnmute = new Set();
    /** @type {Map<string, HTMLElement>} waiting-list rows by participant id */
    this.waitingRows = new Map();
    this.waitingList = el('ul', { className: 'mosaic-waiting-list' });
    this.waitingPanel = el('aside', { className: 'mosaic-waiting-panel', ariaLabel: t('waitingRoom'), hidden: true }, [
      el('h2', { className: 'mosaic-panel-title', textContent: t('waitingRoom') }),
      this.waitingList
    ]);
    this.menu = el('div', { className: 'mosaic-tile-menu', role: 'menu', hidden: true });
    this.notices = el('div', { className: 'mosaic-notices', role: 'log', ariaLive: 'polite', ariaLabel: t('notices') });
    view.body.append(this.waitingPanel, this.menu, this.notices);
    // Every other participant's tile gets a menu button, drawn by the gallery.
    view.gallery.setTileMenu(t('moreActions'), (id, button) => this.openMenu(id, button));
    this.unsubscribe = [
      room.on('roleChanged', ({ role }) => this.setRole(role)),
      room.on('lockChanged', ({ locked }) => {
        this.notice(this.t(locked ? 'meetingLocked' : 'meetingUnlocked'));
        this.view.setToggle('lock', locked, this.t(locked ? 'unlockMeeting' : 'lockMeeting'));
      }),
      room.on('unmuteLockedChanged', ({ locked, before, announce }) => this.onUnmuteLocked(locked, before, announce)),
      room.on('waitingAdded', ({ participant }) => this.addWaiting(participant)),
      room.on('waitingRemoved', ({ id }) => {
        this.waitingRows.get(id)?.remove();
        this.waitingRows.delete(id);
        this.renderWaiting();
      })
    ];
    document.addEventListener('click', (e) => {
      if (!this.menu.hidden && !this.menu.contains(/** @type {Node} */ (e.target))) this.closeMenu();
    });
    this.menu.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.closeMenu(true);
    });
  }

  get isHost() {
    return this.role === 'host';
  }

  /** Our role, from `joined` and from `participantUpdated` (a promotion). */
  setRole(role) {
    if (role === this.role) return;
    this.role = role;
    for (const key of ['muteAll', 'unmuteAll', 'lock', 'endAll']) {
      this.view.buttons[key]?.remove();
      delete this.view.buttons[key];
    }
    if (this.isHost) this.addHostButtons();
    this.renderWaiting();
  }

  addHostButtons() {
    const show = (key) => this.toolbar.has(key);
    if (show('muteAll')) {
      this.view.addButton('muteAll', this.t('muteAll'), () => this.askMuteAll());
      this.view.addButton('unmuteAll', this.t('letEveryoneUnmute'), () =>
        this.send('allowUnmute', { kind: 'audio', allowed: true })
      );
      this.view.buttons.unmuteAll.hidden = !this.room.unmuteLocked.has('audio');
    }
    if (show('lock')) {
      const locked = this.room.locked;
      this.view.addButton('lock', this.t(locked ? 'unlockMeeting' : 'lockMeeting'), () =>
        this.send('lock', { locked: !this.room.locked })
      );
      this.view.setToggle('lock', locked, this.t(locked ? 'unlockMeeting' : 'lockMeeting'));
    }
    if (show('endAll')) {
      this.view.addButton('endAll', this.t('endForAll'), async () => {
        if (await this.confirm(this.t('endForAllConfirm'), this.t('endForAll'))) this.send('end');
      });
    }
  }

  /** Messages the meeting does not handle itself. */
  onSignal(msg) {
    if (msg.type !== 'reported') return;
    this.notice(this.t('reportReceived', { by: msg.by.name, target: msg.target.name, reason: msg.reason }), 'warning');
    this.emit('reported', { by: msg.by, target: msg.target, reason: msg.reason, reportedAt: msg.reportedAt });
  }

  /** The kinds participants may not unmute changed; tell a participant when the microphone lock did. */
  onUnmuteLocked(locked, before, announce) {
    if (!locked.has('audio')) this.letUnmute.clear();
    if (this.view.buttons.unmuteAll) this.view.buttons.unmuteAll.hidden = !locked.has('audio');
    if (announce && before.has('audio') !== locked.has('audio')) {
      this.notice(
        this.t(locked.has('audio') ? 'unmuteTurnedOff' : 'unmuteTurnedOn'),
        locked.has('audio') ? 'warning' : 'info'
      );
    }
  }

  /** Mute all, with the choice Zoom gives: may people unmute themselves afterwards? */
  askMuteAll() {
    const allow = el('input', { type: 'checkbox', className: 'mosaic-allow-unmute', checked: true });
    const ok = el('button', {
      type: 'submit',
      className: 'mosaic-button mosaic-confirm-ok',
      textContent: this.t('muteAll')
    });
    const cancel = el('button', {
      type: 'button',
      className: 'mosaic-button mosaic-confirm-cancel',
      textContent: this.t('cancel')
    });
    const form = el(
      'form',
      { className: 'mosaic-dialog mosaic-mute-all-dialog', role: 'dialog', ariaLabel: this.t('muteAllTitle') },
      [
        el('p', { textContent: this.t('muteAllTitle') }),
        el('label', { className: 'mosaic-check' }, [allow, el('span', { textContent: this.t('allowSelfUnmute') })]),
        el('div', { className: 'mosaic-dialog-buttons' }, [cancel, ok])
      ]
    );
    cancel.addEventListener('click', () => form.remove());
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') form.remove();
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      form.remove();
      this.send('muteAll', { kind: 'audio', allowUnmute: allow.checked });
    });
    this.view.body.append(form);
    ok.focus();
  }

  addWaiting(p) {
    const admit = el('button', {
      type: 'button',
      className: 'mosaic-button mosaic-admit',
      textContent: this.t('admit'),
      ariaLabel: this.t('admitName', { name: p.name })
    });
    const deny = el('button', {
      type: 'button',
      className: 'mosaic-button mosaic-deny',
      textContent: this.t('deny'),
      ariaLabel: this.t('denyName', { name: p.name })
    });
    admit.addEventListener('click', () => this.send('admit', { target: p.id }));
    deny.addEventListener('click', () => this.send('deny', { target: p.id }));
    const row = el('li', { className: 'mosaic-waiting-row' }, [
      el('span', { className: 'mosaic-waiting-name', textContent: p.name, dir: 'auto' }),
      admit,
      deny
    ]);
    row.dataset.participantId = p.id;
    this.waitingRows.set(p.id, row);
    this.waitingList.append(row);
    this.renderWaiting();
    this.notice(this.t('someoneWaiting', { name: p.name }));
  }

  renderWaiting() {
    this.waitingPanel.hidden = !this.isHost || this.waitingRows.size === 0;
  }

  openMenu(id, anchor) {
    const p = this.room.participants.get(id);
    if (!p) return;
    const item = (key, action) => {
      const b = el('button', {
        type: 'button',
        role: 'menuitem',
        className: `mosaic-menu-item mosaic-menu-${key}`,
        textContent: this.t(key)
      });
      b.addEventListener('click', (e) => {
        e.stopPropagation();
        this.closeMenu();
        action();
      });
      return b;
    };
    const items = [];
    if (this.isHost) {
      if (p.media?.audio) items.push(item('muteParticipant', () => this.send('mute', { target: id, kind: 'audio' })));
      if (p.media?.video) items.push(item('stopTheirVideo', () => this.send('mute', { target: id, kind: 'video' })));
      if (p.media?.screen) items.push(item('stopTheirShare', () => this.send('mute', { target: id, kind: 'screen' })));
      if (p.role === 'participant' && this.room.unmuteLocked.has('audio')) {
        const allow = !this.letUnmute.has(id);
        items.push(
          item(allow ? 'allowToUnmute' : 'disallowUnmute', () => {
            if (allow) this.letUnmute.add(id);
            else this.letUnmute.delete(id);
            this.send('allowUnmute', { kind: 'audio', allowed: allow, target: id });
          })
        );
      }
      if (p.role === 'viewer')
        items.push(item('letSpeak', () => this.send('promote', { target: id, role: 'participant' })));
      if (p.role !== 'host') items.push(item('makeHost', () => this.send('promote', { target: id })));
      items.push(
        item('removeParticipant', async () => {
          if (await this.confirm(this.t('removeConfirm', { name: p.name }), this.t('removeParticipant')))
            this.send('remove', { target: id });
        })
      );
    }
    items.push(item('reportParticipant', () => this.askReport(p)));
    this.menu.replaceChildren(
      el('div', { className: 'mosaic-menu-title', textContent: p.name, dir: 'auto' }),
      ...items
    );
    this.menu.dataset.participantId = id;
    this.menuAnchor = anchor;
    const r = anchor.getBoundingClientRect(),
      body = this.view.body.getBoundingClientRect();
    Object.assign(this.menu.style, {
      left: `${Math.max(0, r.left - body.left - 160)}px`,
      top: `${r.bottom - body.top}px`
    });
    this.menu.hidden = false;
    anchor.setAttribute('aria-expanded', 'true');
    /** @type {HTMLElement|null} */ (this.menu.querySelector('[role=menuitem]'))?.focus();
  }

  closeMenu(focusAnchor = false) {
    this.menu.hidden = true;
    this.menuAnchor?.setAttribute('aria-expanded', 'false');
    if (focusAnchor) this.menuAnchor?.focus();
  }

  /** A small dialog for the reason; the report goes to the hosts, never to the reported person. */
  askReport(p) {
    const reason = el('textarea', {
      className: 'mosaic-input mosaic-report-reason',
      maxLength: MAX_REASON_CHARS,
      required: true,
      rows: 3
    });
    const send = el('button', {
      type: 'submit',
      className: 'mosaic-button mosaic-report-send',
      textContent: this.t('sendReport')
    });
    const cancel = el('button', { type: 'button', className: 'mosaic-button', textContent: this.t('cancel') });
    const form = el(
      'form',
      {
        className: 'mosaic-dialog mosaic-report-dialog',
        role: 'dialog',
        ariaLabel: this.t('reportTitle', { name: p.name })
      },
      [
        el('h2', { className: 'mosaic-panel-title', textContent: this.t('reportTitle', { name: p.name }) }),
        el('p', { textContent: this.t('reportExplain') }),
        el('label', { className: 'mosaic-field' }, [el('span', { textContent: this.t('reportReason') }), reason]),
        el('div', { className: 'mosaic-dialog-buttons' }, [cancel, send])
      ]
    );
    cancel.addEventListener('click', () => form.remove());
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') form.remove();
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = reason.value.trim();
      if (!text) {
        reason.focus();
        return;
      }
      this.send('report', { target: p.id, reason: text });
      form.remove();
      this.notice(this.t('reportSent'));
    });
    this.view.body.append(form);
    reason.focus();
  }

  /**
   * Asks for the meeting's passcode; resolves with it, or null if the person gives up.
   * @param {boolean} wrong the last one was refused
   */
  askPasscode(wrong) {
    return new Promise((resolve) => {
      const input = el('input', {
        className: 'mosaic-input mosaic-passcode',
        type: 'password',
        maxLength: 64,
        required: true,
        autocomplete: 'off'
      });
      const ok = el('button', {
        type: 'submit',
        className: 'mosaic-button mosaic-passcode-join',
        textContent: this.t('join')
      });
      const cancel = el('button', { type: 'button', className: 'mosaic-button', textContent: this.t('cancel') });
      const form = el(
        'form',
        { className: 'mosaic-dialog mosaic-passcode-dialog', role: 'dialog', ariaLabel: this.t('passcodeTitle') },
        [
          el('h2', { className: 'mosaic-panel-title', textContent: this.t('passcodeTitle') }),
          el('p', { role: 'alert', textContent: wrong ? this.t('passcodeWrong') : this.t('passcodeNeeded') }),
          el('label', { className: 'mosaic-field' }, [el('span', { textContent: this.t('passcode') }), input]),
          el('div', { className: 'mosaic-dialog-buttons' }, [cancel, ok])
        ]
      );
      cancel.addEventListener('click', () => {
        form.remove();
        resolve(null);
      });
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        if (!input.value) {
          input.focus();
          return;
        }
        form.remove();
        resolve(input.value);
      });
      this.view.body.append(form);
      input.focus();
    });
  }

  /** An in-app confirmation (the sandboxed iframe has no window.confirm); resolves true on OK. */
  confirm(text, okLabel) {
    return new Promise((resolve) => {
      const ok = el('button', { type: 'submit', className: 'mosaic-button mosaic-confirm-ok', textContent: okLabel });
      const cancel = el('button', {
        type: 'button',
        className: 'mosaic-button mosaic-confirm-cancel',
        textContent: this.t('cancel')
      });
      const form = el(
        'form',
        { className: 'mosaic-dialog mosaic-confirm-dialog', role: 'alertdialog', ariaLabel: text },
        [el('p', { textContent: text }), el('div', { className: 'mosaic-dialog-buttons' }, [cancel, ok])]
      );
      const done = (answer) => {
        form.remove();
        resolve(answer);
      };
      cancel.addEventListener('click', () => done(false));
      form.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') done(false);
      });
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        done(true);
      });
      this.view.body.append(form);
      cancel.focus();
    });
  }

  /** A short message for a few seconds, announced to screen readers. */
  notice(text, kind = 'info') {
    const item = el('div', { className: 'mosaic-notice', textContent: text });
    item.dataset.kind = kind;
    this.notices.append(item);
    setTimeout(() => item.remove(), 8000);
  }

  /** Out of the meeting: no host controls left. */
  clear() {
    this.setRole(null);
    this.closeMenu();
    for (const off of this.unsubscribe) off();
    this.view.gallery.setTileMenu(null);
    this.waitingPanel.hidden = true;
  }
}
