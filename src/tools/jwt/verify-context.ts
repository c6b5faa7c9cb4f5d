// The state gathered while one token is verified, the warnings added to it,
// and the VerificationResult objects built from it. verify.ts drives the
// checks; this file only records what they found.

import type { DecodedJws } from './decode';
import type { JwtError } from './errors';
import type { KeyDescription, KeyEntry, SecretEncoding } from './keys';
import { toJwtProblem } from './messages';
import { expectedSignatureLength } from './signature-checks';
import type {
  VerificationResult,
  VerificationStatus,
  VerificationWarning,
  VerificationWarningId,
  VerifyOptions,
} from './verify';

/** Mutable state gathered while verifying, so an error keeps what was learned before it. */
export interface VerificationContext {
  readonly decoded: DecodedJws;
  readonly alg: string;
  readonly options: VerifyOptions;
  key: KeyDescription | undefined;
  keySelection: string | undefined;
  readonly warnings: VerificationWarning[];
}

export function warnAboutKey(context: VerificationContext, entry: KeyEntry): void {
  const description = entry.description;
  if (description.isPrivate && entry.jwk.kty !== 'oct') {
    addWarning(
      context,
      'private-key-used',
      'This is a private key, so only its public part was used. Never paste a private key that protects real data into a web page.',
    );
  }

  if (entry.jwk.use === 'enc') {
    addWarning(
      context,
      'key-use-enc',
      'The key\'s "use" is "enc", so it is meant for encryption, not for signatures (RFC 7517 §4.2).',
    );
  }

  if (entry.jwk.kty === 'RSA' && description.bits !== undefined && description.bits < 2048) {
    addWarning(
      context,
      'weak-rsa-key',
      `The RSA key has ${description.bits} bits, but RFC 7518 §3.3 requires 2048 or more. The signature is still checked, with WebCrypto because jose rejects such keys.`,
    );
  }

  if (entry.jwk.kty === 'oct') warnAboutSecretLength(context, (description.bits ?? 0) / 8);
  warnAboutCertificate(context, description);
}

export function warnAboutCertificate(
  context: VerificationContext,
  description: KeyDescription,
): void {
  const now = context.options.now;
  const certificate = description.certificate;
  if (now === undefined || certificate === undefined) return;

  if (new Date(certificate.notAfter) < now) {
    addWarning(
      context,
      'certificate-expired',
      `The certificate expired on ${certificate.notAfter}; its key was still used.`,
    );
  } else if (new Date(certificate.notBefore) > now) {
    addWarning(
      context,
      'certificate-not-yet-valid',
      `The certificate is valid only from ${certificate.notBefore}; its key was still used.`,
    );
  }
}

/** RFC 7518 §3.2: an HMAC key must be at least as long as the hash output. */
export function warnAboutSecretLength(context: VerificationContext, byteLength: number): void {
  const required = { HS256: 32, HS384: 48, HS512: 64 }[context.alg];
  if (required === undefined || byteLength >= required) return;

  addWarning(
    context,
    'weak-hmac-key',
    `The secret is ${byteLength} bytes (${byteLength * 8} bits), but RFC 7518 §3.2 requires at least ${required * 8} bits for ${context.alg}. The signature is still checked, but a short secret can be guessed offline from one token.`,
  );
}

export function addWarning(
  context: VerificationContext,
  id: VerificationWarningId,
  text: string,
): void {
  if (!context.warnings.some((warning) => warning.id === id)) context.warnings.push({ id, text });
}

export interface ResultExtras {
  readonly secretEncoding?: SecretEncoding;
  readonly verifyingEncoding?: SecretEncoding;
  readonly exact?: boolean;
  readonly base64urlForm?: boolean;
}

export function baseResult(
  context: VerificationContext,
  status: VerificationStatus,
  extras: ResultExtras,
): VerificationResult {
  const { decoded, alg } = context;
  const rsaBits = context.key?.kty === 'RSA' ? context.key.bits : undefined;
  return {
    status,
    alg,
    key: context.key,
    keySelection: context.keySelection,
    secretEncoding: extras.secretEncoding,
    verifyingEncoding: extras.verifyingEncoding,
    problem: undefined,
    warnings: context.warnings,
    receivedBytes: {
      standardBase64: decoded.standardBase64,
      exactBytesVerify: status === 'verified' ? true : extras.exact,
      base64urlFormVerifies: extras.base64urlForm,
    },
    signatureLength: decoded.signature.bytes.length,
    expectedSignatureLength: expectedSignatureLength(alg, rsaBits),
  };
}

export function verifiedResult(
  context: VerificationContext,
  extras: ResultExtras,
): VerificationResult {
  return baseResult(context, 'verified', extras);
}

export function invalidResult(
  context: VerificationContext,
  problem: JwtError,
  extras: ResultExtras,
): VerificationResult {
  return { ...baseResult(context, 'invalid', extras), problem: toJwtProblem(problem) };
}

export function errorResult(
  context: VerificationContext | undefined,
  alg: string | undefined,
  error: unknown,
  extras: ResultExtras = {},
): VerificationResult {
  if (context !== undefined)
    return { ...baseResult(context, 'error', extras), problem: toJwtProblem(error) };

  return {
    status: 'error',
    alg,
    key: undefined,
    keySelection: undefined,
    secretEncoding: undefined,
    verifyingEncoding: undefined,
    problem: toJwtProblem(error),
    warnings: [],
    receivedBytes: {
      standardBase64: false,
      exactBytesVerify: undefined,
      base64urlFormVerifies: undefined,
    },
    signatureLength: 0,
    expectedSignatureLength: undefined,
  };
}

/** RFC 7519 §6: an unsecured JWT has nothing to verify, whatever key was entered. */
export function unsecuredResult(decoded: DecodedJws): VerificationResult {
  const warnings: VerificationWarning[] = [];
  if (decoded.signature.bytes.length > 0) {
    warnings.push({
      id: 'unsecured-with-signature',
      text: `An unsecured JWT must have an empty signature (RFC 7519 §6.1), but this one has ${decoded.signature.bytes.length} bytes.`,
    });
  }

  return {
    status: 'unsecured',
    alg: 'none',
    key: undefined,
    keySelection: undefined,
    secretEncoding: undefined,
    verifyingEncoding: undefined,
    problem: undefined,
    warnings,
    receivedBytes: {
      standardBase64: decoded.standardBase64,
      exactBytesVerify: undefined,
      base64urlFormVerifies: undefined,
    },
    signatureLength: decoded.signature.bytes.length,
    expectedSignatureLength: 0,
  };
}
