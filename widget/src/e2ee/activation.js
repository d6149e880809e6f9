// What e2ee.activate signs: "WMX1 activate" ‖ u32(epoch) ‖ rosterHash.
import { ByteWriter } from './bytes.js';
import { requireValidSignature, sign } from './identity-key.js';

export const activationBytes = (epoch, rosterHash) =>
  new ByteWriter().label('WMX1 activate').u32(epoch).bytes(rosterHash).toBytes();

export const signActivation = async (leader, epoch, rosterHash) => sign(leader, activationBytes(epoch, rosterHash));

export const verifyActivation = async (leaderIk, epoch, rosterHash, sig) =>
  requireValidSignature(leaderIk, activationBytes(epoch, rosterHash), sig, `activation of epoch ${epoch}`);
