// Reno and NewReno congestion control over time (RFC 5681, RFC 6582, RFC 6928),
// built from the bulk-transfer model. The plot shows cwnd and ssthresh with every
// loss, fast retransmit, timeout and exit of slow start marked, and the steps are
// the key moments. An optional one-second outage forces a timeout.

import type { ActorState, PlotEvent, Scenario, ScenarioPlot, Step } from '../../scenario';
import type { CongestionAlgorithm } from '../congestion-control';
import {
  mathisThroughput,
  measureThroughput,
  runCongestionRounds,
  type CongestionRun,
  type CongestionRunEvent,
  type CongestionRunEventKind,
  type LossCause,
} from '../congestion';
import {
  booleanParameter,
  checkParameters,
  choiceParameter,
  numberParameter,
  type ParameterSpec,
} from '../parameters';
import { formatMs, scenarioFrom } from '../scenario-kit';
import { formatCount } from '../format';
import type { TcpScenarioDefinition } from '../scenario-definition';

const ID = 'congestion';
const OUTAGE_MS = 1000;

const PARAMETERS: readonly ParameterSpec[] = [
  {
    name: 'algorithm',
    label: 'Algorithm',
    kind: 'choice',
    default: 'newreno',
    choices: [
      { value: 'reno', label: 'Reno (RFC 5681)' },
      { value: 'newreno', label: 'NewReno (RFC 6582)' },
    ],
  },
  {
    name: 'rttMs',
    label: 'Round-trip time',
    kind: 'number',
    default: 100,
    min: 10,
    max: 1000,
    step: 1,
    unit: 'ms',
  },
  {
    name: 'bandwidthMbps',
    label: 'Bottleneck bandwidth',
    kind: 'number',
    default: 10,
    min: 1,
    max: 1000,
    step: 1,
    unit: 'Mbit/s',
  },
  {
    name: 'lossPercent',
    label: 'Random loss rate',
    kind: 'number',
    default: 0.5,
    min: 0,
    max: 10,
    step: 0.1,
    unit: '%',
  },
  {
    name: 'mss',
    label: 'MSS',
    kind: 'number',
    default: 1460,
    min: 536,
    max: 9000,
    step: 1,
    unit: 'bytes',
  },
  {
    name: 'initialWindow',
    label: 'Initial window',
    kind: 'number',
    default: 10,
    min: 1,
    max: 100,
    step: 1,
    unit: 'segments',
  },
  {
    name: 'durationSeconds',
    label: 'Duration',
    kind: 'number',
    default: 20,
    min: 5,
    max: 60,
    step: 1,
    unit: 's',
  },
  { name: 'outage', label: 'One-second outage halfway', kind: 'boolean', default: true },
];

const EVENT_LABELS: Readonly<Record<CongestionRunEventKind, string>> = {
  loss: 'loss',
  'fast-retransmit': 'fast retransmit',
  'partial-ack': 'partial ACK',
  'fast-recovery-exit': 'fast recovery ends',
  timeout: 'timeout',
  'slow-start-exit': 'slow start ends',
};

const LOSS_CAUSES: Readonly<Record<LossCause, string>> = {
  random: 'by random loss on the path',
  periodic: 'at the fixed loss interval',
  outage: 'during the outage',
  'buffer-overflow': 'because slow start has filled the bottleneck buffer',
};

function segments(bytes: number, mss: number): number {
  return Math.round((bytes / mss) * 100) / 100;
}

