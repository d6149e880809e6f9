// One WebSocket to the Mosaic server speaking protocol v1 (docs/protocol.md).

const PROTOCOL_VERSION = 1;

export class SignalingClient extends EventTarget {
  /** @param {string} url ws(s)://host/ws */
  constructor(url) {
    super();
    this.url = url;
    this.nextId = 1;
    /** @type {Map<string, {resolve: Function, reject: Function, expect: string[]}>} */
    this.pending = new Map();
    this.closedByUs = false;
  }

  /** Opens the socket; resolves once it is open. */
  connect() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url);
      this.ws = ws;
      ws.onopen = () => resolve();
      ws.onerror = () =>
        reject(Object.assign(new Error('could not reach the meeting server'), { code: 'unreachable' }));
      ws.onmessage = (e) => this.onText(e.data);
      ws.onclose = (e) => {
        for (const p of this.pending.values())
          p.reject(Object.assign(new Error('connection closed'), { code: 'connection_closed' }));
        this.pending.clear();
        this.dispatchEvent(
          new CustomEvent('close', { detail: { code: e.code, reason: e.reason, byUs: this.closedByUs } })
        );
      };
    });
  }

  get open() {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Sends a message without waiting for an answer. */
  send(type, fields = {}) {
    if (this.open) this.ws.send(JSON.stringify({ v: PROTOCOL_VERSION, type, ...fields }));
  }

  /** Sends a complete message (an E2EE message made by the session, `type` and `v` included). */
  sendMessage(message) {
    if (this.open) this.ws.send(JSON.stringify(message));
  }

  /**
   * Sends a message with a request id; resolves with the reply whose type is one of `expect`,
   * rejects on `error` (with its code) or when the socket closes first.
   * @param {string} type @param {object} fields @param {string|string[]} expect
   */
  request(type, fields, expect) {
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      if (!this.open) {
        reject(Object.assign(new Error('not connected'), { code: 'connection_closed' }));
        return;
      }
      this.pending.set(id, { resolve, reject, expect: [expect].flat() });
      this.send(type, { ...fields, id });
    });
  }

  onText(text) {
    let msg;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    const waiter = msg.id != null ? this.pending.get(msg.id) : undefined;
    if (waiter && (waiter.expect.includes(msg.type) || msg.type === 'error')) {
      this.pending.delete(msg.id);
      if (msg.type === 'error') waiter.reject(Object.assign(new Error(msg.message), { code: msg.code }));
      else waiter.resolve(msg);
      return;
    }
    this.dispatchEvent(new CustomEvent('message', { detail: msg }));
  }

  close() {
    this.closedByUs = true;
    this.ws?.close(1000, 'bye');
  }
}
