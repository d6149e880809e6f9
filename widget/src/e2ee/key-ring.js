// The meeting keys one participant holds (docs/e2ee.md, "Key ring"). A key is installed when delivered,
// so receivers can decrypt before senders switch; activate() switches the sending epoch; older
// epochs are deleted 10 s later. Epochs only move forward. The clock is injectable for tests.
import { equalBytes } from './bytes.js';
import { reject } from './errors.js';
import { chatKey, epochBitsOfKid, mediaFrameKey, mediaKid, requireMk, senderIndexOfKid } from './media-keys.js';

export const OLD_EPOCH_GRACE_MS = 10_000;

export class KeyRing {
  /** @param {{now?: () => number, graceMs?: number}} [options] */
  constructor({ now = () => Date.now(), graceMs = OLD_EPOCH_GRACE_MS } = {}) {
    this.now = now;
    this.graceMs = graceMs;
    /** @type {Map<number, {mk: Uint8Array, deleteAt: number|null, frameKeys: Map<number, Promise<any>>, chatKey: Promise<Uint8Array>|null}>} */
    this.epochs = new Map();
    this.activeEpoch = 0;
    this.newestInstalled = 0;
  }

  /** Holds MK for `epoch`; the same key again is harmless, an older or different one is 'stale'. */
  install(epoch, mk) {
    requireMk(mk);
    this.purge();
    const held = this.epochs.get(epoch);
    if (held && equalBytes(held.mk, mk)) return;
    if (epoch <= this.newestInstalled)
      reject('stale', `epoch ${epoch} is not newer than the newest key held (${this.newestInstalled})`);
    // KIDs carry 4 epoch bits: an epoch 16 older would share them, so it must go now.
    for (const e of [...this.epochs.keys()]) if ((e & 0xf) === (epoch & 0xf)) this.delete(e);
    this.epochs.set(epoch, { mk: mk.slice(), deleteAt: null, frameKeys: new Map(), chatKey: null });
    this.newestInstalled = epoch;
  }

  /** Switches sending to `epoch`; every older epoch is deleted graceMs from now. */
  activate(epoch) {
    this.purge();
    if (epoch <= this.activeEpoch)
      reject('stale', `epoch ${epoch} is not newer than the active epoch ${this.activeEpoch}`);
    if (!this.epochs.has(epoch)) reject('no_key', `cannot activate epoch ${epoch}: its key never arrived`);
    const deleteAt = this.now() + this.graceMs;
    for (const [e, held] of this.epochs) if (e < epoch && held.deleteAt === null) held.deleteAt = deleteAt;
    this.activeEpoch = epoch;
  }

  /** Epochs still held, oldest first. */
  heldEpochs() {
    this.purge();
    return [...this.epochs.keys()].sort((a, b) => a - b);
  }

  /** The held epoch a KID refers to (by its 4 epoch bits), or undefined. */
  epochForKid(kid) {
    this.purge();
    const bits = epochBitsOfKid(kid);
    let found;
    for (const e of this.epochs.keys()) if ((e & 0xf) === bits && (found === undefined || e > found)) found = e;
    return found;
  }

  hasKeyFor(kid) {
    return this.epochForKid(kid) !== undefined;
  }

  /** The key for a received frame's KID, or undefined when no held epoch matches. */
  frameKey(kid) {
    const epoch = this.epochForKid(kid);
    if (epoch === undefined) return undefined;
    const held = this.epochs.get(epoch);
    const k = Number(kid);
    if (!held.frameKeys.has(k)) held.frameKeys.set(k, mediaFrameKey(held.mk, epoch, senderIndexOfKid(k)));
    return held.frameKeys.get(k);
  }

  /** The key this participant sends with: the active epoch's, for its own sender index. */
  sendKey(senderIndex) {
    if (!this.activeEpoch) reject('no_key', 'no epoch is active yet');
    return this.frameKey(mediaKid(this.activeEpoch, senderIndex));
  }

  chatKey(epoch) {
    this.purge();
    const held = this.epochs.get(epoch);
    if (!held) reject('no_key', `no key held for epoch ${epoch}`);
    held.chatKey ??= chatKey(held.mk, epoch);
    return held.chatKey;
  }

  /** Deletes every key (on leave). */
  clear() {
    for (const e of [...this.epochs.keys()]) this.delete(e);
    this.activeEpoch = 0;
    this.newestInstalled = 0;
  }

  delete(epoch) {
    this.epochs.get(epoch)?.mk.fill(0);
    this.epochs.delete(epoch);
  }

  purge() {
    const now = this.now();
    for (const [e, held] of this.epochs) if (held.deleteAt !== null && now >= held.deleteAt) this.delete(e);
  }
}
