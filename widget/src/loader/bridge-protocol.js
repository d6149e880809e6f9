// Shape of the messages between the host page's loader and the meeting app in the iframe.
// Every message is an object with `mosaic: 1` so unrelated postMessage traffic is ignored.

/** Protocol marker and version of the host bridge. */
export const BRIDGE = 1;

/** @param {unknown} data */
export function isBridgeMessage(data) {
  return typeof data === 'object' && data !== null && /** @type {any} */ (data).mosaic === BRIDGE;
}
