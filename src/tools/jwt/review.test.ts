import { describe, expect, it } from 'vitest';
import { describeClaims } from './claims';
import { decodeToken, type DecodedToken } from './decode';
import { base64url, rsaKeyPair, signWithNode } from './key-pairs.fixture';
import { reviewToken, type Finding, type FindingId } from './review';
import { verifyToken } from './verify';
import { commonHS256, psychicSignature, rfc7515ES256, rfc7519Unsecured } from './vectors.fixture';

const now = new Date('2024-06-01T12:00:00Z');
const nowSeconds = now.getTime() / 1000;
const goodClaims = {
  iss: 'https://issuer.example',
  aud: 'api',
  iat: nowSeconds - 60,
  exp: nowSeconds + 600,
};

function review(decoded: DecodedToken): Finding[] {
  const payload =
    decoded.kind === 'jws' && decoded.payload.content.kind === 'json'
      ? decoded.payload.content.json.node
      : undefined;
  const claims = describeClaims(payload, { now, timeZone: 'UTC' });
  return reviewToken({ decoded, claims }, now);
}

function reviewOf(header: object | string, payload: object | string = goodClaims): Finding[] {
  const headerText = typeof header === 'string' ? header : JSON.stringify(header);
  const payloadText = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return review(decodeToken(`${base64url(headerText)}.${base64url(payloadText)}.AAAA`));
}

function ids(findings: readonly Finding[]): FindingId[] {
  return findings.map((finding) => finding.id);
}

function find(findings: readonly Finding[], id: FindingId): Finding | undefined {
  return findings.find((finding) => finding.id === id);
}

describe('reviewToken header findings', () => {
  it('clean HS256 token has no findings', () => {
    expect(reviewOf({ alg: 'HS256', typ: 'JWT' })).toEqual([]);
  });

  it('alg none is danger', () => {
    const finding = find(review(decodeToken(rfc7519Unsecured.token)), 'alg-none');

    expect(finding?.severity).toBe('danger');
    expect(finding?.member).toBe('alg');
  });

  it.each(['None', 'NONE', 'nOnE'])('alg %s is a none variant', (alg) => {
    expect(find(reviewOf({ alg }), 'alg-none-variant')?.severity).toBe('danger');
  });

  it('missing alg', () => {
    expect(ids(reviewOf({ typ: 'JWT' }))).toContain('alg-missing');
  });

  it('jku names the URL', () => {
    const finding = find(
      reviewOf({ alg: 'RS256', jku: 'https://attacker.example/jwks.json' }),
      'header-jku',
    );

    expect(finding?.severity).toBe('warning');
    expect(finding?.title).toContain('https://attacker.example/jwks.json');
    expect(finding?.text).toContain('their own JWK Set');
  });

  it('x5u', () => {
    expect(
      find(reviewOf({ alg: 'RS256', x5u: 'https://attacker.example/cert.pem' }), 'header-x5u')
        ?.severity,
    ).toBe('warning');
  });

  it('embedded jwk is danger', () => {
    const finding = find(reviewOf({ alg: 'ES256', jwk: rfc7515ES256.publicJwk }), 'header-jwk');

    expect(finding?.severity).toBe('danger');
    expect(finding?.text).toContain('attacker signs with their own key');
  });

  it('embedded jwk in a DPoP proof is info', () => {
    expect(
      find(reviewOf({ alg: 'ES256', typ: 'dpop+jwt', jwk: rfc7515ES256.publicJwk }), 'header-jwk')
        ?.severity,
    ).toBe('info');
  });

  it('x5c', () => {
    expect(ids(reviewOf({ alg: 'RS256', x5c: ['MIIB'] }))).toContain('header-x5c');
  });

  it('plain kid is info about lookups', () => {
    const finding = find(reviewOf({ alg: 'HS256', kid: '2024-key-1' }), 'header-kid');

    expect(finding?.severity).toBe('info');
    expect(finding?.text).toContain('path traversal');
    expect(finding?.text).toContain('SQL');
  });

  it.each(['../../../../dev/null', "x' UNION SELECT 'secret", '/etc/passwd', 'key|whoami'])(
    'kid %s looks like an injection',
    (kid) => {
      const findings = reviewOf({ alg: 'HS256', kid });

      expect(find(findings, 'kid-injection')?.severity).toBe('danger');
      expect(ids(findings)).not.toContain('header-kid');
    },
  );

  it('kid that is an ARN is not an injection', () => {
    expect(
      ids(reviewOf({ alg: 'RS256', kid: 'arn:aws:kms:eu-west-1:123456789012:key/abcd-1234' })),
    ).toEqual(['header-kid']);
  });
});

