import { useState } from 'react';
import type { Computation, Step } from '../protocols/scenario';
import { ByteView, SpanLegend } from '../ui/byte-view';

interface ComputationCardProps {
  readonly computation: Computation;
  readonly relation?: 'source' | 'use' | 'self' | undefined;
  /** The step draws attention to this value (it differs from the correct one, say). */
  readonly highlighted?: boolean;
  readonly onHover?: (id: string | undefined) => void;
  readonly showBytes: boolean;
}

function ComputationCard({
  computation,
  relation,
  highlighted,
  onHover,
  showBytes,
}: ComputationCardProps) {
  const [activeField, setActiveField] = useState<string | undefined>();
  return (
    <article
      className={`computation${relation ? ` relation-${relation}` : ''}${highlighted ? ' highlighted' : ''}`}
      aria-label={computation.label}
      tabIndex={0}
      data-computation={computation.id}
      onMouseEnter={() => onHover?.(computation.id)}
      onMouseLeave={() => onHover?.(undefined)}
      onFocus={() => onHover?.(computation.id)}
      onBlur={() => onHover?.(undefined)}
    >
      <h3>{computation.label}</h3>
      <p className="formula mono">{computation.formula}</p>
      {computation.inputs.length > 0 && (
        <dl className="value-list">
          {computation.inputs.map((input) => (
            <div key={input.name}>
              <dt>{input.name}</dt>
              <dd className="mono break">{input.value}</dd>
              {input.note && <dd className="hint">{input.note}</dd>}
            </div>
          ))}
        </dl>
      )}
      <dl className="value-list output">
        <div>
          <dt>{computation.output.name}</dt>
          <dd className="mono break" data-testid={`output-${computation.id}`}>
            {computation.output.value}
          </dd>
          {computation.output.note && <dd className="hint">{computation.output.note}</dd>}
        </div>
      </dl>
      {showBytes && computation.bytes && computation.spans && (
        <div className="computation-bytes">
          <ByteView
            bytes={computation.bytes}
            spans={computation.spans}
            label={`Encoded input of ${computation.label}`}
            activeField={activeField}
            onActiveFieldChange={setActiveField}
          />
          <SpanLegend
            spans={computation.spans}
            activeField={activeField}
            onActiveFieldChange={setActiveField}
          />
        </div>
      )}
    </article>
  );
}

interface ComputationPanelProps {
  readonly steps: readonly Step[];
  readonly stepIndex: number;
}

/**
 * Renders the current step's computations in full, then every value computed so far.
 * Hovering or focusing a value marks where it came from and where it is used.
 */
export function ComputationPanel({ steps, stepIndex }: ComputationPanelProps) {
  const [hovered, setHovered] = useState<string | undefined>();
  const current = steps[stepIndex]?.computations ?? [];
  const highlight = new Set(steps[stepIndex]?.highlight ?? []);
  const earlier = steps.slice(0, stepIndex).flatMap((step) => step.computations ?? []);
  const all = [...earlier, ...current];
  if (all.length === 0) return null;

  const hoveredComputation = all.find((c) => c.id === hovered);
  function relationTo(computation: Computation): ComputationCardProps['relation'] {
    if (!hoveredComputation) return undefined;
    if (computation.id === hoveredComputation.id) return 'self';
    if (hoveredComputation.dependsOn?.includes(computation.id)) return 'source';
    if (computation.dependsOn?.includes(hoveredComputation.id)) return 'use';
    return undefined;
  }

  return (
    <section className="panel computations" aria-label="Computations">
      {current.length > 0 && (
        <>
          <h2>Computed in this step</h2>
          {current.map((computation) => (
            <ComputationCard
              key={computation.id}
              computation={computation}
              relation={relationTo(computation)}
              highlighted={highlight.has(computation.id)}
              onHover={setHovered}
              showBytes
            />
          ))}
        </>
      )}
      {earlier.length > 0 && (
        <details className="earlier-values">
          <summary>Values computed earlier ({earlier.length})</summary>
          <p className="hint">
            Hover or focus a value: its sources are outlined in one colour, its uses in another.
          </p>
          <div className="earlier-list">
            {earlier.map((computation) => (
              <ComputationCard
                key={computation.id}
                computation={computation}
                relation={relationTo(computation)}
                onHover={setHovered}
                showBytes={false}
              />
            ))}
          </div>
        </details>
      )}
    </section>
  );
}
