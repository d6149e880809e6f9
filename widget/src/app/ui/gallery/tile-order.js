// Which participant goes in which gallery slot. Pure: fed ids, returns ids.

/**
 * Orders tiles for the gallery with "visual stability": tiles keep their place from one call to the
 * next; self, the pinned participant and the screen sharer lead; a recent speaker who is not on page
 * one swaps places with the last ordinary tile of page one (rather than shifting everybody), as
 * LiveKit's pagination does.
 * @param {object} o
 * @param {string[]} o.previous   the order returned last time (ids may have left since)
 * @param {string[]} o.present    ids present now, in join order (self included)
 * @param {string|null} [o.selfId]
 * @param {string|null} [o.pinnedId]
 * @param {string|null} [o.sharerId]
 * @param {string[]} [o.speakers] recent speakers, most recent first
 * @param {number} o.pageSize
 * @returns {string[]}
 */
export function orderTiles({
  previous,
  present,
  selfId = null,
  pinnedId = null,
  sharerId = null,
  speakers = [],
  pageSize
}) {
  const here = new Set(present);
  const order = previous.filter((id) => here.has(id));
  for (const id of present) if (!order.includes(id)) order.push(id);

  const leaders = [selfId, pinnedId, sharerId].filter((id, i, all) => id && here.has(id) && all.indexOf(id) === i);
  const rest = order.filter((id) => !leaders.includes(id));
  const result = [...leaders, ...rest];

  const size = Math.max(1, pageSize);
  const protectedIds = new Set(leaders);
  for (const speaker of speakers
    .filter((id) => here.has(id) && !protectedIds.has(id))
    .slice(0, Math.max(0, size - leaders.length))) {
    protectedIds.add(speaker);
    const at = result.indexOf(speaker);
    if (at < size) continue;
    // Swap with the last page-one tile that is neither a leader nor a speaker.
    for (let slot = Math.min(size, result.length) - 1; slot >= 0; slot--) {
      if (!protectedIds.has(result[slot])) {
        [result[slot], result[at]] = [result[at], result[slot]];
        break;
      }
    }
  }
  return result;
}

/** The ids on page `page` (0-based) of an ordered list. */
export function pageOf(order, page, pageSize) {
  const size = Math.max(1, pageSize);
  return order.slice(page * size, page * size + size);
}

/**
 * Who takes the stage of the speaker layout: the pinned participant, else the one sharing a screen,
 * else the most recent speaker other than yourself (while you talk, the stage keeps the person you
 * were listening to), else the first other participant.
 * @param {object} o
 * @param {string[]} o.present   ids present now, in join order (self included)
 * @param {string|null} [o.selfId]
 * @param {string|null} [o.pinnedId]
 * @param {string|null} [o.sharerId]
 * @param {string[]} [o.speakers] recent speakers, most recent first
 * @returns {string|null}
 */
export function stageParticipant({ present, selfId = null, pinnedId = null, sharerId = null, speakers = [] }) {
  const here = new Set(present);
  const speaker = speakers.find((id) => id !== selfId && here.has(id));
  return (
    [pinnedId, sharerId, speaker].find((id) => id && here.has(id)) ??
    present.find((id) => id !== selfId) ??
    present[0] ??
    null
  );
}
