// A describer for scenarios whose steps are the states the endpoints reach. Each
// state change is one step whose id is the slug of the state reached, and the same
// change taken by both sides at the same instant shares one step.

import type { SimulationResult } from '../simulator';
import type { ActorId, TraceEntry, TransitionRecord } from '../simulation-types';
import { nextEntryMatches } from '../scenario-kit';
import { stateSlug } from '../state-machine';
import type { StepLabel } from '../trace-steps';
import { transitionText } from './transition-narration';

/** A label for an entry without a state change, or undefined to fold it into the next step. */
export type ExtraLabel = (
  entry: TraceEntry,
  result: SimulationResult,
  taken: Set<string>,
) => StepLabel | undefined;

function sameChange(a: TransitionRecord, b: TransitionRecord | undefined): boolean {
  return b !== undefined && a.from === b.from && a.to === b.to && a.event === b.event;
}

/**
 * Returns a describer that makes one step per state change. Ids are state slugs; when two
 * steps reach the same state, the later one gets its actor in front ("client-closed").
 */
export function describeByState(options: {
  readonly extra?: ExtraLabel;
  /** Step ids to use for particular changes, keyed by "actor:FROM>TO". */
  readonly ids?: Readonly<Record<string, string>>;
  readonly highlight?: (transition: TransitionRecord) => readonly string[] | undefined;
}): (entry: TraceEntry, result: SimulationResult) => StepLabel | undefined {
  const taken = new Set<string>();
  let pendingActors: ActorId[] = [];

  return (entry, result) => {
    const transition = entry.transitions[entry.transitions.length - 1];

    if (!transition) {
      pendingActors = [];
      return options.extra?.(entry, result, taken);
    }

    const actors = [...pendingActors, entry.actor];
    if (
      nextEntryMatches(entry, result, (next) =>
        sameChange(transition, next.transitions[next.transitions.length - 1]),
      )
    ) {
      pendingActors = actors;
      return undefined;
    }
    pendingActors = [];

    const key = `${entry.actor}:${transition.from}>${transition.to}`;
    const explicit = options.ids?.[key];
    const base = explicit ?? stateSlug(transition.to);
    let id = taken.has(base) ? `${entry.actor}-${base}` : base;
    for (let suffix = 2; taken.has(id); suffix++) id = `${entry.actor}-${base}-${suffix}`;
    taken.add(id);

    const text = transitionText(transition, actors, entry, result);
    const highlight = options.highlight?.(transition);
    return {
      id,
      title: text.title,
      narration: text.narration,
      reference: transition.reference,
      ...(highlight ? { highlight } : {}),
    };
  };
}
