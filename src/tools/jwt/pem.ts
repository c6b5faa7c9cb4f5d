// PEM keys and certificates (RFC 7468) converted to JWKs (RFC 7517, RFC 7518
// §6), so the rest of the inspector handles one key form. jose imports SPKI,
// X.509 and PKCS#8 but not PKCS#1 ("RSA PUBLIC KEY", "RSA PRIVATE KEY") or
// SEC1 ("EC PRIVATE KEY"); those are read with the @peculiar ASN.1 schemas.

import { base64url, exportJWK, importPKCS8, type JWK } from 'jose';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, SubjectPublicKeyInfo, type Name } from '@peculiar/asn1-x509';
import { RSAPrivateKey, RSAPublicKey } from '@peculiar/asn1-rsa';
import { ECParameters, ECPrivateKey } from '@peculiar/asn1-ecc';
import { PrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { encodeBase64url } from './base64url';
import { isJwtError, jwtError } from './errors';

export type PemFormat =
  'pem-spki' | 'pem-pkcs1' | 'pem-x509' | 'pem-pkcs8' | 'pem-pkcs1-private' | 'pem-sec1';

export interface PemBlock {
  readonly label: string;
  /** The whole block from BEGIN to END, as typed. */
  readonly text: string;
  readonly der: Uint8Array;
}

export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

export interface ConvertedPem {
  readonly jwk: JWK;
  readonly format: PemFormat;
  readonly certificate?: CertificateSummary;
  /** RFC 4055 §1.2: an id-RSASSA-PSS key must be used only for RSASSA-PSS (PS256/384/512). */
  readonly rsassaPssOnly?: boolean;
}

const PEM_FORMATS: Readonly<Record<string, PemFormat>> = {
  'PUBLIC KEY': 'pem-spki',
  'RSA PUBLIC KEY': 'pem-pkcs1',
  CERTIFICATE: 'pem-x509',
  'PRIVATE KEY': 'pem-pkcs8',
  'RSA PRIVATE KEY': 'pem-pkcs1-private',
  'EC PRIVATE KEY': 'pem-sec1',
};

const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  ed25519: '1.3.101.112',
  x25519: '1.3.101.110',
  ed448: '1.3.101.113',
  x448: '1.3.101.111',
} as const;

/** SEC 2 curve OIDs and the JWK "crv" names of RFC 7518 §6.2.1.1. */
const CURVES: Readonly<Record<string, { crv: 'P-256' | 'P-384' | 'P-521'; size: number }>> = {
  '1.2.840.10045.3.1.7': { crv: 'P-256', size: 32 },
  '1.3.132.0.34': { crv: 'P-384', size: 48 },
  '1.3.132.0.35': { crv: 'P-521', size: 66 },
};

const CURVE_NAMES_UNSUPPORTED: Readonly<Record<string, string>> = {
  '1.3.132.0.10': 'secp256k1',
  [OID.ed448]: 'Ed448',
  [OID.x448]: 'X448',
};

const NOBLE_CURVES = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;

/** Finds the PEM blocks in `text`; throws 'jwt/key-unreadable' for a block whose body is not base64. */
export function parsePemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const pattern = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

  for (const match of text.matchAll(pattern)) {
    const [whole, label = '', body = ''] = match;
    if (body.includes(':')) {
      throw jwtError('jwt/key-unsupported', `the ${label} block is encrypted`, {
        format: label,
        reason: 'encrypted-pem',
      });
    }

    const base64 = body.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.replace(/=+$/, '').length % 4 === 1) {
      throw jwtError('jwt/key-unreadable', `the body of the ${label} block is not base64`, {
        format: label,
        reason: 'pem-not-base64',
      });
    }

    const der = decodeBase64(base64);
    blocks.push({ label, text: whole, der });
  }

  return blocks;
}

/** Converts one PEM block to a JWK; private keys keep their private members. */
export async function convertPemBlock(block: PemBlock): Promise<ConvertedPem> {
  const format = PEM_FORMATS[block.label];
  if (format === undefined) {
    throw jwtError(
      'jwt/key-unsupported',
      `PEM blocks labelled ${block.label} are not keys this tool reads`,
      {
        format: block.label,
        reason: 'pem-label',
      },
    );
  }

  try {
    return await convertDer(block, format);
  } catch (error) {
    if (isJwtError(error)) throw error;
    throw jwtError(
      'jwt/key-unreadable',
      `the ${block.label} block is not valid DER`,
      { format: block.label, reason: 'invalid-der' },
      error,
    );
  }
}

