// JWE in compact serialization (RFC 7516 §7.1): the five parts and their
// lengths, and decryption with jose when the user gives a key. A nested JWT
// (RFC 7519 §5.2, "cty" "JWT") is returned as an inner token, which the
// caller decodes in turn.

import {
  compactDecrypt,
  errors,
  importJWK,
  type CryptoKey,
  type JWEContentEncryptionAlgorithm,
  type JWEKeyManagementAlgorithm,
  type JWK,
} from 'jose';
import type { DecodedJwe } from './decode';
import { jwtError, type JwtError } from './errors';
import { looksLikeCompactToken } from './extract';
import { getStringMember } from './json';
import {
  describeSecret,
  parseKeyInput,
  readSecret,
  SECRET_ENCODINGS,
  type KeyDescription,
  type KeyEntry,
  type SecretEncoding,
} from './keys';
import { toJwtProblem, type JwtProblem } from './messages';
import { decodeUtf8 } from './utf8';

/** RFC 7516 §2: how the content encryption key (CEK) is obtained. */
export type KeyManagementMode =
  | 'direct-encryption'
  | 'key-wrapping'
  | 'key-encryption'
  | 'direct-key-agreement'
  | 'key-agreement-with-key-wrapping'
  | 'password-based'
  | 'unknown';

export interface JwePartLengths {
  readonly header: number;
  readonly encryptedKey: number;
  readonly iv: number;
  readonly ciphertext: number;
  readonly tag: number;
}

export interface JweSummary {
  readonly alg: string | undefined;
  readonly enc: string | undefined;
  readonly keyManagementMode: KeyManagementMode;
  /** Byte lengths of the decoded parts. */
  readonly partLengths: JwePartLengths;
  /** Remarks on lengths that differ from what "alg" and "enc" produce. */
  readonly notes: readonly string[];
}

export type JweDecryptionStatus = 'decrypted' | 'failed' | 'error';

export interface JweDecryption {
  readonly status: JweDecryptionStatus;
  readonly key: KeyDescription | undefined;
  readonly secretEncoding: SecretEncoding | undefined;
  /** When the chosen reading of a secret fails: another reading that decrypts. */
  readonly workingEncoding: SecretEncoding | undefined;
  readonly plaintext: Uint8Array | undefined;
  /** The plaintext as UTF-8 text, when it is UTF-8. */
  readonly plaintextText: string | undefined;
  /** The inner JWT of a nested JWT, for the caller to decode. */
  readonly innerToken: string | undefined;
  readonly problem: JwtProblem | undefined;
  readonly warnings: readonly string[];
}

export interface DecryptOptions {
  readonly key: string;
  readonly secretEncoding?: SecretEncoding;
}

const MODES: Readonly<Record<string, KeyManagementMode>> = {
  dir: 'direct-encryption',
  A128KW: 'key-wrapping',
  A192KW: 'key-wrapping',
  A256KW: 'key-wrapping',
  A128GCMKW: 'key-wrapping',
  A192GCMKW: 'key-wrapping',
  A256GCMKW: 'key-wrapping',
  'RSA-OAEP': 'key-encryption',
  'RSA-OAEP-256': 'key-encryption',
  'RSA-OAEP-384': 'key-encryption',
  'RSA-OAEP-512': 'key-encryption',
  RSA1_5: 'key-encryption',
  'ECDH-ES': 'direct-key-agreement',
  'ECDH-ES+A128KW': 'key-agreement-with-key-wrapping',
  'ECDH-ES+A192KW': 'key-agreement-with-key-wrapping',
  'ECDH-ES+A256KW': 'key-agreement-with-key-wrapping',
  'PBES2-HS256+A128KW': 'password-based',
  'PBES2-HS384+A192KW': 'password-based',
  'PBES2-HS512+A256KW': 'password-based',
};

