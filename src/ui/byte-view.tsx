// A hex view of a message whose bytes are tiled by labelled spans. Hovering or
// focusing a span highlights its field, and the reverse, through `activeField`.

import type { ByteSpan } from '../protocols/scenario';

interface ByteViewProps {
  readonly bytes: Uint8Array;
  readonly spans: readonly ByteSpan[];
  readonly label: string;
  readonly activeField?: string | undefined;
  readonly onActiveFieldChange?: (field: string | undefined) => void;
  /** Bytes beyond this are summarised instead of drawn, so a large input stays responsive. */
  readonly maxBytes?: number;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

export function spanKey(span: ByteSpan): string {
  return span.field ?? span.label;
}

export function ByteView({
  bytes,
  spans,
  label,
  activeField,
  onActiveFieldChange,
  maxBytes = 4096,
}: ByteViewProps) {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const shown = Math.min(bytes.length, maxBytes);

  return (
    <div className="byte-view" role="group" aria-label={`${label}: ${bytes.length} bytes`}>
      <div className="byte-grid mono">
        {sorted
          .filter((span) => span.start < shown)
          .map((span, index) => {
            const key = spanKey(span);
            const active = activeField !== undefined && key === activeField;
            const end = Math.min(span.end, shown);
            return (
              <span
                key={`${span.start}-${span.end}-${span.label}`}
                className={`byte-span tone-${index % 6}${active ? ' active' : ''}`}
                title={`${span.label}: bytes ${span.start}–${span.end - 1} (${span.end - span.start})`}
                data-field={key}
                onMouseEnter={() => onActiveFieldChange?.(key)}
                onMouseLeave={() => onActiveFieldChange?.(undefined)}
              >
                {Array.from(bytes.subarray(span.start, end), hex).join(' ')}
              </span>
            );
          })}
        {shown < bytes.length && (
          <span className="byte-more">… {bytes.length - shown} more bytes not drawn</span>
        )}
      </div>
    </div>
  );
}

interface SpanLegendProps {
  readonly spans: readonly ByteSpan[];
  /** Whether each row is a tab stop; off where focusable field rows already link to the bytes. */
  readonly focusable?: boolean;
  readonly activeField?: string | undefined;
  readonly onActiveFieldChange?: (field: string | undefined) => void;
}

/** Renders the spans with their offsets as a list whose focusable rows are linked to their bytes. */
export function SpanLegend({
  spans,
  activeField,
  onActiveFieldChange,
  focusable = true,
}: SpanLegendProps) {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  return (
    <ul className="span-legend" aria-label="Byte ranges">
      {sorted.map((span, index) => {
        const key = spanKey(span);
        return (
          <li
            key={`${span.start}-${span.label}`}
            tabIndex={focusable ? 0 : undefined}
            className={`tone-${index % 6}${activeField === key ? ' active' : ''}`}
            onMouseEnter={() => onActiveFieldChange?.(key)}
            onMouseLeave={() => onActiveFieldChange?.(undefined)}
            onFocus={() => onActiveFieldChange?.(key)}
            onBlur={() => onActiveFieldChange?.(undefined)}
          >
            <span className="span-offset mono">
              {span.start}–{span.end - 1}
            </span>{' '}
            {span.label}
          </li>
        );
      })}
    </ul>
  );
}