async function convertDer(block: PemBlock, format: PemFormat): Promise<ConvertedPem> {
  switch (format) {
    case 'pem-spki': {
      const spki = AsnConvert.parse(block.der, SubjectPublicKeyInfo);
      return { jwk: spkiToJwk(spki), format, rsassaPssOnly: isRsassaPss(spki) };
    }
    case 'pem-pkcs1':
      return { jwk: rsaPublicToJwk(AsnConvert.parse(block.der, RSAPublicKey)), format };
    case 'pem-x509':
      return certificateToJwk(AsnConvert.parse(block.der, Certificate));
    case 'pem-pkcs8':
      return { jwk: await pkcs8ToJwk(block), format };
    case 'pem-pkcs1-private':
      return { jwk: rsaPrivateToJwk(AsnConvert.parse(block.der, RSAPrivateKey)), format };
    case 'pem-sec1':
      return { jwk: sec1ToJwk(AsnConvert.parse(block.der, ECPrivateKey)), format };
  }
}

function spkiToJwk(spki: SubjectPublicKeyInfo): JWK {
  const algorithm = spki.algorithm.algorithm;
  const publicKey = new Uint8Array(spki.subjectPublicKey);

  if (algorithm === OID.rsaEncryption || algorithm === OID.rsassaPss) {
    return rsaPublicToJwk(AsnConvert.parse(publicKey, RSAPublicKey));
  }

  if (algorithm === OID.ecPublicKey) {
    const curve = readNamedCurve(spki.algorithm.parameters);
    return { kty: 'EC', crv: curve.crv, ...pointToCoordinates(publicKey, curve.crv, curve.size) };
  }

  if (algorithm === OID.ed25519)
    return { kty: 'OKP', crv: 'Ed25519', x: encodeBase64url(publicKey) };
  if (algorithm === OID.x25519) return { kty: 'OKP', crv: 'X25519', x: encodeBase64url(publicKey) };

  throw unsupportedAlgorithm(algorithm);
}

function isRsassaPss(spki: SubjectPublicKeyInfo): boolean {
  return spki.algorithm.algorithm === OID.rsassaPss;
}

function certificateToJwk(certificate: Certificate): ConvertedPem {
  const tbs = certificate.tbsCertificate;
  return {
    jwk: spkiToJwk(tbs.subjectPublicKeyInfo),
    format: 'pem-x509',
    rsassaPssOnly: isRsassaPss(tbs.subjectPublicKeyInfo),
    certificate: {
      subject: formatName(tbs.subject),
      issuer: formatName(tbs.issuer),
      notBefore: tbs.validity.notBefore.getTime().toISOString(),
      notAfter: tbs.validity.notAfter.getTime().toISOString(),
    },
  };
}

/** jose imports PKCS#8 through WebCrypto, which needs the algorithm, so it is read from the key first. */
async function pkcs8ToJwk(block: PemBlock): Promise<JWK> {
  const info = AsnConvert.parse(block.der, PrivateKeyInfo);
  const algorithm = info.privateKeyAlgorithm.algorithm;

  let importAlgorithm: string;
  if (algorithm === OID.rsaEncryption) importAlgorithm = 'RS256';
  else if (algorithm === OID.ed25519) importAlgorithm = 'Ed25519';
  else if (algorithm === OID.x25519) importAlgorithm = 'ECDH-ES';
  else if (algorithm === OID.ecPublicKey) {
    const curve = readNamedCurve(info.privateKeyAlgorithm.parameters);
    importAlgorithm = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[curve.crv];
  } else throw unsupportedAlgorithm(algorithm);

  const key = await importPKCS8(block.text, importAlgorithm, { extractable: true });
  return exportJWK(key);
}

function rsaPublicToJwk(key: RSAPublicKey): JWK {
  return {
    kty: 'RSA',
    n: integerToBase64url(key.modulus),
    e: integerToBase64url(key.publicExponent),
  };
}

