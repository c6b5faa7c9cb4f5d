import { useState } from 'react';
import type { Actor, WireMessage } from '../protocols/scenario';
import { ByteView, SpanLegend } from '../ui/byte-view';

interface MessageInspectorProps {
  readonly message: WireMessage | undefined;
  readonly actors: readonly Actor[];
}

/** Renders the selected message's fields and bytes, so that hovering one highlights the other. */
export function MessageInspector({ message, actors }: MessageInspectorProps) {
  const [activeField, setActiveField] = useState<string | undefined>();

  if (!message) {
    return (
      <section className="panel inspector" aria-label="Message inspector">
        <h2>Message</h2>
        <p className="muted">
          No message has been sent yet. Step forward, or pick an arrow in the diagram.
        </p>
      </section>
    );
  }

  const name = (id: string) => actors.find((actor) => actor.id === id)?.name ?? id;
  const fieldHasBytes = new Set(message.spans?.map((span) => span.field ?? span.label));

  return (
    <section className="panel inspector" aria-label="Message inspector">
      <h2>
        {message.label}{' '}
        <span className="muted inspector-route">
          {name(message.from)} → {name(message.to)}
          {message.fate === 'lost' ? ' (lost)' : ''}
          {message.bytes ? `, ${message.bytes.length} bytes` : ''}
        </span>
      </h2>
      <div className="inspector-body">
        <table className="field-table">
          <caption className="visually-hidden">Fields of {message.label}</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {message.fields.map((field) => (
              <tr
                key={field.name}
                className={activeField === field.name ? 'active' : undefined}
                tabIndex={fieldHasBytes.has(field.name) ? 0 : undefined}
                onMouseEnter={() => setActiveField(field.name)}
                onMouseLeave={() => setActiveField(undefined)}
                onFocus={() => setActiveField(field.name)}
                onBlur={() => setActiveField(undefined)}
              >
                <th scope="row">{field.name}</th>
                <td>
                  <span className="mono break">{field.value}</span>
                  {field.note && <div className="hint">{field.note}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {message.bytes && message.spans && (
          <div className="inspector-bytes">
            <ByteView
              bytes={message.bytes}
              spans={message.spans}
              label={`${message.label} bytes`}
              activeField={activeField}
              onActiveFieldChange={setActiveField}
            />
            <SpanLegend
              spans={message.spans}
              activeField={activeField}
              onActiveFieldChange={setActiveField}
              focusable={false}
            />
          </div>
        )}
      </div>
    </section>
  );
}
