import { useState, type FormEvent } from 'react';
import type { ParameterSpec, ParameterValue, ParameterValues } from '../protocols/scenario';
import { choiceLabel, choiceValues, normalizeParameters } from '../protocols/parameters';

interface ParameterFormProps {
  readonly specs: readonly ParameterSpec[];
  readonly values: ParameterValues;
  readonly onApply: (values: ParameterValues) => void;
}

/** Names the condition of an onlyWhen setting in words, such as "Trace is Fresh keys". */
function labelOf(
  specs: readonly ParameterSpec[],
  condition: { name: string; value: ParameterValue },
): string {
  const other = specs.find((spec) => spec.name === condition.name);
  if (!other) return `${condition.name} is ${String(condition.value)}`;
  const valueLabel =
    other.kind === 'choice' ? choiceLabel(other, String(condition.value)) : String(condition.value);
  return `${other.label} is "${valueLabel}"`;
}

/** Edits a scenario's parameters; nothing is rebuilt until the values pass their checks. */
export function ParameterForm({ specs, values, onApply }: ParameterFormProps) {
  const [draft, setDraft] = useState<Record<string, ParameterValue>>({ ...values });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [lastValues, setLastValues] = useState(values);

  // A new scenario or a link replaces the draft.
  if (lastValues !== values) {
    setLastValues(values);
    setDraft({ ...values });
    setErrors({});
  }

  if (specs.length === 0) return null;

  function apply(next: Record<string, ParameterValue>) {
    const { values: checked, problems } = normalizeParameters(specs, next);
    const found: Record<string, string> = {};
    for (const problem of problems) {
      const spec = specs.find((candidate) => candidate.name === problem.name);
      found[problem.name] = `${spec?.label ?? problem.name} ${problem.reason}.`;
    }
    setErrors(found);
    if (problems.length === 0) onApply(checked);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    apply(draft);
  }

  function update(name: string, value: ParameterValue, immediately: boolean) {
    const next = { ...draft, [name]: value };
    setDraft(next);
    // An edited value is no longer the one the error was about.
    setErrors(({ [name]: _edited, ...rest }) => rest);
    if (immediately) apply(next);
  }

  return (
    <form
      className="parameter-form"
      onSubmit={onSubmit}
      aria-label="Scenario parameters"
      // The app checks values itself and names the problem; the browser's bubbles would hide that.
      noValidate
    >
      <div className="field-row">
        {specs.map((spec) => {
          const id = `param-${spec.name}`;
          const error = errors[spec.name];
          const describedBy = [spec.description ? `${id}-hint` : '', error ? `${id}-error` : '']
            .filter(Boolean)
            .join(' ');
          const value = draft[spec.name] ?? spec.default;
          // A setting that applies in another mode only is shown but cannot be changed.
          const inactive =
            spec.onlyWhen !== undefined && draft[spec.onlyWhen.name] !== spec.onlyWhen.value;
          return (
            <div key={spec.name} className={`field param-${spec.kind}`}>
              {spec.kind === 'boolean' ? (
                <label className="checkbox">
                  <input
                    id={id}
                    type="checkbox"
                    disabled={inactive}
                    checked={value === true}
                    aria-describedby={describedBy || undefined}
                    onChange={(event) => update(spec.name, event.target.checked, true)}
                  />{' '}
                  {spec.label}
                </label>
              ) : (
                <label htmlFor={id}>
                  {spec.label}
                  {spec.unit ? <span className="hint"> ({spec.unit})</span> : null}
                </label>
              )}
              {spec.kind === 'choice' && (
                <select
                  id={id}
                  disabled={inactive}
                  value={String(value)}
                  aria-describedby={describedBy || undefined}
                  onChange={(event) => update(spec.name, event.target.value, true)}
                >
                  {choiceValues(spec).map((choice) => (
                    <option key={choice} value={choice}>
                      {choiceLabel(spec, choice)}
                    </option>
                  ))}
                </select>
              )}
              {spec.kind === 'number' && (
                <input
                  id={id}
                  type="number"
                  disabled={inactive}
                  inputMode="decimal"
                  value={String(value)}
                  min={spec.min}
                  max={spec.max}
                  step={spec.step ?? 'any'}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy || undefined}
                  onChange={(event) => update(spec.name, event.target.value, false)}
                />
              )}
              {spec.kind === 'hex' && (
                <input
                  id={id}
                  type="text"
                  disabled={inactive}
                  className="mono"
                  spellCheck={false}
                  autoComplete="off"
                  value={String(value)}
                  placeholder={spec.byteLength ? `${spec.byteLength} bytes as hex` : 'hex'}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy || undefined}
                  onChange={(event) => update(spec.name, event.target.value, false)}
                />
              )}
              {spec.description && (
                <span id={`${id}-hint`} className="hint">
                  {spec.description}
                  {inactive &&
                    spec.onlyWhen &&
                    ` Applies only when ${labelOf(specs, spec.onlyWhen)}.`}
                </span>
              )}
              {error && (
                <span id={`${id}-error`} className="field-error" role="alert">
                  {error}
                </span>
              )}
            </div>
          );
        })}
      </div>
      {specs.some((spec) => spec.kind === 'number' || spec.kind === 'hex') && (
        <button type="submit" className="button primary">
          Apply
        </button>
      )}
    </form>
  );
}
