// The check that turns the parameter values a view or URL supplies into
// defaulted values that match the scenario's ParameterSpecs.

import type { ParameterChoice, ParameterSpec, ParameterValue } from '../../scenario';
import { Tls12Error } from './errors';

/** Values as a view or a link supplies them; a missing or undefined entry takes the default. */
export type SuppliedParameters = Readonly<Record<string, ParameterValue | undefined>>;

function choiceValue(choice: ParameterChoice | string): string {
  return typeof choice === 'string' ? choice : choice.value;
}

function invalid(spec: ParameterSpec, value: unknown, expected: string): Tls12Error {
  return new Tls12Error(
    'invalid-parameter',
    `"${spec.name}" must be ${expected}, got ${String(value)}`,
    {
      parameter: spec.name,
      value: String(value),
      expected,
    },
  );
}

function checkValue(spec: ParameterSpec, value: ParameterValue): ParameterValue {
  switch (spec.kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(spec, value, 'true or false');
      return value;

    case 'number': {
      const range = `a number from ${spec.min ?? '-∞'} to ${spec.max ?? '∞'}`;
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(spec, value, range);
      if (
        (spec.min !== undefined && value < spec.min) ||
        (spec.max !== undefined && value > spec.max)
      ) {
        throw invalid(spec, value, range);
      }
      return value;
    }

    case 'choice': {
      const allowed = (spec.choices ?? []).map(choiceValue);
      if (typeof value !== 'string' || !allowed.includes(value))
        throw invalid(spec, value, `one of ${allowed.join(', ')}`);
      return value;
    }

    case 'hex': {
      const expected =
        spec.byteLength === undefined
          ? 'an even number of hex digits'
          : `${spec.byteLength * 2} hex digits`;
      if (typeof value !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(value))
        throw invalid(spec, value, expected);
      if (spec.byteLength !== undefined && value.length !== spec.byteLength * 2)
        throw invalid(spec, value, expected);
      return value.toLowerCase();
    }
  }
}

/**
 * Fills in defaults and checks every supplied value against its spec. Throws
 * Tls12Error 'invalid-parameter' with the parameter, the value and what it
 * accepts. A name that no spec declares is rejected as well, so a typo in a
 * link does not pass silently.
 */
export function resolveParameters(
  specs: readonly ParameterSpec[],
  values: SuppliedParameters,
): Record<string, ParameterValue> {
  const known = new Set(specs.map((spec) => spec.name));
  const unknown = Object.keys(values).find((name) => !known.has(name));
  if (unknown !== undefined) {
    throw new Tls12Error('invalid-parameter', `unknown parameter "${unknown}"`, {
      parameter: unknown,
      value: String(values[unknown]),
      expected: `one of the parameters ${[...known].join(', ')}`,
    });
  }

  const resolved: Record<string, ParameterValue> = {};
  for (const spec of specs) {
    const value = values[spec.name];
    resolved[spec.name] = value === undefined ? spec.default : checkValue(spec, value);
  }
  return resolved;
}
