// Finds compact tokens inside other text, such as a curl command, a cookie
// line or a log entry, for pastes that are not a token as a whole. A token is
// found only between characters that separate words in such text, so a token
// with a stray character inside it is left whole for the decoder to report.

/** The place in the surrounding text where a token was found. */
export type TokenPlace =
  /** After "Authorization:" (RFC 9110 §11.6.2), with its scheme, such as "Bearer". */
  | { readonly kind: 'authorization-header'; readonly scheme: string | undefined }
  /** After the Bearer scheme (RFC 6750 §2.1) without a header name. */
  | { readonly kind: 'bearer-credential' }
  /** The value of a cookie (RFC 6265 §4.2.1); `header` when a Cookie or Set-Cookie header names it. */
  | {
      readonly kind: 'cookie';
      readonly name: string;
      readonly header: 'Cookie' | 'Set-Cookie' | undefined;
    }
  /** The value of `name=` that is not a cookie, such as a URL or form parameter. */
  | { readonly kind: 'parameter'; readonly name: string }
  | { readonly kind: 'text' };

export interface EmbeddedToken {
  /** The token exactly as written in the input. */
  readonly token: string;
  readonly kind: 'jws' | 'jwe';
  /** Offset of the token's first character in the input. */
  readonly start: number;
  /** Offset just past the token's last character. */
  readonly end: number;
  readonly place: TokenPlace;
  /** 'curl-command' when the input is a curl command line. */
  readonly container: 'curl-command' | undefined;
}

/**
 * Maximum number of tokens collected, so that a paste of many tokens stays
 * fast. A real request or command line contains a few.
 */
const MAX_EMBEDDED_TOKENS = 64;

/** Characters of the token's line read before it, enough for a Cookie header of 8 KiB. */
const MAX_CONTEXT_CHARACTERS = 8192;

/** JSON members, URL parameters and cookies that carry tokens, most useful first. */
const TOKEN_MEMBER_PRIORITY = ['access_token', 'id_token', 'token', 'jwt', 'refresh_token'];

/** Returns the rank of a member path or name in TOKEN_MEMBER_PRIORITY; other names rank last. */
export function memberRank(path: string): number {
  const name = path.slice(path.lastIndexOf('.') + 1);
  const rank = TOKEN_MEMBER_PRIORITY.indexOf(name);
  return rank === -1 ? TOKEN_MEMBER_PRIORITY.length : rank;
}

/** Characters that can end a word in a command, header, cookie, URL or prose. */
const SEPARATORS = String.raw`\s"'\x60;,&#?!=:()<>[\]{}|\\/`;
const SEGMENT = '[A-Za-z0-9_-]*';

/**
 * A JWS (3 segments, the signature possibly empty) or a JWE (5 segments)
 * whose header starts with "eyJ", the base64url of '{"'. It must start after a
 * separator and end before one, or before a full stop that ends a sentence.
 */
const EMBEDDED_TOKEN = new RegExp(
  `(?<=^|[${SEPARATORS}])` +
    `eyJ${SEGMENT}\\.${SEGMENT}\\.${SEGMENT}(?:\\.${SEGMENT}\\.${SEGMENT})?` +
    `(?=$|[${SEPARATORS.replace('=', '')}]|\\.(?:$|[\\s"'\\x60]))`,
  'g',
);

