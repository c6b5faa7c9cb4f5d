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
  'jwt/header-standard-base64': {
    segment: 'header',
    character: '+',
    position: 30,
    failure: 'not-utf8',
    byteOffset: 23,
  },
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

describe('input-too-large message', () => {
  it('gives exact byte counts', () => {
    const explanation = explainJwtError('jwt/input-too-large', {
      field: 'token',
      size: 2 * 1024 * 1024 + 1,
      maxSize: 2 * 1024 * 1024,
    });

    expect(explanation.what).toBe(
      'The token is 2,097,153 bytes, more than the 2,097,152-byte limit (2 MiB).',
    );
  });

  it('names the detached payload in words', () => {
    const explanation = explainJwtError('jwt/input-too-large', {
      field: 'detachedPayload',
      size: 5_000_000,
      maxSize: 2 * 1024 * 1024,
    });

    expect(explanation.what).toBe(
      'The detached payload is 5,000,000 bytes, more than the 2,097,152-byte limit (2 MiB).',
    );
  });

  it('small limit without a binary unit', () => {
    const explanation = explainJwtError('jwt/input-too-large', {
      field: 'key',
      size: 999,
      maxSize: 512,
    });

    expect(explanation.what).toBe('The key is 999 bytes, more than the 512-byte limit.');
  });
});

describe('key summaries inside sentences', () => {
  it.each([
    ['Symmetric key, 3 bytes (JWK)', 'the key is a symmetric key, 3 bytes (JWK), which'],
    [
      'RSA public key, 2048 bits (PEM, SPKI)',
      'the key is an RSA public key, 2048 bits (PEM, SPKI),',
    ],
    ['P-256 public key (JWK)', 'the key is a P-256 public key (JWK),'],
    ['Ed25519 private key (JWK)', 'the key is an Ed25519 private key (JWK),'],
    ['X25519 public key (JWK)', 'the key is an X25519 public key (JWK),'],
    [
      'Shared secret, 3 bytes (read as UTF-8)',
      'the key is a shared secret, 3 bytes (read as UTF-8),',
    ],
    ['a shared secret', 'the key is a shared secret, which'],
  ])('key-type-mismatch with %s', (key, expected) => {
    const explanation = explainJwtError('jwt/key-type-mismatch', {
      alg: 'RS256',
      key,
      allowed: 'HS256, HS384, HS512',
    });

    expect(explanation.what).toContain(expected);
  });

  it('key with no JWS algorithm', () => {
    const explanation = explainJwtError('jwt/key-type-mismatch', {
      alg: 'ES256',
      key: 'X25519 public key (JWK)',
      allowed: '',
    });

    expect(explanation.what).toBe(
      'The token uses ES256, but the key is an X25519 public key (JWK), which cannot be used with any JWS algorithm.',
    );
  });

  it('hmac-with-public-key embeds the summary in lower case', () => {
    const explanation = explainJwtError('jwt/hmac-with-public-key', {
      alg: 'HS256',
      key: 'RSA private key, 2048 bits (PEM, PKCS#8)',
      forged: false,
    });

    expect(explanation.what).toMatch(
      /^The token uses HS256, an HMAC algorithm, but the key is an RSA private key, 2048 bits \(PEM, PKCS#8\), not a shared secret\. /,
    );
  });
});

describe('algorithm messages', () => {
  it('case variant of none names the attack', () => {
    const explanation = explainJwtError('jwt/alg-unsupported', { alg: 'NONE', supported: 'HS256' });

    expect(explanation.what).toContain('"alg" is "NONE", not "none"');
    expect(explanation.what).toContain('RFC 7518 §3.6');
    expect(explanation.what).toContain('lower-cases "alg" before comparing');
    expect(explanation.fix).toContain('without changing its case');
  });

  it('unknown algorithm lists the supported ones', () => {
    const explanation = explainJwtError('jwt/alg-unsupported', {
      alg: 'HS1024',
      supported: 'HS256, RS256',
    });

    expect(explanation.what).toMatch(/^"HS1024" is not a JWS algorithm/);
    expect(explanation.what).toContain('The inspector verifies HS256, HS384, HS512, RS256');
    expect(explanation.fix).toBe(
      'Check the spelling of "alg", which is case-sensitive, or verify the token with a library that implements this algorithm.',
    );
  });

  it('alg that is not a string', () => {
    const explanation = explainJwtError('jwt/alg-missing', {
      segment: 'header',
      reason: 'alg-not-string',
      jsonType: 'number',
    });

    expect(explanation.what).toBe(
      '"alg" is a JSON number, but every JWS must name its algorithm as a string (RFC 7515 §4.1.1).',
    );
  });
});

describe('header-standard-base64 message', () => {
  it('points at the standard base64 character', () => {
    const explanation = explainJwtError('jwt/header-standard-base64', {
      segment: 'header',
      character: '/',
      position: 9,
      failure: 'not-json',
      reason: 'JSON value expected',
    });

    expect(explanation.what).toBe(
      'The header contains "/" at character 10 of the token, a standard base64 character, and base64url uses "-" and "_" in place of "+" and "/". Decoded as standard base64, the header is not valid JSON (JSON value expected).',
    );
    expect(explanation.where).toBe('In the header, at character 10 of the token.');
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
