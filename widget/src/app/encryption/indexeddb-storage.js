// IndexedDB behind the TrustStore, in the iframe's own origin (the host page cannot read it). A
// non-extractable CryptoKey is stored as is: structured clone keeps it usable and still unexportable.
const DB_NAME = 'mosaic-e2ee';
const STORES = ['identity', 'pins'];

const done = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** @returns {Promise<import('../../e2ee/trust-store.js').KeyValueStore>} rejects where IndexedDB is unavailable */
export async function openIndexedDbStorage() {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => {
    for (const name of STORES) if (!open.result.objectStoreNames.contains(name)) open.result.createObjectStore(name);
  };
  const db = await done(open);
  const tx = (store, mode) => db.transaction(store, mode).objectStore(store);
  return {
    get: (store, key) => done(tx(store, 'readonly').get(key)),
    put: (store, key, value) => done(tx(store, 'readwrite').put(value, key)).then(() => {})
  };
}
