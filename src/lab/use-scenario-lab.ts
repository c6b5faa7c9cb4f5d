import { useCallback, useEffect, useMemo } from 'react';
import type { Scenario } from '../protocols/scenario';
import { findStepIndex } from '../protocols/scenario';
import type { LabSearch } from '../routes/lab-search';
import { normalizeParameters, nonDefaultParameters, type ParameterProblem } from './parameters';
import { teachingSeed, type ScenarioEntry } from './scenario-entry';
import type { ParameterValues } from '../protocols/scenario';

export interface ScenarioLab {
  readonly entry: ScenarioEntry;
  readonly parameters: ParameterValues;
  readonly problems: readonly ParameterProblem[];
  readonly seed: number;
  readonly scenario: Scenario | undefined;
  readonly buildError: string | undefined;
  readonly stepIndex: number;
  readonly unknownStep: string | undefined;
  goToStep(index: number): void;
  chooseScenario(id: string): void;
  setParameters(values: ParameterValues): void;
  setSeed(seed: number): void;
}

type Navigate = (search: LabSearch) => void;

function searchFor(
  entry: ScenarioEntry,
  parameters: ParameterValues,
  seed: number,
  stepId: string | undefined,
): LabSearch {
  const search: LabSearch = { scenario: entry.id };
  if (stepId) search.step = stepId;
  if (seed !== teachingSeed) search.seed = seed;
  const params = nonDefaultParameters(entry.parameters, parameters);
  if (params) search.params = params;
  return search;
}

function buildSafely(entry: ScenarioEntry, parameters: ParameterValues, seed: number) {
  try {
    return { scenario: entry.build(parameters, seed), error: undefined };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { scenario: undefined, error: message };
  }
}

/** Resolves the URL's search params to a built scenario and a step, and writes changes back. */
export function useScenarioLab(
  entries: readonly ScenarioEntry[],
  search: LabSearch,
  navigate: Navigate,
): ScenarioLab {
  const entry = entries.find((candidate) => candidate.id === search.scenario) ?? entries[0]!;
  const seed = search.seed ?? teachingSeed;
  const { values: parameters, problems } = useMemo(
    () => normalizeParameters(entry.parameters, search.params),
    [entry, search.params],
  );
  const { scenario, error: buildError } = useMemo(
    () => buildSafely(entry, parameters, seed),
    [entry, parameters, seed],
  );

  const stepIndex = scenario ? findStepIndex(scenario, search.step) : 0;
  const unknownStep =
    scenario && search.step && !scenario.steps.some((step) => step.id === search.step)
      ? search.step
      : undefined;
  const currentStepId = scenario?.steps[stepIndex]?.id;

  // Rewrite the URL to its normal form: the scenario and step ids always, the seed and
  // parameters only when they differ from the defaults.
  const normalSearch = useMemo(
    () => searchFor(entry, parameters, seed, currentStepId),
    [entry, parameters, seed, currentStepId],
  );
  useEffect(() => {
    if (JSON.stringify(normalSearch) !== JSON.stringify(search) && !unknownStep)
      navigate(normalSearch);
  }, [normalSearch, search, navigate, unknownStep]);

  const goToStep = useCallback(
    (index: number) => {
      if (!scenario) return;
      const clamped = Math.max(0, Math.min(scenario.steps.length - 1, index));
      navigate(searchFor(entry, parameters, seed, scenario.steps[clamped]?.id));
    },
    [scenario, entry, parameters, seed, navigate],
  );

  const chooseScenario = useCallback(
    (id: string) => {
      const next = entries.find((candidate) => candidate.id === id);
      if (next) navigate({ scenario: next.id, ...(seed !== teachingSeed ? { seed } : {}) });
    },
    [entries, navigate, seed],
  );

  const setParameters = useCallback(
    (values: ParameterValues) => navigate(searchFor(entry, values, seed, undefined)),
    [entry, seed, navigate],
  );

  const setSeed = useCallback(
    (next: number) => navigate(searchFor(entry, parameters, next, undefined)),
    [entry, parameters, navigate],
  );

  return {
    entry,
    parameters,
    problems,
    seed,
    scenario,
    buildError,
    stepIndex,
    unknownStep,
    goToStep,
    chooseScenario,
    setParameters,
    setSeed,
  };
}
