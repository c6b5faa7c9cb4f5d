// Finds the compact token in what a user pasted. The paste may be a bare
// token, an Authorization header (RFC 6750 §2.1), a quoted string, a JSON
// token response (RFC 6749 §5.1, OpenID Connect Core §3.1.3.3), a URL
// fragment or query, or a token broken over lines. Only those wrappers are
// removed, because the characters kept are the characters verified. When what
// is left is still not a token, a token inside other text, such as a curl
// command or a cookie, is taken exactly as written (see embedded-token.ts).

import {
  findEmbeddedTokens,
  memberRank,
  type EmbeddedToken,
  type TokenPlace,
} from './embedded-token';
import { isJwtError, jwtError } from './errors';
import { checkInputSize } from './limits';

export type RemovalKind =
  | 'authorization-header'
  | 'bearer-scheme'
  | 'quotes'
  | 'json-member'
  | 'url-parameter'
  | 'line-breaks'
  | 'white-space'
  | 'surrounding-text';

export interface Removal {
  readonly kind: RemovalKind;
  /**
   * The removed text as the user typed it. For a JSON member or URL parameter
   * it is the name, for white space the characters other than line breaks, and
   * for surrounding text the text before the token followed by the text after it.
   */
  readonly text: string;
  /** How many were removed; for surrounding text, the number of characters. */
  readonly count: number;
}

export interface Extraction {
  readonly token: string;
  readonly removals: readonly Removal[];
  /** One sentence for the user, such as 'Removed "Authorization: Bearer " and 1 line break.' */
  readonly summary: string;
  /**
   * Other members of a pasted JSON object or URL that also contain a token, or,
   * for a token found inside other text, where the other tokens in it are.
   */
  readonly otherTokenMembers: readonly string[];
  /** The token's place inside other text; undefined when the input, less its wrappers, is the token. */
  readonly foundIn: EmbeddedToken | undefined;
}

/** The order in which the summary lists removals: wrappers outside in, then white space. */
const REMOVAL_ORDER: readonly RemovalKind[] = [
  'json-member',
  'url-parameter',
  'authorization-header',
  'bearer-scheme',
  'quotes',
  'line-breaks',
  'white-space',
  'surrounding-text',
];

const TOKEN_CHARACTERS = /^[A-Za-z0-9_\-+/=.]+$/;

/**
 * Extracts the token from pasted text. Throws 'jwt/empty-input',
 * 'jwt/input-too-large' or 'jwt/no-token-in-json'.
 */
export function extractToken(input: string): Extraction {
  checkInputSize(input, 'token');

  const removals: Removal[] = [];
  let text = trimWhitespace(input, removals);
  if (text === '') throw jwtError('jwt/empty-input', 'the input is empty', { field: 'token' });

  let otherTokenMembers: string[] = [];
  if (text.startsWith('{')) {
    let found: FoundMember;
    try {
      found = extractFromJson(text);
    } catch (error) {
      // Code such as `{ headers: { Authorization: "Bearer eyJ..." } }` is not JSON but contains a token.
      const notJson = isJwtError(error) && error.details.reason === 'not-json';
      const embedded = notJson ? extractEmbedded(input) : undefined;
      if (embedded !== undefined) return embedded;
      throw error;
    }
    text = found.token;
    otherTokenMembers = found.others;
    removals.push({ kind: 'json-member', text: found.member, count: 1 });
  } else {
    const found = extractFromUrlParameters(text);
    if (found !== undefined) {
      text = found.token;
      otherTokenMembers = found.others;
      removals.push({ kind: 'url-parameter', text: found.member, count: 1 });
    }
  }

  text = removeWrappers(text, removals);
  text = removeInnerWhitespace(text, removals);
  if (!looksLikeCompactToken(text)) {
    const embedded = extractEmbedded(input);
    if (embedded !== undefined) return embedded;
  }
  if (text === '')
    throw jwtError('jwt/empty-input', 'nothing is left after removing wrappers', {
      field: 'token',
    });

  removals.sort((a, b) => REMOVAL_ORDER.indexOf(a.kind) - REMOVAL_ORDER.indexOf(b.kind));
  return {
    token: text,
    removals,
    summary: summarizeRemovals(removals, otherTokenMembers),
    otherTokenMembers,
    foundIn: undefined,
  };
}

/**
 * Takes the best token found inside `input` exactly as written, with the
 * whole rest of the input as the removed surrounding text.
 */
