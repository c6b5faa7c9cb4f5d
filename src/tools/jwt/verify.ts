// Checks the signature of a compact JWS (RFC 7515) with the key a user typed.
// Only the signature is checked: jose checks claims only in jwtVerify, and the
// review reports times separately. The key decides the acceptable algorithms
// (RFC 8725 §3.1), so an HMAC token is never checked with a public key.

import type { JWK } from 'jose';
import { describeAlgorithmSupport } from './algorithm-support';
import type { DecodedJws, DecodedToken } from './decode';
import { jwtError, type JwtError } from './errors';
import { getMember, getStringMember } from './json';
import {
  describeSecret,
  isHmacAlgorithm,
  parseKeyInput,
  readSecret,
  SECRET_ENCODINGS,
  SUPPORTED_SIGNATURE_ALGORITHMS,
  type KeyDescription,
  type KeyEntry,
  type SecretEncoding,
} from './keys';
import type { JwtProblem } from './messages';
import {
  checkSignature,
  toBase64urlForm,
  verifyWithWebCrypto,
  type VerificationKey,
} from './signature';
import { checkSignatureShape } from './signature-checks';
import {
  addWarning,
  errorResult,
  invalidResult,
  unsecuredResult,
  verifiedResult,
  warnAboutKey,
  warnAboutSecretLength,
  type VerificationContext,
} from './verify-context';

export type VerificationStatus = 'verified' | 'invalid' | 'unsecured' | 'error';

export type VerificationWarningId =
  | 'weak-hmac-key'
  | 'weak-rsa-key'
  | 'private-key-used'
  | 'key-use-enc'
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'unsecured-with-signature'
  | 'extra-pem-blocks'
  | 'jwks-keys-skipped'
  | 'alg-confusion-forgery';

export interface VerificationWarning {
  readonly id: VerificationWarningId;
  readonly text: string;
}

export interface ReceivedBytes {
  /** Some segment uses "+", "/" or "=" instead of base64url. */
  readonly standardBase64: boolean;
  /** Whether the signature matches the exact characters received; undefined when no check ran. */
  readonly exactBytesVerify: boolean | undefined;
  /** For a token with standard base64: whether it verifies once rewritten as base64url. */
  readonly base64urlFormVerifies: boolean | undefined;
}

export interface VerificationResult {
  readonly status: VerificationStatus;
  readonly alg: string | undefined;
  readonly key: KeyDescription | undefined;
  /** For a JWK Set: which key was chosen and why, or why none matched. */
  readonly keySelection: string | undefined;
  /** The reading of a typed secret that the status refers to. */
  readonly secretEncoding: SecretEncoding | undefined;
  /** When the chosen reading fails: another reading that verifies. */
  readonly verifyingEncoding: SecretEncoding | undefined;
  /** The reason for an 'invalid' or 'error' status. */
  readonly problem: JwtProblem | undefined;
  readonly warnings: readonly VerificationWarning[];
  readonly receivedBytes: ReceivedBytes;
  readonly signatureLength: number;
  readonly expectedSignatureLength: number | undefined;
}

export interface VerifyOptions {
  /** A secret, PEM key or certificate, JWK or JWK Set. */
  readonly key: string;
  /** How to read a typed secret; the other readings are tried when it fails. Default 'utf8'. */
  readonly secretEncoding?: SecretEncoding;
  /** Compared with a certificate's validity dates. */
  readonly now?: Date;
}

export async function verifyToken(
  decoded: DecodedToken,
  options: VerifyOptions,
): Promise<VerificationResult> {
  if (decoded.kind === 'jwe') {
    return errorResult(undefined, decoded.alg, jwtError('jwt/not-a-jws', 'a JWE has no signature'));
  }

  const alg = decoded.alg;
  if (alg === 'none') return unsecuredResult(decoded);

  const context: VerificationContext = {
    decoded,
    alg: alg ?? '',
    options,
    key: undefined,
    keySelection: undefined,
    warnings: [],
  };
  try {
    return await verifyJws(context);
  } catch (error) {
    return errorResult(context, alg, error);
  }
}

