// Checks scenario parameters that arrive from the URL or a form against the
// scenario's declared specs. Bad values fall back to the default, so a link
// with a typo still opens, and the page names the value it replaced.

import type { ParameterSpec, ParameterValue, ParameterValues } from './scenario';

export interface ParameterProblem {
  readonly name: string;
  readonly received: string;
  readonly reason: string;
}

export interface NormalizedParameters {
  readonly values: ParameterValues;
  readonly problems: readonly ParameterProblem[];
}

export function choiceValues(spec: ParameterSpec): string[] {
  return (spec.choices ?? []).map((choice) => (typeof choice === 'string' ? choice : choice.value));
}

export function choiceLabel(spec: ParameterSpec, value: string): string {
  for (const choice of spec.choices ?? []) {
    if (typeof choice === 'string' && choice === value) return choice;
    if (typeof choice !== 'string' && choice.value === value) return choice.label;
  }
  return value;
}

type ReadResult = { value: ParameterValue } | { reason: string };

function readNumber(spec: ParameterSpec, raw: unknown): ReadResult {
  let value = NaN;
  if (typeof raw === 'number') value = raw;
  if (typeof raw === 'string' && raw.trim() !== '') value = Number(raw.trim());
  if (!Number.isFinite(value)) return { reason: 'is not a number' };
  if (spec.min !== undefined && value < spec.min) {
    return { reason: `is below the minimum ${spec.min}` };
  }
  if (spec.max !== undefined && value > spec.max) {
    return { reason: `is above the maximum ${spec.max}` };
  }
  // A whole-number step (an MSS in bytes, a count of segments) takes whole numbers only.
  if (spec.step !== undefined && Number.isInteger(spec.step) && !Number.isInteger(value)) {
    return { reason: 'must be a whole number' };
  }
  return { value };
}

function readBoolean(raw: unknown): ReadResult {
  if (typeof raw === 'boolean') return { value: raw };
  if (raw === 'true' || raw === '1' || raw === 1) return { value: true };
  if (raw === 'false' || raw === '0' || raw === 0) return { value: false };
  return { reason: 'must be true or false' };
}

function readChoice(spec: ParameterSpec, raw: unknown): ReadResult {
  const allowed = choiceValues(spec);
  if (typeof raw === 'string' && allowed.includes(raw)) return { value: raw };
  return { reason: `must be one of ${allowed.join(', ')}` };
}

function readHex(spec: ParameterSpec, raw: unknown): ReadResult {
  if (typeof raw !== 'string') return { reason: 'must be hex text' };
  const clean = raw.replace(/\s+/g, '').replace(/^0x/i, '').toLowerCase();
  if (clean === '') return spec.default === '' ? { value: '' } : { reason: 'is missing' };
  if (!/^[0-9a-f]*$/.test(clean)) return { reason: 'must contain only hex digits 0-9 and a-f' };
  if (spec.byteLength !== undefined && clean.length !== spec.byteLength * 2) {
    const expected = `${spec.byteLength} bytes (${spec.byteLength * 2} hex digits)`;
    return { reason: `must be ${expected}, got ${clean.length} hex digits` };
  }
  if (clean.length % 2 !== 0) return { reason: 'must have an even number of hex digits' };
  return { value: clean };
}

const readers: Record<ParameterSpec['kind'], (spec: ParameterSpec, raw: unknown) => ReadResult> = {
  number: readNumber,
  boolean: (_spec, raw) => readBoolean(raw),
  choice: readChoice,
  hex: readHex,
};

export function normalizeParameters(
  specs: readonly ParameterSpec[],
  raw: Readonly<Record<string, unknown>> | undefined,
): NormalizedParameters {
  const values: Record<string, ParameterValue> = {};
  const problems: ParameterProblem[] = [];

  for (const spec of specs) {
    const input = raw?.[spec.name];
    if (input === undefined) {
      values[spec.name] = spec.default;
      continue;
    }
    const read = readers[spec.kind](spec, input);
    if ('value' in read) {
      values[spec.name] = read.value;
    } else {
      values[spec.name] = spec.default;
      problems.push({ name: spec.name, received: String(input), reason: read.reason });
    }
  }

  // A parameter that does not apply in the current setting keeps its default.
  for (const spec of specs) {
    if (spec.onlyWhen && values[spec.onlyWhen.name] !== spec.onlyWhen.value)
      values[spec.name] = spec.default;
  }

  for (const name of Object.keys(raw ?? {})) {
    if (!specs.some((spec) => spec.name === name)) {
      problems.push({
        name,
        received: String(raw?.[name]),
        reason: 'is not a parameter of this scenario',
      });
    }
  }
  return { values, problems };
}

/** Returns the values that differ from their defaults, for a short URL. */
export function nonDefaultParameters(
  specs: readonly ParameterSpec[],
  values: ParameterValues,
): Record<string, ParameterValue> | undefined {
  const changed: Record<string, ParameterValue> = {};
  for (const spec of specs) {
    const value = values[spec.name];
    if (value !== undefined && value !== spec.default) changed[spec.name] = value;
  }
  return Object.keys(changed).length > 0 ? changed : undefined;
}
