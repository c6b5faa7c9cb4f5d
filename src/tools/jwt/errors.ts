// Error codes of the JWT inspector. Every failure the inspector reports is a
// LabError with one of these codes and structured details. messages.ts maps
// each code to the sentences the user reads.

import { isLabError, LabError, type LabErrorDetails } from '../../core/lab-error';

export type JwtErrorCode =
  // Reading the input
  | 'jwt/empty-input'
  | 'jwt/input-too-large'
  | 'jwt/no-token-in-json'
  | 'jwt/wrong-part-count'
  | 'jwt/invalid-base64url'
  | 'jwt/invalid-base64url-length'
  | 'jwt/header-not-utf8'
  | 'jwt/header-standard-base64'
  | 'jwt/header-not-json'
  | 'jwt/header-not-object'
  | 'jwt/invalid-time-zone'
  // Keys
  | 'jwt/key-missing'
  | 'jwt/key-unreadable'
  | 'jwt/key-unsupported'
  | 'jwt/key-type-mismatch'
  | 'jwt/hmac-with-public-key'
  | 'jwt/secret-encoding-invalid'
  | 'jwt/jwks-empty'
  | 'jwt/jwks-no-matching-key'
  // Signatures
  | 'jwt/alg-missing'
  | 'jwt/alg-unsupported'
  | 'jwt/not-a-jws'
  | 'jwt/detached-payload-missing'
  | 'jwt/b64-without-crit'
  | 'jwt/crit-invalid'
  | 'jwt/crit-unsupported'
  | 'jwt/jws-rejected'
  | 'jwt/signature-invalid'
  | 'jwt/signature-length'
  | 'jwt/signature-over-base64url-form'
  | 'jwt/ecdsa-signature-der'
  | 'jwt/ecdsa-signature-zero'
  | 'jwt/ecdsa-signature-out-of-range'
  // JWE
  | 'jwt/not-a-jwe'
  | 'jwt/private-key-required'
  | 'jwt/jwe-alg-unsupported'
  | 'jwt/jwe-decryption-failed'
  // A bug in the inspector or a library, caught so the page never goes blank
  | 'jwt/unexpected';

export type JwtError = LabError<JwtErrorCode>;

/** An error as plain data, so that a Web Worker can post it. */
export interface SerializedJwtError {
  readonly code: JwtErrorCode;
  readonly details: LabErrorDetails;
}

export function jwtError(
  code: JwtErrorCode,
  message: string,
  details: LabErrorDetails = {},
  cause?: unknown,
): JwtError {
  return new LabError<JwtErrorCode>(code, message, details, { cause });
}

export function isJwtError(value: unknown): value is JwtError {
  return isLabError(value) && value.code.startsWith('jwt/');
}

/**
 * Converts anything thrown into plain data. A thrown value that is not a
 * JwtError is a bug, so it becomes 'jwt/unexpected' with its message.
 */
export function serializeJwtError(error: unknown): SerializedJwtError {
  if (isJwtError(error)) return { code: error.code, details: { ...error.details } };

  const message = error instanceof Error ? error.message : String(error);
  return { code: 'jwt/unexpected', details: { message } };
}
