// What a browser keeps across meetings (docs/e2ee.md, "Identity across visits"): its own identity key, so others
// can recognise it, and the identity key each known user presented last (trust on first use).
// The storage is passed in, so node tests use a Map and the widget uses IndexedDB.
import { equalBytes } from './bytes.js';
import { generateIdentityKey } from './identity-key.js';

/**
 * @typedef {object} KeyValueStore
 * @property {(store: 'identity'|'pins', key: string) => Promise<any>} get
 * @property {(store: 'identity'|'pins', key: string, value: any) => Promise<void>} put
 */

export class TrustStore {
  /** @param {KeyValueStore} storage @param {() => Promise<import('./identity-key.js').IdentityKey>} [generate] */
  constructor(storage, generate = generateIdentityKey) {
    this.storage = storage;
    this.generate = generate;
  }

  /** The identity kept from an earlier visit, or a new one, kept for the next. */
  async identity() {
    const kept = await this.storage.get('identity', 'self');
    if (kept?.privateKey && kept.publicKey instanceof Uint8Array && kept.publicKey.length === 32) return kept;
    const fresh = await this.generate();
    await this.storage.put('identity', 'self', { privateKey: fresh.privateKey, publicKey: fresh.publicKey });
    return fresh;
  }

  /**
   * Pins `ik` for `userId`. 'changed' means the user presented another key before: warn, then the
   * new key is pinned (the warning is not repeated for it).
   * @returns {Promise<'first_seen'|'same'|'changed'>}
   */
  async pinUser(userId, ik) {
    const previous = await this.storage.get('pins', userId);
    if (previous instanceof Uint8Array && equalBytes(previous, ik)) return 'same';
    await this.storage.put('pins', userId, ik.slice());
    return previous instanceof Uint8Array ? 'changed' : 'first_seen';
  }
}

/** A Map-backed store: for tests, and the fallback when IndexedDB is not available. */
export function memoryStorage() {
  const stores = { identity: new Map(), pins: new Map() };
  return {
    get: async (store, key) => stores[store].get(key),
    put: async (store, key, value) => void stores[store].set(key, value)
  };
}
