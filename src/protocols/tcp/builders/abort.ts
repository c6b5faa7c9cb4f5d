// An application abort (RFC 9293 §3.10.5): the client gives up in the middle
// of a response, sends a RST and deletes its TCB. The server's segments still
// in flight reach a port with no connection and draw RSTs of their own.

import type { Scenario } from '../../scenario';
import { checkParameters, numberParameter, RTT_PARAMETER, type ParameterSpec } from '../parameters';
import {
  arrivingSegment,
  endpointConfig,
  filler,
  findNote,
  formatMs,
  HTTP_REQUEST,
  scenarioFrom,
  uniqueId,
} from '../scenario-kit';
import { formatCount } from '../format';
import type { TcpScenarioDefinition } from '../scenario-definition';
import type { TraceEntry } from '../simulation-types';
import { runSimulation, type SimulationResult } from '../simulator';
import { buildStepsFromTrace, relative, type StepLabel } from '../trace-steps';
import { describeByState } from './state-steps';

const ID = 'abort';

const PARAMETERS: readonly ParameterSpec[] = [
  {
    name: 'responseSegments',
    label: 'Response size',
    kind: 'number',
    default: 10,
    min: 2,
    max: 10,
    step: 1,
    unit: 'segments',
  },
  {
    name: 'abortAfterMs',
    label: 'Client aborts after',
    kind: 'number',
    default: 55,
    min: 1,
    max: 2000,
    step: 1,
    unit: 'ms',
  },
  RTT_PARAMETER,
];

/** The kind of an entry in the abort run, used to group runs of similar entries into one step. */
type EntryKind =
  /** A response segment or the delayed-ACK timer at the client, before it aborts. */
  | 'response-data'
  /** An ACK from the client that reaches the server before the RST. */
  | 'server-ack'
  /** A segment that reaches the client after it deleted its TCB, so the client replies with a RST. */
  | 'late-segment'
  /** A RST that reaches the server after it deleted its TCB, and is dropped. */
  | 'rst-dropped'
  | 'other';

function classify(entry: TraceEntry | undefined, result: SimulationResult): EntryKind {
  if (!entry) return 'other';
  const transition = entry.transitions[0];
  const segment = arrivingSegment(entry, result);
  const flags = segment?.header.flags;

  if (entry.actor === 'client') {
    if (transition?.from === 'CLOSED' && transition.to === 'CLOSED') return 'late-segment';
    if (entry.snapshots.client.state !== 'ESTABLISHED' || transition) return 'other';
    const delayedAck = entry.cause.kind === 'timer' && entry.cause.timer === 'delayed-ack';
    return delayedAck || (segment?.payload.length ?? 0) > 0 ? 'response-data' : 'other';
  }

  if (!segment || !flags || transition) return 'other';
  if (flags.rst) return entry.snapshots.server.state === 'CLOSED' ? 'rst-dropped' : 'other';
  const pureAck = flags.ack && !flags.syn && !flags.fin && segment.payload.length === 0;
  return pureAck && entry.snapshots.server.state === 'ESTABLISHED' ? 'server-ack' : 'other';
}

/** Kinds that share a step when they follow each other. */
const GROUPS: readonly (readonly EntryKind[])[] = [
  ['response-data'],
  ['server-ack'],
  ['late-segment', 'rst-dropped'],
];

function groupOf(kind: EntryKind): readonly EntryKind[] | undefined {
  return GROUPS.find((group) => group.includes(kind));
}

/** Returns the run of entries of `entry`'s group that ends at `entry`, oldest first. */
function runEndingAt(entry: TraceEntry, result: SimulationResult): TraceEntry[] {
  const group = groupOf(classify(entry, result)) ?? [];
  const run = [entry];
  for (let index = entry.index - 1; index >= 0; index--) {
    const earlier = result.trace[index]!;
    if (!group.includes(classify(earlier, result))) break;
    run.unshift(earlier);
  }
  return run;
}

function responseLength(result: SimulationResult): number {
  return result.config.server.respond?.data.length ?? 0;
}