function rsaPrivateToJwk(key: RSAPrivateKey): JWK {
  if (key.otherPrimeInfos !== undefined && key.otherPrimeInfos.length > 0) {
    throw jwtError('jwt/key-unsupported', 'multi-prime RSA keys are not supported', {
      reason: 'multi-prime-rsa',
    });
  }

  return {
    kty: 'RSA',
    n: integerToBase64url(key.modulus),
    e: integerToBase64url(key.publicExponent),
    d: integerToBase64url(key.privateExponent),
    p: integerToBase64url(key.prime1),
    q: integerToBase64url(key.prime2),
    dp: integerToBase64url(key.exponent1),
    dq: integerToBase64url(key.exponent2),
    qi: integerToBase64url(key.coefficient),
  };
}

/** RFC 5915 §3: the curve is in "parameters"; the public point may be omitted. */
function sec1ToJwk(key: ECPrivateKey): JWK {
  const oid = key.parameters?.namedCurve;
  const curve = oid === undefined ? undefined : CURVES[oid];
  if (curve === undefined) throw unsupportedAlgorithm(oid ?? 'unnamed curve');

  // RFC 7518 §6.2.2.1: "d" has the full length of the curve order.
  const d = leftPad(new Uint8Array(key.privateKey.buffer), curve.size);
  const point =
    key.publicKey === undefined
      ? NOBLE_CURVES[curve.crv].getPublicKey(d, false)
      : new Uint8Array(key.publicKey);

  return {
    kty: 'EC',
    crv: curve.crv,
    ...pointToCoordinates(point, curve.crv, curve.size),
    d: encodeBase64url(d),
  };
}

/** Splits an SEC1 point (§2.3.3) into JWK "x" and "y"; compressed points are expanded. */
function pointToCoordinates(point: Uint8Array, crv: 'P-256' | 'P-384' | 'P-521', size: number) {
  const uncompressed =
    point[0] === 0x04 ? point : NOBLE_CURVES[crv].Point.fromBytes(point).toBytes(false);
  if (uncompressed.length !== 1 + 2 * size) {
    throw jwtError('jwt/key-unreadable', `the ${crv} point has ${point.length} bytes`, {
      reason: 'invalid-point',
      curve: crv,
    });
  }

  return {
    x: encodeBase64url(uncompressed.slice(1, 1 + size)),
    y: encodeBase64url(uncompressed.slice(1 + size)),
  };
}

function readNamedCurve(parameters: ArrayBuffer | null | undefined): {
  crv: 'P-256' | 'P-384' | 'P-521';
  size: number;
} {
  const named = parameters ? AsnConvert.parse(parameters, ECParameters).namedCurve : undefined;
  const curve = named === undefined ? undefined : CURVES[named];
  if (curve === undefined) throw unsupportedAlgorithm(named ?? 'explicit curve parameters');
  return curve;
}

function unsupportedAlgorithm(oid: string) {
  const name = CURVE_NAMES_UNSUPPORTED[oid] ?? oid;
  return jwtError('jwt/key-unsupported', `keys of type ${name} are not supported`, {
    reason: 'key-algorithm',
    algorithm: name,
  });
}

/** RFC 7518 §6.3.1: RSA integers in a JWK have no leading zero octets. */
function integerToBase64url(integer: ArrayBuffer): string {
  const bytes = new Uint8Array(integer);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return encodeBase64url(bytes.slice(start));
}

function leftPad(bytes: Uint8Array, size: number): Uint8Array {
  if (bytes.length >= size) return bytes.slice(bytes.length - size);
  const padded = new Uint8Array(size);
  padded.set(bytes, size - bytes.length);
  return padded;
}

const NAME_ATTRIBUTES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

/** Writes a distinguished name in the order it is stored, such as "C=FR, O=Example, CN=api.example.com". */
function formatName(name: Name): string {
  const parts: string[] = [];
  for (const rdn of name) {
    for (const attribute of rdn) {
      parts.push(
        `${NAME_ATTRIBUTES[attribute.type] ?? attribute.type}=${attribute.value.toString()}`,
      );
    }
  }
  return parts.join(', ');
}

function decodeBase64(base64: string): Uint8Array {
  return base64url.decode(base64.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'));
}