/** RFC 7518 §5.2 and §5.3: IV and tag lengths in bytes for each "enc". */
const CONTENT_ENCRYPTION: Readonly<Record<string, { iv: number; tag: number }>> = {
  'A128CBC-HS256': { iv: 16, tag: 16 },
  'A192CBC-HS384': { iv: 16, tag: 24 },
  'A256CBC-HS512': { iv: 16, tag: 32 },
  A128GCM: { iv: 12, tag: 16 },
  A192GCM: { iv: 12, tag: 16 },
  A256GCM: { iv: 12, tag: 16 },
};

export function describeJwe(decoded: DecodedJwe): JweSummary {
  const partLengths = {
    header: decoded.header.bytes.length,
    encryptedKey: decoded.encryptedKey.bytes.length,
    iv: decoded.iv.bytes.length,
    ciphertext: decoded.ciphertext.bytes.length,
    tag: decoded.tag.bytes.length,
  };
  const mode = MODES[decoded.alg ?? ''] ?? 'unknown';
  const notes: string[] = [];

  // RFC 7516 §5.1 step 5: direct encryption and direct key agreement send no encrypted key.
  if (
    (mode === 'direct-encryption' || mode === 'direct-key-agreement') &&
    partLengths.encryptedKey > 0
  ) {
    notes.push(
      `With "alg" ${String(decoded.alg)} the encrypted key must be empty, but it has ${partLengths.encryptedKey} bytes.`,
    );
  }

  const expected = CONTENT_ENCRYPTION[decoded.enc ?? ''];
  if (expected !== undefined && partLengths.iv !== expected.iv) {
    notes.push(
      `${String(decoded.enc)} uses a ${expected.iv}-byte IV, but this one has ${partLengths.iv} bytes.`,
    );
  }
  if (expected !== undefined && partLengths.tag !== expected.tag) {
    notes.push(
      `${String(decoded.enc)} produces a ${expected.tag}-byte tag, but this one has ${partLengths.tag} bytes.`,
    );
  }

  return { alg: decoded.alg, enc: decoded.enc, keyManagementMode: mode, partLengths, notes };
}

/** Decrypts with the key text; a secret is tried in its other readings when the chosen one fails. */
export async function decryptJwe(
  decoded: DecodedJwe,
  options: DecryptOptions,
): Promise<JweDecryption> {
  const draft: Draft = {
    key: undefined,
    secretEncoding: undefined,
    workingEncoding: undefined,
    warnings: [],
  };
  try {
    return await decryptWithKeyText(decoded, options, draft);
  } catch (error) {
    return finish(draft, 'error', { problem: toJwtProblem(error) });
  }
}

interface Draft {
  key: KeyDescription | undefined;
  secretEncoding: SecretEncoding | undefined;
  workingEncoding: SecretEncoding | undefined;
  readonly warnings: string[];
}

async function decryptWithKeyText(
  decoded: DecodedJwe,
  options: DecryptOptions,
  draft: Draft,
): Promise<JweDecryption> {
  const alg = decoded.alg ?? '';
  const enc = decoded.enc ?? '';
  // jose 6.2 does not implement RSA1_5, which RFC 8725 §3.2 advises against.
  if (MODES[alg] === undefined || alg === 'RSA1_5' || CONTENT_ENCRYPTION[enc] === undefined) {
    throw jwtError('jwt/jwe-alg-unsupported', `${alg} with ${enc} is not supported`, { alg, enc });
  }

  const input = await parseKeyInput(options.key);
  if (input.kind === 'secret')
    return decryptWithSecret(decoded, input.text, options.secretEncoding ?? 'utf8', draft);

  const entries = input.kind === 'key' ? [input.entry] : selectJwksEntries(decoded, input.entries);
  let last: JweDecryption | undefined;
  for (const entry of entries) {
    last = await decryptWithEntry(decoded, entry, { ...draft, warnings: [...draft.warnings] });
    if (last.status === 'decrypted') return last;
  }
  return last as JweDecryption;
}

