import { describe, expect, it } from 'vitest';
import { isTls12Error, type Tls12Error } from './errors';
import type { ParameterSpec } from '../../scenario';
import { resolveParameters } from './parameters';

const specs: readonly ParameterSpec[] = [
  { name: 'count', label: 'Count', kind: 'number', default: 3, min: 1, max: 5 },
  { name: 'flag', label: 'Flag', kind: 'boolean', default: false },
  {
    name: 'mode',
    label: 'Mode',
    kind: 'choice',
    default: 'a',
    choices: [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ],
  },
  { name: 'key', label: 'Key', kind: 'hex', default: '00ff', byteLength: 2 },
  { name: 'level', label: 'Level', kind: 'choice', default: 'low', choices: ['low', 'high'] },
];

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isTls12Error(error) ? error.code : 'not a Tls12Error';
  }
  return undefined;
}

describe('resolveParameters', () => {
  it('fills in every default', () => {
    expect(resolveParameters(specs, {})).toEqual({
      count: 3,
      flag: false,
      mode: 'a',
      key: '00ff',
      level: 'low',
    });
  });

  it('keeps valid values and lowercases hex', () => {
    expect(
      resolveParameters(specs, { count: 5, flag: true, mode: 'b', key: 'ABCD', level: 'high' }),
    ).toEqual({
      count: 5,
      flag: true,
      mode: 'b',
      key: 'abcd',
      level: 'high',
    });
  });

  it.each([
    ['count', 0],
    ['count', 6],
    ['count', Number.NaN],
    ['flag', 'true'],
    ['mode', 'c'],
    ['key', 'abc'],
    ['key', 'zz'],
    ['key', '00ff00'],
    ['level', 'medium'],
    ['unknown', 1],
  ])('rejects %s = %s', (name, value) => {
    expect(codeOf(() => resolveParameters(specs, { [name]: value }))).toBe('invalid-parameter');
  });

  it('names the parameter and the accepted range', () => {
    let caught: unknown;
    try {
      resolveParameters(specs, { count: 9 });
    } catch (error) {
      caught = error;
    }
    expect(isTls12Error(caught)).toBe(true);
    expect((caught as Tls12Error).details).toEqual({
      parameter: 'count',
      value: '9',
      expected: 'a number from 1 to 5',
    });
  });
});
