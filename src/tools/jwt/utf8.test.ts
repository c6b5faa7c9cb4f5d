import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from './utf8';

describe('utf8ByteLength', () => {
  it.each([
    ['empty', ''],
    ['ASCII', 'eyJhbGciOiJIUzI1NiJ9'],
    ['two-byte characters', 'é ñ ß'],
    ['three-byte characters', '€ 한국어'],
    ['surrogate pairs', '😀 𝄞'],
    ['lone high surrogate', 'a\uD800b'],
    ['lone low surrogate', 'a\uDC00b'],
    ['high surrogate at the end', 'abc\uD83D'],
    ['mixed', 'Bearer é€😀\uD800'],
  ])('%s matches TextEncoder', (_name, text) => {
    expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
  });
});