async function verifyJws(context: VerificationContext): Promise<VerificationResult> {
  const { decoded, alg } = context;
  checkHeader(decoded);

  const input = await parseKeyInput(context.options.key);
  if (input.kind === 'secret') {
    if (!isHmacAlgorithm(alg)) {
      throw jwtError('jwt/key-type-mismatch', `a shared secret cannot verify ${alg}`, {
        alg,
        key: 'a shared secret',
        allowed: 'HS256, HS384 and HS512',
      });
    }
    return verifyWithSecretText(context, input.text);
  }

  if (input.kind === 'key') {
    if (input.notes.length > 0) addWarning(context, 'extra-pem-blocks', input.notes.join(' '));
    return verifyWithEntry(context, input.entry);
  }

  if (input.skipped.length > 0) {
    addWarning(
      context,
      'jwks-keys-skipped',
      `Some keys of the JWK Set were skipped: ${input.skipped.join('; ')}.`,
    );
  }
  return verifyWithJwks(context, input.entries);
}

/** Rejects what jose would reject before any key is used, with a specific code. */
function checkHeader(decoded: DecodedJws): void {
  const support = describeAlgorithmSupport(decoded.headerJson);
  if (support.alg === undefined) {
    throw jwtError('jwt/alg-missing', 'the header has no string "alg"', {
      segment: 'header',
      reason: support.id,
      jsonType: getMember(decoded.headerJson, 'alg')?.kind,
    });
  }

  if (!support.verifiable) {
    throw jwtError('jwt/alg-unsupported', `"alg" ${support.alg} is not supported`, {
      alg: support.alg,
      reason: support.id,
      supported: SUPPORTED_SIGNATURE_ALGORITHMS.join(', '),
    });
  }

  const critNames = readCritNames(decoded);
  // jose recognizes only "b64" (RFC 7797) by default, and RFC 7515 §4.1.11
  // requires rejecting a token whose "crit" names any other extension.
  const unknown = critNames.find((name) => name !== 'b64');
  if (unknown !== undefined) {
    throw jwtError('jwt/crit-unsupported', `"crit" names ${unknown}`, {
      parameter: unknown,
      segment: 'header',
    });
  }

  const b64 = getMember(decoded.headerJson, 'b64');
  if (b64?.kind === 'boolean' && !b64.value && !critNames.includes('b64')) {
    throw jwtError('jwt/b64-without-crit', '"b64" is false but "crit" lacks it', {
      segment: 'header',
    });
  }

  if (!decoded.b64 && decoded.payload.bytes.length === 0 && decoded.payload.source === 'token') {
    throw jwtError('jwt/detached-payload-missing', 'the unencoded payload is detached', {
      segment: 'payload',
    });
  }
}

/**
 * Returns the names in "crit" (RFC 7515 §4.1.11), or throws 'jwt/crit-invalid'
 * when it is not a non-empty array of distinct names present in the header.
 * jose checks the same, but WebCrypto checks of standard base64 tokens bypass jose.
 */
function readCritNames(decoded: DecodedJws): string[] {
  const crit = getMember(decoded.headerJson, 'crit');
  if (crit === undefined) return [];

  const invalid = (reason: string) =>
    jwtError('jwt/crit-invalid', `"crit" is invalid: ${reason}`, { reason, segment: 'header' });
  if (crit.kind !== 'array' || crit.items.length === 0) throw invalid('not-array');

  const names = crit.items.map((item) => (item.kind === 'string' ? item.value : ''));
  if (names.includes('')) throw invalid('not-array');
  if (new Set(names).size !== names.length) throw invalid('duplicate');
  if (names.some((name) => getMember(decoded.headerJson, name) === undefined))
    throw invalid('missing-parameter');
  return names;
}

async function verifyWithSecretText(
  context: VerificationContext,
  text: string,
): Promise<VerificationResult> {
  const { decoded, alg } = context;
  const chosen = context.options.secretEncoding ?? 'utf8';
  const chosenReading = readSecret(text, chosen);
  context.key = describeSecret(chosenReading.ok ? chosenReading.bytes.length : undefined, chosen);

  const shape = checkSignatureShape(alg, decoded.signature.bytes, undefined);
  if (shape.problem !== undefined)
    return invalidResult(context, shape.problem, { secretEncoding: chosen });

  const reading = readSecret(text, chosen);
  const tried: Uint8Array[] = [];
  let exact: boolean | undefined;
  let base64urlForm: boolean | undefined;
  if (reading.ok && reading.bytes.length > 0) {
    tried.push(reading.bytes);
    exact = await checkSignature(decoded, alg, { kind: 'secret', bytes: reading.bytes });
    if (exact) {
      warnAboutSecretLength(context, reading.bytes.length);
      return verifiedResult(context, { secretEncoding: chosen });
    }
    base64urlForm = await checkBase64urlForm(decoded, alg, {
      kind: 'secret',
      bytes: reading.bytes,
    });
  }

  const verifying = await findVerifyingReading(decoded, alg, text, chosen, tried);
  if (verifying !== undefined) warnAboutSecretLength(context, verifying.length);
  else if (reading.ok) warnAboutSecretLength(context, reading.bytes.length);

  const extras = {
    secretEncoding: chosen,
    verifyingEncoding: verifying?.encoding,
    exact,
    base64urlForm,
  };
  if (!reading.ok) {
    const problem = jwtError('jwt/secret-encoding-invalid', `the secret is not ${chosen}`, {
      encoding: chosen,
      reason: reading.reason,
      position: reading.position,
      verifyingEncoding: verifying?.encoding,
    });
    return errorResult(context, alg, problem, extras);
  }

  return invalidResult(context, signatureProblem(alg, base64urlForm, verifying?.encoding), extras);
}

