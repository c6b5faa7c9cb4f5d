// Lossless JSON for JOSE headers and JWT claims. lossless-json keeps every
// number as written (integers past 2^53, `3.0`), and a scan of the text finds
// duplicate member names, which JSON.parse silently resolves to the last one.
// RFC 7515 §4 and RFC 7519 §4 require parsers to reject them or use the last.

import {
  getUnsafeNumberReason,
  isLosslessNumber,
  parse as parseLossless,
  stringify as stringifyLossless,
} from 'lossless-json';

/** A JSON value as plain data: numbers keep their text, and objects list their members. */
export type JsonNode =
  | { readonly kind: 'null' }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'string'; readonly value: string }
  | JsonNumber
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | JsonObject;

export interface JsonNumber {
  readonly kind: 'number';
  /** The number exactly as written. */
  readonly text: string;
  /** The nearest JavaScript number, which may differ when `exact` is false. */
  readonly value: number;
  readonly exact: boolean;
}

export interface JsonObject {
  readonly kind: 'object';
  readonly members: readonly JsonMember[];
}

export interface JsonMember {
  readonly name: string;
  readonly value: JsonNode;
}

/** A member name that occurs more than once in the same object. */
export interface JsonDuplicate {
  /** JSON Pointer (RFC 6901) of the object; '' is the top level. */
  readonly pointer: string;
  readonly name: string;
  /** Offsets in the parsed text of each occurrence of the quoted name. */
  readonly positions: readonly number[];
}

/** A number that a JavaScript number cannot hold exactly. */
export interface InexactNumber {
  readonly pointer: string;
  readonly text: string;
  readonly reason: 'truncate_integer' | 'truncate_float' | 'overflow' | 'underflow';
}

export interface ParsedJson {
  readonly node: JsonNode;
  /** Indented with two spaces; numbers keep the text they were written with. */
  readonly pretty: string;
  readonly duplicates: readonly JsonDuplicate[];
  readonly inexactNumbers: readonly InexactNumber[];
}

export type JsonParseResult =
  | { readonly ok: true; readonly json: ParsedJson }
  | { readonly ok: false; readonly reason: string; readonly position: number | undefined };

/** Deeper nesting is rejected before parsing, because the parser recurses once per level. */
export const MAX_JSON_DEPTH = 500;

export function parseJsonText(text: string): JsonParseResult {
  const scan = scanObjects(text);
  if (scan.maxDepth > MAX_JSON_DEPTH) {
    return {
      ok: false,
      reason: `nested deeper than ${MAX_JSON_DEPTH} levels`,
      position: scan.depthExceededAt,
    };
  }

  let value: unknown;
  try {
    // Like JSON.parse, keep the last of duplicate members; the scan reports them.
    value = parseLossless(text, null, { onDuplicateKey: ({ newValue }) => newValue });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason)?.[1];
    return { ok: false, reason, position: position === undefined ? undefined : Number(position) };
  }

  const inexactNumbers: InexactNumber[] = [];
  const node = toJsonNode(value, '', inexactNumbers);
  const pretty = stringifyLossless(value, undefined, 2) ?? '';
  return { ok: true, json: { node, pretty, duplicates: scan.duplicates, inexactNumbers } };
}

// NOTE: members come from a JavaScript object, so names that are array
// indices ("0", "42") are listed first, in numeric order, whatever their order in the text.
function toJsonNode(value: unknown, pointer: string, inexact: InexactNumber[]): JsonNode {
  if (value === null) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'string') return { kind: 'string', value };
  if (isLosslessNumber(value)) return toJsonNumber(value.toString(), pointer, inexact);

  if (Array.isArray(value)) {
    const items = value.map((item, index) => toJsonNode(item, `${pointer}/${index}`, inexact));
    return { kind: 'array', items };
  }

  const members = Object.entries(value as Record<string, unknown>).map(([name, member]) => ({
    name,
    value: toJsonNode(member, `${pointer}/${escapePointerToken(name)}`, inexact),
  }));
  return { kind: 'object', members };
}

