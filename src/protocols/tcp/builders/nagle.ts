// Nagle's algorithm against delayed ACKs (RFC 9293 §3.7.4, RFC 1122 §4.2.3.4,
// RFC 5681 §4.2). A request written in two small pieces stalls: the client keeps
// the second piece until an ACK comes, and the server delays that ACK until its
// timer fires. TCP_NODELAY removes the stall.

import type { Scenario } from '../../scenario';
import {
  booleanParameter,
  checkParameters,
  DELAYED_ACK_MS_PARAMETER,
  numberParameter,
  RTT_PARAMETER,
  type ParameterSpec,
} from '../parameters';
import {
  arrivingSegment,
  ascii,
  endpointConfig,
  formatMs,
  scenarioFrom,
  uniqueId,
} from '../scenario-kit';
import type { TcpScenarioDefinition } from '../scenario-definition';
import type { TraceEntry } from '../simulation-types';
import { runSimulation, type SimulationResult } from '../simulator';
import { buildStepsFromTrace, type StepLabel } from '../trace-steps';

const ID = 'nagle';

const PARAMETERS: readonly ParameterSpec[] = [
  { name: 'noDelay', label: 'TCP_NODELAY (Nagle off)', kind: 'boolean', default: false },
  { ...DELAYED_ACK_MS_PARAMETER, label: 'Server delayed-ACK timeout' },
  RTT_PARAMETER,
];

const HEADER = ascii('POST /api HTTP/1.1\r\nHost: example.com\r\nContent-Length: 16\r\n\r\n');
const BODY = ascii('{"action":"buy"}');
const RESPONSE = ascii('HTTP/1.1 204 No Content\r\n\r\n');

function simulate(
  seed: number,
  noDelay: boolean,
  delayedAckMs: number,
  rttMs: number,
): SimulationResult {
  return runSimulation({
    seed,
    client: endpointConfig('client', seed, { noDelay }),
    server: endpointConfig('server', seed, {
      delayedAckMs,
      respond: { afterBytes: HEADER.length + BODY.length, data: RESPONSE },
    }),
    link: { oneWayDelayMs: rttMs / 2, bandwidthBitsPerSecond: 10_000_000 },
    calls: [
      { at: 0, actor: 'client', call: { kind: 'write', data: HEADER } },
      { at: 1, actor: 'client', call: { kind: 'write', data: BODY } },
    ],
    startEstablished: true,
    untilMs: 5000 + 10 * rttMs,
  });
}

/** Returns when the response reaches the client: the arrival of the first server segment with data. */
function responseTime(result: SimulationResult): number {
  for (const segment of result.segments.values()) {
    if (segment.from === 'server' && segment.payload.length > 0 && segment.arrivesAt !== undefined)
      return segment.arrivesAt;
  }
  return NaN;
}