function buildPlot(run: CongestionRun, outageAt: number | undefined): ScenarioPlot {
  const mss = run.config.mssBytes;
  const cwnd = run.samples.map((s) => [s.timeMs / 1000, segments(s.cwnd, mss)] as const);
  const ssthresh = run.samples
    .filter((s) => Number.isFinite(s.ssthresh))
    .map((s) => [s.timeMs / 1000, segments(s.ssthresh, mss)] as const);
  const events: PlotEvent[] = run.events.map((e) => ({
    x: e.timeMs / 1000,
    kind: e.kind,
    label:
      e.kind === 'loss' && (e.count ?? 1) > 1 ? `${e.count} segments lost` : EVENT_LABELS[e.kind],
  }));
  if (outageAt !== undefined)
    events.push({ x: outageAt / 1000, kind: 'outage', label: 'link outage starts' });
  events.sort((a, b) => a.x - b.x);

  return {
    title: `cwnd and ssthresh (${run.config.algorithm === 'reno' ? 'Reno' : 'NewReno'})`,
    xLabel: 'time (s)',
    yLabel: 'segments (MSS)',
    series: [
      { name: 'cwnd', unit: 'segments', points: cwnd },
      { name: 'ssthresh', unit: 'segments', points: ssthresh },
    ],
    events,
  };
}

function sampleAt(run: CongestionRun, timeMs: number): CongestionRun['samples'][number] {
  let chosen = run.samples[0]!;
  for (const sample of run.samples) {
    if (sample.timeMs > timeMs) break;
    chosen = sample;
  }
  return chosen;
}

function actorsAt(run: CongestionRun, timeMs: number, event?: CongestionRunEvent): ActorState[] {
  const sample = sampleAt(run, timeMs);
  const mss = run.config.mssBytes;
  const cwnd = event?.cwnd ?? sample.cwnd;
  const ssthresh = event?.ssthresh ?? sample.ssthresh;
  return [
    {
      actorId: 'client',
      headline: 'ESTABLISHED',
      fields: [
        {
          name: 'cwnd',
          value: formatCount(Math.round(cwnd), 'byte'),
          note: `${segments(cwnd, mss)} × MSS`,
        },
        {
          name: 'ssthresh',
          value: Number.isFinite(ssthresh) ? formatCount(Math.round(ssthresh), 'byte') : '∞',
          note: Number.isFinite(ssthresh)
            ? `${segments(ssthresh, mss)} × MSS`
            : 'no congestion seen yet',
        },
        { name: 'phase', value: sample.phase },
        { name: 'RTO', value: formatMs(sample.rtoMs) },
      ],
    },
    {
      actorId: 'server',
      headline: 'ESTABLISHED',
      fields: [
        {
          name: 'delivered',
          value: formatCount(sample.deliveredBytes, 'byte'),
          note: `${formatCount(Math.round(sample.deliveredBytes / mss), 'segment')} in order`,
        },
      ],
    },
  ];
}

interface Moment {
  readonly id: string;
  readonly title: string;
  readonly narration: string;
  readonly reference: string;
  readonly timeMs: number;
  readonly event?: CongestionRunEvent;
  readonly highlight?: readonly string[];
}

function firstEvent(
  run: CongestionRun,
  kind: CongestionRunEventKind,
  after = -1,
): CongestionRunEvent | undefined {
  return run.events.find((e) => e.kind === kind && e.timeMs > after);
}

