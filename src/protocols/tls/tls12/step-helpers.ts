// Small constructors for the steps, messages and values the builders in this
// folder produce.

import type { ByteSpan, Computation, NamedValue, WireMessage } from '../../scenario';
import { describeFields, formatHex, type EncodedBytes } from './span-writer';

/** Makes a NamedValue from bytes (shown as hex) or text. */
export function named(name: string, value: Uint8Array | string, note?: string): NamedValue {
  const text = typeof value === 'string' ? value : formatHex(value);
  return note === undefined ? { name, value: text } : { name, value: text, note };
}

/** Bytes and spans from the lab's TLS 1.3 core, which returns them as `record` and `spans`. */
export function fromSealed(sealed: {
  readonly record: Uint8Array;
  readonly spans: readonly ByteSpan[];
}): EncodedBytes {
  return { bytes: sealed.record, spans: sealed.spans };
}

/** Drops the `field` links of spans whose fields have no NamedValue in the computation that shows them. */
export function withoutFields(encoded: EncodedBytes): EncodedBytes {
  return {
    bytes: encoded.bytes,
    spans: encoded.spans.map(({ start, end, label }) => ({ start, end, label })),
  };
}

export interface WireMessageInput {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly encoded: EncodedBytes;
  /** Readable values for some span fields; the others show as hex. */
  readonly values?: Readonly<Record<string, string>>;
}

/** Builds a delivered message with its bytes, its spans and one NamedValue per span field. */
export function wireMessage(input: WireMessageInput): WireMessage {
  return {
    id: input.id,
    from: input.from,
    to: input.to,
    label: input.label,
    fate: 'delivered',
    fields: describeFields(input.encoded, input.values),
    bytes: input.encoded.bytes,
    spans: input.encoded.spans,
  };
}

export interface ComputationInput {
  readonly id: string;
  readonly actorId: string;
  readonly label: string;
  readonly formula: string;
  readonly inputs: readonly NamedValue[];
  readonly output: NamedValue;
  readonly dependsOn?: readonly string[];
  readonly encoded?: EncodedBytes;
}

export function computation(input: ComputationInput): Computation {
  const base = {
    id: input.id,
    actorId: input.actorId,
    label: input.label,
    formula: input.formula,
    inputs: input.inputs,
    output: input.output,
  };
  const withDependencies = input.dependsOn ? { ...base, dependsOn: input.dependsOn } : base;
  return input.encoded
    ? { ...withDependencies, bytes: input.encoded.bytes, spans: input.encoded.spans }
    : withDependencies;
}

/** Returns the first line of an HTTP request, for a one-line summary. */
export function requestLine(requestText: string): string {
  return requestText.split('\r\n')[0] ?? requestText;
}