describe('reviewToken crit findings', () => {
  it.each([
    ['a string', 'b64'],
    ['an empty array', []],
    ['an array with a number', [1]],
    ['an array with an empty name', ['']],
  ])('crit that is %s', (_name, crit) => {
    expect(find(reviewOf({ alg: 'HS256', crit }), 'crit-not-array')?.severity).toBe('danger');
  });

  it('crit naming an unknown extension', () => {
    const finding = find(
      reviewOf({ alg: 'HS256', crit: ['http://example.com/ext'], 'http://example.com/ext': true }),
      'crit-unknown',
    );

    expect(finding?.severity).toBe('warning');
  });

  it('crit naming a parameter missing from the header', () => {
    expect(
      find(reviewOf({ alg: 'HS256', crit: ['exp2'] }), 'crit-missing-parameter')?.severity,
    ).toBe('danger');
  });

  it('crit naming a registered parameter', () => {
    expect(
      find(reviewOf({ alg: 'HS256', crit: ['alg'] }), 'crit-registered-parameter')?.severity,
    ).toBe('danger');
  });

  it('crit with duplicates', () => {
    const findings = reviewOf({ alg: 'HS256', b64: false, crit: ['b64', 'b64'] }, 'x');

    expect(ids(findings)).toContain('crit-duplicate');
  });

  it('crit with b64 only is clean', () => {
    const findings = reviewOf({ alg: 'HS256', b64: false, crit: ['b64'] }, '$.02');

    expect(ids(findings).filter((id) => id.startsWith('crit') || id.startsWith('b64'))).toEqual([]);
  });

  it('b64 without crit', () => {
    expect(find(reviewOf({ alg: 'HS256', b64: false }, '$.02'), 'b64-without-crit')?.severity).toBe(
      'danger',
    );
  });

  it('b64 with crit that lacks it', () => {
    const findings = reviewOf({ alg: 'HS256', b64: false, crit: ['ext'], ext: 1 }, '$.02');

    expect(ids(findings)).toContain('b64-without-crit');
  });
});

describe('reviewToken duplicates and encoding', () => {
  it('duplicate header member is danger', () => {
    const finding = find(reviewOf('{"alg":"HS256","alg":"none"}'), 'duplicate-header-member');

    expect(finding?.severity).toBe('danger');
    expect(finding?.member).toBe('alg');
  });

  it('duplicate claim is a warning', () => {
    const payload = `{"iss":"i","aud":"a","iat":${nowSeconds},"exp":${nowSeconds + 60},"sub":"alice","sub":"admin"}`;

    expect(find(reviewOf({ alg: 'HS256' }, payload), 'duplicate-claim')?.severity).toBe('warning');
  });

  it('standard base64', () => {
    const token = `${base64url('{"alg":"HS256"}')}.${Buffer.from(JSON.stringify({ ...goodClaims, q: '?>?' })).toString('base64')}.AAAA`;

    expect(ids(review(decodeToken(token)))).toContain('standard-base64');
  });

  it('non-canonical base64url', () => {
    const token = `${base64url('{"alg":"HS256"}')}.${base64url(JSON.stringify(goodClaims))}.AAB`;

    expect(ids(review(decodeToken(token)))).toContain('non-canonical-base64url');
  });

  it('RSA1_5 JWE', () => {
    const token = `${base64url('{"alg":"RSA1_5","enc":"A128GCM"}')}.AAAA.AAAA.AAAA.AAAA`;

    expect(ids(review(decodeToken(token)))).toEqual(['jwe-rsa1-5']);
  });
});

