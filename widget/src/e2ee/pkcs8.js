// Raw 32-byte private keys of the RFC 8410 curves (X25519, Ed25519) as WebCrypto takes them: it imports a
// private key only as PKCS#8, so the raw key goes inside that DER wrapping (RFC 8410 §7).

/** The last byte of each curve's OID, 1.3.101.110 (X25519) and 1.3.101.112 (Ed25519): all that differs. */
const OID_LAST_BYTE = { X25519: 0x6e, Ed25519: 0x70 };

/**
 * @param {'X25519'|'Ed25519'} curve
 * @param {Uint8Array} raw the 32-byte private key (seed)
 * @returns {Uint8Array<ArrayBuffer>} its PKCS#8 DER: SEQUENCE { version 0, AlgorithmIdentifier { OID }, OCTET STRING { OCTET STRING raw } }
 */
export function pkcs8PrivateKey(curve, raw) {
  const der = new Uint8Array(48);
  der.set([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, OID_LAST_BYTE[curve]]);
  der.set([0x04, 0x22, 0x04, 0x20], 12);
  der.set(raw, 16);
  return der;
}
