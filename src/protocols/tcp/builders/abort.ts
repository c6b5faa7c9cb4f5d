// An application abort (RFC 9293 §3.10.5): the client gives up in the middle
// of a response, sends a RST and deletes its TCB. The server's segments still
// in flight reach a port with no connection and draw RSTs of their own.

import type { Scenario } from '../../scenario';
import { checkParameters, numberParameter, RTT_PARAMETER, type ParameterSpec } from '../parameters';
import {
  arrivingSegment,
  endpointConfig,
  filler,
  HTTP_REQUEST,
  scenarioFrom,
  uniqueId,
} from '../scenario-kit';
import type { TcpScenarioDefinition } from '../scenario-definition';
import type { TraceEntry } from '../simulation-types';
import { runSimulation, type SimulationResult } from '../simulator';
import { buildStepsFromTrace, type StepLabel } from '../trace-steps';
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

function isStrayReply(entry: TraceEntry | undefined): boolean {
  const t = entry?.transitions[0];
  return entry?.actor === 'client' && t?.from === 'CLOSED' && t.to === 'CLOSED';
}

function extra(
  entry: TraceEntry,
  result: SimulationResult,
  taken: Set<string>,
): StepLabel | undefined {
  const next = result.trace[entry.index + 1];

  if (entry.cause.kind === 'start') {
    return {
      id: uniqueId('established', taken),
      title: 'Both sides are ESTABLISHED',
      narration:
        'The connection is open. The client is about to send a request and will abort before the whole response has arrived.',
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

  const segment = arrivingSegment(entry, result);
  if (
    segment &&
    entry.actor === 'server' &&
    entry.sent.length > 0 &&
    entry.snapshots.server.state === 'ESTABLISHED'
  ) {
    return {
      id: uniqueId('response-sent', taken),
      title: 'Server sends the response',
      narration: `The request arrives and the server answers with ${entry.sent.length} segments at once, as its initial window allows. The ACK of the request rides on the first of them.`,
      reference: 'RFC 6928 §2',
    };
  }

  if (
    segment &&
    entry.actor === 'client' &&
    next?.cause.kind === 'app' &&
    next.cause.call.kind === 'abort'
  ) {
    return {
      id: uniqueId('response-arriving', taken),
      title: 'The response starts to arrive',
      narration: `The client has received ${entry.snapshots.client.bytesReceived} bytes of the response; more segments are still on the wire.`,
      reference: 'RFC 9293 §3.10.7.4',
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
  const describe = (entry: TraceEntry, sim: SimulationResult): StepLabel | undefined => {
    if (isStrayReply(entry)) {
      if (isStrayReply(sim.trace[entry.index + 1])) return undefined;
      return {
        id: 'rst-replies',
        title: 'Late segments draw RSTs',
        narration:
          'Segments of the response that were already in flight reach the client, which no longer has a TCB for them. Each one is answered with a RST whose sequence number is taken from the segment\u2019s ACK field.',
        reference: 'RFC 9293 §3.10.7.1',
      };
    }
    return byState(entry, sim);
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
