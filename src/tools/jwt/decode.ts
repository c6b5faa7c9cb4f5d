// Decoding of compact JOSE tokens: a JWS (RFC 7515 §7.1) or unsecured JWT
// (RFC 7519 §6) has 3 parts, a JWE (RFC 7516 §7.1) has 5. Each segment keeps
// its text, offsets and bytes, so the view can colour and explain every
// character. Nothing here checks a signature or a claim.

import { bytesToHex } from '@noble/hashes/utils.js';
import { decodeSegmentBase64url, encodeBase64url, type SegmentName } from './base64url';
import { jwtError } from './errors';
import {
  getMember,
  getStringMember,
  parseJsonText,
  type JsonObject,
  type ParsedJson,
} from './json';
import { decodeUtf8 } from './utf8';

export type SegmentContent =
  | { readonly kind: 'json'; readonly text: string; readonly json: ParsedJson }
  /** UTF-8 text that is not JSON, such as the prose payload of RFC 7520 §4.4. */
  | { readonly kind: 'text'; readonly text: string; readonly notJsonReason: string }
  /** Bytes shown as hex: signatures, JWE parts, and payloads that are not UTF-8. */
  | { readonly kind: 'binary'; readonly invalidUtf8Offset?: number }
  | { readonly kind: 'empty' };

export interface DecodedSegment {
  readonly name: SegmentName;
  /** The segment as received; '' for a detached payload. */
  readonly text: string;
  /** Offset of the segment's first character in the token. */
  readonly start: number;
  /** Offset just past the segment's last character (the following dot, if any). */
  readonly end: number;
  readonly source: 'token' | 'detached';
  /** 'base64' means "+", "/" or "=" was present; 'unencoded' is a `b64: false` payload (RFC 7797). */
  readonly encoding: 'base64url' | 'base64' | 'unencoded';
  readonly bytes: Uint8Array;
  readonly hex: string;
  readonly content: SegmentContent;
}

export type DecodeNoteId =
  | 'standard-base64'
  | 'base64-padding'
  | 'non-canonical-base64url'
  | 'inexact-number'
  | 'duplicate-member'
  | 'payload-not-object'
  | 'payload-not-json'
  | 'payload-not-utf8'
  | 'payload-empty'
  | 'unencoded-payload'
  | 'detached-payload-used'
  | 'detached-payload-ignored'
  | 'b64-not-boolean'
  | 'byte-order-mark'
  | 'jwe-enc-missing';

export interface DecodeNote {
  readonly id: DecodeNoteId;
  readonly severity: 'warning' | 'info';
  readonly segment?: SegmentName;
  readonly text: string;
}

interface DecodedCommon {
  readonly token: string;
  readonly header: DecodedSegment;
  /** The protected header's members; a duplicated name keeps its last value, as JSON.parse does. */
  readonly headerJson: JsonObject;
  readonly alg: string | undefined;
  /** Some segment uses "+", "/" or "=", so the received characters differ from base64url. */
  readonly standardBase64: boolean;
  readonly notes: readonly DecodeNote[];
}

export interface DecodedJws extends DecodedCommon {
  readonly kind: 'jws';
  readonly payload: DecodedSegment;
  readonly signature: DecodedSegment;
  /** RFC 7797: false when the header sets `b64` to false, so the payload is not base64url. */
  readonly b64: boolean;
  readonly detachedPayload: boolean;
  /** The exact JWS Signing Input (RFC 7515 §5.2), from the characters received. */
  readonly signingInput: Uint8Array;
}

export interface DecodedJwe extends DecodedCommon {
  readonly kind: 'jwe';
  readonly encryptedKey: DecodedSegment;
  readonly iv: DecodedSegment;
  readonly ciphertext: DecodedSegment;
  readonly tag: DecodedSegment;
  readonly enc: string | undefined;
}

export type DecodedToken = DecodedJws | DecodedJwe;

export interface DecodeOptions {
  /** The payload, as UTF-8 text, of a JWS whose payload segment is empty (RFC 7515 Appendix F). */
  readonly detachedPayload?: string;
}

const JWE_SEGMENTS: readonly SegmentName[] = ['header', 'encryptedKey', 'iv', 'ciphertext', 'tag'];

const utf8Encoder = new TextEncoder();

