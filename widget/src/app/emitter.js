// A small typed-by-convention event emitter for the app's layers (session, room model, transports).
// Listeners run synchronously in the order they subscribed, so a layer's events keep the order of
// the changes that caused them; a throwing listener is reported and does not stop the others.

export class Emitter {
  constructor() {
    /** @type {Map<string, Set<Function>>} */
    this.listeners = new Map();
  }

  /** Subscribes; returns a function that unsubscribes. @param {string} name @param {(detail: any) => void} fn */
  on(name, fn) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(fn);
    return () => this.listeners.get(name)?.delete(fn);
  }

  /** @param {string} name @param {any} [detail] */
  emit(name, detail) {
    for (const fn of [...(this.listeners.get(name) || [])]) {
      try {
        fn(detail);
      } catch (e) {
        console.error(`Mosaic: a '${name}' listener failed`, e);
      }
    }
  }
}
