// DTLS fingerprint binding (docs/e2ee.md, "DTLS fingerprint binding"): each browser signs the SHA-256 of its DTLS
// certificate into its e2ee.hello; once a peer connection is up, the certificate the peer really
// presented must hash to that signed value. A server that terminates DTLS on both sides (a man in
// the middle of the media) presents its own certificate and fails this check.
import { equalBytes } from './bytes.js';

/** SHA-256 of a DER certificate (what `a=fingerprint:sha-256` and getFingerprints() carry). */
export async function certificateDigest(der) {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', der));
}

/**
 * @param {Uint8Array|null|undefined} signed the peer's dtlsFp from its verified hello; absent when the
 *   hello carried none (a client without WebRTC, which never has a peer connection)
 * @param {Uint8Array} presented SHA-256 of the certificate the peer presented in the DTLS handshake
 * @returns {'verified'|'mismatch'|'unbound'} unbound: a media connection with a peer that bound none
 */
export function dtlsVerdict(signed, presented) {
  if (!signed) return 'unbound';
  return equalBytes(signed, presented) ? 'verified' : 'mismatch';
}
