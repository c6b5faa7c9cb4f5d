// Explains the claims of a JWT payload: what each well-known claim means, and
// each NumericDate (RFC 7519 §2: seconds since 1970-01-01T00:00:00Z UTC) as
// UTC, local time and a phrase relative to an explicit `now`. Nothing reads
// the clock, so a test or a shared link gives the same text every time.

import { lookUpClaim, type ClaimInfo } from './claim-catalog';
import { jwtError } from './errors';
import { formatJsonNode, type JsonNode } from './json';

export type ClaimProblemId =
  | 'wrong-type'
  | 'not-numeric-date'
  | 'probably-milliseconds'
  | 'date-out-of-range'
  | 'inexact-number';

export interface ClaimProblem {
  readonly id: ClaimProblemId;
  readonly text: string;
}

export interface NumericDateView {
  /** The claim's value read in `unit`, converted to seconds since 1970. */
  readonly seconds: number;
  /**
   * The unit the value was read in: 'seconds' as RFC 7519 §2 defines NumericDate,
   * or 'milliseconds' for the second reading of a value that looks like milliseconds.
   */
  readonly unit: 'seconds' | 'milliseconds';
  /**
   * True for the seconds reading of a value that looks like milliseconds: it is
   * what the standard says the value means, but probably not what the issuer meant.
   */
  readonly literal: boolean;
  /** A sentence that labels a reading of a value that looks like milliseconds; undefined otherwise. */
  readonly note: string | undefined;
  /** ISO 8601 in UTC, such as 2011-03-22T18:43:00.000Z. */
  readonly iso: string;
  /** The same moment in `timeZone`, such as 2011-03-22 19:43:00 GMT+1. */
  readonly local: string;
  readonly timeZone: string;
  /** Such as "expired 3 hours ago" or "valid for 14 more minutes". */
  readonly relative: string;
  /** The date minus `now`, in seconds: negative in the past. */
  readonly secondsFromNow: number;
}

export interface ClaimView {
  readonly name: string;
  readonly value: JsonNode;
  /** Compact JSON, with numbers exactly as written. */
  readonly valueText: string;
  readonly info: ClaimInfo | undefined;
  /** The value read as seconds, as RFC 7519 §2 defines it; `time.literal` marks a value that looks like milliseconds. */
  readonly time: NumericDateView | undefined;
  /** When a date looks like milliseconds, the moment it would be read that way, in ISO 8601. */
  readonly millisecondsReading: string | undefined;
  /** When a date looks like milliseconds, that reading in full: UTC, local time and relative to now. */
  readonly millisecondsTime: NumericDateView | undefined;
  readonly problems: readonly ClaimProblem[];
}

export interface ClaimsReport {
  readonly claims: readonly ClaimView[];
  readonly timeZone: string;
}

export interface ClaimOptions {
  readonly now: Date;
  /** IANA time zone for local times; defaults to the runtime's zone from Intl. */
  readonly timeZone?: string;
}

/** Seconds from which a NumericDate is probably in milliseconds: 1e11 s is the year 5138. */
export const MILLISECONDS_THRESHOLD = 1e11;

/** ECMAScript Date covers ±8.64e15 ms, which is ±8.64e12 s. */
const MAX_DATE_SECONDS = 8.64e12;

export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Describes each claim of `payload`, in order. A payload that is not a JSON
 * object has no claims. Throws 'jwt/invalid-time-zone' for an unknown zone.
 */
export function describeClaims(payload: JsonNode | undefined, options: ClaimOptions): ClaimsReport {
  const timeZone = options.timeZone ?? defaultTimeZone();
  const localFormat = createLocalFormat(timeZone);
  if (payload?.kind !== 'object') return { claims: [], timeZone };

  const claims = payload.members.map((member) =>
    describeClaim(member.name, member.value, options.now, timeZone, localFormat),
  );
  return { claims, timeZone };
}

