import { describe, expect, it } from 'vitest';
import {
  decodeToken,
  listSegments,
  type DecodedJwe,
  type DecodedJws,
  type DecodedSegment,
  type DecodedToken,
} from './decode';
import { isJwtError, type JwtErrorCode } from './errors';
import { getMember, getStringMember } from './json';
import {
  commonHS256,
  rfc7515ES256,
  rfc7515HS256,
  rfc7519Unsecured,
  rfc7520HS256Text,
  rfc7797,
} from './vectors.fixture';

const utf8 = new TextEncoder();

function b64url(text: string | Uint8Array): string {
  const bytes = typeof text === 'string' ? utf8.encode(text) : text;
  return Buffer.from(bytes).toString('base64url');
}

function decodeJws(token: string, detachedPayload?: string): DecodedJws {
  const decoded = decodeToken(token, { detachedPayload });
  if (decoded.kind !== 'jws') throw new Error(`expected a JWS, got ${decoded.kind}`);
  return decoded;
}

function decodeError(token: string): { code: JwtErrorCode; details: Record<string, unknown> } {
  try {
    decodeToken(token);
  } catch (error) {
    if (isJwtError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected decodeToken to throw');
}

function jsonContent(segment: DecodedSegment) {
  const content = segment.content;
  if (content.kind !== 'json') throw new Error(`expected JSON content, got ${content.kind}`);
  return content;
}

function textContent(segment: DecodedSegment) {
  const content = segment.content;
  if (content.kind !== 'text') throw new Error(`expected text content, got ${content.kind}`);
  return content;
}

function noteIds(decoded: DecodedToken): string[] {
  return decoded.notes.map((note) => note.id);
}

describe('decodeToken with published vectors', () => {
  it('RFC 7515 A.1 keeps the header bytes with CR LF', () => {
    const decoded = decodeJws(rfc7515HS256.token);

    expect(jsonContent(decoded.header).text).toBe(rfc7515HS256.headerText);
    expect(new TextDecoder().decode(decoded.header.bytes)).toBe(rfc7515HS256.headerText);
    expect(decoded.alg).toBe('HS256');
    expect(decoded.notes).toEqual([]);
  });

  it('RFC 7515 A.1 payload keeps its claims and text', () => {
    const decoded = decodeJws(rfc7515HS256.token);
    const payload = jsonContent(decoded.payload);

    expect(payload.text).toBe(rfc7515HS256.payloadText);
    expect(getStringMember(payload.json.node, 'iss')).toBe('joe');
  });

  it('segment offsets tile the token', () => {
    const decoded = decodeJws(rfc7515HS256.token);
    const segments = listSegments(decoded);

    expect(segments.map((s) => rfc7515HS256.token.slice(s.start, s.end))).toEqual(
      rfc7515HS256.token.split('.'),
    );
    expect(segments[0]?.start).toBe(0);
    expect(segments[2]?.end).toBe(rfc7515HS256.token.length);
    expect(segments[1]?.start).toBe((segments[0]?.end ?? 0) + 1);
  });

  it('signing input is the received characters', () => {
    const decoded = decodeJws(rfc7515HS256.token);
    const [header, payload] = rfc7515HS256.token.split('.');

    expect(new TextDecoder().decode(decoded.signingInput)).toBe(`${header}.${payload}`);
  });

  it('signature bytes and hex', () => {
    const decoded = decodeJws(rfc7515HS256.token);

    expect(decoded.signature.bytes.length).toBe(32);
    expect(decoded.signature.hex).toBe(
      Buffer.from('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'base64url').toString('hex'),
    );
    expect(decoded.signature.content.kind).toBe('binary');
  });

  it('RFC 7515 A.3 ES256 decodes a 64-byte signature', () => {
    const decoded = decodeJws(rfc7515ES256.token);

    expect(decoded.alg).toBe('ES256');
    expect(decoded.signature.bytes.length).toBe(64);
  });

  it('RFC 7519 unsecured token has an empty signature', () => {
    const decoded = decodeJws(rfc7519Unsecured.token);

    expect(decoded.alg).toBe('none');
    expect(decoded.signature.content.kind).toBe('empty');
    expect(decoded.signature.start).toBe(rfc7519Unsecured.token.length);
  });

  it('RFC 7520 §4.4 payload is text, not JSON', () => {
    const decoded = decodeJws(rfc7520HS256Text.token);

    expect(textContent(decoded.payload).text).toBe(rfc7520HS256Text.payloadText);
    expect(noteIds(decoded)).toContain('payload-not-json');
  });

  it('RFC 7797 §4.1 decodes the payload $.02', () => {
    const decoded = decodeJws(rfc7797.encodedToken);

    expect(new TextDecoder().decode(decoded.payload.bytes)).toBe('$.02');
    expect(decoded.b64).toBe(true);
  });

  it('RFC 7797 §4.2 uses the detached payload', () => {
    const decoded = decodeJws(rfc7797.unencodedDetachedToken, rfc7797.payloadText);
    const [header] = rfc7797.unencodedDetachedToken.split('.');

    expect(decoded.b64).toBe(false);
    expect(decoded.detachedPayload).toBe(true);
    expect(decoded.payload.source).toBe('detached');
    expect(decoded.payload.encoding).toBe('unencoded');
    expect(new TextDecoder().decode(decoded.signingInput)).toBe(`${header}.$.02`);
    expect(noteIds(decoded)).toContain('detached-payload-used');
  });

  it('RFC 7797 §4.2 without a detached payload is empty', () => {
    const decoded = decodeJws(rfc7797.unencodedDetachedToken);

    expect(decoded.payload.content.kind).toBe('empty');
    expect(noteIds(decoded)).toContain('payload-empty');
  });

  it('detached payload with b64 true is signed as base64url', () => {
    const [header, payload, signature] = rfc7797.encodedToken.split('.');
    const decoded = decodeJws(`${header}..${signature}`, '$.02');

    expect(new TextDecoder().decode(decoded.signingInput)).toBe(`${header}.${payload}`);
  });

  it('detached payload is ignored when the token has one', () => {
    const decoded = decodeJws(commonHS256.token, 'other');

    expect(decoded.payload.source).toBe('token');
    expect(noteIds(decoded)).toContain('detached-payload-ignored');
  });

  it('b64 false with an attached payload reads it raw', () => {
    const header = b64url('{"alg":"HS256","b64":false,"crit":["b64"]}');
    const decoded = decodeJws(`${header}.$.02.${'A'.repeat(43)}`.replace('$.02', '$'));

    expect(decoded.payload.encoding).toBe('unencoded');
    expect(decoded.payload.text).toBe('$');
    expect(noteIds(decoded)).toContain('unencoded-payload');
  });

  it('b64 that is not a boolean is noted', () => {
    const header = b64url('{"alg":"HS256","b64":"false","crit":["b64"]}');
    const decoded = decodeJws(`${header}.${b64url('{}')}.`);

    expect(decoded.b64).toBe(true);
    expect(noteIds(decoded)).toContain('b64-not-boolean');
  });
});

describe('decodeToken JSON handling', () => {
  function tokenWithPayload(payload: string): string {
    return `${b64url('{"alg":"none"}')}.${b64url(payload)}.`;
  }

  it('big integer kept exactly', () => {
    const decoded = decodeJws(tokenWithPayload('{"n":12345678901234567890}'));
    const content = jsonContent(decoded.payload);

    expect(getMember(content.json.node, 'n')).toEqual({
      kind: 'number',
      text: '12345678901234567890',
      value: 12345678901234567000,
      exact: false,
    });
    expect(content.json.pretty).toContain('12345678901234567890');
    expect(noteIds(decoded)).toContain('inexact-number');
  });

  it('3.0 kept in text and pretty print', () => {
    const decoded = decodeJws(tokenWithPayload('{"v":3.0}'));

    expect(jsonContent(decoded.payload).json.pretty).toBe('{\n  "v": 3.0\n}');
    expect(noteIds(decoded)).not.toContain('inexact-number');
  });

  it('duplicate payload members detected', () => {
    const decoded = decodeJws(tokenWithPayload('{"sub":"alice","sub":"bob"}'));
    const content = jsonContent(decoded.payload);

    expect(content.json.duplicates).toEqual([{ pointer: '', name: 'sub', positions: [1, 15] }]);
    expect(getStringMember(content.json.node, 'sub')).toBe('bob');
    expect(noteIds(decoded)).toContain('duplicate-member');
  });

  it('duplicate members with equal values detected', () => {
    const decoded = decodeJws(tokenWithPayload('{"a":1,"a":1}'));

    expect(jsonContent(decoded.payload).json.duplicates).toHaveLength(1);
  });

  it('duplicate header members detected', () => {
    const token = `${b64url('{"alg":"HS256","alg":"none"}')}.${b64url('{}')}.`;
    const decoded = decodeJws(token);

    expect(jsonContent(decoded.header).json.duplicates[0]?.name).toBe('alg');
    expect(decoded.alg).toBe('none');
  });

  it('payload that is JSON but not an object is noted', () => {
    const decoded = decodeJws(tokenWithPayload('[1,2]'));

    expect(decoded.payload.content.kind).toBe('json');
    expect(noteIds(decoded)).toContain('payload-not-object');
  });

  it('non-UTF-8 payload byte offset reported', () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    const decoded = decodeJws(`${b64url('{"alg":"none"}')}.${b64url(bytes)}.`);

    expect(decoded.payload.content).toEqual({ kind: 'binary', invalidUtf8Offset: 6 });
    expect(decoded.payload.hex).toBe('7b2261223a22ff227d');
    expect(noteIds(decoded)).toContain('payload-not-utf8');
  });

  it('byte order mark noted', () => {
    const decoded = decodeJws(tokenWithPayload('\uFEFF{"a":1}'));

    expect(noteIds(decoded)).toContain('byte-order-mark');
    expect(decoded.payload.content.kind).toBe('text');
  });
});

describe('decodeToken base64 variants', () => {
  it('standard base64 characters accepted with a warning', () => {
    // "?>?" encodes to "Pz4/" in base64 and "Pz4_" in base64url.
    const token = `${b64url('{"alg":"none"}')}.${Buffer.from('{"q":"?>?"}').toString('base64')}.`;
    const decoded = decodeJws(token);

    expect(token).toContain('/');
    expect(decoded.standardBase64).toBe(true);
    expect(decoded.payload.encoding).toBe('base64');
    expect(noteIds(decoded)).toContain('standard-base64');
    expect(noteIds(decoded)).toContain('base64-padding');
    expect(new TextDecoder().decode(decoded.payload.bytes)).toBe('{"q":"?>?"}');
  });

  it('standard base64 warning gives the first position', () => {
    const token = `${b64url('{"alg":"none"}')}.${Buffer.from('{"q":"?>?"}').toString('base64')}.`;
    const note = decodeJws(token).notes.find((candidate) => candidate.id === 'standard-base64');

    expect(note?.text).toContain(
      `the first at character ${token.indexOf('/') + 1} of the token ("/")`,
    );
  });

  it('header with "+" that still decodes is accepted with a warning', () => {
    // Replacing "-" with "+" keeps the bytes, because both stand for 62.
    const header = b64url('{"alg":"none","k":"~~~~"}');
    const token = `${header.replaceAll('-', '+')}.${b64url('{}')}.`;
    const decoded = decodeJws(token);

    expect(header).toContain('-');
    expect(decoded.alg).toBe('none');
    expect(noteIds(decoded)).toContain('standard-base64');
  });

  it('payload with "+" that is not UTF-8 names the character', () => {
    const payload = b64url('{"a":"b"}');
    const changed = `${payload.slice(0, 4)}+${payload.slice(5)}`;
    const token = `${b64url('{"alg":"none"}')}.${changed}.`;
    const decoded = decodeJws(token);
    const note = decoded.notes.find(
      (candidate) => candidate.id === 'payload-not-utf8' || candidate.id === 'payload-not-json',
    );

    expect(note?.text).toContain(
      `The payload contains "+" at character ${token.indexOf('+') + 1} of the token, a standard base64 character`,
    );
  });

  it('padding accepted with a warning', () => {
    const decoded = decodeJws(
      `${Buffer.from('{"alg":"none"}').toString('base64')}.${b64url('{}')}.`,
    );

    expect(decoded.header.text.endsWith('=')).toBe(true);
    expect(noteIds(decoded)).toContain('base64-padding');
  });

  it('non-canonical last character noted', () => {
    // "e30" is "{}"; "e31" decodes to the same bytes with non-zero unused bits.
    const decoded = decodeJws(`${b64url('{"alg":"none"}')}.e31.`);

    expect(new TextDecoder().decode(decoded.payload.bytes)).toBe('{}');
    expect(noteIds(decoded)).toContain('non-canonical-base64url');
  });
});

describe('decodeToken errors', () => {
  const header = b64url('{"alg":"HS256"}');

  it.each([
    ['random text', 'hello world', 1],
    ['two parts', `${header}.${b64url('{}')}`, 2],
    ['four parts', `${header}.a.b.c`, 4],
  ])('%s gives wrong-part-count', (_name, token, partCount) => {
    const error = decodeError(token);

    expect(error.code).toBe('jwt/wrong-part-count');
    expect(error.details.partCount).toBe(partCount);
  });

  it('empty token', () => {
    expect(decodeError('').code).toBe('jwt/empty-input');
  });

  it('invalid character names segment and position', () => {
    const token = `${header}.${b64url('{}')}.ab*d`;
    const error = decodeError(token);

    expect(error.code).toBe('jwt/invalid-base64url');
    expect(error.details.segment).toBe('signature');
    expect(error.details.position).toBe(token.indexOf('*'));
    expect(error.details.character).toBe('*');
  });

  it('truncated segment gives length error with position', () => {
    const token = commonHS256.token.slice(0, commonHS256.token.length - 42);
    const error = decodeError(token);

    expect(error.code).toBe('jwt/invalid-base64url-length');
    expect(error.details.segment).toBe('signature');
    expect(error.details.position).toBe(token.length);
  });

  it('misplaced padding', () => {
    const token = `${header}.e3=0.`;
    const error = decodeError(token);

    expect(error.code).toBe('jwt/invalid-base64url');
    expect(error.details.position).toBe(token.indexOf('='));
  });

  it('truncated header gives header-not-json', () => {
    const cut = b64url('{"alg":"HS256"');
    const error = decodeError(`${cut}.${b64url('{}')}.`);

    expect(error.code).toBe('jwt/header-not-json');
    expect(error.details.segment).toBe('header');
    expect(error.details.textPosition).toBe(14);
    expect(error.details.position).toBe(18);
  });

  it('header that is an array', () => {
    const error = decodeError(`${b64url('[1]')}.${b64url('{}')}.`);

    expect(error.code).toBe('jwt/header-not-object');
    expect(error.details.jsonType).toBe('array');
  });

  it('header that is not UTF-8', () => {
    const error = decodeError(`${b64url(new Uint8Array([0x7b, 0xc3, 0x28]))}.${b64url('{}')}.`);

    expect(error.code).toBe('jwt/header-not-utf8');
    expect(error.details.byteOffset).toBe(1);
  });

  it('header with "+" that is not UTF-8 points at the "+"', () => {
    const token = `${commonHS256.token.slice(0, 30)}+${commonHS256.token.slice(31)}`;
    const error = decodeError(token);

    expect(error.code).toBe('jwt/header-standard-base64');
    expect(error.details).toMatchObject({
      segment: 'header',
      character: '+',
      position: 30,
      failure: 'not-utf8',
      byteOffset: 23,
    });
  });

  it('header with "/" that is not JSON points at the "/"', () => {
    const token = `${commonHS256.token.slice(0, 7)}/${commonHS256.token.slice(8)}`;
    const error = decodeError(token);

    expect(error.code).toBe('jwt/header-standard-base64');
    expect(error.details).toMatchObject({ character: '/', position: 7, failure: 'not-json' });
    expect(error.details.reason).toContain('Colon');
  });

  it('first standard character is the one reported', () => {
    const token = `${commonHS256.token.slice(0, 5)}/${commonHS256.token.slice(6, 30)}+${commonHS256.token.slice(31)}`;

    expect(decodeError(token).details).toMatchObject({ character: '/', position: 5 });
  });

  it('deeply nested header rejected without a stack overflow', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const error = decodeError(`${b64url(deep)}.${b64url('{}')}.`);

    expect(error.code).toBe('jwt/header-not-json');
  });
});

describe('decodeToken JWE', () => {
  it('five parts decode as a JWE', () => {
    const header = b64url('{"alg":"dir","enc":"A128GCM"}');
    const token = `${header}..${b64url('123456789012')}.${b64url('secret')}.${b64url('0123456789abcdef')}`;
    const decoded = decodeToken(token) as DecodedJwe;

    expect(decoded.kind).toBe('jwe');
    expect(decoded.enc).toBe('A128GCM');
    expect(decoded.encryptedKey.content.kind).toBe('empty');
    expect(listSegments(decoded).map((segment) => segment.name)).toEqual([
      'header',
      'encryptedKey',
      'iv',
      'ciphertext',
      'tag',
    ]);
  });

  it('JWE without enc is noted', () => {
    const decoded = decodeToken(`${b64url('{"alg":"dir"}')}....`);

    expect(noteIds(decoded)).toContain('jwe-enc-missing');
  });
});
