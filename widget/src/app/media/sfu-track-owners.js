// Whose tile each received track plays on, after every subscriber offer. Janus recycles the m-lines
// of feeds we stopped receiving for the ones we start receiving (turning a page of a class): a mid
// then carries another participant's video on the same receiver track, and Chrome fires no new
// `track` event for it. So the streams are reconciled with the offer's track list (mid → owner)
// rather than built from track events alone. Pure: fed transceivers and streams, returns the moves.

/**
 * @param {object} o
 * @param {{mid: string|null, track: any, active: boolean}[]} o.receivers the subscriber's transceivers
 *        (`active`: receiving after the last negotiation)
 * @param {Map<string, {participantId: string}>} o.owners mid → owner, from the latest `sfu.offer`
 * @param {Map<string, {getTracks(): any[]}>} o.streams what each participant's tile plays now
 * @returns {{add: {id: string, receiver: object}[], remove: {id: string, track: any}[]}} tracks to
 *          move into their owner's stream, and tracks to take out of a stream no longer theirs
 */
export function reconcileTracks({ receivers, owners, streams }) {
  /** @type {Map<any, string|null>} track → the participant it carries now (null: nobody) */
  const ownerOf = new Map();
  for (const r of receivers) {
    if (!r.track) continue;
    const owner = r.active && r.mid != null ? owners.get(String(r.mid)) : undefined;
    ownerOf.set(r.track, owner ? owner.participantId : null);
  }
  const remove = [];
  for (const [id, stream] of streams)
    for (const track of stream.getTracks())
      // Only tracks of these receivers are ours to judge; anything else is left where it is.
      if (ownerOf.has(track) && ownerOf.get(track) !== id) remove.push({ id, track });
  const add = [];
  for (const r of receivers) {
    const id = r.track ? ownerOf.get(r.track) : null;
    if (id && !streams.get(id)?.getTracks().includes(r.track)) add.push({ id, receiver: r });
  }
  return { add, remove };
}
