// Binds each peer connection of an end-to-end encrypted room to the DTLS certificate its peer
// signed into its e2ee.hello (docs/e2ee.md, "DTLS fingerprint binding"). One certificate serves every connection of the
// page, so one signed fingerprint covers them all.
import { certificateDigest, dtlsVerdict } from '../../e2ee/dtls-fingerprint.js';
import { fingerprintBytes } from '../../e2ee/hello.js';
import { equalBytes } from '../../e2ee/bytes.js';

let certificatePromise = null;

/** @type {EcKeyGenParams} */
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' };

/** This page's DTLS certificate (ECDSA P-256, as browsers make by default), created once. */
export const pageCertificate = () => (certificatePromise ??= RTCPeerConnection.generateCertificate(ECDSA_P256));

/** SHA-256 of a certificate of ours, as 32 bytes. @param {RTCCertificate} certificate */
export function certificateFingerprint(certificate) {
  const fp = certificate.getFingerprints().find((f) => f.algorithm === 'sha-256');
  return fingerprintBytes(fp.value);
}

/** SHA-256 of the certificate the peer presented, or null while no DTLS transport has one. */
async function presentedFingerprint(pc) {
  // Without a data channel there is no SCTP transport; media senders and receivers share the DTLS one.
  const transport =
    pc.sctp?.transport ?? [...pc.getSenders(), ...pc.getReceivers()].map((x) => x.transport).find(Boolean);
  const der = transport?.getRemoteCertificates?.()[0];
  return der ? certificateDigest(der) : null;
}

export class DtlsBinding {
  /** @param {{onMismatch: (peerId: string, verdict: 'mismatch'|'unbound') => void}} o */
  constructor({ onMismatch }) {
    this.onMismatch = onMismatch;
    /** peerId → the dtlsFp of its last verified hello (null when it had none) */
    this.signed = new Map();
    /** peerId → RTCPeerConnection */
    this.connections = new Map();
    /** peerId → the connection and fingerprint last verified, so a check is counted once */
    this.verifiedFor = new Map();
    this.verified = 0;
    this.mismatches = 0;
  }

  /** A verified hello from the peer: (re)check its connection against what it now signed. */
  hello(peerId, dtlsFp) {
    this.signed.set(peerId, dtlsFp ?? null);
    this.check(peerId);
  }

  /** A new peer connection: checked whenever it reaches 'connected'. */
  watch(peerId, pc) {
    this.connections.set(peerId, pc);
    pc.addEventListener('connectionstatechange', () => this.check(peerId));
  }

  forget(peerId) {
    this.signed.delete(peerId);
    this.connections.delete(peerId);
    this.verifiedFor.delete(peerId);
  }

  async check(peerId) {
    const pc = this.connections.get(peerId);
    if (!pc || pc.connectionState !== 'connected' || !this.signed.has(peerId)) return;
    const signed = this.signed.get(peerId);
    const presented = await presentedFingerprint(pc);
    if (!presented || this.connections.get(peerId) !== pc || this.signed.get(peerId) !== signed) return; // superseded meanwhile
    const verdict = dtlsVerdict(signed, presented);
    if (verdict === 'verified') {
      const last = this.verifiedFor.get(peerId);
      // By value: a repeated hello carries the same fingerprint in a new array, and is no new check.
      if (last?.pc === pc && equalBytes(last.signed, signed)) return;
      this.verifiedFor.set(peerId, { pc, signed });
      this.verified++;
      return;
    }
    this.mismatches++;
    this.connections.delete(peerId);
    this.verifiedFor.delete(peerId);
    this.onMismatch(peerId, verdict);
  }

  stats() {
    return { dtlsVerified: this.verified, dtlsMismatches: this.mismatches };
  }
}
