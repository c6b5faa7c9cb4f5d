// The sequence diagram: one lane per party and one arrow per message, for the
// steps up to the current one. The current step's arrows animate in flight; a
// lost message stops part way with a cross.

import { useRef, type KeyboardEvent } from 'react';
import { useElementWidth } from '../ui/use-element-width';
import type { Actor, MessageFate, Step, WireMessage } from '../protocols/scenario';

interface DiagramRow {
  readonly stepIndex: number;
  readonly message?: WireMessage;
  readonly note?: { actorId: string; text: string };
}

interface SequenceDiagramProps {
  readonly actors: readonly Actor[];
  readonly steps: readonly Step[];
  readonly stepIndex: number;
  readonly selectedMessageId: string | undefined;
  readonly onSelectMessage: (messageId: string) => void;
  readonly animate: boolean;
  /** How many rows to keep on screen; older rows scroll off the top. */
  readonly maxRows?: number;
  readonly svgId?: string;
}

const rowHeight = 46;
/** Narrowest drawing width; a narrower container scrolls instead of shrinking the text. */
const minWidth = 320;
/** Room each lane needs for its two-line title; with many lanes the box scrolls sideways. */
const minLaneGap = 140;

/** Estimated width of one character of a message label, in px (12.5 px sans-serif averages about 7). */
const labelCharacterWidth = 7;

/**
 * Places a label centred at `centre` but inside the drawing. A label wider than the drawing is
 * shortened with an ellipsis, and the arrow's accessible name keeps the full text.
 */
function fitLabel(text: string, centre: number, width: number): { text: string; x: number } {
  const room = width - 16;
  const maxCharacters = Math.floor(room / labelCharacterWidth);
  const shown =
    text.length > maxCharacters ? `${text.slice(0, Math.max(1, maxCharacters - 1))}…` : text;
  const half = (shown.length * labelCharacterWidth) / 2;
  const x = Math.min(Math.max(centre, 8 + half), width - 8 - half);
  return { text: shown, x };
}

/** Splits a lane title at the space nearest its middle, so long names take two short lines. */
function titleLines(name: string): string[] {
  if (name.length <= 12 || !name.includes(' ')) return [name];
  const middle = name.length / 2;
  let best = -1;
  for (let i = name.indexOf(' '); i >= 0; i = name.indexOf(' ', i + 1)) {
    if (best < 0 || Math.abs(i - middle) < Math.abs(best - middle)) best = i;
  }
  return [name.slice(0, best), name.slice(best + 1)];
}

const fateWords: Record<MessageFate, string> = {
  delivered: 'delivered',
  lost: 'lost',
  'in-flight': 'in flight',
};

/** How far along its arrow a message is drawn: a lost one stops past the middle with a cross. */
const fateFraction: Record<MessageFate, number> = { delivered: 1, lost: 0.55, 'in-flight': 0.7 };
const laneTop = 44;

/**
 * Returns one row per message up to the current step. A message that appears in
 * several steps (sent in flight, then delivered) keeps its first row and shows
 * its latest fate.
 */
function collectRows(steps: readonly Step[], stepIndex: number): DiagramRow[] {
  const rows: DiagramRow[] = [];
  const rowOfMessage = new Map<string, number>();

  steps.slice(0, stepIndex + 1).forEach((step, index) => {
    if (step.messages.length === 0) {
      const actorId = step.computations?.[0]?.actorId ?? step.actors[0]?.actorId;
      if (actorId && index === stepIndex)
        rows.push({ stepIndex: index, note: { actorId, text: step.title } });
      return;
    }
    for (const message of step.messages) {
      const existing = rowOfMessage.get(message.id);
      if (existing === undefined) {
        rowOfMessage.set(message.id, rows.length);
        rows.push({ stepIndex: index, message });
      } else {
        rows[existing] = { stepIndex: index, message };
      }
    }
  });
  return rows;
}

function describeMessage(message: WireMessage, actorName: (id: string) => string): string {
  const fate = fateWords[message.fate];
  return `${message.label} from ${actorName(message.from)} to ${actorName(message.to)}, ${fate}`;
}

