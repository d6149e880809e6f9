// The chat side panel: messages of the room and a box to write one.
import { el } from './dom.js';

export const MAX_CHAT_CHARS = 4000;

export class ChatPanel {
  /** @param {Translate} t @param {(text: string) => void} onSend */
  constructor(t, onSend) {
    this.t = t;
    this.list = el('ol', { className: 'mosaic-chat-list', ariaLive: 'polite', ariaLabel: t('chatMessages') });
    this.input = el('textarea', {
      className: 'mosaic-chat-input',
      rows: 2,
      maxLength: MAX_CHAT_CHARS,
      ariaLabel: t('chatInput'),
      placeholder: t('chatPlaceholder')
    });
    this.sendButton = el('button', { type: 'submit', className: 'mosaic-button', textContent: t('send') });
    const form = el('form', { className: 'mosaic-chat-form' }, [this.input, this.sendButton]);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      onSend(text);
      this.input.value = '';
    });
    // Enter sends, Shift+Enter makes a new line.
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    this.el = el('aside', { className: 'mosaic-chat-panel', ariaLabel: t('chat'), hidden: true }, [
      el('h2', { className: 'mosaic-chat-title', textContent: t('chat') }),
      this.list,
      form
    ]);
    this.unread = 0;
    /** @type {(unread: number) => void} set by the toolbar: how many messages came while the panel was closed */
    this.onUnread = () => {};
  }

  /** @param {{name: string, text: string, sentAt: number}} m @param {boolean} mine */
  add(m, mine) {
    const time = new Date(m.sentAt || Date.now()).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    const item = el('li', { className: mine ? 'mosaic-chat-mine' : '' }, [
      // The name in its own <bdi>: a right-to-left name cannot reorder the time after it.
      el('span', { className: 'mosaic-chat-meta' }, [
        el('bdi', { textContent: mine ? this.t('youShort') : m.name }),
        ` · ${time}`
      ]),
      el('span', { className: 'mosaic-chat-text', textContent: m.text })
    ]);
    this.list.append(item);
    this.list.scrollTop = this.list.scrollHeight;
    if (this.el.hidden && !mine) this.onUnread(++this.unread);
  }

  /**
   * Text that no participant vouches for (a plain `chat` the server sent into an end-to-end
   * encrypted room): shown apart, under `label`, never as someone's words.
   */
  addNotice(label, text) {
    const item = el('li', { className: 'mosaic-chat-notice' }, [
      el('span', { className: 'mosaic-chat-meta', textContent: label }),
      el('span', { className: 'mosaic-chat-text', textContent: text })
    ]);
    this.list.append(item);
    this.list.scrollTop = this.list.scrollHeight;
  }

  /** Viewers read the chat but cannot write until a host lets them speak. */
  setReadOnly(readOnly) {
    this.input.disabled = readOnly;
    this.sendButton.disabled = readOnly;
    this.input.placeholder = this.t(readOnly ? 'chatViewerPlaceholder' : 'chatPlaceholder');
  }

  toggle(open = this.el.hidden) {
    this.el.hidden = !open;
    if (open) {
      this.unread = 0;
      this.onUnread(0);
      if (!this.input.disabled) this.input.focus();
    }
    return open;
  }
}
