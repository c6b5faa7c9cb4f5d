// The scenario model shared by every protocol lab. A flow is a pure function
// (parameters, seed) -> Scenario; the player only shows step N of the result,
// so stepping back, jumping and deep links never rerun protocol code.

/** Kind of a step: a message on the wire, a local computation, or a change of state. */
export type StepKind = 'message' | 'computation' | 'state';

/** A party's state after a step: a headline (a TCP state, "handshake keys ready") and named fields. */
export interface ActorState {
  readonly actorId: string;
  readonly headline: string;
  readonly fields: readonly NamedValue[];
}

export interface NamedValue {
  readonly name: string;
  readonly value: string;
  readonly note?: string;
}

/**
 * A labelled run of bytes inside a message: [start, end) offsets into `bytes`.
 * `field` names the MessageField it encodes, so the view can link the two.
 */
export interface ByteSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly field?: string;
}

/** Fate of a message during the step. */
export type MessageFate = 'delivered' | 'lost' | 'in-flight';

export interface WireMessage {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly fate: MessageFate;
  readonly fields: readonly NamedValue[];
  /** The message on the wire, where the protocol has a wire format. */
  readonly bytes?: Uint8Array;
  /** Labelled spans that tile `bytes` exactly; required when `bytes` is present. */
  readonly spans?: readonly ByteSpan[];
  /** Simulated send and arrival times in milliseconds. */
  readonly sentAt?: number;
  readonly arrivesAt?: number;
}

/** A value computed locally: its formula, its inputs and its output. */
export interface Computation {
  readonly id: string;
  readonly actorId: string;
  readonly label: string;
  readonly formula: string;
  readonly inputs: readonly NamedValue[];
  readonly output: NamedValue;
  /** Ids of earlier computations this one uses, so a view can trace where a value came from. */
  readonly dependsOn?: readonly string[];
  /** Encoded bytes that feed the computation (an HkdfLabel, a pseudo-header), with their spans. */
  readonly bytes?: Uint8Array;
  readonly spans?: readonly ByteSpan[];
}

export interface PlotSeries {
  readonly name: string;
  readonly unit: string;
  readonly points: readonly (readonly [x: number, y: number])[];
}

export interface PlotEvent {
  readonly x: number;
  readonly label: string;
  readonly kind: string;
}

/** A chart over simulated time (cwnd and ssthresh, say) with its key events marked. */
export interface ScenarioPlot {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly PlotSeries[];
  readonly events: readonly PlotEvent[];
}

export interface Step {
  /** A stable slug, used in the URL. Unique within its scenario. */
  readonly id: string;
  readonly title: string;
  readonly kind: StepKind;
  /** One or two sentences: what happens and why. */
  readonly narration: string;
  readonly actors: readonly ActorState[];
  readonly messages: readonly WireMessage[];
  readonly computations?: readonly Computation[];
  /** Names of fields, values or actors the view should draw attention to. */
  readonly highlight?: readonly string[];
  /** Simulated time in milliseconds, where the flow has a clock. */
  readonly time?: number;
  /** The rule applied in this step, such as "RFC 9293 §3.10.7.3". */
  readonly reference?: string;
  /** For plotted simulations: the x value this step corresponds to. */
  readonly plotX?: number;
}

export interface Actor {
  readonly id: string;
  readonly name: string;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly seed: number;
  readonly actors: readonly Actor[];
  readonly steps: readonly Step[];
  readonly plot?: ScenarioPlot;
}

export interface TilingProblem {
  readonly offset: number;
  readonly problem: 'gap' | 'overlap' | 'out-of-range' | 'empty-span' | 'short';
}

/**
 * Finds every place where `spans` fail to tile `length` bytes exactly: a gap,
 * an overlap, a span past the end or empty, or spans that stop short.
 */
export function findTilingProblems(length: number, spans: readonly ByteSpan[]): TilingProblem[] {
  const problems: TilingProblem[] = [];
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  let cursor = 0;

  for (const span of sorted) {
    if (span.end <= span.start) {
      problems.push({ offset: span.start, problem: 'empty-span' });
      continue;
    }
    if (span.end > length) problems.push({ offset: span.end, problem: 'out-of-range' });
    if (span.start > cursor) problems.push({ offset: cursor, problem: 'gap' });
    if (span.start < cursor) problems.push({ offset: span.start, problem: 'overlap' });
    cursor = Math.max(cursor, span.end);
  }

  if (cursor < length) problems.push({ offset: cursor, problem: 'short' });
  return problems;
}

/** Returns the index of the step with `stepId`, or 0 when the id is unknown. */
export function findStepIndex(scenario: Scenario, stepId: string | undefined): number {
  if (!stepId) return 0;
  const index = scenario.steps.findIndex((step) => step.id === stepId);
  return index < 0 ? 0 : index;
}

export type ParameterValue = string | number | boolean;

export interface ParameterChoice {
  readonly value: string;
  readonly label: string;
}

/** One input of a scenario builder, declared so a form and the URL can both be checked against it. */
export interface ParameterSpec {
  readonly name: string;
  readonly label: string;
  readonly kind: 'number' | 'boolean' | 'choice' | 'hex';
  /** For an optional hex parameter the default is '', meaning "not set". */
  readonly default: ParameterValue;
  /** For 'number': inclusive bounds and the form's step. */
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly unit?: string;
  readonly choices?: readonly (ParameterChoice | string)[];
  /** For 'hex': the exact number of bytes a set value has. */
  readonly byteLength?: number;
  /** One sentence of help text on the setting. */
  readonly description?: string;
  /** The parameter takes effect only while another one has this value; otherwise it keeps its default. */
  readonly onlyWhen?: { readonly name: string; readonly value: ParameterValue };
  /**
   * A value the user types that must stay out of the URL (a private key, say):
   * the player keeps it in memory and a shared link replays the seed instead.
   */
  readonly sensitive?: boolean;
}

export type ParameterValues = Readonly<Record<string, ParameterValue>>;