function extractEmbedded(input: string): Extraction | undefined {
  const [chosen, ...others] = findEmbeddedTokens(input);
  if (chosen === undefined) return undefined;

  const before = input.slice(0, chosen.start);
  const after = input.slice(chosen.end);
  const removal: Removal = {
    kind: 'surrounding-text',
    text: before + after,
    count: before.length + after.length,
  };
  const otherTokenMembers = others.map((other) => describePlace(other.place, other.start));
  return {
    token: chosen.token,
    removals: [removal],
    summary: summarizeEmbedded(chosen, before.length, after.length, otherTokenMembers),
    otherTokenMembers,
    foundIn: chosen,
  };
}

/**
 * Builds the summary, such as 'Found the token in the cookie "session" and
 * removed the text around it (8 characters before it, 18 after it).'
 */
function summarizeEmbedded(
  found: EmbeddedToken,
  beforeCount: number,
  afterCount: number,
  others: readonly string[],
): string {
  const place = found.place.kind === 'text' ? undefined : describePlace(found.place, found.start);
  let where = 'inside other text';
  if (place !== undefined && found.container === 'curl-command')
    where = `in ${place} inside a curl command`;
  else if (place !== undefined) where = `in ${place}`;
  else if (found.container === 'curl-command') where = 'inside a curl command';

  const counts = `${plural(beforeCount, 'character')} before it, ${afterCount} after it`;
  return `Found the token ${where} and removed the text around it (${counts}).${describeOthers(others)}`;
}

/** Lists up to 3 other tokens by place, and counts the rest. */
function describeOthers(others: readonly string[]): string {
  if (others.length === 0) return '';

  const listed = others.slice(0, 3).join(', ');
  const rest = others.length > 3 ? ` and ${others.length - 3} more` : '';
  return ` The text also contains ${plural(others.length, 'other token')}: ${listed}${rest}.`;
}

/** Returns a phrase that names a token's place, such as 'the cookie "session"'. */
function describePlace(place: TokenPlace, start: number): string {
  switch (place.kind) {
    case 'authorization-header':
      return 'the Authorization header';
    case 'bearer-credential':
      return 'a Bearer credential';
    case 'cookie':
      return place.header === undefined
        ? `the cookie "${place.name}"`
        : `the cookie "${place.name}" of a ${place.header} header`;
    case 'parameter':
      return `the "${place.name}" parameter`;
    case 'text':
      return `the text at character ${start + 1}`;
  }
}

function trimWhitespace(text: string, removals: Removal[]): string {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  if (start >= end) return '';

  countWhitespace(text.slice(0, start) + text.slice(end), removals);
  return text.slice(start, end);
}

/** Removes header names, the Bearer scheme and quotes, in any nesting, until none is left. */
function removeWrappers(text: string, removals: Removal[]): string {
  let current = text;

  for (;;) {
    const header = /^Authorization[ \t]*:[ \t]*/i.exec(current);
    if (header !== null) {
      current = current.slice(header[0].length);
      const bearer = /^Bearer[ \t]+/i.exec(current);
      if (bearer !== null) current = current.slice(bearer[0].length);
      removals.push({
        kind: 'authorization-header',
        text: header[0] + (bearer?.[0] ?? ''),
        count: 1,
      });
      continue;
    }

    // RFC 7235 §2.1: the authentication scheme name is case-insensitive.
    const bearer = /^Bearer[ \t]+/i.exec(current);
    if (bearer !== null) {
      current = current.slice(bearer[0].length);
      removals.push({ kind: 'bearer-scheme', text: bearer[0], count: 1 });
      continue;
    }

    const quote = current[0];
    if (
      (quote === '"' || quote === "'" || quote === '`') &&
      current.length >= 2 &&
      current.endsWith(quote)
    ) {
      current = current.slice(1, -1).trim();
      removals.push({ kind: 'quotes', text: quote, count: 1 });
      continue;
    }

    return current;
  }
}

/**
 * Joins a token broken over lines. Only text made of token characters and
 * white space is joined; other text is left for the decoder to report.
 */
function removeInnerWhitespace(text: string, removals: Removal[]): string {
  if (!/\s/.test(text)) return text;

  const joined = text.replace(/\s+/g, '');
  if (!TOKEN_CHARACTERS.test(joined)) return text;

  countWhitespace(text.replace(/\S+/g, ''), removals);
  return joined;
}

function countWhitespace(whitespace: string, removals: Removal[]): void {
  // CR LF is one line break; a lone CR or LF is one as well.
  const lineBreaks = whitespace.match(/\r\n|\r|\n/g)?.length ?? 0;
  const others = whitespace.replace(/\r\n|\r|\n/g, '');
  addWhitespace(removals, 'line-breaks', '', lineBreaks);
  addWhitespace(removals, 'white-space', others, others.length);
}