function keyMoments(run: CongestionRun, outageAt: number | undefined): Moment[] {
  const mss = run.config.mssBytes;
  const moments: Moment[] = [];
  const iw = run.samples[0]!.cwnd;
  const fmt = (bytes: number): string => formatCount(segments(bytes, mss), 'segment');

  moments.push({
    id: 'slow-start',
    title: 'Slow start from the initial window',
    narration: `The sender starts with an initial window of ${fmt(iw)} and adds one MSS for each ACK of new data, so cwnd doubles every round trip while ssthresh is still unbounded.`,
    reference: 'RFC 5681 §3.1, RFC 6928 §2',
    timeMs: 0,
    highlight: ['cwnd'],
  });

  const loss = firstEvent(run, 'loss');
  if (loss) {
    moments.push({
      id: 'first-loss',
      title: 'First loss',
      narration: `${loss.count && loss.count > 1 ? `${loss.count} segments are lost within one round trip` : 'A segment is lost'} ${LOSS_CAUSES[loss.cause ?? 'random']}. The sender learns of it only from the duplicate ACKs that follow, one round trip later.`,
      reference: 'RFC 5681 §3.2',
      timeMs: loss.timeMs,
      event: loss,
    });
  }

  const fastRetransmit = firstEvent(run, 'fast-retransmit');
  if (fastRetransmit) {
    moments.push({
      id: 'fast-retransmit',
      title: 'Fast retransmit: slow start ends',
      narration: `The third duplicate ACK triggers a fast retransmit. ssthresh becomes half the flight, ${fmt(fastRetransmit.ssthresh)}, and cwnd = ssthresh + 3 MSS = ${fmt(fastRetransmit.cwnd)} while the sender is in fast recovery.`,
      reference: 'RFC 5681 §3.2',
      timeMs: fastRetransmit.timeMs,
      event: fastRetransmit,
      highlight: ['cwnd', 'ssthresh'],
    });
  }

  const partial = firstEvent(run, 'partial-ack');
  if (partial) {
    moments.push({
      id: 'partial-ack',
      title: 'Partial ACK',
      narration:
        'The ACK of the retransmission does not cover everything sent before the loss, so another segment of the same window is missing. NewReno resends it at once and stays in fast recovery instead of halving cwnd again.',
      reference: 'RFC 6582 §3.2',
      timeMs: partial.timeMs,
      event: partial,
    });
  }

  const exit = firstEvent(run, 'fast-recovery-exit');
  if (exit) {
    moments.push({
      id: 'fast-recovery-exit',
      title: 'Fast recovery ends',
      narration: `An ACK ${run.config.algorithm === 'newreno' ? 'that covers everything sent before the loss' : 'of new data'} ends fast recovery, and cwnd deflates to ssthresh = ${fmt(exit.cwnd)}: half the window, without a return to slow start.`,
      reference: run.config.algorithm === 'newreno' ? 'RFC 6582 §3.2' : 'RFC 5681 §3.2',
      timeMs: exit.timeMs,
      event: exit,
      highlight: ['cwnd'],
    });

    const avoidanceAt = Math.round(exit.timeMs + 5 * run.config.rttMs);
    const sample = sampleAt(run, avoidanceAt);
    if (sample.phase === 'congestion-avoidance' && avoidanceAt < run.durationMs) {
      moments.push({
        id: 'congestion-avoidance',
        title: 'Congestion avoidance: one MSS per round trip',
        narration: `Above ssthresh each ACK adds MSS·MSS/cwnd, about one MSS per round trip: five round trips later cwnd is ${fmt(sample.cwnd)}. This linear climb and the halving at each loss make the sawtooth.`,
        reference: 'RFC 5681 §3.1',
        timeMs: avoidanceAt,
      });
    }
  }

  if (outageAt !== undefined) {
    moments.push({
      id: 'outage',
      title: 'The link goes down',
      narration: `For ${formatMs(OUTAGE_MS)} every segment is lost. No ACKs come back, so there are no duplicate ACKs either, and only the retransmission timer can notice.`,
      reference: 'RFC 6298 §5',
      timeMs: outageAt,
    });
  }

  const timeout = firstEvent(run, 'timeout', outageAt ?? -1) ?? firstEvent(run, 'timeout');
  if (timeout) {
    moments.push({
      id: 'timeout',
      title: 'Retransmission timeout',
      narration: `The RTO expires: ssthresh becomes half the flight, ${fmt(timeout.ssthresh)}, cwnd drops to one MSS, and the sender goes back to slow start from the first unacknowledged segment. The RTO doubles for the next try.`,
      reference: 'RFC 5681 §3.1, RFC 6298 §5.5',
      timeMs: timeout.timeMs,
      event: timeout,
      highlight: ['cwnd', 'ssthresh', 'RTO'],
    });

    // The exit where cwnd reached ssthresh; an exit recorded beside a fast retransmit was a loss.
    const resumed = run.events.find(
      (e, i) =>
        e.kind === 'slow-start-exit' &&
        e.timeMs > timeout.timeMs &&
        !(run.events[i + 1]?.kind === 'fast-retransmit' && run.events[i + 1]?.timeMs === e.timeMs),
    );
    if (resumed) {
      moments.push({
        id: 'ssthresh-reached',
        title: 'Slow start reaches ssthresh',
        narration: `cwnd reaches ssthresh = ${fmt(resumed.ssthresh)}, the estimate left by the timeout, so growth switches from doubling to one MSS per round trip.`,
        reference: 'RFC 5681 §3.1',
        timeMs: resumed.timeMs,
        event: resumed,
      });
    }
  }

  return moments.sort((a, b) => a.timeMs - b.timeMs);
}

