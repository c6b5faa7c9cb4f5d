import { describe, expect, it } from 'vitest';
import { isJwtError } from './errors';
import { extractToken, looksLikeCompactToken } from './extract';
import { MAX_INPUT_BYTES } from './limits';
import { commonHS256, rfc7515ES256, rfc7515HS256 } from './vectors.fixture';

const token = commonHS256.token;

function extractError(input: string): { code: string; details: Record<string, unknown> } {
  try {
    extractToken(input);
  } catch (error) {
    if (isJwtError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected extractToken to throw');
}

describe('extractToken', () => {
  it('bare token unchanged', () => {
    const extraction = extractToken(token);

    expect(extraction.token).toBe(token);
    expect(extraction.removals).toEqual([]);
    expect(extraction.summary).toBe('Nothing was removed: the input is the token.');
  });

  it('Authorization header and line break', () => {
    const extraction = extractToken(`Authorization: Bearer ${token}\n`);

    expect(extraction.token).toBe(token);
    expect(extraction.summary).toBe('Removed "Authorization: Bearer " and 1 line break.');
  });

  it('Bearer scheme in any case', () => {
    const extraction = extractToken(`bearer ${token}`);

    expect(extraction.token).toBe(token);
    expect(extraction.summary).toBe('Removed "bearer ".');
  });

  it('double quotes', () => {
    const extraction = extractToken(`"${token}"`);

    expect(extraction.token).toBe(token);
    expect(extraction.summary).toBe('Removed the double quotes.');
  });

  it('quoted Bearer value', () => {
    const extraction = extractToken(`'Bearer ${token}'`);

    expect(extraction.token).toBe(token);
    expect(extraction.summary).toBe(
      `Removed "Bearer ", the ' quotes.`.replace(', the', ' and the'),
    );
  });

  it('token broken over lines', () => {
    const broken = `${token.slice(0, 40)}\r\n${token.slice(40, 80)}\n  ${token.slice(80)}`;
    const extraction = extractToken(broken);

    expect(extraction.token).toBe(token);
    expect(extraction.summary).toBe('Removed 2 line breaks and 2 spaces.');
  });

  it('tabs reported as white-space characters', () => {
    const extraction = extractToken(`\t${token}`);

    expect(extraction.summary).toBe('Removed 1 white-space character.');
  });

  it('JSON token response prefers access_token', () => {
    const response = JSON.stringify({
      token_type: 'Bearer',
      id_token: rfc7515ES256.token,
      access_token: token,
      expires_in: 3600,
    });
    const extraction = extractToken(response);

    expect(extraction.token).toBe(token);
    expect(extraction.otherTokenMembers).toEqual(['id_token']);
    expect(extraction.summary).toBe(
      'Removed the JSON around "access_token" (it also holds "id_token").',
    );
  });

  it('JSON id_token alone', () => {
    const extraction = extractToken(
      JSON.stringify({ id_token: rfc7515ES256.token, refresh_token: 'opaque' }),
    );

    expect(extraction.token).toBe(rfc7515ES256.token);
  });

  it('JSON with another member holding a token', () => {
    const extraction = extractToken(JSON.stringify({ data: { credential: token } }, null, 2));

    expect(extraction.token).toBe(token);
    expect(extraction.removals[0]).toEqual({
      kind: 'json-member',
      text: 'data.credential',
      count: 1,
    });
  });

  it('JSON member with a Bearer value', () => {
    const extraction = extractToken(JSON.stringify({ Authorization: `Bearer ${token}` }));

    expect(extraction.token).toBe(token);
  });

  it('URL fragment with id_token', () => {
    const extraction = extractToken(
      `https://app.example/cb#state=xyz&id_token=${token}&token_type=Bearer`,
    );

    expect(extraction.token).toBe(token);
    expect(extraction.summary).toBe('Removed the URL text around the "id_token" parameter.');
  });

  it('kept characters are exactly the token characters', () => {
    const extraction = extractToken(`  "${rfc7515HS256.token}"  `);

    expect(extraction.token).toBe(rfc7515HS256.token);
  });

  it('empty input', () => {
    expect(extractError('   \n').code).toBe('jwt/empty-input');
  });

  it('wrappers only', () => {
    expect(extractError('Authorization: Bearer ""').code).toBe('jwt/empty-input');
  });

  it('JSON without a token', () => {
    const error = extractError('{"access_token":"opaque-value"}');

    expect(error.code).toBe('jwt/no-token-in-json');
    expect(error.details.reason).toBe('no-token');
  });

  it('brace that is not JSON', () => {
    expect(extractError('{not json').details.reason).toBe('not-json');
  });

  it('input over the maximum size', () => {
    const error = extractError('a'.repeat(MAX_INPUT_BYTES + 1));

    expect(error.code).toBe('jwt/input-too-large');
    expect(error.details.maxSize).toBe(MAX_INPUT_BYTES);
  });

  it('multi-byte input over the maximum in UTF-8 bytes', () => {
    const error = extractError('é'.repeat(MAX_INPUT_BYTES / 2 + 1));

    expect(error.code).toBe('jwt/input-too-large');
    expect(error.details.size).toBe(MAX_INPUT_BYTES + 2);
  });

  it('random text with spaces left for the decoder', () => {
    const extraction = extractToken('this is not a token!');

    expect(extraction.token).toBe('this is not a token!');
  });
});

describe('looksLikeCompactToken', () => {
  it.each([
    [token, true],
    [rfc7515HS256.token, true],
    ['eyJhbGciOiJkaXIifQ..aXY.Y3Q.dGFn', true],
    ['abc.def.ghi', false],
    ['eyJ.only-two', false],
    ['opaque-access-token', false],
  ])('%s gives %s', (text, expected) => {
    expect(looksLikeCompactToken(text)).toBe(expected);
  });
});
