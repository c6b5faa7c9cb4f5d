// Strict UTF-8 decoding that reports where invalid bytes are. TextDecoder with
// `fatal` rejects them but does not say where, so the first invalid byte is
// found by checking the well-formed sequences of the Unicode Standard, Table 3-7.

export type Utf8Result =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly invalidByteOffset: number };

// `ignoreBOM` keeps a leading U+FEFF in the text instead of dropping it silently.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  try {
    return { ok: true, text: strictDecoder.decode(bytes) };
  } catch {
    return { ok: false, invalidByteOffset: findInvalidUtf8(bytes) };
  }
}

/** Returns the offset of the first byte that starts no well-formed sequence, or -1. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = wellFormedSequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

function wellFormedSequenceLength(bytes: Uint8Array, i: number): number {
  const first = bytes[i] ?? 0;
  if (first <= 0x7f) return 1;

  // Table 3-7: the allowed range of the second byte depends on the first.
  let secondMin = 0x80;
  let secondMax = 0xbf;
  let length: number;
  if (first >= 0xc2 && first <= 0xdf) length = 2;
  else if (first >= 0xe0 && first <= 0xef) length = 3;
  else if (first >= 0xf0 && first <= 0xf4) length = 4;
  else return 0;

  if (first === 0xe0) secondMin = 0xa0;
  if (first === 0xed) secondMax = 0x9f; // Excludes the UTF-16 surrogates.
  if (first === 0xf0) secondMin = 0x90;
  if (first === 0xf4) secondMax = 0x8f; // Nothing above U+10FFFF.

  const second = bytes[i + 1];
  if (second === undefined || second < secondMin || second > secondMax) return 0;

  for (let k = 2; k < length; k++) {
    const continuation = bytes[i + k];
    if (continuation === undefined || continuation < 0x80 || continuation > 0xbf) return 0;
  }
  return length;
}

/**
 * Counts the bytes of `text` in UTF-8 without encoding it. A lone surrogate
 * counts 3 bytes, the size of the U+FFFD that TextEncoder writes in its place.
 */
export function utf8ByteLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