/**
 * Splits and decodes a compact token. Throws a JwtError for a wrong part
 * count, invalid base64url, or a protected header that is not a JSON object.
 */
export function decodeToken(token: string, options: DecodeOptions = {}): DecodedToken {
  if (token === '') throw jwtError('jwt/empty-input', 'the token is empty', { field: 'token' });

  const spans = splitSegments(token);
  const notes: DecodeNote[] = [];
  const header = decodeHeader(token, spans[0] ?? { start: 0, end: token.length }, notes);
  const alg = getStringMember(header.json, 'alg');

  if (spans.length === 5) return decodeJwe(token, spans, header, alg, notes);
  return decodeJws(token, spans, header, alg, notes, options);
}

interface Span {
  readonly start: number;
  readonly end: number;
}

function splitSegments(token: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i <= token.length; i++) {
    if (i === token.length || token[i] === '.') {
      spans.push({ start, end: i });
      start = i + 1;
    }
  }

  if (spans.length === 3 || spans.length === 5) return spans;
  throw jwtError('jwt/wrong-part-count', `the token has ${spans.length} parts, not 3 or 5`, {
    partCount: spans.length,
    dotCount: spans.length - 1,
  });
}

interface DecodedHeader {
  readonly segment: DecodedSegment;
  readonly json: JsonObject;
}

function decodeHeader(token: string, span: Span, notes: DecodeNote[]): DecodedHeader {
  const base = decodeBase64Segment(token, span, 'header', notes);
  // A header with "+" or "/" that does not decode points first at that character.
  const standard = findStandardCharacter(base.text, span.start);
  const utf8 = decodeUtf8(base.bytes);
  if (!utf8.ok) {
    if (standard !== undefined) {
      throw standardBase64HeaderError(standard, {
        failure: 'not-utf8',
        byteOffset: utf8.invalidByteOffset,
      });
    }
    throw jwtError('jwt/header-not-utf8', 'the header is not UTF-8', {
      segment: 'header',
      byteOffset: utf8.invalidByteOffset,
      position: tokenPositionOfByte(span.start, utf8.invalidByteOffset),
    });
  }

  noteByteOrderMark(utf8.text, 'header', notes);
  const parsed = parseJsonText(utf8.text);
  if (!parsed.ok) {
    if (standard !== undefined)
      throw standardBase64HeaderError(standard, { failure: 'not-json', reason: parsed.reason });

    const byteOffset =
      parsed.position === undefined
        ? undefined
        : utf8ByteLength(utf8.text.slice(0, parsed.position));
    throw jwtError('jwt/header-not-json', `the header is not JSON: ${parsed.reason}`, {
      segment: 'header',
      reason: parsed.reason,
      textPosition: parsed.position,
      position: byteOffset === undefined ? undefined : tokenPositionOfByte(span.start, byteOffset),
      text: utf8.text.slice(0, 200),
    });
  }

  const node = parsed.json.node;
  if (node.kind !== 'object') {
    throw jwtError('jwt/header-not-object', `the header is a JSON ${node.kind}, not an object`, {
      segment: 'header',
      jsonType: node.kind,
      position: span.start,
    });
  }

  noteJsonFindings(parsed.json, 'header', notes);
  const content: SegmentContent = { kind: 'json', text: utf8.text, json: parsed.json };
  return { segment: { ...base, content }, json: node };
}

interface StandardCharacter {
  readonly character: string;
  /** Offset of the character in the token. */
  readonly position: number;
}

/** Returns the segment's first "+" or "/", the characters of standard base64 that base64url replaces. */
function findStandardCharacter(text: string, start: number): StandardCharacter | undefined {
  const index = text.search(/[+/]/);
  if (index === -1) return undefined;
  return { character: text.charAt(index), position: start + index };
}

function standardBase64HeaderError(
  standard: StandardCharacter,
  failure:
    | { readonly failure: 'not-utf8'; readonly byteOffset: number }
    | { readonly failure: 'not-json'; readonly reason: string },
) {
  return jwtError(
    'jwt/header-standard-base64',
    `the header has ${JSON.stringify(standard.character)} at position ${standard.position} and is ${failure.failure === 'not-utf8' ? 'not UTF-8' : 'not JSON'}`,
    { segment: 'header', ...standard, ...failure },
  );
}

