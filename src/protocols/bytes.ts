// Byte helpers shared by the models: hex, concatenation and big-endian integers.

export function toHex(bytes: Uint8Array, separator = ''): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(separator);
}

/** Parses hex, ignoring white space; throws on an odd length or a non-hex character. */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0)
    throw new RangeError(`hex must have an even number of digits, got ${clean.length}`);
  const bad = clean.search(/[^0-9a-fA-F]/);
  if (bad >= 0) throw new RangeError(`invalid hex character "${clean[bad]}" at position ${bad}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Encodes `value` as an unsigned big-endian integer of `length` bytes. */
export function uintBytes(value: number, length: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** (8 * length)) {
    throw new RangeError(`"value" must fit in ${length} unsigned bytes, got ${value}`);
  }
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
