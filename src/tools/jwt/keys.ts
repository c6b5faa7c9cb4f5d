// Reads the key a user typed: a shared secret in one of four encodings, a
// JWK or JWK Set (RFC 7517), or a PEM key or certificate. The key, never the
// token's "alg", decides which algorithms it may be used with (RFC 8725 §3.1).

import { base64url, calculateJwkThumbprint, type JWK } from 'jose';
import { jwtError } from './errors';
import { checkInputSize } from './limits';
import { convertPemBlock, parsePemBlocks, type CertificateSummary, type PemFormat } from './pem';

export type SecretEncoding = 'utf8' | 'base64' | 'base64url' | 'hex';

export const SECRET_ENCODINGS: readonly SecretEncoding[] = ['utf8', 'base64url', 'base64', 'hex'];

export type KeySource = 'secret' | 'jwk' | 'jwks' | PemFormat;

export interface KeyDescription {
  readonly source: KeySource;
  readonly kty: string;
  /** One line for the user, such as "RSA public key, 2048 bits (PEM, SPKI)". */
  readonly summary: string;
  /** Modulus size for RSA, curve size for EC and OKP, key length for secrets. */
  readonly bits: number | undefined;
  readonly curve: string | undefined;
  readonly kid: string | undefined;
  /** RFC 7638 SHA-256 thumbprint; undefined for secrets, because a hash of a secret lets anyone test guesses offline. */
  readonly thumbprint: string | undefined;
  readonly isPrivate: boolean;
  readonly signatureAlgorithms: readonly string[];
  readonly encryptionAlgorithms: readonly string[];
  readonly certificate: CertificateSummary | undefined;
}

/** A key in JWK form with its description; `pemText` keeps the PEM block it came from. */
export interface KeyEntry {
  readonly jwk: JWK;
  readonly description: KeyDescription;
  readonly pemText: string | undefined;
  /** The jose import that reads `pemText` directly; undefined means the key is imported from `jwk`. */
  readonly pemImport: 'spki' | 'x509' | undefined;
}

export type KeyInput =
  | { readonly kind: 'secret'; readonly text: string }
  | { readonly kind: 'key'; readonly entry: KeyEntry; readonly notes: readonly string[] }
  | {
      readonly kind: 'jwks';
      readonly entries: readonly KeyEntry[];
      readonly skipped: readonly string[];
    };

const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'];
const RSA_SIGNATURE_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const EC_SIGNATURE_ALGORITHMS: Readonly<Record<string, string>> = {
  'P-256': 'ES256',
  'P-384': 'ES384',
  'P-521': 'ES512',
};
const EDDSA_ALGORITHMS = ['EdDSA', 'Ed25519'];

const SYMMETRIC_ENCRYPTION_ALGORITHMS = [
  'dir',
  'A128KW',
  'A192KW',
  'A256KW',
  'A128GCMKW',
  'A192GCMKW',
  'A256GCMKW',
  'PBES2-HS256+A128KW',
  'PBES2-HS384+A192KW',
  'PBES2-HS512+A256KW',
];
const RSA_ENCRYPTION_ALGORITHMS = ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512'];
const ECDH_ALGORITHMS = ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'];

/** Every JWS algorithm this inspector verifies. */
export const SUPPORTED_SIGNATURE_ALGORITHMS: readonly string[] = [
  ...HMAC_ALGORITHMS,
  ...RSA_SIGNATURE_ALGORITHMS,
  ...Object.values(EC_SIGNATURE_ALGORITHMS),
  ...EDDSA_ALGORITHMS,
];

export function isHmacAlgorithm(alg: string): boolean {
  return HMAC_ALGORITHMS.includes(alg);
}

/** JWK members that only a private key has (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

/**
 * Classifies the key text. PEM and JSON are read as keys; anything else is a
 * shared secret whose bytes depend on the encoding chosen later.
 * Throws 'jwt/key-missing', 'jwt/key-unreadable', 'jwt/key-unsupported' or 'jwt/jwks-empty'.
 */
