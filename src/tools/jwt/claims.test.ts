import { describe, expect, it } from 'vitest';
import {
  describeClaims,
  describeRelative,
  findClaim,
  formatDuration,
  type ClaimsReport,
} from './claims';
import { isJwtError } from './errors';
import { parseJsonText } from './json';
import { rfc7515HS256 } from './vectors.fixture';

const now = new Date('2024-06-01T12:00:00Z');
const nowSeconds = now.getTime() / 1000;

function claimsOf(json: string, timeZone = 'UTC'): ClaimsReport {
  const parsed = parseJsonText(json);
  if (!parsed.ok) throw new Error(parsed.reason);
  return describeClaims(parsed.json.node, { now, timeZone });
}

describe('describeClaims', () => {
  it('RFC 7515 A.1 exp in UTC and local time', () => {
    const report = claimsOf(rfc7515HS256.payloadText, 'Europe/Paris');
    const exp = findClaim(report, 'exp');

    expect(exp?.time?.iso).toBe(rfc7515HS256.expIso);
    expect(exp?.time?.local).toBe('2011-03-22 19:43:00 GMT+1');
    expect(exp?.time?.timeZone).toBe('Europe/Paris');
    expect(exp?.time?.relative).toBe('expired 13 years ago');
  });

  it('claims listed in payload order with meanings', () => {
    const report = claimsOf(rfc7515HS256.payloadText);

    expect(report.claims.map((c) => c.name)).toEqual(['iss', 'exp', 'http://example.com/is_root']);
    expect(report.claims[0]?.info?.source).toBe('RFC 7519 §4.1.1');
    expect(report.claims[2]?.info).toBeUndefined();
    expect(report.claims[2]?.valueText).toBe('true');
  });

  it.each([
    ['exp', -3 * 3600, 'expired 3 hours ago'],
    ['exp', 14 * 60 + 30, 'valid for 14 more minutes'],
    ['exp', 1 * 3600, 'valid for 1 more hour'],
    ['exp', 0, 'expired just now'],
    ['nbf', 2 * 86400, 'not valid until 2 days from now'],
    ['nbf', -90, 'valid since 1 minute ago'],
    ['iat', -2 * 86400, 'issued 2 days ago'],
    ['iat', 300, 'issued 5 minutes in the future'],
    ['auth_time', -45, 'authenticated 45 seconds ago'],
    ['updated_at', -90 * 86400, 'updated 2 months ago'],
  ])('%s at %i seconds reads "%s"', (name, offset, phrase) => {
    const report = claimsOf(`{"${name}":${nowSeconds + offset}}`);

    expect(findClaim(report, name)?.time?.relative).toBe(phrase);
  });

  it('every claim in the catalog is explained', () => {
    const names = [
      'iss',
      'sub',
      'aud',
      'exp',
      'nbf',
      'iat',
      'jti',
      'nonce',
      'auth_time',
      'acr',
      'amr',
      'azp',
      'at_hash',
      'c_hash',
      'sid',
      'name',
      'email',
      'email_verified',
      'scope',
      'client_id',
    ];
    const report = claimsOf(`{${names.map((name) => `"${name}":null`).join(',')}}`);

    for (const claim of report.claims) expect(claim.info?.description, claim.name).toMatch(/\.$/);
  });

  it('milliseconds flagged with their reading', () => {
    const report = claimsOf(`{"exp":${now.getTime() + 3600_000}}`);
    const exp = findClaim(report, 'exp');

    expect(exp?.problems.map((p) => p.id)).toEqual(['probably-milliseconds']);
    expect(exp?.millisecondsReading).toBe('2024-06-01T13:00:00.000Z');
  });

  it('milliseconds reading given in full', () => {
    const exp = findClaim(claimsOf(`{"exp":${now.getTime() - 3 * 3600_000}}`), 'exp');

    expect(exp?.millisecondsTime).toMatchObject({
      unit: 'milliseconds',
      literal: false,
      iso: '2024-06-01T09:00:00.000Z',
      local: '2024-06-01 09:00:00 GMT+0',
      relative: 'expired 3 hours ago',
      secondsFromNow: -3 * 3600,
    });
    expect(exp?.millisecondsTime?.note).toContain('read as milliseconds');
  });

  it('seconds reading of milliseconds marked literal', () => {
    const exp = findClaim(claimsOf(`{"exp":${now.getTime()}}`), 'exp');

    expect(exp?.time?.unit).toBe('seconds');
    expect(exp?.time?.literal).toBe(true);
    expect(exp?.time?.iso).toBe(new Date(now.getTime() * 1000).toISOString());
    expect(exp?.time?.note).toContain('literal reading in seconds');
  });

  it('ordinary date is not marked literal', () => {
    const exp = findClaim(claimsOf(`{"exp":${nowSeconds}}`), 'exp');

    expect(exp?.time?.literal).toBe(false);
    expect(exp?.time?.note).toBeUndefined();
    expect(exp?.millisecondsTime).toBeUndefined();
    expect(exp?.millisecondsReading).toBeUndefined();
  });

  it('milliseconds problem names the seconds year and the reading', () => {
    const iat = findClaim(claimsOf('{"iat":1700000000000}'), 'iat');

    expect(iat?.problems[0]?.text).toBe(
      '1700000000000 read as seconds is the year 55840, so it is probably milliseconds. Read as milliseconds it is 2023-11-14T22:13:20.000Z (issued 6 months ago), but NumericDate counts seconds (RFC 7519 §2).',
    );
  });

  it('milliseconds with a fraction keep every millisecond', () => {
    const exp = findClaim(claimsOf('{"exp":1717243200123}'), 'exp');

    expect(exp?.millisecondsReading).toBe('2024-06-01T12:00:00.123Z');
  });

  it('milliseconds beyond the seconds Date range', () => {
    const exp = findClaim(claimsOf('{"exp":10000000000000}'), 'exp');

    expect(exp?.time).toBeUndefined();
    expect(exp?.millisecondsReading).toBe('2286-11-20T17:46:40.000Z');
    expect(exp?.problems.map((p) => p.id)).toEqual(['probably-milliseconds', 'date-out-of-range']);
    expect(exp?.problems[0]?.text).toContain('beyond the dates a JavaScript Date can show');
  });

  it('negative milliseconds name a year BC', () => {
    const iat = findClaim(claimsOf('{"iat":-1000000000000}'), 'iat');

    expect(iat?.millisecondsReading).toBe('1938-04-24T22:13:20.000Z');
    expect(iat?.problems[0]?.text).toContain('read as seconds is the year 29720 BC');
  });

  it('string date flagged with a hint', () => {
    const exp = findClaim(claimsOf('{"exp":"1717243200"}'), 'exp');

    expect(exp?.time).toBeUndefined();
    expect(exp?.problems[0]?.id).toBe('not-numeric-date');
    expect(exp?.problems[0]?.text).toContain('remove the quotes');
  });

  it('ISO string date flagged', () => {
    const iat = findClaim(claimsOf('{"iat":"2024-06-01T12:00:00Z"}'), 'iat');

    expect(iat?.problems[0]?.id).toBe('not-numeric-date');
  });

  it('date beyond the Date range flagged', () => {
    const exp = findClaim(claimsOf('{"exp":1e20}'), 'exp');

    expect(exp?.time).toBeUndefined();
    expect(exp?.problems.map((p) => p.id)).toContain('date-out-of-range');
  });

  it('inexact date flagged', () => {
    const exp = findClaim(claimsOf('{"exp":17172432000000000001}'), 'exp');

    expect(exp?.problems.map((p) => p.id)).toContain('inexact-number');
  });

  it.each([
    ['aud', '42', 'wrong-type'],
    ['email_verified', '"true"', 'wrong-type'],
    ['amr', '"pwd"', 'wrong-type'],
    ['iss', '{"a":1}', 'wrong-type'],
  ])('%s of %s gives %s', (name, value, problem) => {
    expect(findClaim(claimsOf(`{"${name}":${value}}`), name)?.problems[0]?.id).toBe(problem);
  });

  it('aud array of strings accepted', () => {
    expect(findClaim(claimsOf('{"aud":["a","b"]}'), 'aud')?.problems).toEqual([]);
  });

  it('non-object payload has no claims', () => {
    expect(claimsOf('[1,2]').claims).toEqual([]);
  });

  it('unknown time zone rejected', () => {
    let code: string | undefined;
    try {
      claimsOf('{}', 'Mars/Olympus_Mons');
    } catch (error) {
      code = isJwtError(error) ? error.code : undefined;
    }

    expect(code).toBe('jwt/invalid-time-zone');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 seconds'],
    [1, '1 second'],
    [59, '59 seconds'],
    [60, '1 minute'],
    [3599, '59 minutes'],
    [3600, '1 hour'],
    [47 * 3600, '47 hours'],
    [48 * 3600, '2 days'],
    [59 * 86400, '59 days'],
    [61 * 86400, '2 months'],
    [3 * 365.2425 * 86400, '3 years'],
  ])('%i seconds is %s', (seconds, text) => {
    expect(formatDuration(seconds).text).toBe(text);
  });
});

describe('describeRelative', () => {
  it('other dates use ago and from now', () => {
    expect(describeRelative('toe', -120)).toBe('2 minutes ago');
    expect(describeRelative('toe', 120)).toBe('2 minutes from now');
  });
});
