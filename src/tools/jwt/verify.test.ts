import { createHmac } from 'node:crypto';
import { CompactSign, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeToken } from './decode';
import {
  base64url,
  ecKeyPair,
  ed25519KeyPair,
  rsaKeyPair,
  rsaPssKeyPair,
  selfSignedCertificate,
  signCompact,
  signWithNode,
  type TestKeyPair,
} from './key-pairs.fixture';
import type { SecretEncoding } from './keys';
import { verifyToken, type VerificationResult } from './verify';
import {
  commonHS256,
  psychicSignature,
  rfc7515ES256,
  rfc7515HS256,
  rfc7519Unsecured,
  rfc7520HS256Text,
  rfc7797,
} from './vectors.fixture';

const now = new Date('2024-06-01T12:00:00Z');
const claims = JSON.stringify({ sub: 'alice', iat: 1717243200 });

function verify(
  token: string,
  key: string | object,
  options: { secretEncoding?: SecretEncoding; detachedPayload?: string } = {},
): Promise<VerificationResult> {
  const decoded = decodeToken(token, { detachedPayload: options.detachedPayload });
  const keyText = typeof key === 'string' ? key : JSON.stringify(key);
  return verifyToken(decoded, { key: keyText, secretEncoding: options.secretEncoding, now });
}

function warningIds(result: VerificationResult): string[] {
  return result.warnings.map((warning) => warning.id);
}

