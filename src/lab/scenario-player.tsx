// The player every protocol lab shares. It shows step N of a scenario that was
// built once from (parameters, seed); it never runs protocol code while it plays.

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { explainLabError } from '../core/lab-error';
import type { Scenario, Step, WireMessage } from '../protocols/scenario';
import type { LabSearch } from '../routes/lab-search';
import { animationSpeeds, usePreferences, type AnimationSpeed } from '../store/preferences';
import { useShortcuts, type Shortcut } from '../ui/shortcuts';
import { useReducedMotion } from '../ui/theme';
import { useDocumentTitle } from '../ui/use-document-title';
import { ComputationPanel } from './computation-panel';
import { exportPng, exportSvg } from './export-diagram';
import { MessageInspector } from './message-inspector';
import { ParameterForm } from './parameter-form';
import type { ScenarioEntry } from './scenario-entry';
import { ScenarioPlot } from './scenario-plot';
import { SequenceDiagram } from './sequence-diagram';
import { StatePanels } from './state-panels';
import { useScenarioLab } from './use-scenario-lab';
import './player.css';

interface ScenarioPlayerProps {
  readonly labId: string;
  readonly title: string;
  readonly intro: ReactNode;
  readonly entries: readonly ScenarioEntry[];
  readonly search: LabSearch;
  readonly navigate: (search: LabSearch) => void;
  /** Search params of the link that were malformed and dropped, for the page to report. */
  readonly invalidParams?: readonly string[];
  /**
   * The seed the lab opens with, so a first visit, a test and a slide show the
   * same run; "New random run" replaces it.
   */
  readonly teachingSeed: number;
  /** The lab's error tables, which turn a builder's LabError into what failed and what to try. */
  readonly errorTables?: Parameters<typeof explainLabError>[1];
  /** Lab-specific panels under the narration, such as a comparison table. */
  readonly renderExtra?: (scenario: Scenario, step: Step) => ReactNode;
}

const noInvalidParams: readonly string[] = [];

/** Milliseconds per step at speed 1 while playing. */
const baseStepDuration = 2400;

function defaultMessage(steps: readonly Step[], stepIndex: number): WireMessage | undefined {
  for (let index = stepIndex; index >= 0; index--) {
    const messages = steps[index]?.messages ?? [];
    if (messages.length > 0) return messages[0];
  }
  return undefined;
}

/** Formats simulated time: milliseconds to 0.1 ms below a second, seconds to 0.01 s above. */
export function formatTime(ms: number): string {
  if (Math.abs(ms) < 1000) return `${Number(ms.toFixed(1))} ms`;
  return `${Number((ms / 1000).toFixed(2))} s`;
}

interface BuildErrorNoticeProps {
  readonly error: unknown;
  readonly tables: Parameters<typeof explainLabError>[1];
  readonly onReset: () => void;
}

/** Renders why the scenario could not be built, from the lab's error table when it has the code. */
function BuildErrorNotice({ error, tables, onReset }: BuildErrorNoticeProps) {
  const explanation = explainLabError(error, tables);
  const fallback = error instanceof Error ? error.message : String(error);
  return (
    <div className="notice danger" role="alert">
      <p>This scenario could not be built: {explanation?.what ?? fallback}</p>
      {explanation?.where && <p>{explanation.where}</p>}
      <p>{explanation?.fix ?? 'Change a parameter above, or reset to the defaults.'}</p>
      <button type="button" className="button" onClick={onReset}>
        Reset parameters
      </button>
    </div>
  );
}

function randomSeed(): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0]! % 2 ** 31;
}