describe('reviewToken claims findings', () => {
  it.each([
    ['exp', 'missing-exp', 'warning'],
    ['aud', 'missing-aud', 'warning'],
    ['iss', 'missing-iss', 'warning'],
    ['iat', 'missing-iat', 'info'],
  ] as const)('missing %s', (claim, id, severity) => {
    const payload: Record<string, unknown> = { ...goodClaims };
    delete payload[claim];

    expect(find(reviewOf({ alg: 'HS256' }, payload), id)?.severity).toBe(severity);
  });

  it('text payload has no claim findings', () => {
    expect(reviewOf({ alg: 'HS256' }, 'hello')).toEqual([]);
  });

  it('expired with the relative time', () => {
    const finding = find(
      reviewOf({ alg: 'HS256' }, { ...goodClaims, exp: nowSeconds - 3 * 3600 }),
      'expired',
    );

    expect(finding?.title).toBe('Expired (expired 3 hours ago)');
  });

  it('not yet valid', () => {
    expect(ids(reviewOf({ alg: 'HS256' }, { ...goodClaims, nbf: nowSeconds + 600 }))).toContain(
      'not-yet-valid',
    );
  });

  it('issued in the future', () => {
    expect(ids(reviewOf({ alg: 'HS256' }, { ...goodClaims, iat: nowSeconds + 600 }))).toContain(
      'issued-in-future',
    );
  });

  it('milliseconds date', () => {
    const findings = reviewOf({ alg: 'HS256' }, { ...goodClaims, exp: now.getTime() + 600_000 });

    expect(find(findings, 'date-milliseconds')?.member).toBe('exp');
    expect(ids(findings)).not.toContain('expired');
  });

  it('milliseconds iat in the past is not issued in the future', () => {
    const findings = reviewOf({ alg: 'HS256' }, { ...goodClaims, iat: now.getTime() - 60_000 });
    const finding = find(findings, 'date-milliseconds');

    expect(ids(findings)).not.toContain('issued-in-future');
    expect(finding?.member).toBe('iat');
    expect(finding?.text).toContain(
      'Read as milliseconds it is 2024-06-01T11:59:00.000Z (issued 1 minute ago), which is in the past at 2024-06-01T12:00:00.000Z',
    );
  });

  it('milliseconds exp in the past says the token expired', () => {
    const findings = reviewOf({ alg: 'HS256' }, { ...goodClaims, exp: now.getTime() - 3600_000 });
    const text = find(findings, 'date-milliseconds')?.text;

    expect(ids(findings)).not.toContain('expired');
    expect(text).toMatch(
      /^"exp" is 1717239600000, which read as seconds, the unit of NumericDate \(RFC 7519 §2\), is the year 56387, so the issuer probably wrote milliseconds\./,
    );
    expect(text).toContain(
      'If the issuer meant milliseconds, the token has expired, but a verifier that reads seconds accepts it until the year 56387.',
    );
  });

  it('milliseconds exp in the future says the token is valid', () => {
    const text = find(
      reviewOf({ alg: 'HS256' }, { ...goodClaims, exp: now.getTime() + 600_000 }),
      'date-milliseconds',
    )?.text;

    expect(text).toContain('(valid for 10 more minutes), which is in the future');
    expect(text).toContain(
      'If the issuer meant milliseconds, the token is still valid, and a verifier that reads seconds accepts it until the year',
    );
  });

  it('milliseconds nbf in the future', () => {
    const findings = reviewOf({ alg: 'HS256' }, { ...goodClaims, nbf: now.getTime() + 600_000 });

    expect(ids(findings)).not.toContain('not-yet-valid');
    expect(find(findings, 'date-milliseconds')?.text).toContain(
      'If the issuer meant milliseconds, the token is not valid yet, and a verifier that reads seconds rejects it until the year',
    );
  });

  it('milliseconds nbf in the past', () => {
    const text = find(
      reviewOf({ alg: 'HS256' }, { ...goodClaims, nbf: now.getTime() - 600_000 }),
      'date-milliseconds',
    )?.text;

    expect(text).toContain(
      'If the issuer meant milliseconds, the token is valid now, but a verifier that reads seconds rejects it until the year 56387.',
    );
  });

  it('milliseconds iat in the future still flagged in the text', () => {
    const text = find(
      reviewOf({ alg: 'HS256' }, { ...goodClaims, iat: now.getTime() + 600_000 }),
      'date-milliseconds',
    )?.text;

    expect(text).toContain('Even read as milliseconds the token was issued in the future');
  });

  it('milliseconds exp beyond the seconds Date range', () => {
    const text = find(
      reviewOf({ alg: 'HS256' }, { ...goodClaims, exp: 10_000_000_000_000 }),
      'date-milliseconds',
    )?.text;

    expect(text).toContain('is beyond the dates a JavaScript Date can show');
    expect(text).toContain('accepts it until after the year 275760');
  });

  it('seconds dates still give the seconds findings', () => {
    const findings = reviewOf(
      { alg: 'HS256' },
      { ...goodClaims, iat: nowSeconds + 600, exp: nowSeconds - 60 },
    );

    expect(ids(findings)).toContain('issued-in-future');
    expect(ids(findings)).toContain('expired');
    expect(ids(findings)).not.toContain('date-milliseconds');
  });

  it('date that is a string', () => {
    expect(
      find(reviewOf({ alg: 'HS256' }, { ...goodClaims, exp: '1717243800' }), 'date-not-numeric')
        ?.member,
    ).toBe('exp');
  });

  it('common HS256 token lacks exp, aud and iss', () => {
    const found = ids(review(decodeToken(commonHS256.token)));

    expect(found).toEqual(['missing-exp', 'missing-aud', 'missing-iss']);
  });
});

