// What a receiver asks the SFU for: from the gallery's tile sizes and the feeds published in the room
// to the declarative `sfu.subscribe` want list (docs/protocol.md). Pure functions, no WebRTC.
import { requestedVideo } from './video-quality.js';

/** Simulcast layers the publisher sends, by the height they reach on a 720p camera. */
const LAYER_BY_HEIGHT = { 180: 'low', 360: 'medium', 720: 'high' };

/**
 * The layer a tile needs: the same thresholds as the mesh's view.constraints (video-quality.js), so a
 * tile looks the same over either transport; the stage always gets the high layer.
 * @param {{height: number, visible: number, onStage: boolean}|null} size null: the tile is off the page
 * @returns {'low'|'medium'|'high'|'audio-only'}
 */
export function layerForTile(size) {
  if (!size) return 'audio-only';
  if (size.onStage) return 'high';
  return LAYER_BY_HEIGHT[requestedVideo(size.height, size.visible, false).maxHeight];
}

/**
 * The full set we want now. Everyone published is heard (off-page tiles as `audio-only`, so a class
 * of 49 costs only the page's video); a feed without video is `audio-only` whatever its tile; a
 * screen share is shown on the stage, so it gets the stage's layer, and the sharer's camera is then
 * only heard (their tile shows the screen). Sorted, so an unchanged set
 * compares equal and is not sent again.
 * @param {object} o
 * @param {{participantId: string, source: string, video?: boolean, audio?: boolean}[]} o.feeds from `sfu.feeds`
 * @param {Map<string, {height: number, visible: number, onStage: boolean}|null>} o.sizes from the gallery, by participant
 * @param {string|null} o.selfId our own feeds are never subscribed
 */
export function wantList({ feeds, sizes, selfId }) {
  const want = [];
  // A sharer's tile shows the screen instead of the camera (as in the mesh): their camera is only heard.
  const sharing = new Set(feeds.filter((f) => f.source === 'screen' && f.video !== false).map((f) => f.participantId));
  for (const feed of feeds) {
    if (feed.participantId === selfId) continue;
    const size = sizes.get(feed.participantId) ?? null;
    let layer = feed.video === false || sharing.has(feed.participantId) ? 'audio-only' : layerForTile(size);
    if (feed.source === 'screen') {
      if (!size) continue; // a share has no sound of its own: off the page it costs nothing
      layer = 'high';
    }
    want.push({ participantId: feed.participantId, source: feed.source, layer });
  }
  return want.sort((a, b) => (a.participantId + a.source).localeCompare(b.participantId + b.source));
}

/** Whether two want lists ask for the same thing. */
export function sameWants(a, b) {
  return (
    a.length === b.length &&
    a.every((w, i) => w.participantId === b[i].participantId && w.source === b[i].source && w.layer === b[i].layer)
  );
}
