import { CompactEncrypt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { DecodedJws } from './decode';
import { base64url } from './key-pairs.fixture';
import { MAX_INPUT_BYTES } from './limits';
import {
  inspectToken,
  jwtInspectorTool,
  runJwtInspector,
  type JwtInspectorInputs,
  type JwtInspectorResult,
} from './tool';
import {
  commonHS256,
  rfc7515ES256,
  rfc7515HS256,
  rfc7519Unsecured,
  rfc7520HS256Text,
  rfc7797,
} from './vectors.fixture';

const now = new Date('2024-06-01T12:00:00Z');
const context = { now, timeZone: 'UTC' };

function run(inputs: JwtInspectorInputs): Promise<JwtInspectorResult> {
  return runJwtInspector(inputs, context);
}

/** Fails when anything other than plain objects, arrays, primitives and Uint8Array is found. */
function findNonPlainValue(value: unknown, path = '$'): string | undefined {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' ? path : undefined;
  }
  if (value instanceof Uint8Array) return undefined;

  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== Array.prototype) return path;

  for (const [key, child] of Object.entries(value)) {
    const found = findNonPlainValue(child, `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

describe('inspectToken', () => {
  it('decodes a Bearer header instantly without a key', () => {
    const inspection = inspectToken(`Authorization: Bearer ${rfc7515HS256.token}`, context);

    expect(inspection.ok).toBe(true);
    expect(inspection.extraction?.summary).toBe('Removed "Authorization: Bearer ".');
    expect(inspection.token?.alg).toBe('HS256');
    expect(inspection.claims?.claims.map((claim) => claim.name)).toEqual([
      'iss',
      'exp',
      'http://example.com/is_root',
    ]);
    expect(inspection.findings.map((finding) => finding.id)).toContain('expired');
  });

  it.each([
    ['random text', 'this is not a token', 'jwt/wrong-part-count'],
    ['a truncated token', commonHS256.token.slice(0, 30), 'jwt/wrong-part-count'],
    [
      'a segment that is not base64url',
      `${commonHS256.token.slice(0, 40)}$${commonHS256.token.slice(41)}`,
      'jwt/invalid-base64url',
    ],
    [
      'JSON that is not an object',
      `${base64url('"alg"')}.${base64url('{}')}.`,
      'jwt/header-not-object',
    ],
    ['an empty paste', '\n\n', 'jwt/empty-input'],
  ])('%s gives a clear error', (_name, input, code) => {
    const inspection = inspectToken(input, context);

    expect(inspection.ok).toBe(false);
    expect(inspection.error?.code).toBe(code);
    expect(inspection.error?.explanation.what.length).toBeGreaterThan(0);
    expect(inspection.error?.explanation.fix.length).toBeGreaterThan(0);
  });

  it('invalid character error names segment and position', () => {
    const input = `${commonHS256.token.slice(0, 40)}$${commonHS256.token.slice(41)}`;
    const inspection = inspectToken(input, context);

    expect(inspection.error?.details).toMatchObject({ segment: 'payload', position: 40 });
    expect(inspection.error?.explanation.where).toBe(
      'In the payload, at character 41 of the token.',
    );
  });

  it('1 MB of random text fails fast with a part-count error', () => {
    const random = Array.from(
      { length: 1024 * 1024 },
      (_, i) => 'abcdefghij klmnop'[(i * 7919) % 17],
    ).join('');
    const inspection = inspectToken(random, context);

    expect(inspection.error?.code).toBe('jwt/wrong-part-count');
  });

  it('1 MB token decodes', () => {
    const payload = JSON.stringify({ sub: 'alice', blob: 'x'.repeat(700_000) });
    const inspection = inspectToken(
      `${base64url('{"alg":"none"}')}.${base64url(payload)}.`,
      context,
    );

    expect(inspection.ok).toBe(true);
    expect(inspection.token?.kind).toBe('jws');
    expect((inspection.token as DecodedJws).payload.bytes).toHaveLength(payload.length);
  });

  it('paste over the maximum size has its own code', () => {
    const inspection = inspectToken('a'.repeat(MAX_INPUT_BYTES + 1), context);

    expect(inspection.error?.code).toBe('jwt/input-too-large');
  });

  it('detached payload over the maximum size', () => {
    const inspection = inspectToken(rfc7797.unencodedDetachedToken, {
      ...context,
      detachedPayload: 'x'.repeat(MAX_INPUT_BYTES + 1),
    });

    expect(inspection.error?.details.field).toBe('detachedPayload');
  });

  it('unknown time zone returned as an error', () => {
    const inspection = inspectToken(commonHS256.token, { now, timeZone: 'Nowhere/Land' });

    expect(inspection.error?.code).toBe('jwt/invalid-time-zone');
  });
});

describe('runJwtInspector', () => {
  it.each([
    ['RFC 7515 A.1', rfc7515HS256.token, JSON.stringify(rfc7515HS256.jwk)],
    ['RFC 7515 A.3', rfc7515ES256.token, JSON.stringify(rfc7515ES256.publicJwk)],
    ['RFC 7520 §4.4', rfc7520HS256Text.token, JSON.stringify(rfc7520HS256Text.jwk)],
    ['RFC 7797 §4.1', rfc7797.encodedToken, JSON.stringify(rfc7797.jwk)],
    ['common HS256', commonHS256.token, commonHS256.secret],
  ])('%s verifies', async (_name, token, key) => {
    const result = await run({ token, key });

    expect(result.ok).toBe(true);
    expect(result.verification?.status).toBe('verified');
  });

  it('RFC 7797 §4.2 verifies with the detached payload input', async () => {
    const result = await run({
      token: rfc7797.unencodedDetachedToken,
      key: JSON.stringify(rfc7797.jwk),
      detachedPayload: rfc7797.payloadText,
    });

    expect(result.verification?.status).toBe('verified');
  });

  it('secret encoding input is used', async () => {
    const result = await run({
      token: rfc7515HS256.token,
      key: rfc7515HS256.jwk.k,
      secretEncoding: 'base64url',
    });

    expect(result.verification?.status).toBe('verified');
  });

  it('weak secret appears in verification and findings', async () => {
    const result = await run({ token: commonHS256.token, key: commonHS256.secret });

    expect(result.verification?.warnings.map((warning) => warning.id)).toEqual(['weak-hmac-key']);
    expect(result.findings.map((finding) => finding.id)).toContain('weak-hmac-key');
  });

  it('unsecured token needs no key', async () => {
    const result = await run({ token: rfc7519Unsecured.token });

    expect(result.verification?.status).toBe('unsecured');
  });

  it('signed token without a key is only decoded', async () => {
    const result = await run({ token: commonHS256.token, key: '' });

    expect(result.ok).toBe(true);
    expect(result.verification).toBeUndefined();
  });

  it('bad key is reported in verification, not as a failed run', async () => {
    const result = await run({ token: commonHS256.token, key: '{"kty":"RSA"}' });

    expect(result.ok).toBe(true);
    expect(result.verification?.status).toBe('error');
    expect(result.verification?.problem?.code).toBe('jwt/key-unreadable');
  });

  it('key over the maximum size', async () => {
    const result = await run({ token: commonHS256.token, key: 'k'.repeat(MAX_INPUT_BYTES + 1) });

    expect(result.verification?.problem?.code).toBe('jwt/input-too-large');
  });

  it('nested JWT is decrypted and decoded', async () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const jwe = await new CompactEncrypt(new TextEncoder().encode(commonHS256.token))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'JWT' })
      .encrypt(key);
    const result = await run({
      token: jwe,
      key: Buffer.from(key).toString('hex'),
      secretEncoding: 'hex',
    });

    expect(result.token?.kind).toBe('jwe');
    expect(result.jwe?.partLengths.iv).toBe(12);
    expect(result.decryption?.status).toBe('decrypted');
    expect(result.decryption?.innerToken).toBe(commonHS256.token);
    expect(result.nested?.token?.alg).toBe('HS256');
    expect(result.nested?.claims?.claims.map((claim) => claim.name)).toEqual([
      'sub',
      'name',
      'iat',
    ]);
    expect(result.nested?.verification).toBeUndefined();
  });

  it('JWE without a key is only described', async () => {
    const jwe = `${base64url('{"alg":"dir","enc":"A128GCM"}')}..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`;
    const result = await run({ token: jwe });

    expect(result.ok).toBe(true);
    expect(result.decryption).toBeUndefined();
    expect(result.jwe?.keyManagementMode).toBe('direct-encryption');
  });
});

describe('algorithm support', () => {
  function tokenWithAlg(alg: unknown): string {
    return `${base64url(JSON.stringify({ alg }))}.${base64url('{}')}.AAAA`;
  }

  it('verifiable alg waits for a key', async () => {
    const result = await run({ token: commonHS256.token });

    expect(result.algorithmSupport?.id).toBe('verifiable');
    expect(result.algorithmSupport?.verifiable).toBe(true);
    expect(result.verification).toBeUndefined();
  });

  it('case variant of none reported without a key', async () => {
    const result = await run({ token: tokenWithAlg('None') });

    expect(result.algorithmSupport?.id).toBe('none-case-variant');
    expect(result.verification?.status).toBe('error');
    expect(result.verification?.problem?.code).toBe('jwt/alg-unsupported');
    expect(result.verification?.problem?.details.reason).toBe('none-case-variant');
    expect(result.verification?.problem?.explanation.what).toBe(result.algorithmSupport?.text);
  });

  it('case variant of none is a danger finding', async () => {
    const result = await run({ token: tokenWithAlg('NONE') });
    const finding = result.findings.find((candidate) => candidate.id === 'alg-none-variant');

    expect(finding?.severity).toBe('danger');
    expect(finding?.text).toContain('lower-cases "alg" before comparing');
  });

  it.each([
    ['HS1024', 'unknown'],
    ['RSA-OAEP', 'encryption-algorithm'],
    ['ES256K', 'unsupported'],
  ])('%s reported without a key as %s', async (alg, id) => {
    const result = await run({ token: tokenWithAlg(alg) });

    expect(result.algorithmSupport?.id).toBe(id);
    expect(result.verification?.problem?.details.reason).toBe(id);
  });

  it('unknown alg with a key gives the same reason', async () => {
    const result = await run({ token: tokenWithAlg('HS1024'), key: 'secret' });

    expect(result.verification?.problem?.details.reason).toBe('unknown');
  });

  it('missing alg reported without a key', async () => {
    const result = await run({ token: `${base64url('{"typ":"JWT"}')}.${base64url('{}')}.AAAA` });

    expect(result.algorithmSupport?.id).toBe('alg-missing');
    expect(result.verification?.problem?.code).toBe('jwt/alg-missing');
  });

  it('alg that is a number reported as such', async () => {
    const result = await run({ token: tokenWithAlg(256) });

    expect(result.algorithmSupport?.id).toBe('alg-not-string');
    expect(result.verification?.problem?.explanation.what).toContain('"alg" is a JSON number');
  });

  it('JWE has no algorithm support entry', async () => {
    const jwe = `${base64url('{"alg":"dir","enc":"A128GCM"}')}..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`;

    expect((await run({ token: jwe })).algorithmSupport).toBeUndefined();
  });

  it('failed decode has no algorithm support entry', () => {
    expect(inspectToken('not.a.token!', context).algorithmSupport).toBeUndefined();
  });
});

describe('dates that look like milliseconds', () => {
  const nowMs = now.getTime();

  function inspectClaims(claims: object) {
    return inspectToken(
      `${base64url('{"alg":"HS256"}')}.${base64url(JSON.stringify(claims))}.AAAA`,
      context,
    );
  }

  it('no seconds findings for millisecond dates', () => {
    const inspection = inspectClaims({
      iat: nowMs - 60_000,
      nbf: nowMs - 60_000,
      exp: nowMs + 60_000,
    });
    const ids = inspection.findings.map((finding) => finding.id);

    expect(ids).not.toContain('issued-in-future');
    expect(ids).not.toContain('not-yet-valid');
    expect(ids).not.toContain('expired');
    expect(ids.filter((id) => id === 'date-milliseconds')).toHaveLength(3);
  });

  it('expired exp in milliseconds says so', () => {
    const inspection = inspectClaims({ exp: nowMs - 3 * 3600_000 });
    const finding = inspection.findings.find((candidate) => candidate.id === 'date-milliseconds');

    expect(finding?.text).toContain(
      'Read as milliseconds it is 2024-06-01T09:00:00.000Z (expired 3 hours ago), which is in the past',
    );
    expect(finding?.text).toContain('If the issuer meant milliseconds, the token has expired');
  });

  it('claims keep the literal reading, flagged', () => {
    const inspection = inspectClaims({ iat: 1_700_000_000_000 });
    const iat = inspection.claims?.claims[0];

    expect(iat?.time?.iso).toBe('+055840-11-08T22:13:20.000Z');
    expect(iat?.time?.literal).toBe(true);
    expect(iat?.time?.note).toContain('literal reading in seconds');
    expect(iat?.millisecondsTime?.iso).toBe('2023-11-14T22:13:20.000Z');
    expect(iat?.millisecondsTime?.relative).toBe('issued 6 months ago');
  });
});

describe('messages from whole runs', () => {
  it('standard base64 character in the header', () => {
    const token = `${commonHS256.token.slice(0, 30)}+${commonHS256.token.slice(31)}`;
    const inspection = inspectToken(token, context);

    expect(inspection.error?.code).toBe('jwt/header-standard-base64');
    expect(inspection.error?.explanation.what).toBe(
      'The header contains "+" at character 31 of the token, a standard base64 character, and base64url uses "-" and "_" in place of "+" and "/". Decoded as standard base64, the header is not UTF-8 (byte 23 starts an invalid sequence).',
    );
  });

  it('symmetric JWK for an RS256 token', async () => {
    const token = `${base64url('{"alg":"RS256"}')}.${base64url('{}')}.AAAA`;
    const result = await run({ token, key: JSON.stringify({ kty: 'oct', k: 'AQID' }) });

    expect(result.verification?.problem?.code).toBe('jwt/key-type-mismatch');
    expect(result.verification?.problem?.explanation.what).toBe(
      'The token uses RS256, but the key is a symmetric key, 3 bytes (JWK), which can only be used with HS256, HS384, HS512.',
    );
  });

  it('curl command pasted as the token', async () => {
    const result = await run({
      token: `curl -H "Authorization: Bearer ${commonHS256.token}" https://api.example.com/v1/items`,
      key: commonHS256.secret,
    });

    expect(result.extraction?.summary).toMatch(
      /^Found the token in the Authorization header inside a curl command/,
    );
    expect(result.verification?.status).toBe('verified');
  });
});