function describeClaim(
  name: string,
  value: JsonNode,
  now: Date,
  timeZone: string,
  localFormat: Intl.DateTimeFormat,
): ClaimView {
  const info = lookUpClaim(name);
  const problems: ClaimProblem[] = [];
  checkType(name, value, info, problems);

  let time: NumericDateView | undefined;
  let millisecondsTime: NumericDateView | undefined;
  if (info?.type === 'numeric-date' && value.kind === 'number') {
    if (!value.exact) {
      problems.push({
        id: 'inexact-number',
        text: `${value.text} has more digits than a JavaScript number holds, so the date is approximate.`,
      });
    }

    const seconds = value.value;
    const dates = { name, now, timeZone, localFormat };
    const inDateRange = Math.abs(seconds) <= MAX_DATE_SECONDS;
    if (looksLikeMilliseconds(seconds)) {
      millisecondsTime = viewNumericDate(dates, seconds, 'milliseconds');
      const literalYear = inDateRange
        ? formatYear(new Date(seconds * 1000))
        : 'beyond the dates a JavaScript Date can show';
      problems.push({
        id: 'probably-milliseconds',
        text: `${value.text} read as seconds is ${literalYear}, so it is probably milliseconds. Read as milliseconds it is ${millisecondsTime.iso} (${millisecondsTime.relative}), but NumericDate counts seconds (RFC 7519 §2).`,
      });
    }

    if (inDateRange) {
      time = viewNumericDate(dates, seconds, 'seconds', millisecondsTime !== undefined);
    } else {
      problems.push({
        id: 'date-out-of-range',
        text: `${value.text} seconds is beyond the dates a JavaScript Date can show (year 275760).`,
      });
    }
  }

  return {
    name,
    value,
    valueText: formatJsonNode(value),
    info,
    time,
    millisecondsReading: millisecondsTime?.iso,
    millisecondsTime,
    problems,
  };
}

/**
 * Returns whether a NumericDate is probably in milliseconds: at least 1e11
 * seconds (the year 5138), and still a valid Date when read as milliseconds.
 */
function looksLikeMilliseconds(seconds: number): boolean {
  const magnitude = Math.abs(seconds);
  return magnitude >= MILLISECONDS_THRESHOLD && magnitude <= MAX_DATE_SECONDS * 1000;
}

function checkType(
  name: string,
  value: JsonNode,
  info: ClaimInfo | undefined,
  problems: ClaimProblem[],
): void {
  if (info === undefined || matchesType(value, info.type)) return;

  if (info.type === 'numeric-date') {
    const hint =
      value.kind === 'string' && /^\d+(\.\d+)?$/.test(value.value)
        ? ' It is a string of digits: remove the quotes.'
        : '';
    problems.push({
      id: 'not-numeric-date',
      text: `"${name}" must be a NumericDate, a JSON number of seconds since 1970 (${info.source}), but it is a ${value.kind}.${hint}`,
    });
    return;
  }

  problems.push({
    id: 'wrong-type',
    text: `"${name}" must be ${TYPE_PHRASES[info.type]} (${info.source}), but it is a ${value.kind}.`,
  });
}

const TYPE_PHRASES: Record<Exclude<ClaimInfo['type'], 'numeric-date'>, string> = {
  string: 'a string',
  audience: 'a string or an array of strings',
  boolean: 'true or false',
  'string-array': 'an array of strings',
  object: 'a JSON object',
  any: 'any JSON value',
};

function matchesType(value: JsonNode, type: ClaimInfo['type']): boolean {
  switch (type) {
    case 'string':
      return value.kind === 'string';
    case 'audience':
      return value.kind === 'string' || isStringArray(value);
    case 'numeric-date':
      return value.kind === 'number';
    case 'boolean':
      return value.kind === 'boolean';
    case 'string-array':
      return isStringArray(value);
    case 'object':
      return value.kind === 'object';
    case 'any':
      return true;
  }
}

function isStringArray(value: JsonNode): boolean {
  return value.kind === 'array' && value.items.every((item) => item.kind === 'string');
}

function createLocalFormat(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
  } catch (cause) {
    throw jwtError(
      'jwt/invalid-time-zone',
      `unknown time zone ${JSON.stringify(timeZone)}`,
      { timeZone },
      cause,
    );
  }
}

interface DateContext {
  readonly name: string;
  readonly now: Date;
  readonly timeZone: string;
  readonly localFormat: Intl.DateTimeFormat;
}

const LITERAL_READING_NOTE =
  'This is the literal reading in seconds, as RFC 7519 §2 defines NumericDate, but the value looks like milliseconds, so the issuer probably meant the milliseconds reading.';
const MILLISECONDS_READING_NOTE =
  'This is the value read as milliseconds, which is probably what the issuer meant, although NumericDate counts seconds (RFC 7519 §2).';

/**
 * Views the claim's `value` read in `unit` as a date. `literal` marks the
 * seconds reading of a value that looks like milliseconds.
 */
