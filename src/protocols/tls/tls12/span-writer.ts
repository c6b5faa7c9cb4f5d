// Builds wire bytes together with the labelled spans that tile them, so that a
// message and its explanation cannot drift apart.

import type { ByteSpan, NamedValue } from '../../scenario';
import { concatBytes, toHex, uintBytes } from '../../bytes';

/** Bytes and the spans that tile them exactly. */
export interface EncodedBytes {
  readonly bytes: Uint8Array;
  readonly spans: readonly ByteSpan[];
}

export class SpanWriter {
  private readonly parts: Uint8Array[] = [];
  private readonly spans: { -readonly [K in keyof ByteSpan]: ByteSpan[K] }[] = [];
  private length = 0;

  /** Appends `bytes` as one span. `field` names the NamedValue that the span encodes. */
  field(label: string, bytes: Uint8Array, field?: string): this {
    if (bytes.length === 0) return this;

    const span: ByteSpan = field
      ? { start: this.length, end: this.length + bytes.length, label, field }
      : { start: this.length, end: this.length + bytes.length, label };
    this.parts.push(bytes);
    this.spans.push(span);
    this.length += bytes.length;
    return this;
  }

  /** Appends an unsigned big-endian integer of `size` bytes as one span. */
  uint(label: string, value: number, size: number, field?: string): this {
    return this.field(label, uintBytes(value, size), field);
  }

  /**
   * Appends already encoded bytes, shifting their spans to the current offset.
   * `fieldPrefix` keeps field names unique when one message contains several
   * encoded parts with the same fields ("serverHello.random").
   */
  append(encoded: EncodedBytes, fieldPrefix?: string): this {
    for (const span of encoded.spans) {
      const shifted = { ...span, start: span.start + this.length, end: span.end + this.length };
      if (fieldPrefix && span.field) shifted.field = `${fieldPrefix}.${span.field}`;
      this.spans.push(shifted);
    }
    this.parts.push(encoded.bytes);
    this.length += encoded.bytes.length;
    return this;
  }

  finish(): EncodedBytes {
    return { bytes: concatBytes(...this.parts), spans: [...this.spans] };
  }
}

const MAX_HEX_BYTES = 48;

/** Formats bytes as hex for a NamedValue, eliding the middle of long values. */
export function formatHex(bytes: Uint8Array): string {
  if (bytes.length <= MAX_HEX_BYTES) return toHex(bytes);
  const head = toHex(bytes.subarray(0, MAX_HEX_BYTES / 2));
  const tail = toHex(bytes.subarray(bytes.length - 8));
  return `${head}…${tail} (${bytes.length} bytes)`;
}

/**
 * Lists one NamedValue per distinct span field, in byte order. The value is
 * `values[field]` when given and the span's bytes in hex otherwise, and the
 * note is the span's label.
 */
export function describeFields(
  encoded: EncodedBytes,
  values: Readonly<Record<string, string>> = {},
): NamedValue[] {
  const seen = new Set<string>();
  const fields: NamedValue[] = [];
  for (const span of encoded.spans) {
    if (!span.field || seen.has(span.field)) continue;
    seen.add(span.field);
    fields.push({
      name: span.field,
      value: values[span.field] ?? formatHex(encoded.bytes.subarray(span.start, span.end)),
      note: span.label,
    });
  }
  return fields;
}
