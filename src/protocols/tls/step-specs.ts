// The plain-data description of a scenario step before actor states are
// filled in, and the tracker that turns a run of them into Steps whose
// `actors` hold each party's state after the step.

import type {
  Actor,
  ActorState,
  Computation,
  NamedValue,
  Step,
  StepKind,
  WireMessage,
} from '../scenario';

export interface ActorUpdate {
  readonly headline?: string;
  /** Values the actor learns or replaces in this step, by name. */
  readonly fields?: readonly NamedValue[];
}

export interface StepSpec {
  readonly id: string;
  readonly title: string;
  readonly kind: StepKind;
  readonly narration: string;
  readonly reference?: string;
  readonly messages?: readonly WireMessage[];
  readonly computations?: readonly Computation[];
  readonly highlight?: readonly string[];
  readonly updates?: Readonly<Record<string, ActorUpdate>>;
}

/** Builds Steps from specs, carrying each actor's fields forward from step to step. */
export function buildSteps(
  actors: readonly Actor[],
  initialHeadlines: Readonly<Record<string, string>>,
  specs: readonly StepSpec[],
): Step[] {
  const state = new Map(
    actors.map((actor) => [
      actor.id,
      { headline: initialHeadlines[actor.id] ?? '', fields: new Map<string, NamedValue>() },
    ]),
  );

  return specs.map((spec) => {
    for (const [actorId, update] of Object.entries(spec.updates ?? {})) {
      const actor = state.get(actorId);
      if (!actor) throw new RangeError(`step "${spec.id}" updates unknown actor "${actorId}"`);
      if (update.headline !== undefined) actor.headline = update.headline;
      for (const field of update.fields ?? []) actor.fields.set(field.name, field);
    }

    const actorStates: ActorState[] = actors.map((actor) => {
      const current = state.get(actor.id)!;
      return {
        actorId: actor.id,
        headline: current.headline,
        fields: [...current.fields.values()],
      };
    });

    const step: Step = {
      id: spec.id,
      title: spec.title,
      kind: spec.kind,
      narration: spec.narration,
      actors: actorStates,
      messages: spec.messages ?? [],
      ...(spec.computations ? { computations: spec.computations } : {}),
      ...(spec.highlight ? { highlight: spec.highlight } : {}),
      ...(spec.reference ? { reference: spec.reference } : {}),
    };
    return step;
  });
}
