import type { ParameterSpec, Scenario } from '../protocols/scenario';

/** A scenario a lab offers: what it is called, what it takes, and its pure builder. */
export interface ScenarioEntry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly parameters: readonly ParameterSpec[];
  // Each protocol types its own parameters; the player passes values already checked against `parameters`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly build: (parameters: any, seed: number) => Scenario;
}
