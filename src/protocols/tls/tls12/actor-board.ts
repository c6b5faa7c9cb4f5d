// Tracks each actor's state while a builder walks through its steps, and hands
// out immutable snapshots for each step.

import type { ActorState, NamedValue } from '../../scenario';

interface MutableActor {
  headline: string;
  fields: NamedValue[];
}

export class ActorBoard {
  private readonly actors = new Map<string, MutableActor>();

  constructor(initial: Readonly<Record<string, string>>) {
    for (const [actorId, headline] of Object.entries(initial))
      this.actors.set(actorId, { headline, fields: [] });
  }

  /**
   * Updates one actor: a new headline if given, then each field set (replacing
   * one of the same name in place) and each named field removed.
   */
  update(
    actorId: string,
    change: { headline?: string; set?: readonly NamedValue[]; remove?: readonly string[] },
  ): this {
    const actor = this.actors.get(actorId);
    if (!actor)
      throw new RangeError(
        `"actorId" must be one of ${[...this.actors.keys()].join(', ')}, got ${actorId}`,
      );

    if (change.headline !== undefined) actor.headline = change.headline;
    for (const field of change.set ?? []) {
      const index = actor.fields.findIndex((existing) => existing.name === field.name);
      if (index >= 0) actor.fields[index] = field;
      else actor.fields.push(field);
    }
    if (change.remove)
      actor.fields = actor.fields.filter((field) => !change.remove!.includes(field.name));
    return this;
  }

  snapshot(): ActorState[] {
    return [...this.actors].map(([actorId, actor]) => ({
      actorId,
      headline: actor.headline,
      fields: actor.fields.map((field) => ({ ...field })),
    }));
  }
}