const AUTHORIZATION_BEFORE =
  /\bAuthorization["'\x60]?[ \t]*[:=][ \t]*["'\x60]?[ \t]*(?:([A-Za-z]+)[ \t]+)?$/i;
const BEARER_BEFORE = /\bBearer[ \t]+$/i;
/** A cookie or parameter name, in a subset of the RFC 6265 §4.1.1 token characters, then "=". */
const NAME_BEFORE = /(^|[\s;"'?&#])([A-Za-z0-9_.~$!%*+^|-]+)=["']?$/;
const COOKIE_HEADER = /\b(Set-Cookie|Cookie)[ \t]*:/i;
const CURL_COOKIE_OPTION = /(?:^|\s)(?:-b|--cookie)[ \t]+["']?[^"']*$/;
const CURL_COMMAND = /(?:^|\n)[ \t]*(?:[$>#][ \t]*)?curl[ \t]/;

/**
 * Finds the tokens inside `text`, up to MAX_EMBEDDED_TOKENS, best first: a
 * token in an Authorization header, then after "Bearer", then a cookie or
 * parameter value (by name, as memberRank orders them), then any other, each
 * group in the order found. A match whose surrounding text is only full stops
 * is not a token in text.
 */
export function findEmbeddedTokens(text: string): EmbeddedToken[] {
  const container = CURL_COMMAND.test(text) ? 'curl-command' : undefined;
  const leadingDots = countDots(text, 0, 1);
  const trailingDots = countDots(text, text.length - 1, -1);
  const found: EmbeddedToken[] = [];

  for (const match of text.matchAll(EMBEDDED_TOKEN)) {
    const token = match[0];
    const start = match.index;
    const end = start + token.length;
    if (start <= leadingDots && end >= text.length - trailingDots) continue;

    found.push({
      token,
      kind: token.split('.').length === 5 ? 'jwe' : 'jws',
      start,
      end,
      place: classifyPlace(text, start, end),
      container,
    });
    if (found.length === MAX_EMBEDDED_TOKENS) break;
  }

  return found.sort((a, b) => rank(a) - rank(b) || a.start - b.start);
}

function rank(found: EmbeddedToken): number {
  const place = found.place;
  switch (place.kind) {
    case 'authorization-header':
      return 0;
    case 'bearer-credential':
      return 1;
    case 'cookie':
    case 'parameter':
      // Named values rank between 2 and 2 + TOKEN_MEMBER_PRIORITY.length.
      return 2 + memberRank(place.name);
    case 'text':
      return 3 + TOKEN_MEMBER_PRIORITY.length;
  }
}

/** Classifies the token's place from the text before it on its line and the characters after it. */
function classifyPlace(text: string, start: number, end: number): TokenPlace {
  const context = text.slice(Math.max(0, start - MAX_CONTEXT_CHARACTERS), start);
  const before = context.slice(context.lastIndexOf('\n') + 1);

  const authorization = AUTHORIZATION_BEFORE.exec(before);
  if (authorization !== null) return { kind: 'authorization-header', scheme: authorization[1] };
  if (BEARER_BEFORE.test(before)) return { kind: 'bearer-credential' };

  const named = NAME_BEFORE.exec(before);
  if (named === null) return { kind: 'text' };

  const [, separator = '', name = ''] = named;
  if (separator === '?' || separator === '&' || separator === '#')
    return { kind: 'parameter', name };

  const textBeforeName = before.slice(0, named.index + separator.length).trimEnd();

  const header = COOKIE_HEADER.exec(before)?.[1];
  if (header !== undefined) {
    const canonical = header.toLowerCase() === 'set-cookie' ? 'Set-Cookie' : 'Cookie';
    return { kind: 'cookie', name, header: canonical };
  }

  // A value followed by ";" is a cookie pair or a Set-Cookie value with attributes,
  // and a pair after ";" continues a cookie list such as document.cookie.
  const followedBySemicolon = /^["']?;/.test(text.slice(end, end + 2));
  if (followedBySemicolon || textBeforeName.endsWith(';') || CURL_COOKIE_OPTION.test(before))
    return { kind: 'cookie', name, header: undefined };
  return { kind: 'parameter', name };
}

/** Counts the full stops in a row from `from`, stepping by `step` (1 forward, -1 backward). */
function countDots(text: string, from: number, step: 1 | -1): number {
  let count = 0;
  for (let i = from; i >= 0 && i < text.length && text[i] === '.'; i += step) count++;
  return count;
}