export function SequenceDiagram({
  actors,
  steps,
  stepIndex,
  selectedMessageId,
  onSelectMessage,
  animate,
  maxRows = 10,
  svgId,
}: SequenceDiagramProps) {
  // The drawing is as wide as its box, so its text stays at its CSS size on a phone too.
  const boxRef = useRef<HTMLDivElement>(null);
  const width = Math.max(minWidth, minLaneGap * actors.length, useElementWidth(boxRef, 640));
  const sidePadding = Math.min(90, Math.round(width * 0.16));
  const rows = collectRows(steps, stepIndex).slice(-maxRows);
  const laneGap = actors.length > 1 ? (width - 2 * sidePadding) / (actors.length - 1) : 0;
  const laneX = new Map(actors.map((actor, index) => [actor.id, sidePadding + index * laneGap]));
  const height = laneTop + 24 + Math.max(rows.length, 3) * rowHeight;
  const actorName = (id: string) => actors.find((actor) => actor.id === id)?.name ?? id;

  function onKeyDown(event: KeyboardEvent, messageId: string) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      onSelectMessage(messageId);
    }
  }

  return (
    <div ref={boxRef} className="sequence-diagram-box">
      <svg
        id={svgId}
        className="sequence-diagram"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="group"
        aria-label={`Sequence diagram, step ${stepIndex + 1} of ${steps.length}`}
      >
        <defs>
          {['arrowhead', 'arrowhead-current'].map((id) => (
            <marker
              key={id}
              id={id}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" className={id} />
            </marker>
          ))}
        </defs>
        {actors.map((actor, index) => {
          const x = laneX.get(actor.id)!;
          return (
            <g key={actor.id} className={`lane lane-${index}`}>
              <text
                x={x}
                y={titleLines(actor.name).length > 1 ? 14 : 22}
                textAnchor="middle"
                className="lane-title"
              >
                {titleLines(actor.name).map((line, lineIndex) => (
                  <tspan key={line} x={x} dy={lineIndex === 0 ? 0 : 15}>
                    {line}
                  </tspan>
                ))}
              </text>
              <line x1={x} y1={laneTop - 10} x2={x} y2={height - 8} className="lane-line" />
            </g>
          );
        })}
        {rows.map((row, rowIndex) => {
          const y = laneTop + 14 + rowIndex * rowHeight;
          const current = row.stepIndex === stepIndex;

          if (row.note) {
            const x = laneX.get(row.note.actorId) ?? sidePadding;
            const onRight = x > width / 2;
            const room = onRight ? x - 20 : width - x - 20;
            const maxCharacters = Math.max(4, Math.floor(room / labelCharacterWidth));
            const text =
              row.note.text.length > maxCharacters
                ? `${row.note.text.slice(0, maxCharacters - 1)}…`
                : row.note.text;
            return (
              <g key={`note-${row.stepIndex}`} className="diagram-note">
                <circle cx={x} cy={y + 10} r={6} />
                <text
                  x={x + (onRight ? -12 : 12)}
                  y={y + 14}
                  textAnchor={onRight ? 'end' : 'start'}
                >
                  <title>{row.note.text}</title>
                  {text}
                </text>
              </g>
            );
          }

          const message = row.message!;
          const x1 = laneX.get(message.from) ?? sidePadding;
          const x2 = laneX.get(message.to) ?? width - sidePadding;
          const y2 = y + rowHeight - 16;
          const fraction = fateFraction[message.fate];
          const endX = x1 + (x2 - x1) * fraction;
          const endY = y + (y2 - y) * fraction;
          const selected = message.id === selectedMessageId;
          const classes = [
            'message',
            `fate-${message.fate}`,
            current ? 'current' : 'past',
            selected ? 'selected' : '',
            current && animate ? 'animate' : '',
          ].join(' ');
          const label = fitLabel(message.label, (x1 + x2) / 2, width);

          return (
            <g
              key={`${row.stepIndex}-${message.id}`}
              className={classes}
              role="button"
              tabIndex={0}
              aria-label={describeMessage(message, actorName)}
              aria-pressed={selected}
              onClick={() => onSelectMessage(message.id)}
              onKeyDown={(event) => onKeyDown(event, message.id)}
            >
              <line x1={x1} y1={y} x2={x2} y2={y2} className="hit-area" />
              <line
                x1={x1}
                y1={y}
                x2={endX}
                y2={endY}
                className="arrow"
                pathLength={1}
                markerEnd={
                  message.fate === 'delivered'
                    ? `url(#${current ? 'arrowhead-current' : 'arrowhead'})`
                    : undefined
                }
              />
              {message.fate === 'lost' && (
                <g className="lost-cross" transform={`translate(${endX} ${endY})`}>
                  <line x1={-7} y1={-7} x2={7} y2={7} />
                  <line x1={-7} y1={7} x2={7} y2={-7} />
                </g>
              )}
              <text x={label.x} y={y - 5} textAnchor="middle" className="message-label">
                {label.text}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
