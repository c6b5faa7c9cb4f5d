// The shape every TCP scenario exports: its id (used in the URL), its title and
// summary, the parameters the form shows, and a pure builder.

import type { Scenario } from '../scenario';
import type { ParameterSpec } from './parameters';

export interface TcpScenarioDefinition {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly parameters: readonly ParameterSpec[];
  /**
   * Builds the scenario for `parameters` and `seed`; the same inputs always give a deep-equal result.
   * Missing parameters take their defaults and invalid ones throw `tcp/invalid-parameter`.
   */
  readonly build: (parameters: Readonly<Record<string, unknown>>, seed: number) => Scenario;
}