/** Tries the other readings of the secret, skipping any that give bytes already tried. */
async function findVerifyingReading(
  decoded: DecodedJws,
  alg: string,
  text: string,
  chosen: SecretEncoding,
  tried: Uint8Array[],
): Promise<{ encoding: SecretEncoding; length: number } | undefined> {
  for (const encoding of SECRET_ENCODINGS) {
    if (encoding === chosen) continue;

    const reading = readSecret(text, encoding);
    if (!reading.ok || reading.bytes.length === 0) continue;
    if (tried.some((bytes) => bytesEqual(bytes, reading.bytes))) continue;

    tried.push(reading.bytes);
    if (await checkSignature(decoded, alg, { kind: 'secret', bytes: reading.bytes })) {
      return { encoding, length: reading.bytes.length };
    }
  }
  return undefined;
}

async function verifyWithEntry(
  context: VerificationContext,
  entry: KeyEntry,
): Promise<VerificationResult> {
  const { decoded, alg } = context;
  context.key = entry.description;

  if (entry.jwk.kty !== 'oct' && isHmacAlgorithm(alg))
    return rejectAlgorithmConfusion(context, entry);
  if (!entry.description.signatureAlgorithms.includes(alg)) {
    throw jwtError('jwt/key-type-mismatch', `${entry.description.summary} cannot verify ${alg}`, {
      alg,
      key: entry.description.summary,
      allowed: entry.description.signatureAlgorithms.join(', '),
    });
  }

  warnAboutKey(context, entry);
  const key = toVerificationKey(entry);
  const rsaBits = entry.jwk.kty === 'RSA' ? entry.description.bits : undefined;
  const shape = checkSignatureShape(alg, decoded.signature.bytes, rsaBits);
  if (shape.problem !== undefined) {
    const converted = shape.der?.raw;
    if (converted === undefined) return invalidResult(context, shape.problem, {});

    const convertedVerifies = await verifyWithWebCrypto(
      decoded.signingInput,
      converted,
      alg,
      key,
    ).catch(() => false);
    const problem = jwtError(shape.problem.code, shape.problem.message, {
      ...shape.problem.details,
      convertedVerifies,
    });
    return invalidResult(context, problem, {});
  }

  const exact = await checkSignature(decoded, alg, key);
  if (exact) return verifiedResult(context, {});

  const base64urlForm = await checkBase64urlForm(decoded, alg, key);
  return invalidResult(context, signatureProblem(alg, base64urlForm, undefined), {
    exact,
    base64urlForm,
  });
}

function toVerificationKey(entry: KeyEntry): VerificationKey {
  if (entry.jwk.kty === 'oct') return { kind: 'secret', bytes: decodeJwkSecret(entry.jwk) };
  return { kind: 'public', entry };
}

/** RFC 7517 §5 with "kid" matching as in RFC 7515 §4.1.4; each candidate that fits the algorithm is tried in order. */
async function verifyWithJwks(
  context: VerificationContext,
  entries: readonly KeyEntry[],
): Promise<VerificationResult> {
  const { decoded, alg } = context;
  const kid = getStringMember(decoded.headerJson, 'kid');
  const byKid = kid === undefined ? entries : entries.filter((entry) => entry.jwk.kid === kid);

  if (byKid.length === 0) {
    throw jwtError('jwt/jwks-no-matching-key', `no key has "kid" ${kid}`, {
      reason: 'kid',
      kid,
      available: listKids(entries),
    });
  }

  const first = byKid[0];
  if (
    isHmacAlgorithm(alg) &&
    first !== undefined &&
    byKid.every((entry) => entry.jwk.kty !== 'oct')
  ) {
    context.keySelection = describeSelection(entries, byKid, first, kid, undefined);
    return verifyWithEntry(context, first);
  }

  const candidates = byKid.filter(
    (entry) => entry.description.signatureAlgorithms.includes(alg) && entry.jwk.use !== 'enc',
  );
  if (candidates.length === 0) {
    throw jwtError('jwt/jwks-no-matching-key', `no key can verify ${alg}`, {
      reason: 'type',
      alg,
      kid,
      available: byKid.map((entry) => entry.description.summary).join('; '),
    });
  }

  let last: VerificationResult | undefined;
  for (const candidate of candidates) {
    const result = await verifyWithEntry(
      { ...context, warnings: [...context.warnings] },
      candidate,
    );
    const selection = describeSelection(
      entries,
      candidates,
      candidate,
      kid,
      result.status === 'verified',
    );
    if (result.status === 'verified') return { ...result, keySelection: selection };
    last = { ...result, keySelection: selection };
  }
  return last as VerificationResult;
}

