// The iframe side of the host-page bridge: receives `init` and commands from the embedding page,
// sends events back. Only the parent window, from an allowed origin, is listened to.
import { BRIDGE, isBridgeMessage } from '../../loader/bridge-protocol.js';

export class HostBridge {
  /** @param {string[]} allowedOrigins origins besides our own that may embed the meeting */
  constructor(allowedOrigins) {
    this.allowed = new Set([location.origin, ...allowedOrigins]);
    /** Origin of the host page once it has sent `init`; events go only there. */
    this.hostOrigin = null;
    /** @type {(name: string, args: any[]) => Promise<any>} */
    this.commandHandler = async (name) => {
      throw Object.assign(new Error(`unknown command ${name}`), { code: 'unknown_command' });
    };
    this.initWaiters = [];
    window.addEventListener('message', (e) => this.onMessage(e));
  }

  get embedded() {
    return window.parent !== window;
  }

  /** Announces the app to the host page and resolves with the options it sends back. */
  waitForInit() {
    const init = new Promise((resolve) => this.initWaiters.push(resolve));
    // 'ready' carries nothing secret, so any parent may see it; the reply is origin-checked.
    window.parent.postMessage({ mosaic: BRIDGE, kind: 'ready' }, '*');
    return init;
  }

  /** @param {MessageEvent} event */
  onMessage(event) {
    if (event.source !== window.parent || !isBridgeMessage(event.data)) return;
    if (!this.allowed.has(event.origin)) {
      console.warn(`Mosaic: ignored a message from ${event.origin}, which is not an allowed origin`);
      return;
    }
    const msg = event.data;
    if (msg.kind === 'init' && this.hostOrigin === null) {
      this.hostOrigin = event.origin;
      this.initWaiters.splice(0).forEach((resolve) => resolve(msg.options || {}));
    } else if (msg.kind === 'command' && event.origin === this.hostOrigin) {
      this.commandHandler(msg.name, Array.isArray(msg.args) ? msg.args : []).then(
        (result) => this.post({ kind: 'reply', id: msg.id, result: result ?? null }),
        (error) =>
          this.post({
            kind: 'reply',
            id: msg.id,
            error: { code: error.code || 'failed', message: String(error.message || error) }
          })
      );
    }
  }

  /** Sends an event to the host page's `on(name, fn)` listeners. */
  emit(name, detail) {
    this.post({ kind: 'event', name, detail: detail ?? null });
  }

  post(message) {
    if (this.hostOrigin) window.parent.postMessage({ mosaic: BRIDGE, ...message }, this.hostOrigin);
  }
}
