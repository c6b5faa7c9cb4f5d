import { describe, expect, it } from 'vitest';
import { formatCount } from './format';

describe('formatCount', () => {
  it.each([
    [0, '0 segments'],
    [1, '1 segment'],
    [1.5, '1.5 segments'],
    [2, '2 segments'],
  ])('formats %d segments', (count, expected) => {
    expect(formatCount(count, 'segment')).toBe(expected);
  });

  it('takes an irregular plural', () => {
    expect(formatCount(2, 'reply', 'replies')).toBe('2 replies');
  });
});
