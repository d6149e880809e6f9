// What an e2ee.hello signs (docs/e2ee.md, "Pieces": hello binding): the join's X25519 key and, in browsers, the
// DTLS certificate fingerprint, bound to the sender's identity key together with the display name the server
// gave the sender (so a server cannot show another name next to an honest key unnoticed).
// bind = "WMX1-bind" ‖ lp(roomId) ‖ lp(sessionId) ‖ lp(participantId) ‖ lp(name) ‖ lp(ek) ‖ lp(dtlsFp)
import { ByteWriter } from './bytes.js';
import { reject } from './errors.js';
import { requireValidSignature, sign } from './identity-key.js';

/**
 * @param {{roomId: string, sessionId: string, participantId: string, name: string, ek: Uint8Array, dtlsFp?: Uint8Array}} hello
 *   name: the sender's display name as `joined` gave it; dtlsFp: SHA-256 of the DTLS certificate (32 bytes); empty or absent for SDK clients without WebRTC
 */
export function helloBinding({ roomId, sessionId, participantId, name, ek, dtlsFp }) {
  if (typeof name !== 'string') reject('malformed', 'hello without a name');
  if (!(ek instanceof Uint8Array) || ek.length !== 32) reject('malformed', 'hello ek must be a 32-byte X25519 key');
  return new ByteWriter()
    .label('WMX1-bind')
    .lp(roomId)
    .lp(sessionId)
    .lp(participantId)
    .lp(name)
    .lp(ek)
    .lp(dtlsFp ?? new Uint8Array(0))
    .toBytes();
}

export const signHello = async (identity, hello) => sign(identity, helloBinding(hello));

/** Checks the hello's `sig` with the `ik` it carries; rejects with bad_signature. */
export const verifyHello = async (ik, hello, sig) =>
  requireValidSignature(ik, helloBinding(hello), sig, `hello from ${hello.participantId}`);

/** "AB:CD:…" as in a=fingerprint / RTCCertificate.getFingerprints() → 32 bytes. */
export function fingerprintBytes(colonHex) {
  const hex = colonHex.replace(/:/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) reject('malformed', 'DTLS fingerprint must be a SHA-256 (32 bytes)');
  return Uint8Array.from(hex.match(/../g), (h) => parseInt(h, 16));
}
