// The server certificate and CertificateVerify (RFC 8446 §4.4.2-4.4.3):
// reading the X.509 fields a learner looks at, building the signed content and
// checking the signature with rsa_pss_rsae_sha256 or ed25519. DER decoding,
// RSA-PSS and Ed25519 come from node-forge and @noble/curves, all synchronous.
//
// NOTE: @peculiar/x509 2.2.0 throws at import unless a Reflect metadata
// polyfill (such as reflect-metadata) is loaded first, and none is installed,
// so this module reads certificates with node-forge's ASN.1 decoder instead.

import forge from 'node-forge';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../bytes';
import { tlsError } from './errors';
import { layoutBytes, piece, type Layout, type LaidOutBytes } from './wire-layout';

const ED25519_OID = '1.3.101.112';
const RSA_ENCRYPTION_OID = '1.2.840.113549.1.1.1';

/** RFC 8446 §4.2.3 SignatureScheme code points this module can verify. */
export const RSA_PSS_RSAE_SHA256 = 0x0804;
export const ED25519_SCHEME = 0x0807;

export type CertificatePublicKey =
  | {
      readonly algorithm: 'RSA';
      readonly bits: number;
      readonly modulus: string;
      readonly exponent: number;
    }
  | { readonly algorithm: 'Ed25519'; readonly bits: 256; readonly raw: Uint8Array }
  | { readonly algorithm: 'other'; readonly oid: string };

export interface ParsedCertificate {
  readonly der: Uint8Array;
  /** X.509 version number as people write it: 3 for v3. */
  readonly version: number;
  readonly serialNumber: string;
  readonly signatureAlgorithm: string;
  readonly issuer: string;
  readonly subject: string;
  /** ISO 8601 instants, so a scenario stays plain data. */
  readonly notBefore: string;
  readonly notAfter: string;
  readonly publicKey: CertificatePublicKey;
  readonly subjectPublicKeyInfo: Uint8Array;
  /** The DER of TBSCertificate, the part the issuer signed. */
  readonly tbsCertificate: Uint8Array;
  readonly signature: Uint8Array;
  readonly selfIssued: boolean;
}

const toBinary = (bytes: Uint8Array): string => forge.util.binary.raw.encode(bytes);

// NOTE: @types/node-forge declares only the boolean `strict` argument, but
// node-forge 1.x also takes an options object. decodeBitStrings: false keeps
// each BIT STRING as its raw bytes (a signature, an Ed25519 key).
const fromDer = forge.asn1.fromDer as unknown as (
  bytes: string,
  options: { strict: boolean; decodeBitStrings: boolean },
) => forge.asn1.Asn1;
const fromBinary = (binary: string): Uint8Array => forge.util.binary.raw.decode(binary);

/** Returns the byte length of the DER element at `offset`: its header plus its content. */
function derElementLength(der: Uint8Array, offset: number): number {
  const first = der[offset + 1];
  if (first === undefined) throw new RangeError('DER element header runs past the end');
  if (first < 0x80) return 2 + first;

  const lengthBytes = first & 0x7f;
  let length = 0;
  for (let i = 0; i < lengthBytes; i++) length = length * 256 + (der[offset + 2 + i] ?? 0);
  return 2 + lengthBytes + length;
}

/** Returns the outer header length of the DER element at `offset`. */
function derHeaderLength(der: Uint8Array, offset: number): number {
  const first = der[offset + 1] ?? 0;
  return first < 0x80 ? 2 : 2 + (first & 0x7f);
}

const shortNames: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

/** Formats an X.501 Name (SEQUENCE OF SET OF AttributeTypeAndValue) as "CN=rsa, O=...". */
function formatName(name: forge.asn1.Asn1): string {
  return children(name, 'Name')
    .flatMap((set) => children(set, 'RelativeDistinguishedName'))
    .map((attribute) => {
      const [type, value] = children(attribute, 'AttributeTypeAndValue');
      const oid = forge.asn1.derToOid(type!.value as string);
      return `${shortNames[oid] ?? oidName(oid)}=${forge.util.decodeUtf8(value!.value as string)}`;
    })
    .join(', ');
}