function addWhitespace(
  removals: Removal[],
  kind: 'line-breaks' | 'white-space',
  text: string,
  count: number,
): void {
  if (count === 0) return;

  const existing = removals.findIndex((removal) => removal.kind === kind);
  const previous = removals[existing];
  if (previous === undefined) {
    removals.push({ kind, text, count });
    return;
  }
  removals[existing] = { kind, text: previous.text + text, count: previous.count + count };
}

interface FoundMember {
  readonly token: string;
  readonly member: string;
  readonly others: string[];
}

function extractFromJson(text: string): FoundMember {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw jwtError('jwt/no-token-in-json', 'the input starts with "{" but is not valid JSON', {
      reason: 'not-json',
    });
  }

  const candidates: { member: string; token: string }[] = [];
  collectTokenMembers(value, '', candidates, 0);
  if (candidates.length === 0) {
    throw jwtError('jwt/no-token-in-json', 'no JSON member contains a JWS or JWE', {
      reason: 'no-token',
    });
  }

  candidates.sort((a, b) => memberRank(a.member) - memberRank(b.member));
  const [chosen, ...rest] = candidates;
  if (chosen === undefined) throw new Error('unreachable: candidates is not empty');
  return { token: chosen.token, member: chosen.member, others: rest.map((c) => c.member) };
}

/** Collects string members, at any depth up to 8, that look like a compact JWS or JWE. */
function collectTokenMembers(
  value: unknown,
  path: string,
  found: { member: string; token: string }[],
  depth: number,
): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;

  for (const [name, member] of Object.entries(value)) {
    const memberPath = Array.isArray(value)
      ? `${path}[${name}]`
      : path === ''
        ? name
        : `${path}.${name}`;
    if (typeof member === 'string' && looksLikeCompactToken(member.replace(/^Bearer\s+/i, ''))) {
      found.push({ member: memberPath, token: member });
    } else {
      collectTokenMembers(member, memberPath, found, depth + 1);
    }
  }
}

/**
 * Returns whether `text` has the shape of a compact JWS (3 parts) or JWE (5 parts).
 * A JOSE header is a JSON object, so its base64url starts with "ey" ('{"' or '{ ')
 * or "ew" ('{' and a line break).
 */
export function looksLikeCompactToken(text: string): boolean {
  const parts = text.split('.');
  if (parts.length !== 3 && parts.length !== 5) return false;
  return /^e[wy]/.test(parts[0] ?? '') && TOKEN_CHARACTERS.test(text);
}

/** Finds a token in `id_token=...&access_token=...`, as in an OAuth redirect URL. */
function extractFromUrlParameters(text: string): FoundMember | undefined {
  const pattern = /(?:^|[?#&])([A-Za-z_]+)=([^&#\s]+)/g;
  const candidates: { member: string; token: string }[] = [];
  for (const match of text.matchAll(pattern)) {
    const [, name = '', value = ''] = match;
    if (looksLikeCompactToken(value)) candidates.push({ member: name, token: value });
  }
  if (candidates.length === 0) return undefined;

  candidates.sort((a, b) => memberRank(a.member) - memberRank(b.member));
  const [chosen, ...rest] = candidates;
  if (chosen === undefined) return undefined;
  return { token: chosen.token, member: chosen.member, others: rest.map((c) => c.member) };
}

function summarizeRemovals(removals: readonly Removal[], others: readonly string[]): string {
  if (removals.length === 0) return 'Nothing was removed: the input is the token.';

  const phrases = removals.map(describeRemoval);
  const list =
    phrases.length === 1
      ? phrases[0]
      : `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
  const alsoFound =
    others.length === 0 ? '' : ` (it also holds ${others.map((name) => `"${name}"`).join(', ')})`;
  return `Removed ${list}${alsoFound}.`;
}

function describeRemoval(removal: Removal): string {
  switch (removal.kind) {
    case 'authorization-header':
    case 'bearer-scheme':
      return `"${removal.text}"`;
    case 'quotes':
      return removal.text === '"' ? 'the double quotes' : `the ${removal.text} quotes`;
    case 'json-member':
      return `the JSON around "${removal.text}"`;
    case 'url-parameter':
      return `the URL text around the "${removal.text}" parameter`;
    case 'line-breaks':
      return plural(removal.count, 'line break');
    case 'white-space':
      return /^ +$/.test(removal.text)
        ? plural(removal.count, 'space')
        : plural(removal.count, 'white-space character');
    case 'surrounding-text':
      return `${plural(removal.count, 'character')} of surrounding text`;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
