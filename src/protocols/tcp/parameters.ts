// Scenario parameters: each scenario declares its inputs once, and the same
// declaration drives the form, the shared normalizer of URL values
// (src/protocols/parameters.ts) and the checks a builder makes before it runs.

import { tcpError } from './errors';

interface ParameterBase {
  readonly name: string;
  readonly label: string;
  readonly unit?: string;
  readonly description?: string;
}

export interface NumberParameterSpec extends ParameterBase {
  readonly kind: 'number';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

export interface BooleanParameterSpec extends ParameterBase {
  readonly kind: 'boolean';
  readonly default: boolean;
}

export interface ChoiceParameterSpec extends ParameterBase {
  readonly kind: 'choice';
  readonly default: string;
  readonly choices: readonly { readonly value: string; readonly label: string }[];
}

export type ParameterSpec = NumberParameterSpec | BooleanParameterSpec | ChoiceParameterSpec;

export type ParameterValue = number | boolean | string;
export type ParameterValues = Readonly<Record<string, ParameterValue>>;

function allowedRange(spec: ParameterSpec): string {
  switch (spec.kind) {
    case 'number':
      return `${spec.min}..${spec.max} in steps of ${spec.step}`;
    case 'boolean':
      return 'true or false';
    case 'choice':
      return spec.choices.map((c) => c.value).join(', ');
  }
}

function isValid(spec: ParameterSpec, value: unknown): boolean {
  switch (spec.kind) {
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= spec.min &&
        value <= spec.max
      );
    case 'boolean':
      return typeof value === 'boolean';
    case 'choice':
      return typeof value === 'string' && spec.choices.some((c) => c.value === value);
  }
}

/**
 * Checks parameters given to a builder: a missing one takes its default, and a value of the
 * wrong type or out of range throws `tcp/invalid-parameter` naming the parameter and its range.
 */
export function checkParameters(
  scenario: string,
  specs: readonly ParameterSpec[],
  values: Readonly<Record<string, unknown>>,
): ParameterValues {
  const checked: Record<string, ParameterValue> = {};

  for (const spec of specs) {
    const value = values[spec.name];
    if (value === undefined) {
      checked[spec.name] = spec.default;
      continue;
    }
    if (!isValid(spec, value)) {
      const allowed = allowedRange(spec);
      throw tcpError(
        'tcp/invalid-parameter',
        `"${spec.name}" must be ${allowed}, got ${String(value)}`,
        {
          scenario,
          parameter: spec.name,
          value: String(value),
          allowed,
        },
      );
    }
    checked[spec.name] = value as ParameterValue;
  }

  return checked;
}

export function numberParameter(values: ParameterValues, name: string): number {
  return values[name] as number;
}

export function booleanParameter(values: ParameterValues, name: string): boolean {
  return values[name] as boolean;
}

export function choiceParameter<T extends string>(values: ParameterValues, name: string): T {
  return values[name] as T;
}

/** Common parameter: the maximum segment lifetime. TIME-WAIT lasts 2·MSL (RFC 9293 §3.6). */
export const MSL_PARAMETER: NumberParameterSpec = {
  name: 'mslSeconds',
  label: 'Maximum segment lifetime (MSL)',
  kind: 'number',
  default: 30,
  min: 1,
  max: 120,
  step: 1,
  unit: 's',
};

/** Common parameter: how long a receiver may hold back an ACK (RFC 5681 §4.2 allows up to 500 ms). */
export const DELAYED_ACK_MS_PARAMETER: NumberParameterSpec = {
  name: 'delayedAckMs',
  label: 'Delayed-ACK timeout',
  kind: 'number',
  default: 200,
  min: 10,
  max: 500,
  step: 10,
  unit: 'ms',
};

/** Common parameter: the round-trip time of the simulated path. */
export const RTT_PARAMETER: NumberParameterSpec = {
  name: 'rttMs',
  label: 'Round-trip time',
  kind: 'number',
  default: 50,
  min: 2,
  max: 1000,
  step: 1,
  unit: 'ms',
};
