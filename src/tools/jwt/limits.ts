// Size limits on what the inspector reads, so that a huge paste fails fast
// with its own error instead of freezing the page.

import { jwtError } from './errors';
import { utf8ByteLength } from './utf8';

/**
 * Maximum size of each text input (token, key, detached payload), in UTF-8
 * bytes: 2 MiB. Real tokens are a few kilobytes; the limit leaves room for
 * large test payloads.
 */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;

/**
 * Throws 'jwt/input-too-large' when `text` is longer than MAX_INPUT_BYTES in
 * UTF-8. The error's `size` is the exact UTF-8 byte count.
 */
export function checkInputSize(text: string, field: string): void {
  // A UTF-16 code unit takes 1 to 3 UTF-8 bytes, so most texts skip the count.
  if (text.length * 3 <= MAX_INPUT_BYTES) return;

  const size = utf8ByteLength(text);
  if (size <= MAX_INPUT_BYTES) return;

  throw jwtError('jwt/input-too-large', `${field} is ${size} bytes in UTF-8`, {
    field,
    size,
    maxSize: MAX_INPUT_BYTES,
  });
}
