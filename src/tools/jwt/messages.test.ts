import { describe, expect, it } from 'vitest';
import type { LabErrorDetails } from '../../core/lab-error';
import { jwtError, type JwtErrorCode } from './errors';
import { explainJwtError, jwtErrorMessages, toJwtProblem } from './messages';

/** Details as the code throws them, one realistic set per code. */
const SAMPLE_DETAILS: Record<JwtErrorCode, LabErrorDetails> = {
  'jwt/empty-input': { field: 'token' },
  'jwt/input-too-large': { field: 'token', size: 3 * 1024 * 1024, maxSize: 2 * 1024 * 1024 },
  'jwt/no-token-in-json': { reason: 'no-token' },
  'jwt/wrong-part-count': { partCount: 2, dotCount: 1 },
  'jwt/invalid-base64url': {
    segment: 'payload',
    position: 40,
    character: '$',
    codePoint: 'U+0024',
  },
  'jwt/invalid-base64url-length': { segment: 'signature', position: 80, length: 41 },
  'jwt/header-not-utf8': { segment: 'header', byteOffset: 1, position: 1 },
  'jwt/header-not-json': {
    segment: 'header',
    reason: 'JSON value expected',
    textPosition: 14,
    position: 18,
  },
  'jwt/header-not-object': { segment: 'header', jsonType: 'array', position: 0 },
  'jwt/invalid-time-zone': { timeZone: 'Mars/Olympus' },
  'jwt/key-missing': {},
  'jwt/key-unreadable': { format: 'JSON', reason: 'not-jwk' },
  'jwt/key-unsupported': { reason: 'encrypted-pem', format: 'RSA PRIVATE KEY' },
  'jwt/key-type-mismatch': { alg: 'RS256', key: 'P-256 public key (JWK)', allowed: 'ES256' },
  'jwt/hmac-with-public-key': {
    alg: 'HS256',
    key: 'RSA public key, 2048 bits (PEM, SPKI)',
    forged: true,
  },
  'jwt/secret-encoding-invalid': {
    encoding: 'hex',
    reason: '"y" is not a hex digit',
    position: 1,
    verifyingEncoding: 'base64url',
  },
  'jwt/jwks-empty': { keyCount: 1, skipped: 'key 1: no kty' },
  'jwt/jwks-no-matching-key': { reason: 'kid', kid: 'three', available: '"one", "two"' },
  'jwt/alg-missing': { segment: 'header' },
  'jwt/alg-unsupported': { alg: 'None', supported: 'HS256, RS256' },
  'jwt/not-a-jws': {},
  'jwt/detached-payload-missing': { segment: 'payload' },
  'jwt/b64-without-crit': { segment: 'header' },
  'jwt/crit-invalid': { reason: 'duplicate', segment: 'header' },
  'jwt/crit-unsupported': { parameter: 'exp', segment: 'header' },
  'jwt/jws-rejected': { message: 'JWS Protected Header is invalid' },
  'jwt/signature-invalid': { alg: 'HS256', verifyingEncoding: 'base64url' },
  'jwt/signature-length': { alg: 'HS256', length: 30, expectedLength: 32 },
  'jwt/signature-over-base64url-form': { alg: 'HS256' },
  'jwt/ecdsa-signature-der': {
    alg: 'ES256',
    length: 71,
    expectedLength: 64,
    zeroValues: false,
    convertedVerifies: true,
  },
  'jwt/ecdsa-signature-zero': { alg: 'ES256', component: 'both' },
  'jwt/ecdsa-signature-out-of-range': { alg: 'ES256', component: 'r' },
  'jwt/not-a-jwe': {},
  'jwt/private-key-required': { alg: 'RSA-OAEP', key: 'RSA public key' },
  'jwt/jwe-alg-unsupported': { alg: 'RSA1_5', enc: 'A128GCM' },
  'jwt/jwe-decryption-failed': { alg: 'dir', enc: 'A128GCM', verifyingEncoding: 'hex' },
  'jwt/unexpected': { message: 'boom' },
};

const codes = Object.keys(SAMPLE_DETAILS) as JwtErrorCode[];

describe('jwtErrorMessages', () => {
  it('has one entry per code', () => {
    expect(Object.keys(jwtErrorMessages).sort()).toEqual([...codes].sort());
  });

  it.each(codes)('%s reads as full sentences', (code) => {
    const explanation = explainJwtError(code, SAMPLE_DETAILS[code]);

    expect(explanation.what).toMatch(/^[A-Z"].*[.]$/s);
    expect(explanation.fix).toMatch(/^[A-Z"].*[.]$/s);
    expect(`${explanation.what} ${explanation.where ?? ''} ${explanation.fix}`).not.toMatch(
      /undefined|\[object/,
    );
  });

  it('where counts characters from 1', () => {
    const explanation = explainJwtError(
      'jwt/invalid-base64url',
      SAMPLE_DETAILS['jwt/invalid-base64url'],
    );

    expect(explanation.where).toBe('In the payload, at character 41 of the token.');
  });
});

describe('toJwtProblem', () => {
  it('keeps code and details', () => {
    const problem = toJwtProblem(jwtError('jwt/key-missing', 'no key'));

    expect(problem.code).toBe('jwt/key-missing');
    expect(problem.explanation.what).toBe('No key was entered, so the signature was not checked.');
  });

  it('turns other errors into unexpected', () => {
    const problem = toJwtProblem(new TypeError('x is undefined'));

    expect(problem.code).toBe('jwt/unexpected');
    expect(problem.details.message).toBe('x is undefined');
  });
});
