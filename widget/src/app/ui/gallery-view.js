// The tiles: one per participant, placed by the pure layout functions, paged, pinned, with badges.
// Knows nothing of WebRTC: it is handed streams and states, and reports the size it shows each tile at.
import { gridLayout, gridRects, speakerLayout } from './gallery/grid-layout.js';
import { orderTiles, pageOf, stageParticipant } from './gallery/tile-order.js';
import { el } from './dom.js';
import { icon } from './icons.js';

const GAP = 6;

export class GalleryView {
  /**
   * @param {HTMLElement} container positioned box the tiles fill
   * @param {Translate} t
   * @param {object} o
   * @param {number} o.maxTiles
   * @param {'gallery'|'speaker'} o.layout
   * @param {(sizes: Map<string, {height: number, visible: number, onStage: boolean}|null>) => void} o.onTileSizes
   *        per participant: the device-pixel height shown at, or null when off-page
   * @param {(id: string) => void} o.onTileActivated Enter, Space or double click on a tile
   */
  constructor(container, t, { maxTiles, layout, onTileSizes, onTileActivated }) {
    this.container = container;
    this.t = t;
    this.maxTiles = maxTiles;
    this.layout = layout;
    this.onTileSizes = onTileSizes;
    this.onTileActivated = onTileActivated;
    /** @type {Map<string, {el: HTMLElement, video: HTMLVideoElement, p: any, self: boolean}>} */
    this.tiles = new Map();
    this.joinOrder = [];
    this.order = [];
    this.selfId = null;
    this.pinnedId = null;
    this.speakerId = null;
    this.recentSpeakers = [];
    this.page = 0;
    this.pages = 1;
    this.geometry = null;
    /** @type {(page: number, pages: number) => void} set by the meeting view, for its page buttons */
    this.onPageChange = () => {};
    /** @type {{label: string, onOpen: (id: string, button: HTMLElement) => void}|null} a menu on others' tiles */
    this.tileMenu = null;
    new ResizeObserver(() => this.render()).observe(container);
  }

