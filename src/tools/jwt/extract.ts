// Finds the compact token in what a user pasted. The paste may be a bare
// token, an Authorization header (RFC 6750 §2.1), a quoted string, a JSON
// token response (RFC 6749 §5.1, OpenID Connect Core §3.1.3.3), a URL
// fragment or query, or a token broken over lines. Only those wrappers are
// removed, because the characters kept are the characters verified.

import { jwtError } from './errors';
import { checkInputSize } from './limits';

export type RemovalKind =
  | 'authorization-header'
  | 'bearer-scheme'
  | 'quotes'
  | 'json-member'
  | 'url-parameter'
  | 'line-breaks'
  | 'white-space';

export interface Removal {
  readonly kind: RemovalKind;
  /**
   * The removed text as the user typed it. For a JSON member or URL parameter
   * it is the name, and for white space the characters other than line breaks.
   */
  readonly text: string;
  readonly count: number;
}

export interface Extraction {
  readonly token: string;
  readonly removals: readonly Removal[];
  /** One sentence for the user, such as 'Removed "Authorization: Bearer " and 1 line break.' */
  readonly summary: string;
  /** Other members of a pasted JSON object or URL that also contain a token. */
  readonly otherTokenMembers: readonly string[];
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
];

/** JSON members and URL parameters that carry tokens, most useful first. */
const TOKEN_MEMBER_PRIORITY = ['access_token', 'id_token', 'token', 'jwt', 'refresh_token'];

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
    const found = extractFromJson(text);
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
  };
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

function memberRank(path: string): number {
  const name = path.slice(path.lastIndexOf('.') + 1);
  const rank = TOKEN_MEMBER_PRIORITY.indexOf(name);
  return rank === -1 ? TOKEN_MEMBER_PRIORITY.length : rank;
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
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