function describer(
  noDelay: boolean,
  otherResponseTime: number,
  delayedAckMs: number,
): (entry: TraceEntry, result: SimulationResult) => StepLabel | undefined {
  const taken = new Set<string>();
  let writes = 0;

  return (entry, result) => {
    const segment = arrivingSegment(entry, result);

    if (entry.cause.kind === 'start') {
      return {
        id: uniqueId('established', taken),
        title: 'Both sides are ESTABLISHED',
        narration: `The client will write a request in two pieces, a ${HEADER.length}-byte header and a ${BODY.length}-byte body, and then wait for the answer. The server answers only once it has the whole request.`,
        reference: 'RFC 9293 §3.7.4',
      };
    }

    if (entry.cause.kind === 'app') {
      writes += 1;
      if (writes === 1) {
        return {
          id: uniqueId('first-write', taken),
          title: 'First write: the header leaves at once',
          narration:
            'Nothing is in flight, so even a small segment may go out: Nagle\u2019s algorithm only delays small segments while earlier data is unacknowledged.',
          reference: 'RFC 9293 §3.7.4',
        };
      }
      const held = entry.notes.some((n) => n.kind === 'nagle-hold');
      return held
        ? {
            id: uniqueId('second-write-held', taken),
            title: 'Second write: Nagle holds the body',
            narration: `The ${BODY.length}-byte body is smaller than one MSS and the header is still unacknowledged, so Nagle\u2019s algorithm keeps it in the send buffer until an ACK arrives.`,
            reference: 'RFC 9293 §3.7.4',
            highlight: ['unsent'],
          }
        : {
            id: uniqueId('second-write-sent', taken),
            title: 'Second write: sent at once',
            narration:
              'With TCP_NODELAY the client skips Nagle\u2019s algorithm, and the body leaves right behind the header.',
            reference: 'RFC 9293 §3.7.4',
          };
    }

    if (
      entry.cause.kind === 'timer' &&
      entry.cause.timer === 'delayed-ack' &&
      entry.actor === 'server' &&
      !taken.has('delayed-ack-fires')
    ) {
      return {
        id: uniqueId('delayed-ack-fires', taken),
        title: 'Server\u2019s delayed-ACK timer fires',
        narration: `After ${formatMs(delayedAckMs)} the server gives up waiting for more data or for a response to carry the ACK, and acknowledges the header on its own. Until now both sides were waiting for each other.`,
        reference: 'RFC 5681 §4.2',
        highlight: ['delayed-ACK timer'],
      };
    }

    if (
      entry.cause.kind === 'timer' &&
      entry.cause.timer === 'delayed-ack' &&
      entry.actor === 'client'
    ) {
      return {
        id: uniqueId('response-acknowledged', taken),
        title: 'Client acknowledges the response',
        narration:
          'The client has nothing more to send, so its own delayed-ACK timer decides when the response is acknowledged. The application already has the response; this ACK only frees the server\u2019s send buffer.',
        reference: 'RFC 5681 §4.2',
      };
    }

    if (!segment) return undefined;

    if (entry.actor === 'server' && entry.notes.some((n) => n.kind === 'delayed-ack-started')) {
      return {
        id: uniqueId('ack-delayed', taken),
        title: 'Server delays its ACK',
        narration: `The server has only part of the request, so it has nothing to send that could carry an ACK. It starts its ${formatMs(delayedAckMs)} delayed-ACK timer.`,
        reference: 'RFC 5681 §4.2',
        highlight: ['delayed-ACK timer'],
      };
    }

    if (
      entry.actor === 'server' &&
      entry.sent.some((id) => (result.segments.get(id)?.payload.length ?? 0) > 0)
    ) {
      return {
        id: uniqueId('response-sent', taken),
        title: 'Server has the whole request and answers',
        narration:
          'The body completes the request. The server\u2019s response carries the ACK, so no separate ACK is needed.',
        reference: 'RFC 9293 §3.8.6.3',
      };
    }

    if (
      entry.actor === 'client' &&
      entry.sent.some((id) => (result.segments.get(id)?.payload.length ?? 0) > 0)
    ) {
      return {
        id: uniqueId('held-data-sent', taken),
        title: 'ACK arrives: the body is released',
        narration:
          'The ACK covers the header, so nothing is unacknowledged any more and Nagle\u2019s algorithm lets the body go.',
        reference: 'RFC 9293 §3.7.4',
      };
    }

    if (entry.actor === 'client' && segment.payload.length > 0) {
      const time = responseTime(result);
      const difference = Math.abs(otherResponseTime - time);
      return {
        id: uniqueId('response-received', taken),
        title: `Response after ${formatMs(time)}`,
        narration: noDelay
          ? `The response arrives ${formatMs(time)} after the first write. With Nagle on, the same request waits for the server's delayed ACK and takes ${formatMs(otherResponseTime)}, ${formatMs(difference)} longer.`
          : `The response arrives ${formatMs(time)} after the first write, ${formatMs(difference)} later than with TCP_NODELAY (${formatMs(otherResponseTime)}): the stall is the delayed-ACK timer. Writing the request in one piece avoids it too.`,
        reference: 'RFC 1122 §4.2.3.4',
      };
    }

    return undefined;
  };
}

export function buildNagle(parameters: Readonly<Record<string, unknown>>, seed: number): Scenario {
  const values = checkParameters(ID, PARAMETERS, parameters);
  const noDelay = booleanParameter(values, 'noDelay');
  const delayedAckMs = numberParameter(values, 'delayedAckMs');
  const rttMs = numberParameter(values, 'rttMs');

  const result = simulate(seed, noDelay, delayedAckMs, rttMs);
  const other = simulate(seed, !noDelay, delayedAckMs, rttMs);

  return scenarioFrom(
    nagleScenario,
    seed,
    buildStepsFromTrace(result, describer(noDelay, responseTime(other), delayedAckMs)),
  );
}

export const nagleScenario: TcpScenarioDefinition = {
  id: ID,
  title: 'Nagle and delayed ACK',
  summary:
    'A request written in two small pieces stalls until the server\u2019s delayed ACK fires; TCP_NODELAY removes the stall.',
  parameters: PARAMETERS,
  build: buildNagle,
};
