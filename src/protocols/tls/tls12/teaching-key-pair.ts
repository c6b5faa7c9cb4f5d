// The lab server's long-term RSA key pair and certificate, parsed once from the
// published teaching key. The same key serves both versions: in TLS 1.2 the
// client encrypts the premaster secret to it, in TLS 1.3 the server only signs
// with it.

import forge from 'node-forge';
import { TEACHING_CERTIFICATE_PEM, TEACHING_RSA_PRIVATE_KEY_PEM } from './teaching-key.fixture';

export interface TeachingKeyPair {
  readonly privateKey: forge.pki.rsa.PrivateKey;
  readonly publicKey: forge.pki.rsa.PublicKey;
  /** Length of the modulus in bytes (k in RFC 8017). */
  readonly modulusLength: number;
  /** The certificate, DER-encoded, as the Certificate message carries it. */
  readonly certificateDer: Uint8Array;
  /** PKCS #1 RSAPrivateKey, DER-encoded: the bytes a thief would copy. */
  readonly privateKeyDer: Uint8Array;
}

let cached: TeachingKeyPair | undefined;

function toDerBytes(asn1: forge.asn1.Asn1): Uint8Array {
  return forge.util.binary.raw.decode(forge.asn1.toDer(asn1).getBytes());
}

/** Returns the parsed teaching key pair; parsing runs once per module instance. */
export function loadTeachingKeyPair(): TeachingKeyPair {
  if (cached) return cached;

  const privateKey = forge.pki.privateKeyFromPem(TEACHING_RSA_PRIVATE_KEY_PEM);
  const certificate = forge.pki.certificateFromPem(TEACHING_CERTIFICATE_PEM);
  cached = {
    privateKey,
    publicKey: certificate.publicKey as forge.pki.rsa.PublicKey,
    modulusLength: Math.ceil(privateKey.n.bitLength() / 8),
    certificateDer: toDerBytes(forge.pki.certificateToAsn1(certificate)),
    privateKeyDer: toDerBytes(forge.pki.privateKeyToAsn1(privateKey)),
  };
  return cached;
}