/** Flips the lowest bit of the first signature byte. */
function flipSignatureBit(token: string): string {
  const [header, payload, signature = ''] = token.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

function replaceSignature(token: string, signature: Uint8Array): string {
  const [header, payload] = token.split('.');
  return `${header}.${payload}.${base64url(signature)}`;
}

describe('verifyToken with published vectors', () => {
  it('RFC 7515 A.1 verifies with the JWK', async () => {
    const result = await verify(rfc7515HS256.token, rfc7515HS256.jwk);

    expect(result.status).toBe('verified');
    expect(result.alg).toBe('HS256');
    expect(result.key?.source).toBe('jwk');
    expect(result.receivedBytes.exactBytesVerify).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('RFC 7515 A.1 verifies with k read as base64url', async () => {
    const result = await verify(rfc7515HS256.token, rfc7515HS256.jwk.k, {
      secretEncoding: 'base64url',
    });

    expect(result.status).toBe('verified');
    expect(result.secretEncoding).toBe('base64url');
  });

  it('RFC 7515 A.3 ES256 verifies with the public JWK', async () => {
    const result = await verify(rfc7515ES256.token, rfc7515ES256.publicJwk);

    expect(result.status).toBe('verified');
    expect(result.key?.curve).toBe('P-256');
    expect(result.signatureLength).toBe(64);
  });

  it('fresh ES256 signature differs and verifies', async () => {
    const [header, payload] = rfc7515ES256.token.split('.');
    const privateKey = await importJWK({ ...rfc7515ES256.privateJwk }, 'ES256');
    const fresh = await new CompactSign(Buffer.from(payload ?? '', 'base64url'))
      .setProtectedHeader({ alg: 'ES256' })
      .sign(privateKey);

    expect(fresh.split('.')[0]).toBe(header);
    expect(fresh.split('.')[2]).not.toBe(rfc7515ES256.token.split('.')[2]);
    expect((await verify(fresh, rfc7515ES256.publicJwk)).status).toBe('verified');
  });

  it('RFC 7519 unsecured token is unsecured', async () => {
    const result = await verify(rfc7519Unsecured.token, '');

    expect(result.status).toBe('unsecured');
    expect(result.problem).toBeUndefined();
  });

  it('unsecured token with a signature is warned about', async () => {
    const result = await verify(`${rfc7519Unsecured.token}AAAA`, '');

    expect(result.status).toBe('unsecured');
    expect(warningIds(result)).toEqual(['unsecured-with-signature']);
  });

  it('RFC 7520 §4.4 verifies with its k', async () => {
    const result = await verify(rfc7520HS256Text.token, rfc7520HS256Text.jwk);

    expect(result.status).toBe('verified');
    expect(result.key?.kid).toBe(rfc7520HS256Text.jwk.kid);
  });

  it('RFC 7797 §4.1 verifies', async () => {
    expect((await verify(rfc7797.encodedToken, rfc7797.jwk)).status).toBe('verified');
  });

  it('RFC 7797 §4.2 verifies with the detached payload', async () => {
    const result = await verify(rfc7797.unencodedDetachedToken, rfc7797.jwk, {
      detachedPayload: '$.02',
    });

    expect(result.status).toBe('verified');
  });

  it('RFC 7797 §4.2 with another payload is invalid', async () => {
    const result = await verify(rfc7797.unencodedDetachedToken, rfc7797.jwk, {
      detachedPayload: '$.03',
    });

    expect(result.status).toBe('invalid');
    expect(result.problem?.code).toBe('jwt/signature-invalid');
  });

  it('RFC 7797 §4.2 without the payload is an error', async () => {
    const result = await verify(rfc7797.unencodedDetachedToken, rfc7797.jwk);

    expect(result.problem?.code).toBe('jwt/detached-payload-missing');
  });

  it('common HS256 token verifies with a weak-key warning', async () => {
    const result = await verify(commonHS256.token, commonHS256.secret);

    expect(result.status).toBe('verified');
    expect(result.secretEncoding).toBe('utf8');
    expect(result.key?.bits).toBe(152);
    expect(warningIds(result)).toEqual(['weak-hmac-key']);
    expect(result.warnings[0]?.text).toContain('19 bytes');
  });
});

describe('verifyToken failures', () => {
  it('flipped signature bit is invalid', async () => {
    const result = await verify(flipSignatureBit(rfc7515HS256.token), rfc7515HS256.jwk);

    expect(result.status).toBe('invalid');
    expect(result.problem?.code).toBe('jwt/signature-invalid');
    expect(result.receivedBytes.exactBytesVerify).toBe(false);
  });

  it('flipped ES256 bit is invalid', async () => {
    const result = await verify(flipSignatureBit(rfc7515ES256.token), rfc7515ES256.publicJwk);

    expect(result.status).toBe('invalid');
  });

  it('wrong key is invalid', async () => {
    const result = await verify(commonHS256.token, 'another-secret-of-sufficient-length!!');

    expect(result.status).toBe('invalid');
    expect(result.verifyingEncoding).toBeUndefined();
  });

  it('wrong secret encoding names the one that verifies', async () => {
    const result = await verify(rfc7515HS256.token, rfc7515HS256.jwk.k, { secretEncoding: 'utf8' });

    expect(result.status).toBe('invalid');
    expect(result.verifyingEncoding).toBe('base64url');
    expect(result.problem?.details.verifyingEncoding).toBe('base64url');
    expect(result.problem?.explanation.fix).toContain('base64url');
  });

  it('secret that is not the chosen encoding', async () => {
    const result = await verify(rfc7515HS256.token, rfc7515HS256.jwk.k, { secretEncoding: 'hex' });

    expect(result.status).toBe('error');
    expect(result.problem?.code).toBe('jwt/secret-encoding-invalid');
    expect(result.problem?.details.position).toBe(1);
    expect(result.verifyingEncoding).toBe('base64url');
  });

  it('hex secret read as hex', async () => {
    const hex = Buffer.from(rfc7515HS256.jwk.k, 'base64url').toString('hex');
    const result = await verify(rfc7515HS256.token, hex, { secretEncoding: 'hex' });

    expect(result.status).toBe('verified');
  });

  it('truncated HMAC signature explained by its length', async () => {
    const token = rfc7515HS256.token.slice(0, -3);
    const result = await verify(token, rfc7515HS256.jwk);

    expect(result.problem?.code).toBe('jwt/signature-length');
    expect(result.problem?.details).toMatchObject({ length: 30, expectedLength: 32 });
  });

  it('empty key is key-missing', async () => {
    const result = await verify(commonHS256.token, '  ');

    expect(result.status).toBe('error');
    expect(result.problem?.code).toBe('jwt/key-missing');
  });

  it('JWE is not verified', async () => {
    const jwe = `${base64url('{"alg":"dir","enc":"A128GCM"}')}..aaaa.bbbb.cccc`;
    const result = await verifyToken(decodeToken(jwe), { key: 'x' });

    expect(result.problem?.code).toBe('jwt/not-a-jws');
  });

  it('missing alg', async () => {
    const token = `${base64url('{"typ":"JWT"}')}.${base64url('{}')}.AAAA`;

    expect((await verify(token, 'secret')).problem?.code).toBe('jwt/alg-missing');
  });

  it.each(['None', 'HS1', 'ES256K'])('unsupported alg %s', async (alg) => {
    const token = `${base64url(JSON.stringify({ alg }))}.${base64url('{}')}.AAAA`;
    const result = await verify(token, 'secret');

    expect(result.problem?.code).toBe('jwt/alg-unsupported');
    expect(result.problem?.details.alg).toBe(alg);
  });

  it('unknown crit extension rejected', async () => {
    const header = base64url('{"alg":"HS256","crit":["exp"],"exp":1}');
    const token = `${header}.${base64url('{}')}.${'A'.repeat(43)}`;
    const result = await verify(token, 'secret');

    expect(result.problem?.code).toBe('jwt/crit-unsupported');
    expect(result.problem?.details.parameter).toBe('exp');
  });

  it.each([
    ['a string', '"b64"', 'not-array'],
    ['empty', '[]', 'not-array'],
    ['a duplicate', '["b64","b64"]', 'duplicate'],
    ['a missing name', '["b64"]', 'missing-parameter'],
  ])('crit with %s rejected', async (_name, crit, reason) => {
    const header = base64url(
      `{"alg":"HS256","crit":${crit}${reason === 'missing-parameter' ? '' : ',"b64":true'}}`,
    );
    const result = await verify(`${header}.${base64url('{}')}.${'A'.repeat(43)}`, 'secret');

    expect(result.problem?.code).toBe('jwt/crit-invalid');
    expect(result.problem?.details.reason).toBe(reason);
  });

  it('b64 false without crit rejected', async () => {
    const token = `${base64url('{"alg":"HS256","b64":false}')}.$.${'A'.repeat(43)}`;

    expect((await verify(token, 'secret')).problem?.code).toBe('jwt/b64-without-crit');
  });
});

describe('verifyToken standard base64', () => {
  const key = Buffer.from(rfc7515HS256.jwk.k, 'base64url');
  // "?>?" makes "/" in standard base64 of the payload.
  const payloadStd = Buffer.from('{"q":"?>?"}').toString('base64');
  const headerUrl = base64url('{"alg":"HS256"}');

  function hmac(input: string): Buffer {
    return createHmac('sha256', key).update(input).digest();
  }

  it('signature over the received characters verifies', async () => {
    const signingInput = `${headerUrl}.${payloadStd}`;
    const token = `${signingInput}.${hmac(signingInput).toString('base64')}`;
    const result = await verify(token, rfc7515HS256.jwk);

    expect(result.status).toBe('verified');
    expect(result.receivedBytes).toEqual({
      standardBase64: true,
      exactBytesVerify: true,
      base64urlFormVerifies: undefined,
    });
  });

  it('token rewritten to base64 after signing is explained', async () => {
    const payloadUrl = Buffer.from('{"q":"?>?"}').toString('base64url');
    const signature = hmac(`${headerUrl}.${payloadUrl}`).toString('base64');
    const result = await verify(`${headerUrl}.${payloadStd}.${signature}`, rfc7515HS256.jwk);

    expect(result.status).toBe('invalid');
    expect(result.problem?.code).toBe('jwt/signature-over-base64url-form');
    expect(result.receivedBytes.exactBytesVerify).toBe(false);
    expect(result.receivedBytes.base64urlFormVerifies).toBe(true);
  });
});

describe('verifyToken with public keys', () => {
  let rsa: TestKeyPair;
  let rsaToken: string;

  beforeAll(async () => {
    rsa = rsaKeyPair();
    rsaToken = await signCompact(rsa, { alg: 'RS256', kid: 'rsa-1' }, claims);
  });

  it('SPKI PEM verifies RS256', async () => {
    const result = await verify(rsaToken, rsa.spkiPem);

    expect(result.status).toBe('verified');
    expect(result.key?.source).toBe('pem-spki');
    expect(result.key?.summary).toBe('RSA public key, 2048 bits (PEM, SPKI)');
    expect(result.expectedSignatureLength).toBe(256);
  });

  it('PKCS#1 PEM verifies RS256', async () => {
    const pem = rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const result = await verify(rsaToken, pem);

    expect(pem).toContain('BEGIN RSA PUBLIC KEY');
    expect(result.status).toBe('verified');
    expect(result.key?.source).toBe('pem-pkcs1');
  });

  it('X.509 certificate PEM verifies RS256', async () => {
    const pem = selfSignedCertificate(rsa, 'jwt.example', new Date('2034-01-01T00:00:00Z'));
    const result = await verify(rsaToken, pem);

    expect(result.status).toBe('verified');
    expect(result.key?.certificate?.subject).toBe('CN=jwt.example');
    expect(result.key?.certificate?.notAfter).toBe('2034-01-01T00:00:00.000Z');
    expect(result.warnings).toEqual([]);
  });

  it('expired certificate is warned about', async () => {
    const pem = selfSignedCertificate(rsa, 'old.example', new Date('2024-02-01T00:00:00Z'));
    const result = await verify(rsaToken, pem);

    expect(result.status).toBe('verified');
    expect(warningIds(result)).toEqual(['certificate-expired']);
  });

  it('PKCS#8 private key verifies with a warning', async () => {
    const result = await verify(rsaToken, rsa.pkcs8Pem);

    expect(result.status).toBe('verified');
    expect(result.key?.isPrivate).toBe(true);
    expect(warningIds(result)).toEqual(['private-key-used']);
  });

  it('PKCS#1 private key verifies', async () => {
    const pem = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

    expect((await verify(rsaToken, pem)).status).toBe('verified');
  });

  it('PS256 verifies with the RSA JWK', async () => {
    const token = await signCompact(rsa, { alg: 'PS256' }, claims);

    expect((await verify(token, rsa.publicJwk)).status).toBe('verified');
  });

  it('id-RSASSA-PSS key verifies PS256 only', async () => {
    const pss = rsaPssKeyPair();
    const token = signWithNode(pss.privateKey, { alg: 'PS256' }, claims, {
      hash: 'sha256',
      pssSaltLength: 32,
    });
    const rs256 = signWithNode(pss.privateKey, { alg: 'RS256' }, claims, {
      hash: 'sha256',
      pssSaltLength: 32,
    });

    expect((await verify(token, pss.spkiPem)).status).toBe('verified');
    expect((await verify(rs256, pss.spkiPem)).problem?.code).toBe('jwt/key-type-mismatch');
  });

  it('RS256 with a 1024-bit key verifies with a warning', async () => {
    const weak = rsaKeyPair(1024);
    const token = signWithNode(weak.privateKey, { alg: 'RS256' }, claims, { hash: 'sha256' });
    const result = await verify(token, weak.spkiPem);

    expect(result.status).toBe('verified');
    expect(warningIds(result)).toEqual(['weak-rsa-key']);
  });

  it('RSA signature of the wrong length explained', async () => {
    const token = replaceSignature(rsaToken, new Uint8Array(128));
    const result = await verify(token, rsa.spkiPem);

    expect(result.problem?.code).toBe('jwt/signature-length');
    expect(result.problem?.details.expectedLength).toBe(256);
  });

  it('wrong RSA key is invalid', async () => {
    const other = rsaKeyPair();

    expect((await verify(rsaToken, other.spkiPem)).status).toBe('invalid');
  });

  it.each([
    ['P-384', 'ES384', 96],
    ['P-521', 'ES512', 132],
  ] as const)('%s verifies %s', async (curve, alg, length) => {
    const pair = ecKeyPair(curve);
    const token = await signCompact(pair, { alg }, claims);
    const result = await verify(token, pair.spkiPem);

    expect(result.status).toBe('verified');
    expect(result.signatureLength).toBe(length);
  });

  it('SEC1 EC private key verifies', async () => {
    const pair = ecKeyPair('P-256');
    const token = await signCompact(pair, { alg: 'ES256' }, claims);
    const pem = pair.privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    const result = await verify(token, pem);

    expect(result.status).toBe('verified');
    expect(result.key?.source).toBe('pem-sec1');
  });

  it('EdDSA verifies with an Ed25519 key', async () => {
    const pair = ed25519KeyPair();
    const token = await signCompact(pair, { alg: 'EdDSA' }, claims);

    expect((await verify(token, pair.spkiPem)).status).toBe('verified');
    expect((await verify(token, pair.publicJwk)).status).toBe('verified');
  });

  it('RS256 token with an EC key is a type mismatch', async () => {
    const result = await verify(rsaToken, rfc7515ES256.publicJwk);

    expect(result.status).toBe('error');
    expect(result.problem?.code).toBe('jwt/key-type-mismatch');
    expect(result.problem?.details.allowed).toBe('ES256');
  });

  it('RS256 token with a secret is a type mismatch', async () => {
    const result = await verify(rsaToken, 'secret');

    expect(result.problem?.code).toBe('jwt/key-type-mismatch');
  });

  it('JWK alg restricts the algorithm', async () => {
    const result = await verify(rsaToken, { ...rsa.publicJwk, alg: 'PS256' });

    expect(result.problem?.code).toBe('jwt/key-type-mismatch');
    expect(result.problem?.details.allowed).toBe('PS256');
  });

  it('HS256 token with an RSA public key explains algorithm confusion', async () => {
    const result = await verify(commonHS256.token, rsa.spkiPem);

    expect(result.status).toBe('invalid');
    expect(result.problem?.code).toBe('jwt/hmac-with-public-key');
    expect(result.problem?.details.forged).toBe(false);
    expect(result.problem?.explanation.what).toContain('algorithm confusion');
  });

  it('token forged with the public key as HMAC secret is detected', async () => {
    const header = base64url('{"alg":"HS256"}');
    const payload = base64url('{"sub":"admin"}');
    const signature = createHmac('sha256', rsa.spkiPem)
      .update(`${header}.${payload}`)
      .digest('base64url');
    const result = await verify(`${header}.${payload}.${signature}`, rsa.spkiPem);

    expect(result.problem?.code).toBe('jwt/hmac-with-public-key');
    expect(result.problem?.details.forged).toBe(true);
    expect(warningIds(result)).toEqual(['alg-confusion-forgery']);
  });
});

describe('verifyToken ECDSA signature shapes', () => {
  const [header, payload] = rfc7515ES256.token.split('.');

  it('psychic signature rejected', async () => {
    const result = await verify(
      `${header}.${payload}.${psychicSignature.rawBase64url}`,
      rfc7515ES256.publicJwk,
    );

    expect(result.status).toBe('invalid');
    expect(result.problem?.code).toBe('jwt/ecdsa-signature-zero');
    expect(result.problem?.details.component).toBe('both');
    expect(result.problem?.explanation.what).toContain('CVE-2022-21449');
  });

  it('psychic signature in DER rejected', async () => {
    const der = Buffer.from(psychicSignature.derHex, 'hex').toString('base64url');
    const result = await verify(`${header}.${payload}.${der}`, rfc7515ES256.publicJwk);

    expect(result.problem?.code).toBe('jwt/ecdsa-signature-der');
    expect(result.problem?.details.zeroValues).toBe(true);
  });

  it('r equal to zero alone rejected', async () => {
    const signature = new Uint8Array(64);
    signature[63] = 1;
    const result = await verify(
      `${header}.${payload}.${base64url(signature)}`,
      rfc7515ES256.publicJwk,
    );

    expect(result.problem?.details.component).toBe('r');
  });

  it('r not below the curve order rejected', async () => {
    const signature = new Uint8Array(64).fill(0xff);
    const result = await verify(
      `${header}.${payload}.${base64url(signature)}`,
      rfc7515ES256.publicJwk,
    );

    expect(result.problem?.code).toBe('jwt/ecdsa-signature-out-of-range');
  });

  it('DER signature explained and checked as R‖S', async () => {
    const pair = ecKeyPair('P-256');
    const token = signWithNode(pair.privateKey, { alg: 'ES256' }, claims, {
      hash: 'sha256',
      dsaEncoding: 'der',
    });
    const result = await verify(token, pair.publicJwk);

    expect(result.status).toBe('invalid');
    expect(result.problem?.code).toBe('jwt/ecdsa-signature-der');
    expect(result.problem?.details.convertedVerifies).toBe(true);
    expect(result.signatureLength).toBeGreaterThanOrEqual(70);
  });

  it('ES256 signature of 63 bytes is a length problem', async () => {
    const result = await verify(
      `${header}.${payload}.${base64url(new Uint8Array(63).fill(1))}`,
      rfc7515ES256.publicJwk,
    );

    expect(result.problem?.code).toBe('jwt/signature-length');
  });
});

describe('verifyToken with a JWK Set', () => {
  let first: TestKeyPair;
  let second: TestKeyPair;
  let jwks: object;

  beforeAll(() => {
    first = ecKeyPair('P-256');
    second = ecKeyPair('P-256');
    jwks = {
      keys: [
        { ...first.publicJwk, kid: 'one', use: 'sig' },
        { ...second.publicJwk, kid: 'two', use: 'sig' },
        { kty: 'RSA', kid: 'broken' },
      ],
    };
  });

  it('key chosen by kid', async () => {
    const token = await signCompact(second, { alg: 'ES256', kid: 'two' }, claims);
    const result = await verify(token, jwks);

    expect(result.status).toBe('verified');
    expect(result.key?.kid).toBe('two');
    expect(result.keySelection).toBe(
      'Chose key 2 of 2, whose "kid" "two" matches the token header.',
    );
    expect(warningIds(result)).toEqual(['jwks-keys-skipped']);
  });

  it('unknown kid lists available kids', async () => {
    const token = await signCompact(second, { alg: 'ES256', kid: 'three' }, claims);
    const result = await verify(token, jwks);

    expect(result.status).toBe('error');
    expect(result.problem?.code).toBe('jwt/jwks-no-matching-key');
    expect(result.problem?.details.available).toBe('"one", "two"');
  });

  it('without kid each key is tried', async () => {
    const token = await signCompact(second, { alg: 'ES256' }, claims);
    const result = await verify(token, jwks);

    expect(result.status).toBe('verified');
    expect(result.keySelection).toContain('key 2 of 2 verifies');
  });

  it('no key of the right type', async () => {
    const token = await signCompact(ed25519KeyPair(), { alg: 'EdDSA' }, claims);
    const result = await verify(token, jwks);

    expect(result.problem?.code).toBe('jwt/jwks-no-matching-key');
    expect(result.problem?.details.reason).toBe('type');
  });

  it('empty JWK Set', async () => {
    const result = await verify(rfc7515ES256.token, { keys: [] });

    expect(result.problem?.code).toBe('jwt/jwks-empty');
  });
});

describe('verifyToken unreadable keys', () => {
  it.each([
    ['JSON that is not a key', '{"hello":1}', 'jwt/key-unreadable'],
    ['broken JSON', '{"kty":', 'jwt/key-unreadable'],
    ['PEM without END', '-----BEGIN PUBLIC KEY-----\nMIIB', 'jwt/key-unreadable'],
    [
      'PEM with a bad body',
      '-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----',
      'jwt/key-unreadable',
    ],
    [
      'PEM that is not DER',
      '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----',
      'jwt/key-unreadable',
    ],
    [
      'unknown PEM label',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----',
      'jwt/key-unsupported',
    ],
    [
      'encrypted PEM',
      '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nAAAA\n-----END RSA PRIVATE KEY-----',
      'jwt/key-unsupported',
    ],
    ['unknown kty', '{"kty":"XYZ"}', 'jwt/key-unsupported'],
  ])('%s', async (_name, key, code) => {
    const result = await verify(rfc7515ES256.token, key);

    expect(result.status).toBe('error');
    expect(result.problem?.code).toBe(code);
  });

  it('EC point of the wrong length', async () => {
    const result = await verify(rfc7515ES256.token, { ...rfc7515ES256.publicJwk, x: 'AAAA' });

    expect(result.status).toBe('error');
    expect(result.problem?.code).toBe('jwt/key-unreadable');
  });
});
