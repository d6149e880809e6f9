// The meeting screen's frame: status line, tile area, pager, chat panel, toolbar, hidden audio.
// Knows nothing of WebRTC or signaling; the Meeting drives it.
import { el } from './dom.js';
import { GalleryView } from './gallery-view.js';
import { ChatPanel } from './chat-panel.js';

export class MeetingView {
  /**
   * @param {HTMLElement} root
   * @param {Translate} t
   * @param {ReturnType<import('../host/host-options.js').normaliseOptions>} options
   * @param {object} handlers
   */
  constructor(root, t, options, handlers) {
    this.t = t;
    this.options = options;
    /** Participants whose sound is not played (their microphone is off by the server's account). */
    this.inaudible = new Set();
    root.innerHTML = '';
    root.className = 'mosaic';
    this.status = el('div', { className: 'mosaic-status', role: 'status' });
    this.tileArea = el('div', { className: 'mosaic-tiles', role: 'list', ariaLabel: t('gallery') });
    this.chat = new ChatPanel(t, handlers.onSendChat);
    this.body = el('div', { className: 'mosaic-body' }, [this.tileArea, this.chat.el]);
    this.prevPage = el('button', {
      type: 'button',
      className: 'mosaic-button',
      textContent: '‹',
      ariaLabel: t('previousPage'),
      title: t('previousPage')
    });
    this.nextPage = el('button', {
      type: 'button',
      className: 'mosaic-button',
      textContent: '›',
      ariaLabel: t('nextPage'),
      title: t('nextPage')
    });
    this.pageLabel = el('span', { className: 'mosaic-page-label', ariaLive: 'polite' });
    this.pager = el('nav', { className: 'mosaic-pager', ariaLabel: t('pages'), hidden: true }, [
      this.prevPage,
      this.pageLabel,
      this.nextPage
    ]);
    this.toolbar = el('div', { className: 'mosaic-toolbar', role: 'toolbar', ariaLabel: t('toolbar') });
    this.audio = el('div', { className: 'mosaic-audio', hidden: true });
    // Shown only in end-to-end encrypted rooms, once the first roster gives a security code.
    this.securityCode = el('span', { className: 'mosaic-security-code' });
    this.securityNote = el('span', { className: 'mosaic-security-note', role: 'alert' });
    // Who the code covers: the signed roster's members, not the server's participant list.
    this.securityMembers = el('span', { className: 'mosaic-security-members' });
    this.security = el('div', { className: 'mosaic-security', hidden: true, title: t('securityCodeHelp') }, [
      el('span', { className: 'mosaic-security-label', textContent: `🔒 ${t('e2eeOn')} · ${t('securityCode')}: ` }),
      this.securityCode,
      this.securityMembers,
      this.securityNote
    ]);
    root.append(this.status, this.security, this.body, this.pager, this.toolbar, this.audio);

    this.gallery = new GalleryView(this.tileArea, t, {
      maxTiles: options.maxTiles,
      layout: options.layout,
      onTileSizes: handlers.onTileSizes,
      onTileActivated: handlers.onTileActivated
    });
    this.gallery.onPageChange = (page, pages) => {
      this.pager.hidden = pages <= 1;
      this.pageLabel.textContent = t('pageOf', { page: page + 1, pages });
      this.prevPage.disabled = page === 0;
      this.nextPage.disabled = page >= pages - 1;
    };
    this.prevPage.addEventListener('click', () => this.gallery.goToPage(this.gallery.page - 1));
    this.nextPage.addEventListener('click', () => this.gallery.goToPage(this.gallery.page + 1));
    /** @type {Record<string, HTMLButtonElement>} */
    this.buttons = {};
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !this.chat.el.hidden) {
        this.chat.toggle(false);
        this.buttons.chat?.focus();
      }
    });
  }

  setStatus(text, kind = 'info') {
    this.status.textContent = text;
    this.status.dataset.kind = kind;
    delete this.status.dataset.e2eeWaiting;
  }

  /** A lesser notice never hides a security error already on screen (a replaced key, a hidden member). */
  setNotice(text, kind = 'info') {
    if (this.status.dataset.kind === 'error' && kind !== 'error') return false;
    this.setStatus(text, kind);
    return true;
  }

  /** A "waiting for the key" line, which clearE2eeWaiting takes back once keys are active. */
  showE2eeWaiting(text) {
    if (this.setNotice(text)) this.status.dataset.e2eeWaiting = 'true';
  }

  /** Whether a waiting line was on screen (the caller then puts the usual status back). */
  clearE2eeWaiting() {
    if (this.status.dataset.e2eeWaiting !== 'true') return false;
    delete this.status.dataset.e2eeWaiting;
    return true;
  }

  /** The names of the roster members the security code covers. */
  setSecurityMembers(names) {
    this.securityMembers.textContent = names.length ? ` · ${this.t('e2eeMembers')} ${names.join(', ')}` : '';
  }

  /**
   * The 30-digit code everyone compares; `changed` when it replaces an earlier one. The warning
   * stays until the user has had a chance to read it (the next code replaces it).
   */
  setSecurityCode(code, changed) {
    this.security.hidden = false;
    this.securityCode.textContent = code;
    this.securityNote.textContent = changed ? ` ⚠ ${this.t('securityCodeChanged')}` : '';
    this.security.dataset.changed = String(changed);
  }

  /**
   * E2EE sending state from the media worker: 'waitingForKey' or 'encrypting'. Returns true when
   * a waiting line was taken down, so the caller shows the usual status again.
   */
  setE2eeState(state) {
    this.security.dataset.sendState = state;
    if (state === 'waitingForKey' && this.security.hidden) this.showE2eeWaiting(this.t('e2eeWaitingForKey'));
    return state === 'encrypting' && this.clearE2eeWaiting();
  }

  /** Plays a remote participant's sound through its own element, so an autoplay refusal only costs sound. */
  attachAudio(id, stream) {
    /** @type {HTMLAudioElement|null} */
    let audio = this.audio.querySelector(`audio[data-participant-id="${CSS.escape(id)}"]`);
    if (!audio) {
      audio = el('audio', { autoplay: true });
      audio.dataset.participantId = id;
      audio.muted = this.inaudible.has(id);
      this.audio.append(audio);
    }
    if (audio.srcObject !== stream) {
      audio.srcObject = stream;
      audio.play().catch(() => this.offerSoundButton());
    }
  }

  /** Plays or silences one participant's sound (see Meeting.updateAudibility). */
  setAudible(id, audible) {
    if (audible) this.inaudible.delete(id);
    else this.inaudible.add(id);
    /** @type {HTMLAudioElement|null} */
    const audio = this.audio.querySelector(`audio[data-participant-id="${CSS.escape(id)}"]`);
    if (audio) audio.muted = !audible;
  }

  detachAudio(id) {
    this.inaudible.delete(id);
    this.audio.querySelector(`audio[data-participant-id="${CSS.escape(id)}"]`)?.remove();
  }

  offerSoundButton() {
    if (this.toolbar.querySelector('.mosaic-tool-sound')) return;
    const button = this.addButton('sound', this.t('enableSound'), () => {
      for (const a of this.audio.querySelectorAll('audio')) a.play().catch(() => {});
      button.remove();
    });
    this.toolbar.prepend(button);
  }

  /** Adds a toolbar button; returns it. */
  addButton(key, label, onClick) {
    const b = el('button', {
      type: 'button',
      className: `mosaic-button mosaic-tool-${key}`,
      ariaLabel: label,
      title: label,
      textContent: label
    });
    b.addEventListener('click', onClick);
    this.toolbar.append(b);
    this.buttons[key] = b;
    return b;
  }

  /** Relabels a toggle button and marks its pressed state for assistive technology. */
  setToggle(key, pressed, label) {
    const button = this.buttons[key];
    if (!button) return;
    button.textContent = label;
    button.title = label;
    button.setAttribute('aria-label', label);
    button.setAttribute('aria-pressed', String(pressed));
  }

  /** After leaving: no tiles, no controls but a way back is the host page's business. */
  showEnded(text) {
    this.gallery.clear();
    this.audio.replaceChildren();
    this.toolbar.replaceChildren();
    this.pager.hidden = true;
    this.chat.toggle(false);
    this.setStatus(text);
  }
}
