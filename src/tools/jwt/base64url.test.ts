import { describe, expect, it } from 'vitest';
import { decodeSegmentBase64url } from './base64url';
import { isJwtError } from './errors';
import { decodeUtf8, findInvalidUtf8 } from './utf8';

function errorOf(run: () => unknown): { code: string; details: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    if (isJwtError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected an error');
}

describe('decodeSegmentBase64url', () => {
  it.each([
    ['', ''],
    ['Zg', '66'],
    ['Zm8', '666f'],
    ['Zm9v', '666f6f'],
    ['-_8', 'fbff'],
  ])('%s decodes to %s', (text, hex) => {
    const decoded = decodeSegmentBase64url(text, 'payload', 0);

    expect(Buffer.from(decoded.bytes).toString('hex')).toBe(hex);
    expect(decoded.standardAlphabet).toBe(false);
    expect(decoded.padded).toBe(false);
  });

  it('standard alphabet decodes to the same bytes', () => {
    const decoded = decodeSegmentBase64url('+/8=', 'signature', 0);

    expect(Buffer.from(decoded.bytes).toString('hex')).toBe('fbff');
    expect(decoded.standardAlphabet).toBe(true);
    expect(decoded.padded).toBe(true);
  });

  it.each([
    ['Zh', true],
    ['Zg', false],
    ['Zm9', true],
    ['Zm8', false],
  ])('%s non-canonical: %s', (text, nonCanonical) => {
    expect(decodeSegmentBase64url(text, 'payload', 0).nonCanonical).toBe(nonCanonical);
  });

  it('position counts from the segment start', () => {
    const error = errorOf(() => decodeSegmentBase64url('ab c', 'payload', 100));

    expect(error.code).toBe('jwt/invalid-base64url');
    expect(error.details.position).toBe(102);
    expect(error.details.codePoint).toBe('U+0020');
  });

  it('non-ASCII character reported by code point', () => {
    const error = errorOf(() => decodeSegmentBase64url('ab😀', 'header', 0));

    expect(error.details.character).toBe('😀');
    expect(error.details.codePoint).toBe('U+1F600');
  });

  it.each(['Zg=', 'Zm9v=', 'Zg===', 'Z=g='])('padding %s rejected', (text) => {
    expect(errorOf(() => decodeSegmentBase64url(text, 'payload', 0)).details.reason).toBe(
      'padding',
    );
  });

  it('4n+1 characters rejected', () => {
    const error = errorOf(() => decodeSegmentBase64url('Zm9vY', 'signature', 10));

    expect(error.code).toBe('jwt/invalid-base64url-length');
    expect(error.details.position).toBe(15);
  });
});

describe('decodeUtf8', () => {
  it('keeps a byte order mark', () => {
    const result = decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]));

    expect(result).toEqual({ ok: true, text: '\uFEFFA' });
  });

  it.each([
    ['lone continuation byte', [0x41, 0x80], 1],
    ['overlong encoding', [0xc0, 0xaf], 0],
    ['surrogate', [0x41, 0xed, 0xa0, 0x80], 1],
    ['truncated sequence', [0x41, 0x42, 0xe2, 0x82], 2],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ])('%s at offset %i', (_name, bytes, offset) => {
    expect(decodeUtf8(new Uint8Array(bytes))).toEqual({ ok: false, invalidByteOffset: offset });
  });

  it('valid multi-byte text has no invalid offset', () => {
    expect(findInvalidUtf8(new TextEncoder().encode('It’s 😀'))).toBe(-1);
  });
});
