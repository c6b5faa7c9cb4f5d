import { describe, expect, it } from 'vitest';
import { tls12Scenarios } from './scenarios';

describe('tls12Scenarios', () => {
  it('lists the two scenarios in order', () => {
    expect(Object.keys(tls12Scenarios)).toEqual(['tls12-vs-tls13', 'forward-secrecy']);
  });

  it.each(Object.values(tls12Scenarios))('$id builds with its defaults', (entry) => {
    const scenario = entry.build({}, 42);
    expect(scenario.id).toBe(entry.id);
    expect(scenario.title).toBe(entry.title);
    expect(scenario.seed).toBe(42);
    expect(scenario.steps.length).toBeGreaterThan(0);
  });

  it.each(Object.values(tls12Scenarios))('$id declares defaults its specs accept', (entry) => {
    for (const spec of entry.parameters) {
      if (spec.kind === 'choice')
        expect(
          spec.choices?.map((choice) => (typeof choice === 'string' ? choice : choice.value)),
        ).toContain(spec.default);
      if (spec.kind === 'boolean') expect(typeof spec.default).toBe('boolean');
      if (spec.kind === 'number') expect(typeof spec.default).toBe('number');
    }
  });
});