export async function parseKeyInput(text: string): Promise<KeyInput> {
  if (text.trim() === '') throw jwtError('jwt/key-missing', 'no key was entered');
  checkInputSize(text, 'key');

  if (text.includes('-----BEGIN ')) return parsePemInput(text);

  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return parseJsonKey(trimmed);
  return { kind: 'secret', text };
}

async function parsePemInput(text: string): Promise<KeyInput> {
  const blocks = parsePemBlocks(text);
  const [first] = blocks;
  if (first === undefined) {
    throw jwtError('jwt/key-unreadable', 'the PEM text has no complete BEGIN/END block', {
      format: 'PEM',
      reason: 'pem-incomplete',
    });
  }

  const converted = await convertPemBlock(first);
  const description = await describeKey(converted.jwk, converted.format, converted);
  const notes =
    blocks.length > 1
      ? [`The text has ${blocks.length} PEM blocks; the first one (${first.label}) is used.`]
      : [];
  // Browsers' WebCrypto may reject id-RSASSA-PSS SPKI, so those keys go through their JWK.
  let pemImport: KeyEntry['pemImport'];
  if (converted.rsassaPssOnly !== true && converted.format === 'pem-spki') pemImport = 'spki';
  if (converted.rsassaPssOnly !== true && converted.format === 'pem-x509') pemImport = 'x509';

  const entry = { jwk: converted.jwk, description, pemText: first.text, pemImport };
  return { kind: 'key', entry, notes };
}

async function parseJsonKey(text: string): Promise<KeyInput> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw jwtError(
      'jwt/key-unreadable',
      'the key starts with "{" but is not valid JSON',
      {
        format: 'JSON',
        reason: 'not-json',
      },
      cause,
    );
  }

  if (isRecord(value) && Array.isArray(value.keys)) return parseJwks(value.keys);

  if (!isRecord(value) || typeof value.kty !== 'string') {
    throw jwtError('jwt/key-unreadable', 'the JSON is neither a JWK nor a JWK Set', {
      format: 'JSON',
      reason: 'not-jwk',
    });
  }

  const jwk = checkJwk(value, undefined);
  const description = await describeKey(jwk, 'jwk', {});
  return {
    kind: 'key',
    entry: { jwk, description, pemText: undefined, pemImport: undefined },
    notes: [],
  };
}