/** Returns the phrase for when the client aborts: before any of the response, in the middle of it, or after it. */
function abortMoment(result: SimulationResult): string {
  const abort = result.trace.find((e) => e.cause.kind === 'app' && e.cause.call.kind === 'abort');
  const received = abort?.snapshots.client.bytesReceived ?? 0;
  if (received === 0) return 'before any of the response has arrived';
  if (received < responseLength(result)) return 'before the whole response has arrived';
  return 'after the whole response has arrived';
}

function responseLabel(entry: TraceEntry, result: SimulationResult, taken: Set<string>): StepLabel {
  const received = entry.snapshots.client.bytesReceived;
  const partial = received < responseLength(result);
  return {
    id: uniqueId('response-arriving', taken),
    title: partial ? 'The response starts to arrive' : 'The whole response has arrived',
    narration: partial
      ? `The client has received ${formatCount(received, 'byte')} of the response; more segments are still on the wire.`
      : `The whole response, ${formatCount(received, 'byte')}, has reached the client.`,
    reference: 'RFC 9293 §3.10.7.4',
  };
}

/** Returns the start of the sentence that counts the RTT samples among `acks` ACKs. */
function rttSamplesPhrase(samples: number, acks: number): string {
  if (samples === acks) return acks === 1 ? 'It gives an RTT sample' : 'Each gives an RTT sample';
  if (samples === 1) return 'One of them gives an RTT sample';
  return `${samples} of them give RTT samples`;
}

function serverAckLabel(
  entry: TraceEntry,
  result: SimulationResult,
  taken: Set<string>,
): StepLabel {
  const run = runEndingAt(entry, result);
  const server = entry.snapshots.server;
  const samples = run.filter((e) => e.notes.some((note) => note.kind === 'rtt-sample')).length;
  const single = run.length === 1;
  const acks = single ? "The client's ACK reaches" : `The client's ${run.length} ACKs reach`;
  const una = relative(server.sndUna, result.iss.server);
  const sample =
    samples > 0 && server.srttMs !== undefined
      ? ` ${rttSamplesPhrase(samples, run.length)}, so the server's SRTT is now ${Math.round(server.srttMs)} ms.`
      : '';
  return {
    id: uniqueId('acks-received', taken),
    title: 'The client\u2019s ACKs reach the server',
    narration: `${acks} the server: SND.UNA moves to ${una} and cwnd grows to ${formatCount(Math.round(server.cwnd), 'byte')}.${sample}`,
    reference: 'RFC 9293 §3.10.7.4, RFC 5681 §3.1, RFC 6298 §2',
    highlight: ['SND.UNA', 'cwnd', 'RTO'],
  };
}

function lateSegmentsLabel(
  entry: TraceEntry,
  result: SimulationResult,
  taken: Set<string>,
): StepLabel {
  const run = runEndingAt(entry, result);
  const answered = run.some((e) => classify(e, result) === 'late-segment');
  const dropped = run.filter((e) => classify(e, result) === 'rst-dropped').length;
  const reference = 'RFC 9293 §3.10.7.1';

  if (!answered) {
    return {
      id: uniqueId('late-rsts-dropped', taken),
      title: 'Late RSTs are dropped',
      narration: `${dropped === 1 ? 'The RST that the client sent for a late segment reaches' : `The ${dropped} RSTs that the client sent for late segments reach`} the server, which has no TCB left either. A RST is never answered, so the server drops ${dropped === 1 ? 'it' : 'them'}.`,
      reference,
    };
  }
  return {
    id: uniqueId('rst-replies', taken),
    title: 'Late segments draw RSTs',
    narration:
      dropped === 0
        ? 'Segments of the response that were already in flight reach the client, which no longer has a TCB for them. Each one is answered with a RST whose sequence number is taken from the segment\u2019s ACK field.'
        : 'Segments of the response that were already in flight reach the client, which no longer has a TCB and answers each with a RST whose sequence number is taken from the segment\u2019s ACK field. The server has no TCB left either, and a RST is never answered, so it drops those RSTs.',
    reference,
  };
}

