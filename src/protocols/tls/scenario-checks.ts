// Structural checks over a built scenario, shared by the tests: spans tile
// every byte, each span names a field that exists, ids are unique and every
// dependsOn points at a computation that came earlier.

import { findTilingProblems, type ByteSpan, type Scenario } from '../scenario';

function spanProblems(
  where: string,
  bytes: Uint8Array,
  spans: readonly ByteSpan[] | undefined,
  names: Set<string>,
): string[] {
  if (!spans) return [`${where}: has bytes but no spans`];
  const problems = findTilingProblems(bytes.length, spans).map(
    (p) => `${where}: ${p.problem} at byte ${p.offset}`,
  );
  for (const span of spans) {
    if (span.field === undefined) problems.push(`${where}: span "${span.label}" has no field`);
    else if (!names.has(span.field))
      problems.push(`${where}: span "${span.label}" names unknown field "${span.field}"`);
  }
  return problems;
}

/** Returns one sentence per problem; an empty list means the scenario is well formed. */
export function findScenarioProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const stepIds = new Set<string>();
  const computationIds = new Set<string>();
  const actorIds = new Set(scenario.actors.map((actor) => actor.id));

  for (const step of scenario.steps) {
    if (stepIds.has(step.id)) problems.push(`step ${step.id}: duplicate step id`);
    stepIds.add(step.id);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(step.id))
      problems.push(`step ${step.id}: id is not a slug`);

    for (const message of step.messages) {
      if (!actorIds.has(message.from) || !actorIds.has(message.to))
        problems.push(`${step.id}/${message.id}: unknown actor`);
      if (message.bytes) {
        const names = new Set(message.fields.map((field) => field.name));
        problems.push(
          ...spanProblems(`${step.id}/${message.id}`, message.bytes, message.spans, names),
        );
      }
    }

    for (const computation of step.computations ?? []) {
      const where = `${step.id}/${computation.id}`;
      if (computationIds.has(computation.id)) problems.push(`${where}: duplicate computation id`);
      if (!actorIds.has(computation.actorId))
        problems.push(`${where}: unknown actor ${computation.actorId}`);
      for (const dependency of computation.dependsOn ?? []) {
        if (!computationIds.has(dependency))
          problems.push(`${where}: depends on ${dependency}, which does not come earlier`);
      }
      computationIds.add(computation.id);
      if (computation.bytes) {
        const names = new Set([
          ...computation.inputs.map((input) => input.name),
          computation.output.name,
        ]);
        problems.push(...spanProblems(where, computation.bytes, computation.spans, names));
      }
    }
  }
  return problems;
}
