import { describe, expect, it } from 'vitest';
import { isJwtError } from './errors';
import { extractToken, looksLikeCompactToken } from './extract';
import { MAX_INPUT_BYTES } from './limits';
import { toJwtProblem } from './messages';
import { commonHS256, rfc7515ES256, rfc7515HS256, rfc7519Unsecured } from './vectors.fixture';

const token = commonHS256.token;

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

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

  it('input over the maximum size gives exact bytes', () => {
    const problem = toJwtProblem(catchError(() => extractToken('a'.repeat(MAX_INPUT_BYTES + 1))));

    expect(problem.details.size).toBe(MAX_INPUT_BYTES + 1);
    expect(problem.explanation.what).toBe(
      'The token is 2,097,153 bytes, more than the 2,097,152-byte limit (2 MiB).',
    );
  });

  it('four-byte characters counted exactly', () => {
    const error = extractError('😀'.repeat(MAX_INPUT_BYTES / 4 + 1));

    expect(error.details.size).toBe(MAX_INPUT_BYTES + 4);
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

describe('extractToken with a token inside other text', () => {
  const unsecured = rfc7519Unsecured.token;

  it('curl command with an Authorization header', () => {
    const input = `curl -H "Authorization: Bearer ${token}" https://api.example.com/v1/items`;
    const extraction = extractToken(input);

    expect(extraction.token).toBe(token);
    expect(extraction.foundIn?.place).toEqual({ kind: 'authorization-header', scheme: 'Bearer' });
    expect(extraction.foundIn?.container).toBe('curl-command');
    expect(extraction.summary).toBe(
      'Found the token in the Authorization header inside a curl command and removed the text around it (31 characters before it, 34 after it).',
    );
  });

  it('removal holds the surrounding text as typed', () => {
    const input = `curl -H "Authorization: Bearer ${token}" https://api.example.com/v1/items`;
    const extraction = extractToken(input);

    expect(extraction.removals).toEqual([
      {
        kind: 'surrounding-text',
        text: 'curl -H "Authorization: Bearer " https://api.example.com/v1/items',
        count: 65,
      },
    ]);
    expect(input.slice(extraction.foundIn?.start, extraction.foundIn?.end)).toBe(token);
  });

  it('cookie line with attributes', () => {
    const extraction = extractToken(`session=${token}; Path=/; HttpOnly`);

    expect(extraction.token).toBe(token);
    expect(extraction.foundIn?.place).toEqual({
      kind: 'cookie',
      name: 'session',
      header: undefined,
    });
    expect(extraction.summary).toBe(
      'Found the token in the cookie "session" and removed the text around it (8 characters before it, 18 after it).',
    );
  });

  it('Cookie header with other cookies', () => {
    const extraction = extractToken(`Cookie: a=b; session=${token}; c=d`);

    expect(extraction.token).toBe(token);
    expect(extraction.summary).toBe(
      'Found the token in the cookie "session" of a Cookie header and removed the text around it (21 characters before it, 5 after it).',
    );
  });

  it('Set-Cookie header', () => {
    const extraction = extractToken(`set-cookie: session=${token}; Secure`);

    expect(extraction.foundIn?.place).toEqual({
      kind: 'cookie',
      name: 'session',
      header: 'Set-Cookie',
    });
  });

  it('Authorization header preferred over an earlier cookie', () => {
    const input = `curl -b "refresh=${rfc7515ES256.token}" -H 'Authorization: Bearer ${token}' https://api.example.com/`;
    const extraction = extractToken(input);

    expect(extraction.token).toBe(token);
    expect(extraction.otherTokenMembers).toEqual(['the cookie "refresh"']);
    expect(extraction.summary).toMatch(
      /^Found the token in the Authorization header inside a curl command and removed the text around it \(\d+ characters before it, 26 after it\)\. The text also contains 1 other token: the cookie "refresh"\.$/,
    );
  });

  it('HTTP request with several header lines', () => {
    const input = `GET /v1/items HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: Bearer ${token}\r\nAccept: */*\r\n`;
    const extraction = extractToken(input);

    expect(extraction.token).toBe(token);
    expect(extraction.foundIn?.place.kind).toBe('authorization-header');
    expect(extraction.foundIn?.container).toBeUndefined();
  });

  it('prose with a full stop after the token', () => {
    const extraction = extractToken(`The failing token is ${token}. It was issued today.`);

    expect(extraction.token).toBe(token);
    expect(extraction.summary).toBe(
      'Found the token inside other text and removed the text around it (21 characters before it, 22 after it).',
    );
  });

  it('unsecured token with an empty signature', () => {
    const extraction = extractToken(`token: ${unsecured} (from the logs)`);

    expect(unsecured.endsWith('.')).toBe(true);
    expect(extraction.token).toBe(unsecured);
    expect(extraction.foundIn?.kind).toBe('jws');
  });

  it('JWE inside other text', () => {
    const jwe = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..aXYtaXYtaXYtaXY.Y3Q.dGFnLXRhZy10YWctdGFn';
    const extraction = extractToken(`The response held ${jwe} and nothing else.`);

    expect(extraction.token).toBe(jwe);
    expect(extraction.foundIn?.kind).toBe('jwe');
  });

  it('URL parameter followed by a quote', () => {
    const extraction = extractToken(`"https://app.example/cb?code=1&id_token=${token}" was opened`);

    expect(extraction.token).toBe(token);
    expect(extraction.foundIn?.place).toEqual({ kind: 'parameter', name: 'id_token' });
  });

  it('access_token parameter preferred over a later id_token', () => {
    const input = `open https://app.example/cb#id_token=${rfc7515ES256.token}&access_token=${token} now`;

    expect(extractToken(input).token).toBe(token);
  });

  it('JavaScript object that is not JSON', () => {
    const extraction = extractToken(`{ headers: { Authorization: \`Bearer ${token}\` } }`);

    expect(extraction.token).toBe(token);
    expect(extraction.foundIn?.place.kind).toBe('authorization-header');
  });

  it('token characters kept exactly', () => {
    const extraction = extractToken(`x-token: ${rfc7515HS256.token}\n`);

    expect(extraction.token).toBe(rfc7515HS256.token);
  });

  it('four dotted parts are not cut to a token', () => {
    const [header, payload, signature] = token.split('.');
    const extraction = extractToken(`see ${header}.${payload}.${signature}.extra here`);

    expect(extraction.foundIn).toBeUndefined();
  });

  it('token with a stray character left whole', () => {
    const broken = `${token.slice(0, token.length - 5)}$${token.slice(token.length - 4)}`;
    const extraction = extractToken(broken);

    expect(extraction.token).toBe(broken);
    expect(extraction.foundIn).toBeUndefined();
  });

  it('token glued to word characters not found', () => {
    expect(extractToken(`abc${token} next`).foundIn).toBeUndefined();
  });

  it('trailing dot alone is not surrounding text', () => {
    const extraction = extractToken(`${unsecured}.`);

    expect(extraction.token).toBe(`${unsecured}.`);
    expect(extraction.foundIn).toBeUndefined();
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