describe('reviewToken with verification', () => {
  it('weak HMAC key', async () => {
    const decoded = decodeToken(commonHS256.token);
    const verification = await verifyToken(decoded, { key: commonHS256.secret });
    const findings = reviewToken({ decoded, verification }, now);

    expect(find(findings, 'weak-hmac-key')?.text).toContain('19 bytes');
  });

  it('weak RSA key', async () => {
    const weak = rsaKeyPair(1024);
    const decoded = decodeToken(
      signWithNode(weak.privateKey, { alg: 'RS256' }, '{}', { hash: 'sha256' }),
    );
    const verification = await verifyToken(decoded, { key: weak.spkiPem });

    expect(ids(reviewToken({ decoded, verification }, now))).toContain('weak-rsa-key');
  });

  it('algorithm confusion', async () => {
    const decoded = decodeToken(commonHS256.token);
    const verification = await verifyToken(decoded, {
      key: JSON.stringify(rfc7515ES256.publicJwk),
    });

    expect(find(reviewToken({ decoded, verification }, now), 'alg-confusion')?.severity).toBe(
      'danger',
    );
  });

  it('psychic signature', async () => {
    const [header, payload] = rfc7515ES256.token.split('.');
    const decoded = decodeToken(`${header}.${payload}.${psychicSignature.rawBase64url}`);
    const verification = await verifyToken(decoded, {
      key: JSON.stringify(rfc7515ES256.publicJwk),
    });

    expect(find(reviewToken({ decoded, verification }, now), 'psychic-signature')?.severity).toBe(
      'danger',
    );
  });

  it('psychic signature in DER', async () => {
    const [header, payload] = rfc7515ES256.token.split('.');
    const der = Buffer.from(psychicSignature.derHex, 'hex').toString('base64url');
    const decoded = decodeToken(`${header}.${payload}.${der}`);
    const verification = await verifyToken(decoded, {
      key: JSON.stringify(rfc7515ES256.publicJwk),
    });

    expect(ids(reviewToken({ decoded, verification }, now))).toContain('psychic-signature');
  });
});
