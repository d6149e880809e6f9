// The leader's signed member list per epoch (docs/e2ee.md, "Pieces": roster, and "Session"), chained by hash:
//   rosterHash = SHA-256("WMX1 roster" ‖ lp(roomId) ‖ lp(sessionId) ‖ u32(epoch) ‖ prevRosterHash
//                        ‖ for members sorted by participantId: lp(id) ‖ u16(senderIndex) ‖ ik ‖ lp(name))
// Members sort by UTF-16 code units: JavaScript's default string order and Java's compareTo.
import { ByteWriter } from './bytes.js';
import { reject } from './errors.js';
import { requireValidSignature, sign } from './identity-key.js';

/** prevRosterHash of a session's first roster. */
export const GENESIS = new Uint8Array(32);

/**
 * @typedef {{participantId: string, senderIndex: number, ik: Uint8Array, name: string}} RosterMember name: as the member signed it in its hello
 * @typedef {{roomId: string, sessionId: string, epoch: number, leaderId: string, members: RosterMember[], prevRosterHash: Uint8Array}} Roster
 */

export const byParticipantId = (a, b) =>
  a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0;

/** Members in hash order; refuses duplicates, bad fields and a leader missing from its roster. */
export function sortedMembers(roster) {
  if (!Number.isInteger(roster.epoch) || roster.epoch < 1 || roster.epoch > 0xffffffff)
    reject('malformed', 'epoch must be a u32 starting at 1');
  if (!(roster.prevRosterHash instanceof Uint8Array) || roster.prevRosterHash.length !== 32)
    reject('malformed', 'prevRosterHash must be 32 bytes');
  const members = [...roster.members].sort(byParticipantId);
  const ids = new Set();
  const indexes = new Set();
  for (const m of members) {
    if (!m.participantId || !(m.ik instanceof Uint8Array) || m.ik.length !== 32)
      reject('malformed', 'roster member needs a participantId and a 32-byte ik');
    if (typeof m.name !== 'string') reject('malformed', `roster member ${m.participantId} without a name`);
    if (!Number.isInteger(m.senderIndex) || m.senderIndex < 0 || m.senderIndex > 0xffff)
      reject('malformed', `senderIndex is a u16: ${m.senderIndex}`);
    if (ids.has(m.participantId) || indexes.has(m.senderIndex))
      reject('malformed', `roster lists ${m.participantId} or sender index ${m.senderIndex} twice`);
    ids.add(m.participantId);
    indexes.add(m.senderIndex);
  }
  if (!ids.has(roster.leaderId)) reject('malformed', `the leader ${roster.leaderId} is not in its own roster`);
  return members;
}

/** @param {Roster} roster */
export async function rosterHash(roster) {
  const w = new ByteWriter()
    .label('WMX1 roster')
    .lp(roster.roomId)
    .lp(roster.sessionId)
    .u32(roster.epoch)
    .bytes(roster.prevRosterHash);
  for (const m of sortedMembers(roster)) w.lp(m.participantId).u16(m.senderIndex).bytes(m.ik).lp(m.name);
  return w.sha256();
}

export const rosterMember = (roster, participantId) => roster.members.find((m) => m.participantId === participantId);

/** Ed25519(IK_leader, rosterHash). */
export async function signRoster(leader, roster) {
  return sign(leader, await rosterHash(roster));
}

/** Checks the signature with the ik the roster lists for its own leader. */
export async function verifyRoster(roster, sig) {
  const hash = await rosterHash(roster);
  await requireValidSignature(rosterMember(roster, roster.leaderId).ik, hash, sig, `roster of epoch ${roster.epoch}`);
  return hash;
}
