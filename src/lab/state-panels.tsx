import type { Actor, Step } from '../protocols/scenario';

interface StatePanelsProps {
  readonly actors: readonly Actor[];
  readonly step: Step;
  readonly previous: Step | undefined;
}

/** Renders one panel per party with its state after the step, marking values that changed in it. */
export function StatePanels({ actors, step, previous }: StatePanelsProps) {
  return (
    <div className="state-panels">
      {actors.map((actor, index) => {
        const state = step.actors.find((candidate) => candidate.actorId === actor.id);
        if (!state) return null;
        const before = previous?.actors.find((candidate) => candidate.actorId === actor.id);
        const headlineChanged = before !== undefined && before.headline !== state.headline;
        return (
          <section
            key={actor.id}
            className={`panel state-panel lane-${index}`}
            aria-label={`${actor.name} state`}
          >
            <h2>{actor.name}</h2>
            <p
              className={`state-headline mono${headlineChanged ? ' changed' : ''}`}
              data-testid={`state-${actor.id}`}
            >
              {state.headline}
            </p>
            {state.fields.length > 0 && (
              <dl className="value-list compact">
                {state.fields.map((field) => {
                  const old = before?.fields.find((candidate) => candidate.name === field.name);
                  const changed = before !== undefined && old?.value !== field.value;
                  return (
                    <div
                      key={field.name}
                      className={
                        [changed ? 'changed' : '', field.value.length > 24 ? 'long' : '']
                          .join(' ')
                          .trim() || undefined
                      }
                    >
                      <dt>{field.name}</dt>
                      <dd className="mono break">
                        {field.value}
                        {changed && <span className="visually-hidden"> (changed)</span>}
                      </dd>
                      {field.note && <dd className="hint">{field.note}</dd>}
                    </div>
                  );
                })}
              </dl>
            )}
          </section>
        );
      })}
    </div>
  );
}