describe('results are plain data', () => {
  it.each([
    ['verified JWS', { token: commonHS256.token, key: commonHS256.secret }],
    ['invalid JWS', { token: commonHS256.token, key: 'wrong' }],
    ['key error', { token: commonHS256.token, key: '{"kty":"EC"}' }],
    ['decode error', { token: 'not.a.token!' }],
    [
      'JWK Set',
      { token: rfc7515ES256.token, key: JSON.stringify({ keys: [rfc7515ES256.publicJwk] }) },
    ],
  ])('%s survives structuredClone', async (_name, inputs) => {
    const result = await run(inputs);

    expect(findNonPlainValue(result)).toBeUndefined();
    expect(structuredClone(result)).toEqual(result);
  });
});

describe('jwtInspectorTool', () => {
  it('declares every input of run', () => {
    expect(jwtInspectorTool.inputs.map((input) => input.name)).toEqual([
      'token',
      'key',
      'secretEncoding',
      'detachedPayload',
    ]);
  });

  it('secret encoding choices', () => {
    const encoding = jwtInspectorTool.inputs.find((input) => input.name === 'secretEncoding');

    expect(encoding?.options).toEqual(['utf8', 'base64url', 'base64', 'hex']);
    expect(encoding?.default).toBe('utf8');
  });

  it('secrets are marked sensitive', () => {
    const sensitive = jwtInspectorTool.inputs
      .filter((input) => input.sensitive)
      .map((input) => input.name);

    expect(sensitive).toEqual(['token', 'key', 'detachedPayload']);
  });

  it('outputs name fields of the result', async () => {
    const result = await jwtInspectorTool.run({ token: commonHS256.token }, context);

    for (const output of jwtInspectorTool.outputs)
      expect(Object.keys(result)).toContain(output.name);
  });
});