function extra(
  entry: TraceEntry,
  result: SimulationResult,
  taken: Set<string>,
): StepLabel | undefined {
  if (entry.cause.kind === 'start') {
    return {
      id: uniqueId('established', taken),
      title: 'Both sides are ESTABLISHED',
      narration: `The connection is open. The client is about to send a request and will abort ${abortMoment(result)}.`,
      reference: 'RFC 9293 §3.10.5',
    };
  }

  if (entry.cause.kind === 'app' && entry.cause.call.kind === 'write') {
    return {
      id: uniqueId('request-sent', taken),
      title: 'Client sends a request',
      narration: 'The client sends a small HTTP request in one segment.',
      reference: 'RFC 9293 §3.10.2',
    };
  }

  const actor = entry.actor;
  if (entry.cause.kind === 'timer' && entry.cause.timer === 'retransmission') {
    // The link in this scenario loses nothing, so a timeout means the RTT reached the RTO.
    return {
      id: uniqueId('retransmission-timeout', taken, actor),
      title: `The ${actor}'s retransmission timer fires`,
      narration: `No ACK came within the RTO of ${formatMs(entry.snapshots[actor].rtoMs / 2)}, so the ${actor} resends its oldest unacknowledged segment and doubles the RTO. Nothing was lost, so this retransmission is spurious: the round trip takes as long as the RTO.`,
      reference: 'RFC 6298 §5.4–5.5',
    };
  }

  if (findNote(entry, 'unacceptable-segment')) {
    return {
      id: uniqueId('duplicate-segment', taken, actor),
      title: `The ${actor} receives bytes it already has`,
      narration: `The retransmitted segment carries bytes that the ${actor} has already received, so it drops them and sends an ACK for RCV.NXT again.`,
      reference: 'RFC 9293 §3.10.7.4',
    };
  }

  const segment = arrivingSegment(entry, result);
  if (
    segment &&
    actor === 'server' &&
    entry.sent.length > 0 &&
    findNote(entry, 'data-received') &&
    entry.snapshots.server.state === 'ESTABLISHED'
  ) {
    return {
      id: uniqueId('response-sent', taken),
      title: 'Server sends the response',
      narration: `The request arrives and the server answers with ${formatCount(entry.sent.length, 'segment')} at once, as its initial window allows. The ACK of the request rides on the first of them.`,
      reference: 'RFC 6928 §2',
    };
  }
  return undefined;
}

export function buildAbort(parameters: Readonly<Record<string, unknown>>, seed: number): Scenario {
  const values = checkParameters(ID, PARAMETERS, parameters);
  const rttMs = numberParameter(values, 'rttMs');
  const response = filler(numberParameter(values, 'responseSegments') * 1460);

  const result = runSimulation({
    seed,
    client: endpointConfig('client', seed),
    server: endpointConfig('server', seed, {
      respond: { afterBytes: HTTP_REQUEST.length, data: response },
    }),
    link: { oneWayDelayMs: rttMs / 2, bandwidthBitsPerSecond: 10_000_000 },
    calls: [
      { at: 0, actor: 'client', call: { kind: 'write', data: HTTP_REQUEST } },
      { at: numberParameter(values, 'abortAfterMs'), actor: 'client', call: { kind: 'abort' } },
    ],
    startEstablished: true,
    untilMs: 5000 + 10 * rttMs,
  });

  const byState = describeByState({ extra, ids: { 'server:ESTABLISHED>CLOSED': 'server-closed' } });
  // Ids of the steps this describer labels itself; state slugs never take these names.
  const taken = new Set<string>();
  const describe = (entry: TraceEntry, sim: SimulationResult): StepLabel | undefined => {
    const kind = classify(entry, sim);
    const group = groupOf(kind);
    if (!group) return byState(entry, sim);
    // A run of similar entries becomes one step, labelled at its last entry.
    if (group.includes(classify(sim.trace[entry.index + 1], sim))) return undefined;
    if (kind === 'response-data') return responseLabel(entry, sim, taken);
    if (kind === 'server-ack') return serverAckLabel(entry, sim, taken);
    return lateSegmentsLabel(entry, sim, taken);
  };

  return scenarioFrom(abortScenario, seed, buildStepsFromTrace(result, describe));
}

export const abortScenario: TcpScenarioDefinition = {
  id: ID,
  title: 'Abort with RST',
  summary:
    'The client aborts in the middle of a response: one RST ends the connection at once, with no FIN exchange and no TIME-WAIT.',
  parameters: PARAMETERS,
  build: buildAbort,
};