function decodeJws(
  token: string,
  spans: Span[],
  header: DecodedHeader,
  alg: string | undefined,
  notes: DecodeNote[],
  options: DecodeOptions,
): DecodedJws {
  const [, payloadSpan, signatureSpan] = spans as [Span, Span, Span];
  const b64 = readB64(header.json, notes);
  const payload = decodePayload(token, payloadSpan, b64, notes, options);
  const signatureBase = decodeBase64Segment(token, signatureSpan, 'signature', notes);
  const signature: DecodedSegment = {
    ...signatureBase,
    content: signatureBase.bytes.length === 0 ? { kind: 'empty' } : { kind: 'binary' },
  };

  return {
    kind: 'jws',
    token,
    header: header.segment,
    headerJson: header.json,
    alg,
    payload,
    signature,
    b64,
    detachedPayload: payload.source === 'detached',
    standardBase64: [header.segment, payload, signature].some((s) => s.encoding === 'base64'),
    signingInput: buildSigningInput(header.segment, payload, b64),
    notes,
  };
}

function decodeJwe(
  token: string,
  spans: Span[],
  header: DecodedHeader,
  alg: string | undefined,
  notes: DecodeNote[],
): DecodedJwe {
  const [encryptedKey, iv, ciphertext, tag] = spans.slice(1).map((span, index) => {
    const name = JWE_SEGMENTS[index + 1] ?? 'ciphertext';
    const base = decodeBase64Segment(token, span, name, notes);
    const content: SegmentContent =
      base.bytes.length === 0 ? { kind: 'empty' } : { kind: 'binary' };
    return { ...base, content };
  }) as [DecodedSegment, DecodedSegment, DecodedSegment, DecodedSegment];

  const enc = getStringMember(header.json, 'enc');
  if (enc === undefined) {
    notes.push({
      id: 'jwe-enc-missing',
      severity: 'warning',
      segment: 'header',
      text: 'A JWE header must name its content encryption algorithm in "enc" (RFC 7516 §4.1.2), and this one does not.',
    });
  }

  const segments = [header.segment, encryptedKey, iv, ciphertext, tag];
  return {
    kind: 'jwe',
    token,
    header: header.segment,
    headerJson: header.json,
    alg,
    enc,
    encryptedKey,
    iv,
    ciphertext,
    tag,
    standardBase64: segments.some((s) => s.encoding === 'base64'),
    notes,
  };
}

/** RFC 7797 §3: only the boolean false turns base64url encoding of the payload off. */
function readB64(headerJson: JsonObject, notes: DecodeNote[]): boolean {
  const b64 = getMember(headerJson, 'b64');
  if (b64 === undefined) return true;
  if (b64.kind === 'boolean') return b64.value;

  notes.push({
    id: 'b64-not-boolean',
    severity: 'warning',
    segment: 'header',
    text: '"b64" must be true or false (RFC 7797 §3), so the payload is read as base64url.',
  });
  return true;
}

function decodePayload(
  token: string,
  span: Span,
  b64: boolean,
  notes: DecodeNote[],
  options: DecodeOptions,
): DecodedSegment {
  const text = token.slice(span.start, span.end);
  const detached = text === '' ? options.detachedPayload : undefined;

  if (text !== '' && options.detachedPayload !== undefined && options.detachedPayload !== '') {
    notes.push({
      id: 'detached-payload-ignored',
      severity: 'info',
      segment: 'payload',
      text: 'The token carries its own payload, so the detached payload you entered is not used.',
    });
  }

  if (detached !== undefined && detached !== '') {
    notes.push({
      id: 'detached-payload-used',
      severity: 'info',
      segment: 'payload',
      text: 'The payload segment is empty, so the detached payload you entered is used (RFC 7515 Appendix F).',
    });
    const bytes = utf8Encoder.encode(detached);
    const encoding = b64 ? 'base64url' : 'unencoded';
    return payloadSegment({ text: '', span, source: 'detached', encoding, bytes }, notes);
  }

  if (text === '') {
    notes.push({
      id: 'payload-empty',
      severity: 'info',
      segment: 'payload',
      text: 'The payload segment is empty: the payload is either detached (RFC 7515 Appendix F) or the empty string. Enter the detached payload to verify the signature over it.',
    });
    return payloadSegment(
      { text, span, source: 'token', encoding: 'base64url', bytes: new Uint8Array() },
      notes,
    );
  }

  if (!b64) {
    notes.push({
      id: 'unencoded-payload',
      severity: 'info',
      segment: 'payload',
      text: 'The header sets "b64" to false, so the payload segment is the payload itself, not base64url (RFC 7797 §3).',
    });
    const bytes = utf8Encoder.encode(text);
    return payloadSegment({ text, span, source: 'token', encoding: 'unencoded', bytes }, notes);
  }

  const base = decodeBase64Segment(token, span, 'payload', notes);
  return payloadSegment({ ...base, span }, notes);
}

