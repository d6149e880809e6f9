import { BRIDGE, isBridgeMessage } from './bridge-protocol.js';

/**
 * @typedef {object} MountOptions
 * @property {string} room         Room name (1-64 letters, digits, '-' or '_').
 * @property {string} token        Join token issued by your backend. Sent to the iframe by postMessage, never in a URL.
 * @property {string} [server]     Mosaic server origin; defaults to where mosaic.js was loaded from.
 * @property {string} [displayName] Name shown on your tile when the token carries none.
 */

/**
 * Creates the meeting iframe inside `target` and returns a handle to talk to it.
 * @param {string|HTMLElement} target CSS selector or element
 * @param {MountOptions} options
 */
export function mount(target, options) {
  const host = typeof target === 'string' ? document.querySelector(target) : target;
  if (!(host instanceof HTMLElement)) {
    throw new Error(`Mosaic.mount: no element matches ${String(target)}`);
  }
  if (!options || !/^[A-Za-z0-9_-]{1,64}$/.test(options.room || '')) {
    throw new Error("Mosaic.mount: options.room must be 1-64 letters, digits, '-' or '_'");
  }
  if (!options.token) {
    throw new Error('Mosaic.mount: options.token is required (issue one from your backend)');
  }
  const serverOrigin = new URL(options.server || location.origin).origin;

  const iframe = document.createElement('iframe');
  iframe.src = `${serverOrigin}/embed/${encodeURIComponent(options.room)}`;
  iframe.allow = 'camera; microphone; display-capture; autoplay; fullscreen';
  iframe.title = 'Video meeting';
  iframe.style.cssText = 'border:0;width:100%;height:100%;min-height:360px;display:block';

  /** @type {Map<string, Set<Function>>} */
  const listeners = new Map();
  /** @type {Map<string, {resolve: Function, reject: Function}>} */
  const pending = new Map();
  let nextId = 1;

  const post = (message) => iframe.contentWindow?.postMessage({ mosaic: BRIDGE, ...message }, serverOrigin);

  function emit(name, detail) {
    for (const fn of listeners.get(name) || []) {
      try { fn(detail); } catch (e) { console.error(`Mosaic: a '${name}' listener threw`, e); }
    }
  }

  /** @param {MessageEvent} event */
  function onMessage(event) {
    // Only our own iframe, from the Mosaic server's origin, is listened to.
    if (event.source !== iframe.contentWindow || event.origin !== serverOrigin || !isBridgeMessage(event.data)) return;
    const msg = event.data;
    if (msg.kind === 'ready') {
      post({ kind: 'init', options: { token: options.token, displayName: options.displayName || null } });
    } else if (msg.kind === 'event') {
      emit(msg.name, msg.detail);
    } else if (msg.kind === 'reply') {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (p) msg.error ? p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code })) : p.resolve(msg.result);
    }
  }
  window.addEventListener('message', onMessage);
  host.appendChild(iframe);

  /** Sends a command to the meeting app; resolves with its result. */
  function command(name, args = []) {
    const id = String(nextId++);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      post({ kind: 'command', id, name, args });
    });
  }

  return {
    iframe,
    /** @param {string} name @param {(detail: any) => void} fn */
    on(name, fn) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name).add(fn);
      return this;
    },
    /** @param {string} name @param {(detail: any) => void} fn */
    off(name, fn) {
      listeners.get(name)?.delete(fn);
      return this;
    },
    toggleAudio: () => command('toggleAudio'),
    toggleVideo: () => command('toggleVideo'),
    leave: () => command('leave'),
    /** Leaves and removes the iframe. */
    destroy() {
      window.removeEventListener('message', onMessage);
      for (const p of pending.values()) p.reject(new Error('Mosaic: meeting was destroyed'));
      pending.clear();
      iframe.remove();
    },
  };
}