/** Keeps the keys with the token's "kid" (if it has one) that can decrypt its "alg". */
function selectJwksEntries(decoded: DecodedJwe, entries: readonly KeyEntry[]): readonly KeyEntry[] {
  const alg = decoded.alg ?? '';
  const kid = getStringMember(decoded.headerJson, 'kid');
  const byKid = kid === undefined ? entries : entries.filter((entry) => entry.jwk.kid === kid);
  if (byKid.length === 0) {
    throw jwtError('jwt/jwks-no-matching-key', `no key has "kid" ${kid}`, {
      reason: 'kid',
      kid,
      available: entries.map((entry) => JSON.stringify(entry.jwk.kid ?? '')).join(', '),
    });
  }

  const usable = byKid.filter(
    (entry) =>
      entry.description.encryptionAlgorithms.includes(alg) &&
      (entry.jwk.kty === 'oct' || entry.description.isPrivate),
  );
  if (usable.length > 0) return usable;

  throw jwtError('jwt/jwks-no-matching-key', `no key can decrypt ${alg}`, {
    reason: 'type',
    operation: 'decrypt',
    alg,
    kid,
    available: byKid.map((entry) => entry.description.summary).join('; '),
  });
}

async function decryptWithSecret(
  decoded: DecodedJwe,
  text: string,
  chosen: SecretEncoding,
  draft: Draft,
): Promise<JweDecryption> {
  const alg = decoded.alg ?? '';
  checkAlgorithmForKey(
    alg,
    'a shared secret',
    MODES[alg] !== 'key-encryption' && !alg.startsWith('ECDH'),
  );
  draft.secretEncoding = chosen;

  const reading = readSecret(text, chosen);
  let failure: JwtError | undefined;
  if (reading.ok) {
    draft.key = describeSecret(reading.bytes.length, chosen);
    const attempt = await tryDecrypt(decoded, reading.bytes);
    if (attempt.ok) return decrypted(decoded, draft, attempt.plaintext);
    failure = attempt.error;
  }

  for (const encoding of SECRET_ENCODINGS) {
    const other = encoding === chosen ? undefined : readSecret(text, encoding);
    if (other === undefined || !other.ok || other.bytes.length === 0) continue;
    if ((await tryDecrypt(decoded, other.bytes)).ok) {
      draft.workingEncoding = encoding;
      break;
    }
  }

  const workingEncoding = draft.workingEncoding;
  if (!reading.ok) {
    const problem = jwtError('jwt/secret-encoding-invalid', `the secret is not ${chosen}`, {
      encoding: chosen,
      reason: reading.reason,
      position: reading.position,
      verifyingEncoding: workingEncoding,
    });
    return finish(draft, 'error', { problem: toJwtProblem(problem) });
  }

  const details = { ...(failure?.details ?? {}), verifyingEncoding: workingEncoding };
  const problem = jwtError(
    'jwt/jwe-decryption-failed',
    failure?.message ?? 'decryption failed',
    details,
  );
  return finish(draft, 'failed', { problem: toJwtProblem(problem) });
}

async function decryptWithEntry(
  decoded: DecodedJwe,
  entry: KeyEntry,
  draft: Draft,
): Promise<JweDecryption> {
  const alg = decoded.alg ?? '';
  draft.key = entry.description;
  checkAlgorithmForKey(
    alg,
    entry.description.summary,
    entry.description.encryptionAlgorithms.includes(alg),
  );

  let key: Uint8Array | CryptoKey;
  if (entry.jwk.kty === 'oct') {
    const reading = readSecret(entry.jwk.k ?? '', 'base64url');
    key = reading.ok ? reading.bytes : new Uint8Array();
  } else {
    if (!entry.description.isPrivate) {
      throw jwtError('jwt/private-key-required', `${alg} needs a private key`, {
        alg,
        key: entry.description.summary,
      });
    }
    key = await importPrivateKey(entry.jwk, alg);
  }

  const attempt = await tryDecrypt(decoded, key);
  if (attempt.ok) return decrypted(decoded, draft, attempt.plaintext);
  return finish(draft, 'failed', { problem: toJwtProblem(attempt.error) });
}