interface RawPayload {
  readonly text: string;
  readonly span: Span;
  readonly source: 'token' | 'detached';
  readonly encoding: DecodedSegment['encoding'];
  readonly bytes: Uint8Array;
}

function payloadSegment(raw: RawPayload, notes: DecodeNote[]): DecodedSegment {
  const standard =
    raw.encoding === 'base64' ? findStandardCharacter(raw.text, raw.span.start) : undefined;
  const segment = {
    name: 'payload' as const,
    text: raw.text,
    start: raw.span.start,
    end: raw.span.end,
    source: raw.source,
    encoding: raw.encoding,
    bytes: raw.bytes,
    hex: bytesToHex(raw.bytes),
  };
  return { ...segment, content: readPayloadContent(raw.bytes, notes, standard) };
}

/**
 * Reads the payload as JSON, text or bytes. A JWS payload may be any bytes
 * (RFC 7515 §2), and a JWT's is a JSON object (RFC 7519 §7.2).
 */
function readPayloadContent(
  bytes: Uint8Array,
  notes: DecodeNote[],
  standard: StandardCharacter | undefined,
): SegmentContent {
  if (bytes.length === 0) return { kind: 'empty' };

  // A payload that is written with "+" or "/" and does not decode may have a changed character.
  const standardHint =
    standard === undefined
      ? ''
      : ` The payload contains ${JSON.stringify(standard.character)} at character ${standard.position + 1} of the token, a standard base64 character, and base64url uses "-" and "_" in place of "+" and "/". Check that character if the payload should be JSON.`;

  const utf8 = decodeUtf8(bytes);
  if (!utf8.ok) {
    notes.push({
      id: 'payload-not-utf8',
      severity: 'info',
      segment: 'payload',
      text: `The payload is not UTF-8 text (the first invalid byte is at offset ${utf8.invalidByteOffset}), so it is shown as hex.${standardHint}`,
    });
    return { kind: 'binary', invalidUtf8Offset: utf8.invalidByteOffset };
  }

  noteByteOrderMark(utf8.text, 'payload', notes);
  const parsed = parseJsonText(utf8.text);
  if (!parsed.ok) {
    notes.push({
      id: 'payload-not-json',
      severity: 'info',
      segment: 'payload',
      text: `The payload is text, not JSON, so it is a JWS but not a JWT, which needs a JSON object of claims.${standardHint}`,
    });
    return { kind: 'text', text: utf8.text, notJsonReason: parsed.reason };
  }

  if (parsed.json.node.kind !== 'object') {
    notes.push({
      id: 'payload-not-object',
      severity: 'warning',
      segment: 'payload',
      text: `The payload is a JSON ${parsed.json.node.kind}, but JWT claims must be a JSON object (RFC 7519 §7.2).`,
    });
  }

  noteJsonFindings(parsed.json, 'payload', notes);
  return { kind: 'json', text: utf8.text, json: parsed.json };
}

type BaseSegment = Omit<DecodedSegment, 'content'>;

