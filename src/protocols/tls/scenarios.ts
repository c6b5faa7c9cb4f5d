// The TLS 1.3 scenarios the /tls page offers, in display order, each with
// the parameters its form shows and a builder. Views turn URL values into
// parameters with normalizeTlsParameters, then call build(parameters, seed).

import type { Scenario } from '../scenario';
import {
  normalizeParameters,
  type ParameterProblem,
  type ParameterSpec,
  type ParameterValues,
} from './parameters';
import {
  cipherSuiteParameter,
  handshakeParameterSpecs,
  modeParameter,
  toTlsHandshakeParameters,
} from './handshake-parameters';
import { buildTlsHandshake, HANDSHAKE_SCENARIO_ID } from './handshake';
import { buildTlsResumption, RESUMPTION_SCENARIO_ID } from './resumption';
import { antiReplayModes, type AntiReplay, type TlsResumptionParameters } from './resumption-trace';

/** The seed the lab starts from, so a first visit and a shared link without a seed replay one run. */
export const TLS_TEACHING_SEED = 8446;

export interface TlsScenarioDefinition {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly parameters: readonly ParameterSpec[];
  /** Builds the scenario from normalized parameters; values outside the specs fall back to defaults. */
  build(parameters: ParameterValues, seed: number): Scenario;
}

const resumptionParameterSpecs: readonly ParameterSpec[] = [
  modeParameter,
  cipherSuiteParameter,
  {
    name: 'antiReplay',
    label: 'Server anti-replay',
    kind: 'choice',
    default: 'none',
    choices: [
      { value: 'none', label: 'None: any copy of the early data is processed' },
      { value: 'single-use-ticket', label: 'Single-use tickets' },
    ],
    description:
      'Whether the server remembers used tickets and refuses a second use (RFC 8446 §8.1).',
  },
];

function toResumptionParameters(values: ParameterValues): TlsResumptionParameters {
  const handshake = toTlsHandshakeParameters(values);
  const antiReplay =
    antiReplayModes.find((mode) => mode === values.antiReplay) ?? ('none' satisfies AntiReplay);
  return { mode: handshake.mode, cipherSuite: handshake.cipherSuite, antiReplay };
}

/** The scenarios by id; object key order is the display order. */
export const tlsScenarios = {
  [HANDSHAKE_SCENARIO_ID]: {
    id: HANDSHAKE_SCENARIO_ID,
    title: 'Full handshake (1-RTT)',
    summary:
      'X25519 key shares, the whole key schedule, the encrypted server flight, Finished messages and application data, recomputed live and checked against RFC 8448.',
    parameters: handshakeParameterSpecs,
    build: (parameters, seed) => buildTlsHandshake(toTlsHandshakeParameters(parameters), seed),
  },
  [RESUMPTION_SCENARIO_ID]: {
    id: RESUMPTION_SCENARIO_ID,
    title: 'Resumption and 0-RTT',
    summary:
      'A session ticket, the PSK and its binder, early data in the first flight, and an attacker who replays it to show why 0-RTT is only for idempotent requests.',
    parameters: resumptionParameterSpecs,
    build: (parameters, seed) => buildTlsResumption(toResumptionParameters(parameters), seed),
  },
} as const satisfies Readonly<Record<string, TlsScenarioDefinition>>;

export type TlsScenarioId = keyof typeof tlsScenarios;

export const tlsScenarioIds = Object.keys(tlsScenarios) as TlsScenarioId[];

export function isTlsScenarioId(value: unknown): value is TlsScenarioId {
  return typeof value === 'string' && Object.hasOwn(tlsScenarios, value);
}

export interface NormalizedTlsParameters {
  readonly parameters: ParameterValues;
  readonly problems: readonly ParameterProblem[];
}

/**
 * Turns raw URL values into valid parameters for a scenario: unknown names are
 * dropped, invalid values fall back to their defaults and are listed in
 * `problems`. In 'rfc8448' mode the suite is RFC 8448's and typed keys are
 * cleared, because that trace fixes them; the canonical URL then shows what runs.
 */
export function normalizeTlsParameters(
  scenarioId: TlsScenarioId,
  raw: Readonly<Record<string, unknown>>,
): NormalizedTlsParameters {
  // The suite and typed keys apply only in 'fresh' mode (their specs say so with onlyWhen),
  // so in 'rfc8448' mode they keep their defaults, which are RFC 8448's suite and no key.
  const { values, problems } = normalizeParameters(tlsScenarios[scenarioId].parameters, raw);
  return { parameters: values, problems };
}

/** Normalizes `raw` and builds the scenario, for callers that do not need the problems. */
export function buildTlsScenario(
  scenarioId: TlsScenarioId,
  raw: Readonly<Record<string, unknown>>,
  seed: number = TLS_TEACHING_SEED,
): Scenario {
  return tlsScenarios[scenarioId].build(normalizeTlsParameters(scenarioId, raw).parameters, seed);
}
