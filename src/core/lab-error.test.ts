import { describe, expect, it } from 'vitest';
import { explainLabError, LabError, type ErrorTable } from './lab-error';

const table: ErrorTable<'demo/bad-value'> = {
  'demo/bad-value': (details) => ({
    what: `The value ${String(details.value)} is invalid.`,
    fix: 'Use 1.',
  }),
};

describe('explainLabError', () => {
  it('explains a known code with its details', () => {
    const error = new LabError('demo/bad-value', 'bad value', { value: 7 });
    expect(explainLabError(error, [table])).toEqual({
      what: 'The value 7 is invalid.',
      fix: 'Use 1.',
    });
  });

  it('returns undefined for an unknown code', () => {
    expect(explainLabError(new LabError('demo/other', 'other'), [table])).toBeUndefined();
  });

  it('returns undefined for a plain Error', () => {
    expect(explainLabError(new Error('plain'), [table])).toBeUndefined();
  });
});
