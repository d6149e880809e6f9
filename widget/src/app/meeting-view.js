// The meeting's DOM: status line, tiles, toolbar. Knows nothing of WebRTC or signaling.

export class MeetingView {
  /** @param {HTMLElement} root @param {(key: string, vars?: object) => string} t */
  constructor(root, t) {
    this.t = t;
    root.innerHTML = '';
    root.className = 'mosaic';
    this.status = el('div', { className: 'mosaic-status', role: 'status' });
    this.grid = el('div', { className: 'mosaic-grid', role: 'list', ariaLabel: t('gallery') });
    this.toolbar = el('div', { className: 'mosaic-toolbar', role: 'toolbar', ariaLabel: t('toolbar') });
    root.append(this.status, this.grid, this.toolbar);
    /** @type {Map<string, HTMLElement>} */
    this.tiles = new Map();
  }

  setStatus(text, kind = 'info') {
    this.status.textContent = text;
    this.status.dataset.kind = kind;
  }

  /** Adds or updates a participant's tile. @param {{id: string, name: string, media?: any}} p */
  upsertTile(p, { self = false } = {}) {
    let tile = this.tiles.get(p.id);
    if (!tile) {
      tile = el('div', { className: 'mosaic-tile', role: 'listitem' });
      tile.dataset.participantId = p.id;
      if (self) tile.dataset.self = 'true';
      const video = el('video', { autoplay: true, playsInline: true, muted: true });
      const label = el('div', { className: 'mosaic-name' });
      const micOff = el('span', { className: 'mosaic-badge mosaic-mic-off', title: this.t('micOff'), ariaLabel: this.t('micOff') });
      micOff.textContent = '🔇';
      label.append(el('span', { className: 'mosaic-label' }), micOff);
      tile.append(video, label);
      this.grid.append(tile);
      this.tiles.set(p.id, tile);
      this.layout();
    }
    tile.querySelector('.mosaic-label').textContent = self ? this.t('you', { name: p.name }) : p.name;
    tile.dataset.audio = String(!!p.media?.audio);
    tile.dataset.video = String(!!p.media?.video);
    return tile;
  }

  removeTile(id) {
    this.tiles.get(id)?.remove();
    this.tiles.delete(id);
    this.layout();
  }

  /**
   * Shows a participant's media. Video plays muted; sound goes through a separate audio element so
   * an autoplay refusal only costs sound, never the picture.
   */
  attachStream(id, stream, { self = false } = {}) {
    const tile = this.tiles.get(id);
    if (!tile) return;
    const video = tile.querySelector('video');
    if (video.srcObject !== stream) video.srcObject = stream;
    if (self) return;
    let audio = tile.querySelector('audio');
    if (!audio) {
      audio = el('audio', { autoplay: true });
      tile.append(audio);
    }
    if (audio.srcObject !== stream) {
      audio.srcObject = stream;
      audio.play().catch(() => this.offerSoundButton());
    }
  }

  offerSoundButton() {
    if (this.toolbar.querySelector('.mosaic-enable-sound')) return;
    const button = this.button(this.t('enableSound'), 'mosaic-enable-sound', () => {
      for (const a of this.grid.querySelectorAll('audio')) a.play().catch(() => {});
      button.remove();
    });
    this.toolbar.prepend(button);
  }

  /** Adds a toolbar button; returns it. */
  button(label, className, onClick) {
    const b = el('button', { type: 'button', className: `mosaic-button ${className}`, ariaLabel: label, title: label });
    b.textContent = label;
    b.addEventListener('click', onClick);
    this.toolbar.append(b);
    return b;
  }

  /** Relabels a toggle button and marks its pressed state for assistive technology. */
  setToggle(button, pressed, label) {
    button.textContent = label;
    button.title = label;
    button.setAttribute('aria-label', label);
    button.setAttribute('aria-pressed', String(pressed));
  }

  /** Column count for the current number of tiles: the simple square-ish grid until the gallery layout lands. */
  layout() {
    const n = Math.max(1, this.tiles.size);
    this.grid.style.setProperty('--mosaic-columns', String(Math.ceil(Math.sqrt(n))));
  }

  clearTiles() {
    for (const id of [...this.tiles.keys()]) this.removeTile(id);
  }
}

function el(tag, props = {}) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'role') node.setAttribute('role', v);
    else if (k === 'ariaLabel') node.setAttribute('aria-label', v);
    else node[k] = v;
  }
  return node;
}
