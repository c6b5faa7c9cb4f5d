import { describe, expect, it } from 'vitest';
import { findTilingProblems } from './scenario';
import { createSeededRandom } from './seeded-random';
import { fromHex, toHex, uintBytes } from './bytes';

describe('findTilingProblems', () => {
  it('accepts spans that tile exactly', () => {
    const spans = [
      { start: 0, end: 2, label: 'a' },
      { start: 2, end: 5, label: 'b' },
    ];
    expect(findTilingProblems(5, spans)).toEqual([]);
  });

  it('reports a gap, an overlap and a short end', () => {
    expect(findTilingProblems(4, [{ start: 1, end: 4, label: 'a' }])).toEqual([
      { offset: 0, problem: 'gap' },
    ]);
    expect(
      findTilingProblems(4, [
        { start: 0, end: 3, label: 'a' },
        { start: 2, end: 4, label: 'b' },
      ]),
    ).toEqual([{ offset: 2, problem: 'overlap' }]);
    expect(findTilingProblems(4, [{ start: 0, end: 3, label: 'a' }])).toEqual([
      { offset: 3, problem: 'short' },
    ]);
  });
});

describe('createSeededRandom', () => {
  it('replays the same stream for a seed', () => {
    const a = createSeededRandom(42, 'x');
    const b = createSeededRandom(42, 'x');
    expect(toHex(a.nextBytes(40))).toBe(toHex(b.nextBytes(40)));
  });

  it('separates streams by label', () => {
    expect(toHex(createSeededRandom(42, 'x').nextBytes(8))).not.toBe(
      toHex(createSeededRandom(42, 'y').nextBytes(8)),
    );
  });

  it('keeps nextInt inside its bounds', () => {
    const random = createSeededRandom(7);
    for (let i = 0; i < 1000; i++) {
      const value = random.nextInt(3, 5);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(5);
    }
  });
});

describe('bytes', () => {
  it('round-trips hex', () => {
    expect(toHex(fromHex('00 ff 10'))).toBe('00ff10');
  });

  it('rejects a bad hex digit with its position', () => {
    expect(() => fromHex('0g')).toThrow('position 1');
  });

  it('encodes big-endian integers', () => {
    expect(toHex(uintBytes(0x1234, 3))).toBe('001234');
  });
});