export function ScenarioPlayer({
  labId,
  title,
  intro,
  entries,
  search,
  navigate,
  teachingSeed,
  invalidParams = noInvalidParams,
  errorTables = [],
  renderExtra,
}: ScenarioPlayerProps) {
  const lab = useScenarioLab(entries, search, navigate, teachingSeed, invalidParams);
  useDocumentTitle(`${title}: ${lab.entry.title}`);
  const { scenario, stepIndex } = lab;
  const steps = useMemo(() => scenario?.steps ?? [], [scenario]);
  const step = steps[stepIndex];
  const lastIndex = Math.max(0, steps.length - 1);
  const seedMatters = lab.entry.usesSeed?.(lab.parameters) ?? true;
  // A simulation summarised by a plot may send no message worth inspecting.
  const hasMessages = steps.some((candidate) => candidate.messages.length > 0);

  const [playing, setPlaying] = useState(false);
  const [selection, setSelection] = useState<
    { stepIndex: number; messageId: string } | undefined
  >();
  const [exportError, setExportError] = useState<string | undefined>();
  const [invalidDismissed, setInvalidDismissed] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  const speed = usePreferences((state) => state.animationSpeed);
  const setSpeed = usePreferences((state) => state.setAnimationSpeed);
  const presenterMode = usePreferences((state) => state.presenterMode);
  const setPresenterMode = usePreferences((state) => state.setPresenterMode);
  const recordProgress = usePreferences((state) => state.recordProgress);
  const reduceMotion = useReducedMotion();

  const { goToStep } = lab;
  const atEnd = stepIndex >= lastIndex;

  useEffect(() => {
    if (steps.length > 0) recordProgress(`/${labId}`, (stepIndex + 1) / steps.length);
  }, [labId, stepIndex, steps.length, recordProgress]);

  useEffect(() => {
    if (!playing || atEnd) return;
    const timer = setTimeout(() => {
      goToStep(stepIndex + 1);
      if (stepIndex + 1 >= lastIndex) setPlaying(false);
    }, baseStepDuration / speed);
    return () => clearTimeout(timer);
  }, [playing, atEnd, stepIndex, lastIndex, speed, goToStep]);

  // Play from the end starts over from the first step.
  const togglePlay = useCallback(() => {
    if (!playing && atEnd) goToStep(0);
    setPlaying(!playing);
  }, [playing, atEnd, goToStep]);

  // Leaving the page ends presenter mode, so the next page has its navigation back.
  useEffect(() => () => setPresenterMode(false), [setPresenterMode]);

  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void rootRef.current?.requestFullscreen?.().catch(() => undefined);
  }, []);

  const fileName = `${labId}-${scenario?.id ?? 'scenario'}-${step?.id ?? 'step'}`;
  const runExport = useCallback(
    async (format: 'svg' | 'png', target: 'diagram' | 'plot' = 'diagram') => {
      const svg = document.getElementById(
        target === 'plot' ? 'scenario-plot-svg' : 'sequence-diagram-svg',
      );
      if (!(svg instanceof SVGSVGElement)) return;
      const background = getComputedStyle(document.body).backgroundColor;
      try {
        setExportError(undefined);
        const name = target === 'plot' ? `${fileName}-plot` : fileName;
        if (format === 'svg') exportSvg(svg, name, background);
        else await exportPng(svg, name, background);
      } catch (error) {
        setExportError(error instanceof Error ? error.message : String(error));
      }
    },
    [fileName],
  );

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      {
        keys: ['ArrowRight', 'PageDown'],
        label: '→ or Page Down',
        description: 'Next step',
        run: () => goToStep(stepIndex + 1),
      },
      {
        keys: ['ArrowLeft', 'PageUp'],
        label: '← or Page Up',
        description: 'Previous step',
        run: () => goToStep(stepIndex - 1),
      },
      {
        keys: [' '],
        label: 'Space',
        description: 'Play or pause',
        run: togglePlay,
      },
      { keys: ['Home'], label: 'Home', description: 'First step', run: () => goToStep(0) },
      { keys: ['End'], label: 'End', description: 'Last step', run: () => goToStep(lastIndex) },
      { keys: ['f', 'F'], label: 'F', description: 'Full screen on or off', run: toggleFullscreen },
      {
        keys: ['p', 'P'],
        label: 'P',
        description: 'Presenter mode: large type, no navigation',
        run: () => setPresenterMode(!presenterMode),
      },
      {
        keys: ['Escape'],
        label: 'Esc',
        description: 'Leave presenter mode',
        inTextFields: true,
        run: () => setPresenterMode(false),
      },
    ],
    [goToStep, stepIndex, lastIndex, togglePlay, toggleFullscreen, presenterMode, setPresenterMode],
  );
  useShortcuts('player', `${title} player`, shortcuts);

  const selectedMessage = useMemo(() => {
    if (selection && selection.stepIndex <= stepIndex) {
      const found = steps[selection.stepIndex]?.messages.find((m) => m.id === selection.messageId);
      if (found) return found;
    }
    return defaultMessage(steps, stepIndex);
  }, [selection, steps, stepIndex]);

  const selectMessage = useCallback(
    (messageId: string) => {
      for (let index = stepIndex; index >= 0; index--) {
        if (steps[index]?.messages.some((m) => m.id === messageId)) {
          setSelection({ stepIndex: index, messageId });
          return;
        }
      }
    },
    [steps, stepIndex],
  );

  return (
    <div
      ref={rootRef}
      className={`page player${presenterMode ? ' presenter' : ''}`}
      style={{ ['--step-duration' as string]: `${Math.round(900 / speed)}ms` }}
    >
      {!presenterMode && (
        <>
          <h1>{title}</h1>
          <div className="lead">{intro}</div>
          <div className="player-setup panel">
            <div className="field scenario-picker">
              <label htmlFor="scenario-select">Scenario</label>
              <select
                id="scenario-select"
                value={lab.entry.id}
                onChange={(event) => lab.chooseScenario(event.target.value)}
              >
                {entries.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {entry.title}
                  </option>
                ))}
              </select>
              <span className="hint">{lab.entry.summary}</span>
            </div>
            <ParameterForm
              specs={lab.entry.parameters}
              values={lab.parameters}
              onApply={lab.setParameters}
            />
            <p className="seed-line hint">
              {seedMatters ? (
                <>
                  Seed <span className="mono">{lab.seed}</span>: the same seed always replays the
                  same run.
                </>
              ) : (
                'This setting uses fixed values, so the seed does not change it.'
              )}
            </p>
          </div>
          {lab.problems.length > 0 && (
            <div className="notice warning" role="alert">
              <p>Some values in the link were not valid, so their defaults are used instead:</p>
              <ul>
                {lab.problems.map((problem) => (
                  <li key={problem.name}>
                    <code>{problem.name}</code> = <code>{problem.received}</code> {problem.reason}.
                  </li>
                ))}
              </ul>
            </div>
          )}
          {lab.unknownScenario && (
            <div className="notice warning" role="alert">
              <p>
                This lab has no scenario <code>{lab.unknownScenario}</code>, so it opens{' '}
                {lab.entry.title}. Pick another one from the Scenario list.
              </p>
            </div>
          )}
          {lab.invalidParams.length > 0 && !invalidDismissed && (
            <div className="notice warning" role="alert">
              <p>
                The link's {lab.invalidParams.map((name) => `"${name}"`).join(' and ')} value is
                malformed, so it is ignored and the defaults apply. Links written by this page
                always work; check that the whole link was copied.
              </p>
              <button type="button" className="button" onClick={() => setInvalidDismissed(true)}>
                Dismiss
              </button>
            </div>
          )}
          {lab.unknownStep && (
            <div className="notice warning" role="alert">
              <p>
                This scenario has no step <code>{lab.unknownStep}</code>, so it opens at the first
                step. Pick a step with the scrubber below.
              </p>
            </div>
          )}
        </>
      )}

      {lab.buildError !== undefined && (
        <BuildErrorNotice
          error={lab.buildError}
          tables={errorTables}
          onReset={() => lab.setParameters({})}
        />
      )}

      {scenario && step && (
        <>
          {!presenterMode && (
            <div className="player-controls" role="group" aria-label="Player controls">
              <button
                type="button"
                className="button"
                onClick={() => goToStep(stepIndex - 1)}
                aria-disabled={stepIndex === 0}
              >
                ← Previous
              </button>
              <button type="button" className="button" onClick={togglePlay} aria-pressed={playing}>
                {playing ? 'Pause' : 'Play'}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => goToStep(stepIndex + 1)}
                aria-disabled={atEnd}
              >
                Next →
              </button>
              <label className="scrubber">
                <span className="visually-hidden">Step</span>
                <input
                  type="range"
                  min={0}
                  max={lastIndex}
                  value={stepIndex}
                  aria-valuetext={`Step ${stepIndex + 1} of ${steps.length}: ${step.title}`}
                  onChange={(event) => goToStep(Number(event.target.value))}
                />
              </label>
              <span className="step-counter" aria-hidden="true">
                {stepIndex + 1} / {steps.length}
              </span>
              <label className="speed">
                Speed{' '}
                <select
                  value={speed}
                  onChange={(event) => setSpeed(Number(event.target.value) as AnimationSpeed)}
                >
                  {animationSpeeds.map((value) => (
                    <option key={value} value={value}>
                      {value}×
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setPlaying(false);
                  goToStep(0);
                }}
              >
                Reset
              </button>
              <button
                type="button"
                className="button"
                onClick={() => lab.setSeed(randomSeed())}
                disabled={!seedMatters}
                title={
                  seedMatters
                    ? undefined
                    : 'This setting uses fixed values, so a new seed changes nothing.'
                }
              >
                New random run
              </button>
              <button type="button" className="button" onClick={() => setPresenterMode(true)}>
                Presenter mode
              </button>
              <button type="button" className="button" onClick={() => void runExport('svg')}>
                Export SVG
              </button>
              <button type="button" className="button" onClick={() => void runExport('png')}>
                Export PNG
              </button>
              {scenario.plot && (
                <>
                  <button
                    type="button"
                    className="button"
                    onClick={() => void runExport('svg', 'plot')}
                  >
                    Export plot SVG
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => void runExport('png', 'plot')}
                  >
                    Export plot PNG
                  </button>
                </>
              )}
            </div>
          )}
          {exportError && (
            <div className="notice danger" role="alert">
              <p>The export failed: {exportError} Try the SVG export, which needs no canvas.</p>
            </div>
          )}
          {presenterMode && (
            <div className="presenter-bar" role="group" aria-label="Presenter controls">
              <button
                type="button"
                className="button"
                onClick={() => goToStep(stepIndex - 1)}
                aria-disabled={stepIndex === 0}
                aria-label="Previous step"
              >
                ←
              </button>
              <p className="presenter-hint">
                Step {stepIndex + 1} of {steps.length}. ← → or Page Up and Down to step, Esc to
                leave.
              </p>
              <button
                type="button"
                className="button"
                onClick={() => goToStep(stepIndex + 1)}
                aria-disabled={atEnd}
                aria-label="Next step"
              >
                →
              </button>
              <button type="button" className="button" onClick={() => setPresenterMode(false)}>
                Leave presenter mode
              </button>
            </div>
          )}

          <div className="player-stage">
            <div className="diagram-column">
              <SequenceDiagram
                svgId="sequence-diagram-svg"
                actors={scenario.actors}
                steps={steps}
                stepIndex={stepIndex}
                selectedMessageId={selectedMessage?.id}
                onSelectMessage={selectMessage}
                animate={!reduceMotion}
                maxRows={presenterMode ? 7 : 10}
              />
              {scenario.plot && (
                <ScenarioPlot
                  plot={scenario.plot}
                  currentX={step.plotX}
                  svgId="scenario-plot-svg"
                />
              )}
            </div>
            <div className="narration-column">
              <section className="panel narration" aria-labelledby="step-title">
                <p className="step-kind">
                  Step {stepIndex + 1} of {steps.length} ·{' '}
                  {step.kind === 'message'
                    ? 'on the wire'
                    : step.kind === 'computation'
                      ? 'computed locally'
                      : 'change of state'}
                  {step.time !== undefined && <> · t = {formatTime(step.time)}</>}
                </p>
                <h2 id="step-title" data-step-id={step.id}>
                  {step.title}
                </h2>
                <p className="narration-text">{step.narration}</p>
                {step.reference && <p className="reference hint">{step.reference}</p>}
              </section>
              <StatePanels actors={scenario.actors} step={step} previous={steps[stepIndex - 1]} />
            </div>
          </div>

          <div className="visually-hidden" role="status" aria-live="polite">
            {`Step ${stepIndex + 1} of ${steps.length}: ${step.title}.`}
          </div>

          {!presenterMode && (
            <>
              {hasMessages && (
                <MessageInspector message={selectedMessage} actors={scenario.actors} />
              )}
              <ComputationPanel steps={steps} stepIndex={stepIndex} />
              {renderExtra?.(scenario, step)}
            </>
          )}
        </>
      )}
    </div>
  );
}
