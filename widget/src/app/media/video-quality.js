// Tile size → the video a receiver asks for, and that request → the encoder settings a sender applies.
// Thresholds as docs/gallery.md describes them; bitrates follow LiveKit's presets for 180p, 360p and 720p.

const BITRATE_BY_HEIGHT = [
  [180, 160_000],
  [360, 450_000],
  [720, 1_700_000]
];

/**
 * The height (px) and frame rate a receiver asks a sender for, given the tile it shows that sender in.
 * @param {number} tileHeight  tile height in device pixels
 * @param {number} visibleTiles tiles on screen; more than two caps everyone at 360p
 * @param {boolean} [onStage]   the tile is the main stage (speaker view or screen share)
 */
export function requestedVideo(tileHeight, visibleTiles, onStage = false) {
  let maxHeight = tileHeight >= 540 ? 720 : tileHeight >= 270 ? 360 : 180;
  if (visibleTiles > 2 && !onStage) maxHeight = Math.min(maxHeight, 360);
  return { maxHeight, maxFps: maxHeight <= 180 ? 15 : 30 };
}

/**
 * Encoding parameters for one peer's video sender from that peer's request.
 * @param {object} o
 * @param {number} o.captureHeight height of the camera (or screen) track
 * @param {number} o.maxHeight     largest tile height the peer shows us at
 * @param {number} o.maxFps
 * @param {boolean} o.active        false when we are on none of the peer's visible pages
 */
export function senderEncoding({ captureHeight, maxHeight, maxFps, active }) {
  const height = Math.max(1, Math.min(captureHeight || maxHeight, maxHeight));
  // The preset of the largest standard height the picture reaches (480 lines get the 360p budget).
  const bitrate = [...BITRATE_BY_HEIGHT].reverse().find(([h]) => height >= h)?.[1] ?? BITRATE_BY_HEIGHT[0][1];
  return {
    active: !!active,
    scaleResolutionDownBy: Math.max(1, (captureHeight || maxHeight) / maxHeight),
    maxBitrate: bitrate,
    maxFramerate: maxFps
  };
}
