// The scenarios of the TLS 1.2-versus-1.3 part of the TLS lab, in the order a
// view lists them, each with its parameters and builder.

import type { ParameterSpec, Scenario } from '../../scenario';
import {
  FORWARD_SECRECY_ID,
  FORWARD_SECRECY_SUMMARY,
  FORWARD_SECRECY_TITLE,
  buildForwardSecrecy,
} from './forward-secrecy-scenario';
import { forwardSecrecyParameterSpecs } from './forward-secrecy';
import type { SuppliedParameters } from './parameters';
import {
  TLS12_VS_TLS13_ID,
  TLS12_VS_TLS13_SUMMARY,
  TLS12_VS_TLS13_TITLE,
  buildTls12VsTls13,
  tls12VsTls13ParameterSpecs,
} from './tls12-vs-tls13-scenario';

export interface Tls12ScenarioEntry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly parameters: readonly ParameterSpec[];
  /** Builds the scenario. Throws Tls12Error 'invalid-parameter' for a value the specs reject. */
  readonly build: (parameters: SuppliedParameters, seed: number) => Scenario;
}

export const tls12Scenarios = {
  [TLS12_VS_TLS13_ID]: {
    id: TLS12_VS_TLS13_ID,
    title: TLS12_VS_TLS13_TITLE,
    summary: TLS12_VS_TLS13_SUMMARY,
    parameters: tls12VsTls13ParameterSpecs,
    build: buildTls12VsTls13,
  },
  [FORWARD_SECRECY_ID]: {
    id: FORWARD_SECRECY_ID,
    title: FORWARD_SECRECY_TITLE,
    summary: FORWARD_SECRECY_SUMMARY,
    parameters: forwardSecrecyParameterSpecs,
    build: buildForwardSecrecy,
  },
} as const satisfies Readonly<Record<string, Tls12ScenarioEntry>>;

export type Tls12ScenarioId = keyof typeof tls12Scenarios;