function readTime(node: forge.asn1.Asn1): string {
  const value = node.value as string;
  const date =
    node.type === forge.asn1.Type.UTCTIME
      ? forge.asn1.utcTimeToDate(value)
      : forge.asn1.generalizedTimeToDate(value);
  return date.toISOString();
}

function children(node: forge.asn1.Asn1 | undefined, structure: string): forge.asn1.Asn1[] {
  if (!node || !Array.isArray(node.value)) {
    throw tlsError(
      'invalid-certificate',
      `certificate: ${structure} is not a constructed ASN.1 value`,
      { structure },
    );
  }
  return node.value;
}

function oidName(oid: string): string {
  if (oid === ED25519_OID) return 'Ed25519';
  return (forge.pki.oids as Record<string, string | undefined>)[oid] ?? oid;
}

function readPublicKey(spkiDer: Uint8Array, spki: forge.asn1.Asn1): CertificatePublicKey {
  const [algorithm, bitString] = children(spki, 'subjectPublicKeyInfo');
  const oid = forge.asn1.derToOid(children(algorithm, 'algorithm')[0]!.value as string);

  if (oid === RSA_ENCRYPTION_OID) {
    const key = forge.pki.publicKeyFromAsn1(
      forge.asn1.fromDer(toBinary(spkiDer)),
    ) as forge.pki.rsa.PublicKey;
    return {
      algorithm: 'RSA',
      bits: key.n.bitLength(),
      modulus: key.n.toString(16),
      exponent: key.e.intValue(),
    };
  }

  if (oid === ED25519_OID) {
    // RFC 8410 §4: the BIT STRING contains the 32-byte key after its unused-bits byte.
    const raw = fromBinary(bitString!.value as string).slice(1);
    return { algorithm: 'Ed25519', bits: 256, raw };
  }
  return { algorithm: 'other', oid };
}

/** Reads a DER X.509 certificate; throws `invalid-certificate` when the bytes are not one. */
export function parseCertificateDer(der: Uint8Array): ParsedCertificate {
  let root: forge.asn1.Asn1;
  try {
    root = fromDer(toBinary(der), { strict: true, decodeBitStrings: false });
  } catch (cause) {
    throw tlsError('invalid-certificate', `certificate: not DER (${String(cause)})`, {
      structure: 'certificate',
      offset: 0,
    });
  }

  const [tbs, signatureAlgorithm, signatureValue] = children(root, 'Certificate');
  const tbsFields = children(tbs, 'tbsCertificate');
  const hasVersion = tbsFields[0]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC;
  const [serial, , issuer, validity, subject, spki] = tbsFields.slice(hasVersion ? 1 : 0);
  const versionNumber = hasVersion
    ? forge.asn1.derToInteger(children(tbsFields[0], 'version')[0]!.value as string)
    : 0;
  const [notBefore, notAfter] = children(validity, 'validity');

  const tbsStart = derHeaderLength(der, 0);
  const tbsCertificate = der.slice(tbsStart, tbsStart + derElementLength(der, tbsStart));
  const spkiDer = fromBinary(forge.asn1.toDer(spki!).getBytes());

  return {
    der,
    version: versionNumber + 1,
    serialNumber: toHex(fromBinary(serial!.value as string)),
    signatureAlgorithm: oidName(
      forge.asn1.derToOid(children(signatureAlgorithm, 'signatureAlgorithm')[0]!.value as string),
    ),
    issuer: formatName(issuer!),
    subject: formatName(subject!),
    notBefore: readTime(notBefore!),
    notAfter: readTime(notAfter!),
    publicKey: readPublicKey(spkiDer, spki!),
    subjectPublicKeyInfo: spkiDer,
    tbsCertificate,
    signature: fromBinary(signatureValue!.value as string).slice(1),
    selfIssued: formatName(issuer!) === formatName(subject!),
  };
}

