// Base64url decoding of compact JOSE segments (RFC 7515 §2 and RFC 4648 §5).
// Base64url has no padding and uses "-" and "_". Segments written with the
// standard alphabet ("+", "/") or with "=" padding are still decoded, and the
// result records it, because the signature covers the characters as received.

import { base64url } from 'jose';
import { jwtError } from './errors';

export type SegmentName =
  'header' | 'payload' | 'signature' | 'encryptedKey' | 'iv' | 'ciphertext' | 'tag';

export interface Base64Decoding {
  readonly bytes: Uint8Array;
  /** The segment contains "+" or "/", which belong to standard base64, not base64url. */
  readonly standardAlphabet: boolean;
  /** The segment ends in "=" padding, which base64url omits. */
  readonly padded: boolean;
  /**
   * The last character carries non-zero unused bits, so another string
   * decodes to the same bytes (RFC 4648 §3.5 lets decoders reject it).
   */
  readonly nonCanonical: boolean;
}

const BASE64URL_CHARACTER = /^[A-Za-z0-9_-]$/;
const BASE64URL_TEXT = /^[A-Za-z0-9_-]*$/;
const BASE64URL_VALUES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Decodes one segment of a compact token. `start` is the segment's offset in
 * the token, so that errors give the position in the whole token.
 * Throws 'jwt/invalid-base64url' or 'jwt/invalid-base64url-length'.
 */
export function decodeSegmentBase64url(
  text: string,
  segment: SegmentName,
  start: number,
): Base64Decoding {
  const firstPad = text.indexOf('=');
  const data = firstPad === -1 ? text : text.slice(0, firstPad);
  const padding = firstPad === -1 ? '' : text.slice(firstPad);

  const standardAlphabet = checkAlphabet(data, segment, start);
  checkPadding(data, padding, segment, start + data.length);

  // RFC 4648 §4: 4n+1 characters leave 6 bits, which cannot form a byte.
  if (data.length % 4 === 1) {
    throw jwtError(
      'jwt/invalid-base64url-length',
      `${segment} has ${data.length} base64url characters; no encoding has 4n+1`,
      { segment, position: start + data.length, length: data.length },
    );
  }

  const normalized = data.replaceAll('+', '-').replaceAll('/', '_');
  return {
    bytes: base64url.decode(normalized),
    standardAlphabet,
    padded: padding.length > 0,
    nonCanonical: hasNonZeroUnusedBits(normalized),
  };
}

/** Returns whether the text uses "+" or "/"; throws on any other character outside base64url. */
function checkAlphabet(data: string, segment: SegmentName, start: number): boolean {
  // One regular expression over the whole segment is faster than a test per character.
  if (BASE64URL_TEXT.test(data)) return false;

  let standardAlphabet = false;

  for (let i = 0; i < data.length; i++) {
    const character = data[i] ?? '';
    if (BASE64URL_CHARACTER.test(character)) continue;

    if (character === '+' || character === '/') {
      standardAlphabet = true;
      continue;
    }

    const codePoint = data.codePointAt(i) ?? 0;
    throw jwtError(
      'jwt/invalid-base64url',
      `${segment} contains ${JSON.stringify(String.fromCodePoint(codePoint))} at position ${start + i}`,
      {
        segment,
        position: start + i,
        character: String.fromCodePoint(codePoint),
        codePoint: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
      },
    );
  }

  return standardAlphabet;
}

/**
 * Accepts only the "=" padding that standard base64 writes for this length.
 * `start` is the offset of the first "=" in the token.
 */
function checkPadding(data: string, padding: string, segment: SegmentName, start: number): void {
  if (padding === '') return;

  const expected = (4 - (data.length % 4)) % 4;
  if (/^=+$/.test(padding) && padding.length === expected) return;

  throw jwtError('jwt/invalid-base64url', `${segment} has misplaced "=" at position ${start}`, {
    segment,
    position: start,
    character: '=',
    reason: 'padding',
  });
}

function hasNonZeroUnusedBits(normalized: string): boolean {
  const remainder = normalized.length % 4;
  if (remainder === 0) return false;

  const last = BASE64URL_VALUES.indexOf(normalized[normalized.length - 1] ?? 'A');
  // Two characters carry 12 bits for one byte (4 unused); three carry 18 for two (2 unused).
  const unusedMask = remainder === 2 ? 0b1111 : 0b11;
  return (last & unusedMask) !== 0;
}

/** Encodes bytes as base64url without padding. */
export function encodeBase64url(bytes: Uint8Array): string {
  return base64url.encode(bytes);
}