function summaryMoment(
  run: CongestionRun,
  lossRate: number,
  bandwidthBitsPerSecond: number,
): Moment {
  const measured = measureThroughput(run, run.durationMs / 2, run.durationMs);
  const mbps = (bps: number): string => `${(bps / 1e6).toFixed(2)} Mbit/s`;
  const model =
    lossRate > 0
      ? ` The Mathis estimate MSS/RTT · 1.22/√p for ${(lossRate * 100).toFixed(1)}% loss is ${mbps(mathisThroughput(run.config.mssBytes, run.config.rttMs, lossRate, Math.sqrt(1.5)))}, for periodic loss without timeouts.`
      : '';
  return {
    id: 'summary',
    title: 'Throughput',
    narration: `Over the second half of the run the receiver got ${mbps(measured)} in order through a bottleneck of ${mbps(bandwidthBitsPerSecond)} (${run.segmentsLost} of ${run.segmentsSent} segments lost in all).${model}`,
    reference: 'RFC 5681 §3',
    timeMs: run.durationMs,
  };
}

export function buildCongestion(
  parameters: Readonly<Record<string, unknown>>,
  seed: number,
): Scenario {
  const values = checkParameters(ID, PARAMETERS, parameters);
  const algorithm = choiceParameter<CongestionAlgorithm>(values, 'algorithm');
  const rttMs = numberParameter(values, 'rttMs');
  const bandwidthBitsPerSecond = numberParameter(values, 'bandwidthMbps') * 1e6;
  const lossRate = numberParameter(values, 'lossPercent') / 100;
  const durationMs = numberParameter(values, 'durationSeconds') * 1000;
  const outageAt = booleanParameter(values, 'outage') ? Math.round(durationMs / 2) : undefined;

  const run = runCongestionRounds({
    algorithm,
    mssBytes: numberParameter(values, 'mss'),
    rttMs,
    bandwidthBitsPerSecond,
    loss: lossRate > 0 ? { kind: 'random', rate: lossRate, seed } : { kind: 'none' },
    outages: outageAt === undefined ? [] : [{ startMs: outageAt, endMs: outageAt + OUTAGE_MS }],
    delayedAcks: false,
    initialWindowSegments: numberParameter(values, 'initialWindow'),
    rounds: Math.ceil(durationMs / rttMs),
  });

  const moments = [
    ...keyMoments(run, outageAt),
    summaryMoment(run, lossRate, bandwidthBitsPerSecond),
  ];
  const steps: Step[] = moments.map((moment) => ({
    id: moment.id,
    title: moment.title,
    kind: 'state',
    narration: moment.narration,
    actors: actorsAt(run, moment.timeMs, moment.event),
    messages: [],
    time: moment.timeMs,
    reference: moment.reference,
    plotX: moment.timeMs / 1000,
    ...(moment.highlight ? { highlight: moment.highlight } : {}),
  }));

  return { ...scenarioFrom(congestionScenario, seed, steps), plot: buildPlot(run, outageAt) };
}

export const congestionScenario: TcpScenarioDefinition = {
  id: ID,
  title: 'Congestion control',
  summary:
    'Slow start, congestion avoidance, fast recovery and a timeout, plotted as cwnd and ssthresh over time for Reno or NewReno.',
  parameters: PARAMETERS,
  build: buildCongestion,
};
