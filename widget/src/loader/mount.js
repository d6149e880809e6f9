import { BRIDGE, COMMANDS, isBridgeMessage } from './bridge-protocol.js';

/** Without a `ready` from the iframe by then, the meeting page was refused or unreachable. */
const READY_TIMEOUT_MS = 15000;
/** Host options forwarded to the app; anything else stays on the host page. */
const FORWARDED = [
  'displayName',
  'locale',
  'layout',
  'theme',
  'toolbar',
  'startAudioOff',
  'startVideoOff',
  'maxTiles',
  'prejoin',
  'passcode',
  'cameraResolution'
];

/**
 * Creates the meeting iframe inside `target` and returns a handle to talk to it (see mosaic.d.ts).
 * @param {string|HTMLElement} target CSS selector or element
 * @param {import('../../types/mosaic').MountOptions} options
 * @returns {import('../../types/mosaic').Meeting}
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
  // The token never goes in this URL (servers and proxies log URLs): it follows by postMessage.
  iframe.src = `${serverOrigin}/embed/${encodeURIComponent(options.room)}${options.testMode ? '?testMode=1' : ''}`;
  iframe.allow = 'camera; microphone; display-capture; autoplay; fullscreen';
  // The app needs its own origin (for its WebSocket and storage) and scripts; nothing else, no top navigation.
  iframe.setAttribute(
    'sandbox',
    'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox'
  );
  iframe.referrerPolicy = 'origin';
  iframe.title = options.title || 'Video meeting';
  iframe.style.cssText = 'border:0;width:100%;height:100%;min-height:360px;display:block';

  /** @type {Map<string, Set<Function>>} */
  const listeners = new Map();
  /** @type {Map<string, {resolve: Function, reject: Function}>} */
  const pending = new Map();
  /** Commands issued before the app is ready wait here. */
  const queued = [];
  let nextId = 1;
  let ready = false;
  let destroyed = false;

  const post = (message) => iframe.contentWindow?.postMessage({ mosaic: BRIDGE, ...message }, serverOrigin);
  /**
   * Screen capture needs a user gesture, which happened on the host page: lend it to the iframe
   * (capability delegation). Without a fresh gesture, or in browsers without delegation, the plain
   * message still goes and the browser decides.
   */
  const postWithGesture = (message) => {
    try {
      /** @type {WindowPostMessageOptions & {delegate: string}} Capability Delegation, not yet in the DOM types */
      const options = { targetOrigin: serverOrigin, delegate: 'display-capture' };
      iframe.contentWindow?.postMessage({ mosaic: BRIDGE, ...message }, options);
    } catch {
      post(message);
    }
  };

  function emit(name, detail) {
    for (const fn of listeners.get(name) || []) {
      try {
        fn(detail);
      } catch (e) {
        console.error(`Mosaic: a '${name}' listener threw`, e);
      }
    }
  }

  /** @param {MessageEvent} event */
  function onMessage(event) {
    // Only our own iframe, from the Mosaic server's origin, is listened to.
    if (event.source !== iframe.contentWindow || event.origin !== serverOrigin || !isBridgeMessage(event.data)) return;
    const msg = event.data;
    if (msg.kind === 'ready' && !ready) {
      ready = true;
      clearTimeout(readyTimer);
      const forwarded = Object.fromEntries(
        FORWARDED.filter((k) => options[k] !== undefined).map((k) => [k, options[k]])
      );
      post({ kind: 'init', options: { ...forwarded, token: options.token } });
      queued.splice(0).forEach(post);
    } else if (msg.kind === 'event' && typeof msg.name === 'string') {
      emit(msg.name, msg.detail);
    } else if (msg.kind === 'reply') {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (p)
        msg.error
          ? p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }))
          : p.resolve(msg.result);
    }
  }
  window.addEventListener('message', onMessage);
  const readyTimer = setTimeout(
    () =>
      emit('error', {
        code: 'frame_unavailable',
        message: `the meeting page at ${serverOrigin} did not load: check the server is up and lists ${location.origin} in its allowed origins`
      }),
    READY_TIMEOUT_MS
  );
  host.appendChild(iframe);

  /** Sends a command to the meeting app; resolves with its result. */
  function command(name, args) {
    if (destroyed)
      return Promise.reject(Object.assign(new Error('Mosaic: meeting was destroyed'), { code: 'destroyed' }));
    const id = String(nextId++);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const message = { kind: 'command', id, name, args };
      if (!ready) queued.push(message);
      else if (name === 'shareScreen') postWithGesture(message);
      else post(message);
    });
  }

  const meeting = {
    iframe,
    on(name, fn) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name).add(fn);
      return meeting;
    },
    off(name, fn) {
      listeners.get(name)?.delete(fn);
      return meeting;
    },
    /** Removes the iframe (which leaves the meeting) and rejects pending commands. */
    destroy() {
      destroyed = true;
      clearTimeout(readyTimer);
      window.removeEventListener('message', onMessage);
      for (const p of pending.values())
        p.reject(Object.assign(new Error('Mosaic: meeting was destroyed'), { code: 'destroyed' }));
      pending.clear();
      iframe.remove();
    }
  };
  for (const name of COMMANDS) meeting[name] = (...args) => command(name, args);
  // The loop above added one method per command, which is what makes it a whole Meeting.
  return /** @type {import('../../types/mosaic').Meeting} */ (meeting);
}