function checkAlgorithmForKey(alg: string, keySummary: string, allowed: boolean): void {
  if (allowed) return;
  throw jwtError('jwt/key-type-mismatch', `${keySummary} cannot decrypt ${alg}`, {
    alg,
    key: keySummary,
    allowed: 'other key management algorithms',
  });
}

async function importPrivateKey(jwk: JWK, alg: string): Promise<CryptoKey> {
  const { use: _use, key_ops: _keyOps, alg: _alg, ...members } = jwk;
  try {
    const key = await importJWK(members, alg);
    if (key instanceof Uint8Array) throw new TypeError('expected an asymmetric key');
    return key;
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw jwtError(
      'jwt/key-unreadable',
      `jose could not import the key for ${alg}`,
      { reason: 'import-failed', message, alg },
      cause,
    );
  }
}

type Attempt =
  | { readonly ok: true; readonly plaintext: Uint8Array }
  | { readonly ok: false; readonly error: JwtError };

async function tryDecrypt(decoded: DecodedJwe, key: Uint8Array | CryptoKey): Promise<Attempt> {
  const alg = decoded.alg ?? '';
  const enc = decoded.enc ?? '';
  try {
    // jose reads base64url only, so a token in standard base64 is passed rewritten.
    const token = decoded.standardBase64 ? rewriteToBase64url(decoded.token) : decoded.token;
    const result = await compactDecrypt(token, key, {
      keyManagementAlgorithms: [alg as JWEKeyManagementAlgorithm],
      contentEncryptionAlgorithms: [enc as JWEContentEncryptionAlgorithm],
    });
    return { ok: true, plaintext: result.plaintext };
  } catch (error) {
    return { ok: false, error: toDecryptionError(error, alg, enc) };
  }
}

function toDecryptionError(error: unknown, alg: string, enc: string): JwtError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof errors.JOSENotSupported) {
    return jwtError('jwt/jwe-alg-unsupported', message, { alg, enc, message }, error);
  }
  // jose gives one message for every authentication failure, so a wrong key and a changed token look alike.
  const detail = error instanceof errors.JWEDecryptionFailed ? undefined : message;
  return jwtError('jwt/jwe-decryption-failed', message, { alg, enc, message: detail }, error);
}

function decrypted(decoded: DecodedJwe, draft: Draft, plaintext: Uint8Array): JweDecryption {
  const utf8 = decodeUtf8(plaintext);
  const text = utf8.ok ? utf8.text : undefined;

  // RFC 7519 §5.2: "cty" "JWT" marks a nested JWT; media type names are case-insensitive.
  const cty = getStringMember(decoded.headerJson, 'cty');
  const ctyMarksNested = cty !== undefined && cty.toUpperCase() === 'JWT';
  const innerToken =
    text !== undefined && (ctyMarksNested || looksLikeCompactToken(text.trim()))
      ? text.trim()
      : undefined;
  if (innerToken !== undefined && !ctyMarksNested) {
    draft.warnings.push(
      'The plaintext is a JWT, but the header lacks "cty": "JWT", which RFC 7519 §5.2 asks for in a nested JWT.',
    );
  }

  return finish(draft, 'decrypted', { plaintext, plaintextText: text, innerToken });
}

function finish(
  draft: Draft,
  status: JweDecryptionStatus,
  fields: {
    plaintext?: Uint8Array;
    plaintextText?: string;
    innerToken?: string;
    problem?: JwtProblem;
  },
): JweDecryption {
  return {
    status,
    key: draft.key,
    secretEncoding: draft.secretEncoding,
    workingEncoding: draft.workingEncoding,
    plaintext: fields.plaintext,
    plaintextText: fields.plaintextText,
    innerToken: fields.innerToken,
    problem: fields.problem,
    warnings: draft.warnings,
  };
}

function rewriteToBase64url(token: string): string {
  return token
    .split('.')
    .map((part) => part.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, ''))
    .join('.');
}