function viewNumericDate(
  context: DateContext,
  value: number,
  unit: NumericDateView['unit'],
  literal = false,
): NumericDateView {
  const { name, now, timeZone, localFormat } = context;
  // The milliseconds reading builds its Date from the value itself, because
  // value / 1000 * 1000 can round below an integer and Date drops the fraction.
  const date = new Date(unit === 'milliseconds' ? value : value * 1000);
  const seconds = unit === 'milliseconds' ? value / 1000 : value;
  const secondsFromNow = seconds - now.getTime() / 1000;
  let note: string | undefined;
  if (unit === 'milliseconds') note = MILLISECONDS_READING_NOTE;
  else if (literal) note = LITERAL_READING_NOTE;

  return {
    seconds,
    unit,
    literal,
    note,
    iso: date.toISOString(),
    local: formatLocal(date, localFormat),
    timeZone,
    relative: describeRelative(name, secondsFromNow),
    secondsFromNow,
  };
}

/** Names the UTC year of `date`, such as "the year 56386" or "the year 3000 BC". */
export function formatYear(date: Date): string {
  const year = date.getUTCFullYear();
  return year > 0 ? `the year ${year}` : `the year ${1 - year} BC`;
}

/** Formats as "YYYY-MM-DD HH:mm:ss GMT+1" from the parts, so the order never depends on a locale. */
function formatLocal(date: Date, format: Intl.DateTimeFormat): string {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of format.formatToParts(date)) parts[part.type] = part.value;

  const { year, month, day, hour, minute, second, timeZoneName } = parts;
  return `${year}-${month}-${day} ${hour}:${minute}:${second} ${timeZoneName}`;
}

/** Builds the relative phrase; `secondsFromNow` is negative for a past date. */
export function describeRelative(name: string, secondsFromNow: number): string {
  const past = secondsFromNow <= 0;
  const span = formatDuration(Math.abs(secondsFromNow));

  switch (name) {
    // RFC 7519 §4.1.4: the token is rejected "on or after" exp.
    case 'exp':
      return past ? `expired ${ago(span)}` : `valid for ${span.count} more ${span.unit}`;
    // RFC 7519 §4.1.5: the token is rejected "before" nbf, so nbf itself is valid.
    case 'nbf':
      return past ? `valid since ${ago(span)}` : `not valid until ${fromNow(span)}`;
    case 'iat':
      return past ? `issued ${ago(span)}` : `issued ${span.text} in the future`;
    case 'auth_time':
      return past ? `authenticated ${ago(span)}` : `authenticated ${span.text} in the future`;
    case 'updated_at':
      return past ? `updated ${ago(span)}` : `updated ${span.text} in the future`;
    default:
      return past ? ago(span) : fromNow(span);
  }
}

interface Duration {
  readonly count: number;
  readonly unit: string;
  /** Such as "3 hours", or "0 seconds" for a moment that is now. */
  readonly text: string;
}

const UNITS: readonly {
  readonly name: string;
  readonly seconds: number;
  readonly below: number;
}[] = [
  { name: 'second', seconds: 1, below: 60 },
  { name: 'minute', seconds: 60, below: 3600 },
  { name: 'hour', seconds: 3600, below: 2 * 86400 },
  { name: 'day', seconds: 86400, below: 60 * 86400 },
  { name: 'month', seconds: 30.436875 * 86400, below: 2 * 365.2425 * 86400 },
  { name: 'year', seconds: 365.2425 * 86400, below: Infinity },
];

/** Rounds down to the largest unit that fits, so 3 h 50 min is "3 hours". */
export function formatDuration(seconds: number): Duration {
  const unit = UNITS.find((candidate) => seconds < candidate.below) ?? UNITS[UNITS.length - 1];
  const { name, seconds: size } = unit ?? { name: 'second', seconds: 1 };
  const count = Math.floor(seconds / size);
  const plural = count === 1 ? name : `${name}s`;
  return { count, unit: plural, text: `${count} ${plural}` };
}

function ago(span: Duration): string {
  return span.count === 0 && span.unit === 'seconds' ? 'just now' : `${span.text} ago`;
}

function fromNow(span: Duration): string {
  return `${span.text} from now`;
}

/** Returns the claim with this name, if the report has it. */
export function findClaim(report: ClaimsReport, name: string): ClaimView | undefined {
  return report.claims.find((claimView) => claimView.name === name);
}