function decodeBase64Segment(
  token: string,
  span: Span,
  name: SegmentName,
  notes: DecodeNote[],
): BaseSegment {
  const text = token.slice(span.start, span.end);
  const decoded = decodeSegmentBase64url(text, name, span.start);

  const standard = findStandardCharacter(text, span.start);
  if (decoded.standardAlphabet && standard !== undefined) {
    notes.push({
      id: 'standard-base64',
      severity: 'warning',
      segment: name,
      text: `The ${segmentLabel(name)} uses standard base64 characters, the first at character ${standard.position + 1} of the token (${JSON.stringify(standard.character)}), and base64url writes "-" and "_" in place of "+" and "/". It is decoded anyway, and the characters as received are what the signature is checked against.`,
    });
  }
  if (decoded.padded) {
    notes.push({
      id: 'base64-padding',
      severity: 'warning',
      segment: name,
      text: `The ${segmentLabel(name)} ends in "=" padding, which base64url in JOSE omits (RFC 7515 §2). It is decoded anyway, and the characters as received are what the signature is checked against.`,
    });
  }
  if (decoded.nonCanonical) {
    notes.push({
      id: 'non-canonical-base64url',
      severity: 'warning',
      segment: name,
      text: `The last character of the ${segmentLabel(name)} has unused bits that are not zero, so a different string decodes to the same bytes; strict decoders reject it (RFC 4648 §3.5).`,
    });
  }

  const encoding = decoded.standardAlphabet || decoded.padded ? 'base64' : 'base64url';
  return {
    name,
    text,
    start: span.start,
    end: span.end,
    source: 'token',
    encoding,
    bytes: decoded.bytes,
    hex: bytesToHex(decoded.bytes),
  };
}

function noteJsonFindings(json: ParsedJson, segment: SegmentName, notes: DecodeNote[]): void {
  for (const number of json.inexactNumbers) {
    notes.push({
      id: 'inexact-number',
      severity: 'info',
      segment,
      text: `${describePointer(number.pointer)} is ${number.text}, which a JavaScript number cannot hold exactly (it would become ${String(Number(number.text))}); it is shown as written.`,
    });
  }

  for (const duplicate of json.duplicates) {
    notes.push({
      id: 'duplicate-member',
      severity: 'warning',
      segment,
      text: `${describePointer(duplicate.pointer, 'The ' + segmentLabel(segment))} has "${duplicate.name}" ${duplicate.positions.length} times. JSON.parse keeps the last value, and other parsers may keep the first.`,
    });
  }
}

function noteByteOrderMark(text: string, segment: SegmentName, notes: DecodeNote[]): void {
  if (!text.startsWith('\uFEFF')) return;

  notes.push({
    id: 'byte-order-mark',
    severity: 'warning',
    segment,
    text: `The ${segmentLabel(segment)} starts with a byte order mark (EF BB BF), which JSON text must not have (RFC 8259 §8.1).`,
  });
}

function describePointer(pointer: string, topLevel = 'The value'): string {
  return pointer === '' ? topLevel : `The value at ${pointer}`;
}

/** RFC 7515 §5.2 and RFC 7797 §3: ASCII(header) || '.' || payload, where the payload is base64url unless b64 is false. */
function buildSigningInput(
  header: DecodedSegment,
  payload: DecodedSegment,
  b64: boolean,
): Uint8Array {
  let payloadPart: Uint8Array = utf8Encoder.encode(payload.text);
  if (payload.source === 'detached') {
    payloadPart = b64 ? utf8Encoder.encode(encodeBase64url(payload.bytes)) : payload.bytes;
  }

  const headerPart = utf8Encoder.encode(header.text);
  const input = new Uint8Array(headerPart.length + 1 + payloadPart.length);
  input.set(headerPart, 0);
  input[headerPart.length] = 0x2e;
  input.set(payloadPart, headerPart.length + 1);
  return input;
}

/** Returns the segment's name as the RFCs write it, for sentences. */
export function segmentLabel(name: SegmentName): string {
  const labels: Record<SegmentName, string> = {
    header: 'header',
    payload: 'payload',
    signature: 'signature',
    encryptedKey: 'encrypted key',
    iv: 'initialization vector',
    ciphertext: 'ciphertext',
    tag: 'authentication tag',
  };
  return labels[name];
}

/** Returns the offset of the base64 character that contains the first bit of byte `byteOffset`. */
function tokenPositionOfByte(segmentStart: number, byteOffset: number): number {
  return segmentStart + Math.floor((byteOffset * 8) / 6);
}

function utf8ByteLength(text: string): number {
  return utf8Encoder.encode(text).length;
}

/** Lists the segments in token order, for views that colour each one. */
export function listSegments(decoded: DecodedToken): readonly DecodedSegment[] {
  if (decoded.kind === 'jws') return [decoded.header, decoded.payload, decoded.signature];
  return [decoded.header, decoded.encryptedKey, decoded.iv, decoded.ciphertext, decoded.tag];
}
