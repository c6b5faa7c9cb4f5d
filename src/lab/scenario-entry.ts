import type { ParameterSpec, ParameterValues, Scenario } from '../protocols/scenario';

/** A scenario a lab offers: what it is called, what it takes, and its pure builder. */
export interface ScenarioEntry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly parameters: readonly ParameterSpec[];
  // Each protocol types its own parameters; the player passes values already checked against `parameters`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly build: (parameters: any, seed: number) => Scenario;
  /**
   * Whether the seed changes this scenario with these parameters; when it does not (fixed
   * published keys, say), "New random run" is disabled. Scenarios without it use the seed.
   */
  readonly usesSeed?: (parameters: ParameterValues) => boolean;
}
