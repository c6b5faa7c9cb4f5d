import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Scenario } from '../protocols/scenario';
import { findStepIndex } from '../protocols/scenario';
import type { LabSearch } from '../routes/lab-search';
import {
  normalizeParameters,
  nonDefaultParameters,
  type ParameterProblem,
} from '../protocols/parameters';
import type { ScenarioEntry } from './scenario-entry';
import type { ParameterValue, ParameterValues } from '../protocols/scenario';

export interface ScenarioLab {
  readonly entry: ScenarioEntry;
  readonly parameters: ParameterValues;
  readonly problems: readonly ParameterProblem[];
  readonly seed: number;
  readonly scenario: Scenario | undefined;
  /** Error the builder threw, for the page to explain. */
  readonly buildError: unknown;
  readonly stepIndex: number;
  readonly unknownStep: string | undefined;
  /** A scenario id from the link that this lab does not have. */
  readonly unknownScenario: string | undefined;
  /** Search params from the link whose values were malformed and ignored. */
  readonly invalidParams: readonly string[];
  goToStep(index: number): void;
  chooseScenario(id: string): void;
  setParameters(values: ParameterValues): void;
  setSeed(seed: number): void;
}

type Navigate = (search: LabSearch) => void;

/** Returns the parameter specs that may appear in a link: all but typed secrets. */
function linkableSpecs(entry: ScenarioEntry) {
  return entry.parameters.filter((spec) => !spec.sensitive);
}

function searchFor(
  entry: ScenarioEntry,
  parameters: ParameterValues,
  seed: number,
  stepId: string | undefined,
  teachingSeed: number,
): LabSearch {
  const search: LabSearch = { scenario: entry.id };
  if (stepId) search.step = stepId;
  if (seed !== teachingSeed) search.seed = seed;
  const params = nonDefaultParameters(linkableSpecs(entry), parameters);
  if (params) search.params = params;
  return search;
}

function buildSafely(entry: ScenarioEntry, parameters: ParameterValues, seed: number) {
  try {
    return { scenario: entry.build(parameters, seed), error: undefined };
  } catch (error) {
    return { scenario: undefined, error };
  }
}

/** Resolves the URL's search params to a built scenario and a step, and writes changes back. */
export function useScenarioLab(
  entries: readonly ScenarioEntry[],
  search: LabSearch,
  navigate: Navigate,
  teachingSeed: number,
  invalidParams: readonly string[],
): ScenarioLab {
  const entry = entries.find((candidate) => candidate.id === search.scenario) ?? entries[0]!;
  const unknownScenario =
    search.scenario !== undefined && entry.id !== search.scenario ? search.scenario : undefined;
  const seed = search.seed ?? teachingSeed;
  // Typed secrets (a private key, say) live only in memory, per scenario; a link never carries them.
  const [secretsByScenario, setSecretsByScenario] = useState<Record<string, ParameterValues>>({});
  const secrets = secretsByScenario[entry.id];
  const { values: parameters, problems } = useMemo(() => {
    const fromLink: Record<string, unknown> = {};
    const ignored: ParameterProblem[] = [];
    for (const [name, value] of Object.entries(search.params ?? {})) {
      if (entry.parameters.some((spec) => spec.name === name && spec.sensitive)) {
        ignored.push({
          name,
          received: '(hidden)',
          reason: 'is a secret, so it is never read from a link',
        });
      } else {
        fromLink[name] = value;
      }
    }
    const normalized = normalizeParameters(entry.parameters, { ...fromLink, ...secrets });
    return { values: normalized.values, problems: [...normalized.problems, ...ignored] };
  }, [entry, search.params, secrets]);
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
    () => searchFor(entry, parameters, seed, currentStepId, teachingSeed),
    [entry, parameters, seed, currentStepId, teachingSeed],
  );
  useEffect(() => {
    // A link with an unknown step or invalid values keeps its URL, so the page can show what was wrong.
    const linkHasErrors =
      unknownStep !== undefined ||
      unknownScenario !== undefined ||
      invalidParams.length > 0 ||
      problems.length > 0;
    if (JSON.stringify(normalSearch) !== JSON.stringify(search) && !linkHasErrors) {
      navigate(normalSearch);
    }
  }, [normalSearch, search, navigate, unknownStep, unknownScenario, invalidParams, problems]);

  const goToStep = useCallback(
    (index: number) => {
      if (!scenario) return;
      const clamped = Math.max(0, Math.min(scenario.steps.length - 1, index));
      navigate(searchFor(entry, parameters, seed, scenario.steps[clamped]?.id, teachingSeed));
    },
    [scenario, entry, parameters, seed, navigate, teachingSeed],
  );

  const chooseScenario = useCallback(
    (id: string) => {
      const next = entries.find((candidate) => candidate.id === id);
      if (next) navigate({ scenario: next.id, ...(seed !== teachingSeed ? { seed } : {}) });
    },
    [entries, navigate, seed, teachingSeed],
  );

  const setParameters = useCallback(
    (values: ParameterValues) => {
      const typedSecrets: Record<string, ParameterValue> = {};
      for (const spec of entry.parameters) {
        const value = values[spec.name];
        if (spec.sensitive && value !== undefined) typedSecrets[spec.name] = value;
      }
      setSecretsByScenario((previous) => ({ ...previous, [entry.id]: typedSecrets }));
      navigate(searchFor(entry, values, seed, undefined, teachingSeed));
    },
    [entry, seed, navigate, teachingSeed],
  );

  const setSeed = useCallback(
    (next: number) => navigate(searchFor(entry, parameters, next, undefined, teachingSeed)),
    [entry, parameters, navigate, teachingSeed],
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
    unknownScenario,
    invalidParams,
    goToStep,
    chooseScenario,
    setParameters,
    setSeed,
  };
}