/** RFC 7517 §5: a JWK Set; members that are not usable JWKs are skipped and listed. */
async function parseJwks(keys: unknown[]): Promise<KeyInput> {
  const entries: KeyEntry[] = [];
  const skipped: string[] = [];

  for (const [index, value] of keys.entries()) {
    try {
      const jwk = checkJwk(value, index);
      const description = await describeKey(jwk, 'jwks', {});
      entries.push({ jwk, description, pemText: undefined, pemImport: undefined });
    } catch (error) {
      skipped.push(`key ${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  if (entries.length === 0) {
    throw jwtError('jwt/jwks-empty', 'the JWK Set has no usable key', {
      keyCount: keys.length,
      skipped: skipped.join('; '),
    });
  }
  return { kind: 'jwks', entries, skipped };
}

function checkJwk(value: unknown, index: number | undefined): JWK {
  const where = index === undefined ? 'the JWK' : `key ${index + 1} of the JWK Set`;
  if (!isRecord(value) || typeof value.kty !== 'string') {
    throw jwtError('jwt/key-unreadable', `${where} has no "kty"`, {
      format: 'JWK',
      reason: 'no-kty',
    });
  }

  const required: Readonly<Record<string, readonly string[]>> = {
    RSA: ['n', 'e'],
    EC: ['crv', 'x', 'y'],
    OKP: ['crv', 'x'],
    oct: ['k'],
  };
  const members = required[value.kty];
  if (members === undefined) {
    throw jwtError('jwt/key-unsupported', `${where} has the unsupported "kty" ${value.kty}`, {
      reason: 'kty',
      kty: value.kty,
    });
  }

  const missing = members.find((name) => typeof value[name] !== 'string');
  if (missing !== undefined) {
    throw jwtError('jwt/key-unreadable', `${where} lacks the string member "${missing}"`, {
      format: 'JWK',
      reason: 'missing-member',
      member: missing,
    });
  }
  return value as JWK;
}

async function describeKey(
  jwk: JWK,
  source: KeySource,
  origin: { certificate?: CertificateSummary; rsassaPssOnly?: boolean },
): Promise<KeyDescription> {
  const { certificate, rsassaPssOnly = false } = origin;
  const isPrivate = PRIVATE_MEMBERS.some((name) => jwk[name as keyof JWK] !== undefined);
  const bits = keyBits(jwk);
  const curve = typeof jwk.crv === 'string' ? jwk.crv : undefined;
  const thumbprint = jwk.kty === 'oct' ? undefined : await calculateJwkThumbprint(jwk);

  return {
    source,
    kty: jwk.kty ?? '',
    summary: summarizeKey(jwk, source, bits, isPrivate, certificate),
    bits,
    curve,
    kid: typeof jwk.kid === 'string' ? jwk.kid : undefined,
    thumbprint,
    isPrivate,
    signatureAlgorithms: restrictToJwkAlg(jwk, signatureAlgorithmsFor(jwk)).filter(
      (alg) => !rsassaPssOnly || alg.startsWith('PS'),
    ),
    encryptionAlgorithms: rsassaPssOnly ? [] : restrictToJwkAlg(jwk, encryptionAlgorithmsFor(jwk)),
    certificate,
  };
}

function signatureAlgorithmsFor(jwk: JWK): string[] {
  if (jwk.kty === 'oct') return HMAC_ALGORITHMS;
  if (jwk.kty === 'RSA') return RSA_SIGNATURE_ALGORITHMS;
  if (jwk.kty === 'EC') {
    const alg = EC_SIGNATURE_ALGORITHMS[jwk.crv ?? ''];
    return alg === undefined ? [] : [alg];
  }
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return EDDSA_ALGORITHMS;
  return [];
}

function encryptionAlgorithmsFor(jwk: JWK): string[] {
  if (jwk.kty === 'oct') return SYMMETRIC_ENCRYPTION_ALGORITHMS;
  if (jwk.kty === 'RSA') return RSA_ENCRYPTION_ALGORITHMS;
  if (jwk.kty === 'EC' && jwk.crv !== undefined && jwk.crv in EC_SIGNATURE_ALGORITHMS)
    return ECDH_ALGORITHMS;
  if (jwk.kty === 'OKP' && jwk.crv === 'X25519') return ECDH_ALGORITHMS;
  return [];
}

/** RFC 7517 §4.4: a key that names its "alg" is for that algorithm only. */
function restrictToJwkAlg(jwk: JWK, algorithms: readonly string[]): string[] {
  if (typeof jwk.alg !== 'string') return [...algorithms];
  return algorithms.filter((alg) => alg === jwk.alg);
}

function keyBits(jwk: JWK): number | undefined {
  if (jwk.kty === 'RSA' && typeof jwk.n === 'string') return base64url.decode(jwk.n).length * 8;
  if (jwk.kty === 'oct' && typeof jwk.k === 'string') return base64url.decode(jwk.k).length * 8;
  const curveBits: Readonly<Record<string, number>> = {
    'P-256': 256,
    'P-384': 384,
    'P-521': 521,
    Ed25519: 256,
    X25519: 256,
  };
  return curveBits[jwk.crv ?? ''];
}

const SOURCE_LABELS: Readonly<Record<KeySource, string>> = {
  secret: 'shared secret',
  jwk: 'JWK',
  jwks: 'JWK Set',
  'pem-spki': 'PEM, SPKI',
  'pem-pkcs1': 'PEM, PKCS#1',
  'pem-x509': 'PEM, X.509 certificate',
  'pem-pkcs8': 'PEM, PKCS#8',
  'pem-pkcs1-private': 'PEM, PKCS#1',
  'pem-sec1': 'PEM, SEC 1',
};

function summarizeKey(
  jwk: JWK,
  source: KeySource,
  bits: number | undefined,
  isPrivate: boolean,
  certificate: CertificateSummary | undefined,
): string {
  const visibility = isPrivate ? 'private' : 'public';
  let kind: string;
  if (jwk.kty === 'oct') kind = `Symmetric key, ${(bits ?? 0) / 8} bytes`;
  else if (jwk.kty === 'RSA') kind = `RSA ${visibility} key, ${bits} bits`;
  else kind = `${jwk.crv} ${visibility} key`;

  const details = [SOURCE_LABELS[source]];
  if (typeof jwk.kid === 'string') details.push(`"kid" ${JSON.stringify(jwk.kid)}`);
  if (certificate !== undefined) details.push(`subject ${certificate.subject}`);
  return `${kind} (${details.join(', ')})`;
}

const ENCODING_NAMES: Readonly<Record<SecretEncoding, string>> = {
  utf8: 'UTF-8',
  base64: 'base64',
  base64url: 'base64url',
  hex: 'hex',
};

/** Describes a typed shared secret; `byteLength` is undefined when the chosen encoding cannot read it. */
export function describeSecret(
  byteLength: number | undefined,
  encoding: SecretEncoding,
): KeyDescription {
  const length = byteLength === undefined ? 'unreadable' : `${byteLength} bytes`;
  return {
    source: 'secret',
    kty: 'oct',
    summary: `Shared secret, ${length} (read as ${ENCODING_NAMES[encoding]})`,
    bits: byteLength === undefined ? undefined : byteLength * 8,
    curve: undefined,
    kid: undefined,
    thumbprint: undefined,
    isPrivate: false,
    signatureAlgorithms: HMAC_ALGORITHMS,
    encryptionAlgorithms: SYMMETRIC_ENCRYPTION_ALGORITHMS,
    certificate: undefined,
  };
}

/** Returns the public members only, for verifying with a pasted private key. */
export function toPublicJwk(jwk: JWK): JWK {
  const copy: Record<string, unknown> = { ...jwk };
  for (const name of PRIVATE_MEMBERS) delete copy[name];
  delete copy.key_ops;
  return copy as JWK;
}

export type SecretReading =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: string; readonly position: number | undefined };

const utf8Encoder = new TextEncoder();

/**
 * Reads a shared secret in one encoding. UTF-8 takes the text exactly as
 * typed; the other encodings ignore white space and line breaks.
 */
export function readSecret(text: string, encoding: SecretEncoding): SecretReading {
  if (encoding === 'utf8') return { ok: true, bytes: utf8Encoder.encode(text) };

  const compact = text.replace(/\s+/g, '');
  if (encoding === 'hex') return readHex(compact.replace(/^0x/i, ''));
  return readBase64(compact, encoding);
}

function readHex(hex: string): SecretReading {
  const bad = hex.search(/[^0-9a-fA-F]/);
  if (bad !== -1) return { ok: false, reason: `"${hex[bad]}" is not a hex digit`, position: bad };
  if (hex.length % 2 !== 0)
    return { ok: false, reason: 'hex needs an even number of digits', position: hex.length };

  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, bytes };
}

function readBase64(text: string, encoding: 'base64' | 'base64url'): SecretReading {
  const alphabet = encoding === 'base64' ? /[^A-Za-z0-9+/=]/ : /[^A-Za-z0-9_\-=]/;
  const bad = text.search(alphabet);
  if (bad !== -1)
    return { ok: false, reason: `"${text[bad]}" is not a ${encoding} character`, position: bad };

  const data = text.replace(/=+$/, '');
  if (data.includes('='))
    return { ok: false, reason: '"=" may only end the text', position: data.indexOf('=') };
  if (data.length % 4 === 1)
    return { ok: false, reason: `${encoding} cannot have 4n+1 characters`, position: data.length };

  return { ok: true, bytes: base64url.decode(data.replaceAll('+', '-').replaceAll('/', '_')) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
