// Search params shared by every scenario lab: which scenario, which step, the
// seed, and the scenario's own parameters. A schema checks their shape here.
// Each lab checks the values against its scenario's declared ranges, because
// the scenario registries load only with the lab's own code.

import * as v from 'valibot';

const slug = (maxLength: number) =>
  v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/), v.maxLength(maxLength));
const seedSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1));
const paramsSchema = v.record(
  v.pipe(v.string(), v.regex(/^[A-Za-z0-9]+$/), v.maxLength(40)),
  v.union([v.pipe(v.string(), v.maxLength(200)), v.number(), v.boolean()]),
);

const fields = {
  scenario: slug(40),
  step: slug(60),
  seed: seedSchema,
  params: paramsSchema,
} as const;

export interface LabSearch {
  scenario?: v.InferOutput<typeof fields.scenario>;
  step?: v.InferOutput<typeof fields.step>;
  seed?: v.InferOutput<typeof fields.seed>;
  params?: v.InferOutput<typeof fields.params>;
}

/**
 * Validates raw search params one by one; a malformed value is dropped so its default applies.
 * findInvalidLabSearchFields names the dropped ones for the page.
 */
export function parseLabSearch(raw: Record<string, unknown>): LabSearch {
  // The router keeps raw params that validation leaves out, so every field is set, if only to undefined.
  const search: LabSearch = {
    scenario: undefined,
    step: undefined,
    seed: undefined,
    params: undefined,
  };
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
    if (raw[key] === undefined) continue;
    const result = v.safeParse(fields[key], readable(key, raw[key]));
    if (result.success) Object.assign(search, { [key]: result.output });
  }
  return search;
}

/** Returns the names of the search params in `raw` whose values are malformed. */
export function findInvalidLabSearchFields(raw: Record<string, unknown>): string[] {
  return (Object.keys(fields) as (keyof typeof fields)[]).filter(
    (key) => raw[key] !== undefined && !v.safeParse(fields[key], readable(key, raw[key])).success,
  );
}

/** Returns the value to validate: a numeric step such as step=3 becomes text, so it gets the unknown-step message. */
function readable(key: keyof typeof fields, value: unknown): unknown {
  return key === 'step' && typeof value === 'number' ? String(value) : value;
}
