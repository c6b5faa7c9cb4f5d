// Deterministic randomness for models: the same seed gives the same stream, so
// a scenario, a test and a shared link replay the same run. The stream is
// SHA-256 over (label, seed, counter) from @noble/hashes, which is slower than
// a plain PRNG but also good enough to derive teaching keys from.

import { sha256 } from '@noble/hashes/sha2.js';

export interface SeededRandom {
  /** The next 32-bit unsigned integer. */
  nextUint32(): number;
  /** A float in [0, 1). */
  nextFloat(): number;
  /** An integer in [min, max], both inclusive. */
  nextInt(min: number, max: number): number;
  /** `length` pseudo-random bytes. */
  nextBytes(length: number): Uint8Array;
}

const encoder = new TextEncoder();

/** Creates a stream for `seed`; `label` separates streams that share a seed (say, client and server). */
export function createSeededRandom(seed: number, label = ''): SeededRandom {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`"seed" must be a non-negative safe integer, got ${seed}`);
  }

  let counter = 0;
  let block = new Uint8Array(0);
  let offset = 0;

  function refill(): void {
    const input = encoder.encode(`${label}\u0000${seed}\u0000${counter}`);
    counter += 1;
    block = sha256(input);
    offset = 0;
  }

  function nextBytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      if (offset >= block.length) refill();
      out[i] = block[offset]!;
      offset += 1;
    }
    return out;
  }

  function nextUint32(): number {
    const b = nextBytes(4);
    return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  }

  return {
    nextBytes,
    nextUint32,
    nextFloat: () => nextUint32() / 2 ** 32,
    nextInt(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(
          `"min" and "max" must be integers with min <= max, got ${min} and ${max}`,
        );
      }
      return min + Math.floor((nextUint32() / 2 ** 32) * (max - min + 1));
    },
  };
}