/** Checks a self-issued certificate's signature with its own key (sha256WithRSAEncryption or Ed25519). */
export function isSelfSignatureValid(certificate: ParsedCertificate): boolean {
  const key = certificate.publicKey;
  if (key.algorithm === 'Ed25519') {
    return ed25519.verify(certificate.signature, certificate.tbsCertificate, key.raw, {
      zip215: false,
    });
  }
  if (key.algorithm === 'RSA' && certificate.signatureAlgorithm === 'sha256WithRSAEncryption') {
    const publicKey = forge.pki.setRsaPublicKey(
      new forge.jsbn.BigInteger(key.modulus, 16),
      new forge.jsbn.BigInteger(String(key.exponent), 10),
    );
    try {
      return publicKey.verify(
        toBinary(sha256(certificate.tbsCertificate)),
        toBinary(certificate.signature),
      );
    } catch {
      return false;
    }
  }
  return false;
}

/** RFC 8446 §4.4.3: the context string a server signs; a client uses "TLS 1.3, client CertificateVerify". */
export const SERVER_CERTIFICATE_VERIFY_CONTEXT = 'TLS 1.3, server CertificateVerify';

/** The span `field` names of the signed content, matching the inputs of its computation. */
export const signedContentFields = {
  padding: 'padding',
  context: 'context string',
  separator: 'separator',
  transcriptHash: 'transcript hash',
} as const;

/**
 * RFC 8446 §4.4.3: 64 bytes of 0x20, the context string, one 0x00 byte, then
 * Transcript-Hash(Handshake Context, Certificate). The padding keeps a TLS 1.3
 * signature from matching a prefix that older TLS versions sign.
 */
export function encodeCertificateVerifyContent(
  transcriptHash: Uint8Array,
  context = SERVER_CERTIFICATE_VERIFY_CONTEXT,
): LaidOutBytes & { readonly layout: Layout } {
  const layout: Layout = [
    piece('64 spaces (0x20)', new Uint8Array(64).fill(0x20), signedContentFields.padding),
    piece(`"${context}"`, new TextEncoder().encode(context), signedContentFields.context),
    piece('separator 0x00', new Uint8Array(1), signedContentFields.separator),
    piece(
      'Transcript-Hash(ClientHello..Certificate)',
      transcriptHash,
      signedContentFields.transcriptHash,
    ),
  ];
  return { ...layoutBytes(layout), layout };
}

/** Verifies a CertificateVerify signature over `content` with the certificate's key. */
export function verifyCertificateVerifySignature(
  publicKey: CertificatePublicKey,
  scheme: number,
  signature: Uint8Array,
  content: Uint8Array,
): boolean {
  if (scheme === ED25519_SCHEME && publicKey.algorithm === 'Ed25519') {
    try {
      return ed25519.verify(signature, content, publicKey.raw, { zip215: false });
    } catch {
      return false;
    }
  }

  if (scheme === RSA_PSS_RSAE_SHA256 && publicKey.algorithm === 'RSA') {
    const key = forge.pki.setRsaPublicKey(
      new forge.jsbn.BigInteger(publicKey.modulus, 16),
      new forge.jsbn.BigInteger(String(publicKey.exponent), 10),
    );
    // RFC 8446 §4.2.3: MGF1 with the same hash, and a salt as long as the digest.
    const pss = forge.pss.create({
      md: forge.md.sha256.create(),
      mgf: forge.mgf.mgf1.create(forge.md.sha256.create()),
      saltLength: 32,
    });
    try {
      return key.verify(toBinary(sha256(content)), toBinary(signature), pss);
    } catch {
      return false;
    }
  }

  const keyName =
    publicKey.algorithm === 'other'
      ? `key of algorithm ${publicKey.oid}`
      : `${publicKey.algorithm} key`;
  throw tlsError(
    'unsupported-signature-scheme',
    `cannot verify signature scheme 0x${scheme.toString(16).padStart(4, '0')} with the certificate's ${keyName}`,
    {
      scheme: `0x${scheme.toString(16).padStart(4, '0')}`,
      algorithm: publicKey.algorithm,
    },
  );
}

/** Signs CertificateVerify content with ed25519 (RFC 8032), which is deterministic. */
export function signEd25519(privateKey: Uint8Array, content: Uint8Array): Uint8Array {
  return ed25519.sign(content, privateKey);
}