function describeSelection(
  all: readonly KeyEntry[],
  candidates: readonly KeyEntry[],
  chosen: KeyEntry,
  kid: string | undefined,
  verified: boolean | undefined,
): string {
  const position = `key ${all.indexOf(chosen) + 1} of ${all.length}`;
  if (kid !== undefined && candidates.length === 1) {
    return `Chose ${position}, whose "kid" ${JSON.stringify(kid)} matches the token header.`;
  }

  const reason =
    kid === undefined
      ? `The token header has no "kid", so the ${candidates.length} keys that can verify it were tried in order`
      : `${candidates.length} keys have the "kid" ${JSON.stringify(kid)}, so each was tried in order`;
  if (verified === true) return `${reason}; ${position} verifies.`;
  return `${reason}; none verifies (the last tried was ${position}).`;
}

function listKids(entries: readonly KeyEntry[]): string {
  const kids = entries
    .map((entry) => entry.jwk.kid)
    .filter((kid): kid is string => typeof kid === 'string');
  return kids.map((kid) => JSON.stringify(kid)).join(', ');
}

/**
 * RFC 8725 §2.1 and §3.1: an HMAC token with a public key is rejected. It is
 * also checked with the PEM text as the HMAC secret, which is what a verifier
 * that trusts "alg" would do, to tell the user whether the token was forged that way.
 */
async function rejectAlgorithmConfusion(
  context: VerificationContext,
  entry: KeyEntry,
): Promise<VerificationResult> {
  let forged = false;
  if (entry.pemText !== undefined) {
    for (const variant of pemSecretVariants(context.options.key, entry.pemText)) {
      const bytes = new TextEncoder().encode(variant);
      if (
        await checkSignature(
          context.decoded,
          context.alg,
          { kind: 'secret', bytes },
          { ignoreErrors: true },
        )
      ) {
        forged = true;
        break;
      }
    }
  }

  if (forged) {
    addWarning(
      context,
      'alg-confusion-forgery',
      'This token verifies as HMAC with the public key text as the secret: it was forged with the algorithm confusion attack.',
    );
  }
  const problem = jwtError('jwt/hmac-with-public-key', `${context.alg} with a public key`, {
    alg: context.alg,
    key: entry.description.summary,
    forged,
  });
  return invalidResult(context, problem, {});
}

/** Lists the forms in which a server might read a PEM file: as typed, as the block alone, with or without a final line break. */
function pemSecretVariants(typed: string, block: string): string[] {
  const variants = [
    typed,
    typed.trim(),
    `${typed.trim()}\n`,
    block,
    `${block}\n`,
    block.replaceAll('\n', '\r\n'),
  ];
  return [...new Set(variants)];
}

async function checkBase64urlForm(
  decoded: DecodedJws,
  alg: string,
  key: VerificationKey,
): Promise<boolean | undefined> {
  if (!decoded.standardBase64) return undefined;
  return checkSignature(toBase64urlForm(decoded), alg, key);
}

function signatureProblem(
  alg: string,
  base64urlForm: boolean | undefined,
  verifyingEncoding: SecretEncoding | undefined,
): JwtError {
  if (base64urlForm === true) {
    return jwtError(
      'jwt/signature-over-base64url-form',
      'the signature covers the base64url form',
      { alg },
    );
  }
  return jwtError('jwt/signature-invalid', `the ${alg} signature does not verify`, {
    alg,
    verifyingEncoding,
  });
}

function decodeJwkSecret(jwk: JWK): Uint8Array {
  const reading = readSecret(jwk.k ?? '', 'base64url');
  if (!reading.ok) {
    throw jwtError('jwt/key-unreadable', 'the JWK "k" is not base64url', {
      format: 'JWK',
      reason: 'missing-member',
      member: 'k',
    });
  }
  return reading.bytes;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
