// Building and reading TLS wire structures (RFC 8446 §3) as labelled pieces.
// An encoder returns a Layout: the bytes in order, each run with a label and
// the message field it belongs to, so the bytes and their ByteSpans come from
// one source and always tile the message exactly.

import type { ByteSpan } from '../scenario';
import { concatBytes, uintBytes } from '../bytes';
import { tlsError } from './errors';

/** A labelled run of bytes; `field` names the NamedValue it encodes. */
export interface Piece {
  readonly label: string;
  readonly bytes: Uint8Array;
  readonly field?: string;
}

export type Layout = readonly Piece[];

export interface LaidOutBytes {
  readonly bytes: Uint8Array;
  readonly spans: readonly ByteSpan[];
}

export function piece(label: string, bytes: Uint8Array, field?: string): Piece {
  return field === undefined ? { label, bytes } : { label, bytes, field };
}

export function uintPiece(label: string, value: number, length: number, field?: string): Piece {
  return piece(label, uintBytes(value, length), field);
}

export function layoutLength(layout: Layout): number {
  return layout.reduce((sum, part) => sum + part.bytes.length, 0);
}

/**
 * Prefixes `inner` with its length in `lengthBytes` bytes, the encoding of a
 * variable-length vector `<floor..ceiling>` (RFC 8446 §3.4). A `field` is set
 * on the length and on every inner piece that has none.
 */
export function vector(
  lengthBytes: number,
  lengthLabel: string,
  inner: Layout,
  field?: string,
): Layout {
  const length = uintPiece(lengthLabel, layoutLength(inner), lengthBytes, field);
  return [length, ...(field === undefined ? inner : withField(inner, field))];
}

/** Sets `field` on every piece that has none, so a nested structure links to its parent field. */
export function withField(layout: Layout, field: string): Layout {
  return layout.map((part) => (part.field === undefined ? { ...part, field } : part));
}

/** Concatenates the pieces and returns spans for the non-empty ones, starting at `offset`. */
export function layoutBytes(layout: Layout, offset = 0): LaidOutBytes {
  const spans: ByteSpan[] = [];
  let cursor = offset;
  for (const part of layout) {
    if (part.bytes.length === 0) continue;
    const span = { start: cursor, end: cursor + part.bytes.length, label: part.label };
    spans.push(part.field === undefined ? span : { ...span, field: part.field });
    cursor += part.bytes.length;
  }
  return { bytes: concatBytes(...layout.map((part) => part.bytes)), spans };
}

/**
 * Reads big-endian integers and length-prefixed vectors from a message and
 * throws a `truncated-message` LabError naming the structure and the offset
 * when the bytes run out.
 */
export class ByteReader {
  private position = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly structure: string,
    private readonly baseOffset = 0,
  ) {}

  get offset(): number {
    return this.baseOffset + this.position;
  }

  get remaining(): number {
    return this.bytes.length - this.position;
  }

  readBytes(length: number, field: string): Uint8Array {
    if (length > this.remaining) {
      throw tlsError(
        'truncated-message',
        `${this.structure}: ${field} needs ${length} bytes at offset ${this.offset}, only ${this.remaining} left`,
        {
          structure: this.structure,
          field,
          offset: this.offset,
          needed: length,
          remaining: this.remaining,
        },
      );
    }
    const out = this.bytes.slice(this.position, this.position + length);
    this.position += length;
    return out;
  }

  readUint(length: number, field: string): number {
    return this.readBytes(length, field).reduce((value, byte) => value * 256 + byte, 0);
  }

  /** Reads a vector whose length prefix has `lengthBytes` bytes. */
  readVector(lengthBytes: number, field: string): Uint8Array {
    const length = this.readUint(lengthBytes, `${field} length`);
    return this.readBytes(length, field);
  }

  /** Returns a reader over the next vector, so a nested structure reports absolute offsets. */
  readVectorReader(lengthBytes: number, field: string): ByteReader {
    const length = this.readUint(lengthBytes, `${field} length`);
    const start = this.offset;
    return new ByteReader(this.readBytes(length, field), `${this.structure} ${field}`, start);
  }

  expectEnd(): void {
    if (this.remaining === 0) return;
    throw tlsError(
      'trailing-bytes',
      `${this.structure}: ${this.remaining} bytes left after the last field at offset ${this.offset}`,
      { structure: this.structure, offset: this.offset, remaining: this.remaining },
    );
  }
}
