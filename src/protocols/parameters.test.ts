import { describe, expect, it } from 'vitest';
import type { ParameterSpec } from './scenario';
import { nonDefaultParameters, normalizeParameters } from './parameters';

const specs: ParameterSpec[] = [
  { name: 'rtt', label: 'RTT', kind: 'number', default: 100, min: 1, max: 1000, unit: 'ms' },
  { name: 'delayedAck', label: 'Delayed ACK', kind: 'boolean', default: false },
  {
    name: 'variant',
    label: 'Variant',
    kind: 'choice',
    default: 'reno',
    choices: ['reno', 'newreno'],
  },
  { name: 'key', label: 'Key', kind: 'hex', default: '', byteLength: 2 },
  {
    name: 'rate',
    label: 'Rate',
    kind: 'number',
    default: 1,
    onlyWhen: { name: 'variant', value: 'newreno' },
  },
];

describe('normalizeParameters', () => {
  it('fills defaults when nothing is given', () => {
    const { values, problems } = normalizeParameters(specs, undefined);
    expect(values).toEqual({ rtt: 100, delayedAck: false, variant: 'reno', key: '', rate: 1 });
    expect(problems).toEqual([]);
  });

  it('accepts valid values from strings', () => {
    const { values } = normalizeParameters(specs, {
      rtt: '50',
      delayedAck: 'true',
      variant: 'newreno',
      key: 'AB cd',
    });
    expect(values).toEqual({ rtt: 50, delayedAck: true, variant: 'newreno', key: 'abcd', rate: 1 });
  });

  it('replaces out-of-range and unknown values with defaults', () => {
    const { values, problems } = normalizeParameters(specs, {
      rtt: 5000,
      variant: 'cubic',
      key: 'abc',
      extra: 1,
    });
    expect(values.rtt).toBe(100);
    expect(values.variant).toBe('reno');
    expect(values.key).toBe('');
    expect(problems.map((p) => p.name)).toEqual(['rtt', 'variant', 'key', 'extra']);
  });

  it('names the expected hex length', () => {
    const { problems } = normalizeParameters(specs, { key: 'abcdef' });
    expect(problems[0]?.reason).toBe('must be 2 bytes (4 hex digits), got 6 hex digits');
  });
});

describe('whole-number steps', () => {
  const mss: ParameterSpec = {
    name: 'mss',
    label: 'MSS',
    kind: 'number',
    default: 1460,
    min: 88,
    max: 9000,
    step: 1,
  };

  it('rejects a fraction', () => {
    expect(normalizeParameters([mss], { mss: '1000.5' }).problems[0]?.reason).toBe(
      'must be a whole number',
    );
  });

  it('accepts a fraction when the step is fractional', () => {
    const loss: ParameterSpec = { ...mss, name: 'loss', default: 0, min: 0, max: 10, step: 0.1 };
    expect(normalizeParameters([loss], { loss: '0.05' }).values.loss).toBe(0.05);
  });
});

describe('nonDefaultParameters', () => {
  it('keeps only changed values', () => {
    expect(
      nonDefaultParameters(specs, { rtt: 100, delayedAck: true, variant: 'reno', key: '' }),
    ).toEqual({
      delayedAck: true,
    });
  });

  it('returns undefined when all are defaults', () => {
    expect(
      nonDefaultParameters(specs, { rtt: 100, delayedAck: false, variant: 'reno', key: '' }),
    ).toBeUndefined();
  });
});

describe('onlyWhen', () => {
  it('keeps the default while the condition fails', () => {
    expect(normalizeParameters(specs, { rate: 5 }).values.rate).toBe(1);
  });

  it('applies the value once the condition holds', () => {
    expect(normalizeParameters(specs, { rate: 5, variant: 'newreno' }).values.rate).toBe(5);
  });
});
