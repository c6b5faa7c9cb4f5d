import { describe, expect, it } from 'vitest';
import type { KeyDescription } from './keys';
import { decodeShareFragment, encodeShareFragment, isShareableKey } from './share';

const publicKey: KeyDescription = {
  source: 'pem-spki',
  kty: 'RSA',
  summary: 'RSA public key',
  bits: 2048,
  curve: undefined,
  kid: undefined,
  thumbprint: undefined,
  isPrivate: false,
  signatureAlgorithms: ['RS256'],
  encryptionAlgorithms: [],
  certificate: undefined,
};

describe('share fragment', () => {
  it('round-trips a token and a key', () => {
    const key = '-----BEGIN PUBLIC KEY-----\nMFkw+/=\n-----END PUBLIC KEY-----';
    const fragment = encodeShareFragment({ token: 'a.b.c', key });
    expect(decodeShareFragment(`#${fragment}`)).toEqual({ token: 'a.b.c', key });
  });

  it('returns undefined without a token', () => {
    expect(decodeShareFragment('#key=abc')).toBeUndefined();
    expect(decodeShareFragment('')).toBeUndefined();
  });
});

describe('isShareableKey', () => {
  it('allows a public key', () => {
    expect(isShareableKey(publicKey)).toBe(true);
  });

  it('rejects secrets, private keys and key sets', () => {
    expect(isShareableKey({ ...publicKey, source: 'secret' })).toBe(false);
    expect(isShareableKey({ ...publicKey, isPrivate: true })).toBe(false);
    expect(isShareableKey({ ...publicKey, source: 'jwks' })).toBe(false);
    expect(isShareableKey(undefined)).toBe(false);
  });
});