  /** Adds or updates a participant's tile. @param {ParticipantInfo} p */
  upsert(p, { self = false } = {}) {
    let tile = this.tiles.get(p.id);
    if (!tile) {
      const video = el('video', { autoplay: true, playsInline: true, muted: true });
      // dir=auto isolates a name's writing direction, so a right-to-left name cannot reorder what follows it.
      const label = el('span', { className: 'mosaic-label', dir: 'auto' });
      const micOff = el('span', { className: 'mosaic-badge mosaic-mic-off', title: this.t('micOff') }, [
        icon('micOff')
      ]);
      const hand = el('span', { className: 'mosaic-badge mosaic-badge-hand', title: this.t('handRaised') }, [
        icon('hand')
      ]);
      const pin = el('span', { className: 'mosaic-badge mosaic-badge-pin', title: this.t('pinned') }, [icon('pin')]);
      const viewer = el('span', { className: 'mosaic-badge mosaic-badge-viewer', textContent: this.t('viewerRole') });
      const conn = el('span', { className: 'mosaic-badge mosaic-connection' });
      const avatar = el('div', { className: 'mosaic-avatar', ariaHidden: 'true' });
      const node = el('div', { className: 'mosaic-tile', role: 'listitem', tabIndex: 0 });
      node.dataset.participantId = p.id;
      if (self) node.dataset.self = 'true';
      node.dataset.speaking = 'false';
      node.dataset.activeSpeaker = String(p.id === this.speakerId);
      node.append(video, avatar, el('div', { className: 'mosaic-name' }, [pin, label, viewer, micOff, hand]), conn);
      node.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          this.onTileActivated(p.id);
        }
      });
      node.addEventListener('dblclick', () => this.onTileActivated(p.id));
      this.container.append(node);
      tile = { el: node, video, p, self };
      this.tiles.set(p.id, tile);
      this.decorate(p.id, tile);
      this.joinOrder.push(p.id);
      if (self) this.selfId = p.id;
    }
    tile.p = p;
    const name = self ? this.t('you', { name: p.name }) : p.name;
    const audio = !!p.media?.audio,
      video = !!p.media?.video,
      handUp = !!p.media?.hand;
    tile.el.querySelector('.mosaic-label').textContent = name;
    tile.el.querySelector('.mosaic-avatar').textContent = initials(p.name);
    tile.el.dataset.audio = String(audio);
    tile.el.dataset.video = String(video);
    tile.el.dataset.hand = String(handUp);
    tile.el.dataset.screen = String(!!p.media?.screen);
    tile.el.dataset.role = p.role || 'participant';
    const states = [
      name,
      p.role === 'viewer' ? this.t('viewerRole') : null,
      audio ? null : this.t('micOff'),
      video ? null : this.t('cameraOff'),
      handUp ? this.t('handRaised') : null,
      this.pinnedId === p.id ? this.t('pinned') : null
    ];
    tile.el.setAttribute('aria-label', states.filter(Boolean).join(', '));
    this.scheduleRender();
    return tile.el;
  }

  /**
   * Gives every other participant's tile, present and future, a menu button (moderation's); without
   * `onOpen` the buttons go.
   * @param {string|null} label @param {(id: string, button: HTMLElement) => void} [onOpen]
   */
  setTileMenu(label, onOpen) {
    this.tileMenu = onOpen ? { label, onOpen } : null;
    for (const [id, tile] of this.tiles) this.decorate(id, tile);
  }

  decorate(id, tile) {
    const existing = tile.el.querySelector('.mosaic-tile-menu-button');
    if (!this.tileMenu || tile.self) {
      existing?.remove();
      return;
    }
    if (existing) return;
    const button = el('button', {
      type: 'button',
      className: 'mosaic-tile-menu-button',
      textContent: '⋯',
      ariaLabel: this.tileMenu.label,
      ariaHaspopup: 'menu'
    });
    button.addEventListener('click', (e) => {
      e.stopPropagation();
      this.tileMenu?.onOpen(id, button);
    });
    button.addEventListener('keydown', (e) => e.stopPropagation()); // Enter here must not pin the tile
    button.addEventListener('dblclick', (e) => e.stopPropagation());
    tile.el.append(button);
  }

  remove(id) {
    this.tiles.get(id)?.el.remove();
    this.tiles.delete(id);
    this.joinOrder = this.joinOrder.filter((x) => x !== id);
    this.recentSpeakers = this.recentSpeakers.filter((x) => x !== id);
    if (this.pinnedId === id) this.pinnedId = null;
    if (this.speakerId === id) this.speakerId = null;
    this.scheduleRender();
  }

  clear() {
    for (const id of [...this.tiles.keys()]) this.remove(id);
    this.selfId = null;
  }

  attachVideo(id, stream) {
    const tile = this.tiles.get(id);
    if (tile && tile.video.srcObject !== stream) tile.video.srcObject = stream;
  }

  /** Connection to this peer as the user should see it: '' when fine. */
  setConnection(id, state) {
    const tile = this.tiles.get(id);
    if (!tile) return;
    const label =
      { connecting: this.t('peerConnecting'), reconnecting: this.t('peerReconnecting'), failed: this.t('peerFailed') }[
        state
      ] || '';
    tile.el.dataset.connection = label ? state : 'connected';
    tile.el.querySelector('.mosaic-connection').textContent = label;
  }

  /** Who talks right now: their tiles get the outline. @param {Set<string>} ids */
  setSpeaking(ids) {
    for (const [pid, tile] of this.tiles) {
      const speaking = String(ids.has(pid));
      if (tile.el.dataset.speaking !== speaking) tile.el.dataset.speaking = speaking;
    }
  }

  /** The active speaker (stage, page one) and the recent ones, most recent first. */
  setSpeaker(id, recent) {
    this.speakerId = id;
    this.recentSpeakers = recent;
    for (const [pid, tile] of this.tiles) tile.el.dataset.activeSpeaker = String(pid === id);
    this.scheduleRender();
  }

  setPinned(id) {
    this.pinnedId = id && this.tiles.has(id) ? id : null;
    for (const [pid, tile] of this.tiles) {
      tile.el.dataset.pinned = String(pid === this.pinnedId);
      this.upsert(tile.p, { self: tile.self });
    }
    this.scheduleRender();
    return this.pinnedId;
  }

  setLayout(layout) {
    this.layout = layout === 'speaker' ? 'speaker' : 'gallery';
    this.page = 0;
    this.scheduleRender();
  }

  /** Someone sharing a screen forces the stage: shares are unreadable in a grid tile. */
  get sharerId() {
    for (const [id, tile] of this.tiles) if (tile.p.media?.screen) return id;
    return null;
  }

  get effectiveLayout() {
    return this.layout === 'speaker' || this.sharerId ? 'speaker' : 'gallery';
  }

  goToPage(page) {
    this.page = Math.max(0, Math.min(this.pages - 1, page));
    this.render();
  }

  scheduleRender() {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  render() {
    const width = this.container.clientWidth,
      height = this.container.clientHeight;
    const present = this.joinOrder.filter((id) => this.tiles.has(id));
    const placed = new Map(); // id → rect
    let onStageId = null;
    if (this.effectiveLayout === 'speaker' && present.length) {
      // Your own voice outlines your tile but never puts you on your own stage.
      onStageId = stageParticipant({
        present,
        selfId: this.selfId,
        pinnedId: this.pinnedId,
        sharerId: this.sharerId,
        speakers: [this.speakerId, ...this.recentSpeakers].filter(Boolean)
      });
      const s = speakerLayout({ width, height, count: present.length, gap: GAP, maxVisible: this.maxTiles });
      this.order = orderTiles({
        previous: this.order,
        present: present.filter((id) => id !== onStageId),
        selfId: this.selfId,
        speakers: this.recentSpeakers,
        pageSize: s.pageSize || 1
      });
      this.pages = Math.max(1, s.pages);
      this.page = Math.min(this.page, this.pages - 1);
      placed.set(onStageId, s.stage);
      pageOf(this.order, this.page, s.pageSize).forEach((id, i) => placed.set(id, s.strip[i]));
      this.geometry = { layout: 'speaker', width, height, pageSize: s.pageSize, stage: onStageId };
    } else {
      const g = gridLayout({ width, height, count: present.length, maxVisible: this.maxTiles, gap: GAP });
      this.order = orderTiles({
        previous: this.order,
        present,
        selfId: this.selfId,
        pinnedId: this.pinnedId,
        speakers: this.recentSpeakers,
        pageSize: g.pageSize || 1
      });
      this.pages = Math.max(1, g.pages);
      this.page = Math.min(this.page, this.pages - 1);
      const onPage = pageOf(this.order, this.page, g.pageSize);
      gridRects(g, onPage.length, width, height, GAP).forEach((r, i) => placed.set(onPage[i], r));
      this.geometry = { layout: 'gallery', width, height, cols: g.cols, rows: g.rows, pageSize: g.pageSize };
    }
    this.geometry.page = this.page;
    this.geometry.pages = this.pages;

    const sizes = new Map();
    const dpr = window.devicePixelRatio || 1;
    for (const [id, tile] of this.tiles) {
      const r = placed.get(id);
      tile.el.hidden = !r;
      tile.el.dataset.stage = String(id === onStageId);
      if (r)
        Object.assign(tile.el.style, {
          left: `${r.x}px`,
          top: `${r.y}px`,
          width: `${r.width}px`,
          height: `${r.height}px`
        });
      if (!tile.self)
        sizes.set(
          id,
          r ? { height: Math.round(r.height * dpr), visible: placed.size, onStage: id === onStageId } : null
        );
    }
    this.onPageChange(this.page, this.pages);
    this.onTileSizes(sizes);
  }

  /** Where each tile is drawn, for diagnostics and tests. */
  tileRects() {
    const box = this.container.getBoundingClientRect();
    return [...this.tiles.entries()].map(([id, tile]) => {
      const r = tile.el.getBoundingClientRect();
      return {
        id,
        self: tile.self,
        visible: !tile.el.hidden,
        stage: tile.el.dataset.stage === 'true',
        x: r.x - box.x,
        y: r.y - box.y,
        width: r.width,
        height: r.height,
        audio: tile.el.dataset.audio === 'true',
        video: tile.el.dataset.video === 'true',
        hand: tile.el.dataset.hand === 'true',
        name: tile.el.querySelector('.mosaic-label').textContent,
        micOffBadgeShown: getComputedStyle(tile.el.querySelector('.mosaic-mic-off')).display !== 'none',
        speaking: tile.el.dataset.speaking === 'true',
        activeSpeaker: tile.el.dataset.activeSpeaker === 'true',
        speakingOutlineShown: getComputedStyle(tile.el, '::after').boxShadow.includes('inset')
      };
    });
  }
}

function initials(name) {
  return String(name || '?')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join('');
}