function toJsonNumber(text: string, pointer: string, inexact: InexactNumber[]): JsonNumber {
  const reason = getUnsafeNumberReason(text);
  if (reason !== undefined) inexact.push({ pointer, text, reason });
  return { kind: 'number', text, value: Number(text), exact: reason === undefined };
}

/** RFC 6901 §3: "~" becomes "~0" and "/" becomes "~1". */
export function escapePointerToken(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}

interface ObjectFrame {
  readonly kind: 'object';
  readonly pointer: string;
  readonly names: Map<string, number[]>;
  expectingName: boolean;
  currentName: string;
}

interface ArrayFrame {
  readonly kind: 'array';
  readonly pointer: string;
  index: number;
}

interface ObjectScan {
  readonly duplicates: JsonDuplicate[];
  readonly maxDepth: number;
  readonly depthExceededAt: number | undefined;
}

/**
 * Walks the text once, without recursion, to find duplicate member names and
 * the nesting depth. Its results are used only when the text is valid JSON.
 */
function scanObjects(text: string): ObjectScan {
  const frames: (ObjectFrame | ArrayFrame)[] = [];
  const duplicates: JsonDuplicate[] = [];
  let maxDepth = 0;
  let depthExceededAt: number | undefined;

  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    const top = frames[frames.length - 1];

    if (character === '"') {
      const end = endOfString(text, i);
      if (top?.kind === 'object' && top.expectingName) recordName(top, text.slice(i, end), i);
      i = end - 1;
    } else if (character === '{' || character === '[') {
      const pointer = childPointer(top);
      frames.push(
        character === '{'
          ? { kind: 'object', pointer, names: new Map(), expectingName: true, currentName: '' }
          : { kind: 'array', pointer, index: 0 },
      );
      maxDepth = Math.max(maxDepth, frames.length);
      if (frames.length > MAX_JSON_DEPTH && depthExceededAt === undefined) depthExceededAt = i;
    } else if (character === '}' || character === ']') {
      const closed = frames.pop();
      if (closed?.kind === 'object') collectDuplicates(closed, duplicates);
    } else if (character === ',' && top !== undefined) {
      if (top.kind === 'object') top.expectingName = true;
      else top.index++;
    }
  }

  return { duplicates, maxDepth, depthExceededAt };
}

function recordName(frame: ObjectFrame, quoted: string, position: number): void {
  let name: string;
  try {
    name = JSON.parse(quoted) as string;
  } catch {
    return; // Invalid JSON: the parser reports it.
  }

  const positions = frame.names.get(name) ?? [];
  positions.push(position);
  frame.names.set(name, positions);
  frame.expectingName = false;
  frame.currentName = name;
}

function collectDuplicates(frame: ObjectFrame, duplicates: JsonDuplicate[]): void {
  for (const [name, positions] of frame.names) {
    if (positions.length > 1) duplicates.push({ pointer: frame.pointer, name, positions });
  }
}

function childPointer(parent: ObjectFrame | ArrayFrame | undefined): string {
  if (parent === undefined) return '';
  if (parent.kind === 'array') return `${parent.pointer}/${parent.index}`;
  return `${parent.pointer}/${escapePointerToken(parent.currentName)}`;
}

/** Returns the index just past the closing quote, or the text length if there is none. */
function endOfString(text: string, openingQuote: number): number {
  for (let i = openingQuote + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** Returns the member's value, or undefined when `node` is not an object or lacks it. */
export function getMember(node: JsonNode | undefined, name: string): JsonNode | undefined {
  if (node?.kind !== 'object') return undefined;
  return node.members.find((member) => member.name === name)?.value;
}

export function getStringMember(node: JsonNode | undefined, name: string): string | undefined {
  const value = getMember(node, name);
  return value?.kind === 'string' ? value.value : undefined;
}

/** Writes one value as compact JSON, numbers exactly as they were written. */
export function formatJsonNode(node: JsonNode): string {
  switch (node.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return String(node.value);
    case 'string':
      return JSON.stringify(node.value);
    case 'number':
      return node.text;
    case 'array':
      return `[${node.items.map(formatJsonNode).join(',')}]`;
    case 'object':
      return `{${node.members.map((m) => `${JSON.stringify(m.name)}:${formatJsonNode(m.value)}`).join(',')}}`;
  }
}
