import { describe, expect, it } from 'vitest';
import {
  describeAlgorithmName,
  describeAlgorithmSupport,
  type AlgorithmSupportId,
} from './algorithm-support';
import { parseJsonText, type JsonObject } from './json';
import { SUPPORTED_SIGNATURE_ALGORITHMS } from './keys';

function headerOf(json: string): JsonObject {
  const parsed = parseJsonText(json);
  if (!parsed.ok || parsed.json.node.kind !== 'object') throw new Error(`not an object: ${json}`);
  return parsed.json.node;
}

describe('describeAlgorithmSupport', () => {
  it.each(SUPPORTED_SIGNATURE_ALGORITHMS)('%s is verifiable', (alg) => {
    const support = describeAlgorithmSupport(headerOf(JSON.stringify({ alg })));

    expect(support.id).toBe('verifiable');
    expect(support.verifiable).toBe(true);
    expect(support.alg).toBe(alg);
  });

  it.each([
    ['none', 'unsecured'],
    ['None', 'none-case-variant'],
    ['NONE', 'none-case-variant'],
    ['nOnE', 'none-case-variant'],
    ['hs256', 'case-variant'],
    ['eddsa', 'case-variant'],
    ['RSA-OAEP', 'encryption-algorithm'],
    ['dir', 'encryption-algorithm'],
    ['A128GCM', 'encryption-algorithm'],
    ['ES256K', 'unsupported'],
    ['ML-DSA-65', 'unsupported'],
    ['HS1024', 'unknown'],
    ['', 'unknown'],
  ] as const)('%s gives %s', (alg, id: AlgorithmSupportId) => {
    const support = describeAlgorithmSupport(headerOf(JSON.stringify({ alg })));

    expect(support.id).toBe(id);
    expect(support.verifiable).toBe(false);
    expect(support.alg).toBe(alg);
  });

  it('missing alg', () => {
    const support = describeAlgorithmSupport(headerOf('{"typ":"JWT"}'));

    expect(support.id).toBe('alg-missing');
    expect(support.alg).toBeUndefined();
    expect(support.text).toBe(
      'The header has no "alg", which every JWS must have (RFC 7515 §4.1.1), so no key can verify the token.',
    );
  });

  it('alg that is a number', () => {
    const support = describeAlgorithmSupport(headerOf('{"alg":256}'));

    expect(support.id).toBe('alg-not-string');
    expect(support.text).toContain('"alg" is a JSON number, but it must be a string');
  });

  it('result is plain data', () => {
    const support = describeAlgorithmSupport(headerOf('{"alg":"None"}'));

    expect(structuredClone(support)).toEqual(support);
  });
});

describe('describeAlgorithmName texts', () => {
  it('verifiable names the key to enter', () => {
    expect(describeAlgorithmName('ES384').text).toBe(
      'The inspector verifies ES384 signatures with the P-384 public key, so enter it to check this one.',
    );
    expect(describeAlgorithmName('PS256').text).toContain('the RSA public key');
    expect(describeAlgorithmName('HS512').text).toContain('the shared secret');
    expect(describeAlgorithmName('EdDSA').text).toContain('the Ed25519 public key');
  });

  it('none variant names the standard and the attack', () => {
    const text = describeAlgorithmName('None').text;

    expect(text).toMatch(/^"alg" is "None", not "none"\. /);
    expect(text).toContain('case-sensitive (RFC 7515 §4.1.1)');
    expect(text).toContain('RFC 7518 §3.6 defines only the lower-case "none"');
    expect(text).toContain('A verifier that lower-cases "alg" before comparing');
    expect(text).toContain('known attack');
  });

  it('case variant names the right spelling', () => {
    expect(describeAlgorithmName('rs256').text).toMatch(/^"alg" is "rs256", not "RS256"\. /);
  });

  it('encryption algorithm says the token has 3 parts', () => {
    const text = describeAlgorithmName('ECDH-ES+A128KW').text;

    expect(text).toContain('a JWE key management algorithm (RFC 7518 §4.1)');
    expect(text).toContain('the 3 parts of a JWS, not the 5 of a JWE');
  });

  it('content encryption algorithm named as such', () => {
    expect(describeAlgorithmName('A256CBC-HS512').text).toContain(
      'a JWE content encryption algorithm (RFC 7518 §5.1)',
    );
  });

  it('unknown algorithm lists the supported ones', () => {
    const text = describeAlgorithmName('HS1024').text;

    expect(text).toMatch(
      /^"HS1024" is not a JWS algorithm that this inspector or the jose library knows/,
    );
    expect(text).toContain(SUPPORTED_SIGNATURE_ALGORITHMS.join(', '));
  });

  it('no text asks for a key unless one helps', () => {
    const unverifiable = ['none', 'None', 'hs256', 'dir', 'ES256K', 'HS1024'];

    for (const alg of unverifiable)
      expect(describeAlgorithmName(alg).text, alg).not.toMatch(/enter (the|a) /i);
  });
});
