// A lost SYN (RFC 6298 §2.1, §5.5, §5.7). With no RTT sample the timer starts at
// 1 s and doubles on each expiry, so the SYNs go out at 0, 1, 3, 7 s and so on.
// After the handshake the RTO restarts at 3 s, and Karn's rule forbids an RTT
// sample from the retransmitted SYN.

import type { Scenario } from '../../scenario';
import { checkParameters, numberParameter, RTT_PARAMETER, type ParameterSpec } from '../parameters';
import { endpointConfig, formatMs, scenarioFrom, sentSegments, uniqueId } from '../scenario-kit';
import type { TcpScenarioDefinition } from '../scenario-definition';
import type { TraceEntry } from '../simulation-types';
import { runSimulation, type SimulationResult } from '../simulator';
import { buildStepsFromTrace, type StepLabel } from '../trace-steps';

const ID = 'syn-loss';

const PARAMETERS: readonly ParameterSpec[] = [
  {
    name: 'lostSyns',
    label: 'SYNs lost before one gets through',
    kind: 'number',
    default: 3,
    min: 1,
    max: 6,
    step: 1,
  },
  RTT_PARAMETER,
];

function describer(): (entry: TraceEntry, result: SimulationResult) => StepLabel | undefined {
  const taken = new Set<string>();
  let retransmissions = 0;

  return (entry, result) => {
    const transition = entry.transitions[0];
    const sent = sentSegments(entry, result)[0];
    const fate = sent?.fate === 'lost' ? 'This SYN is lost on the way.' : 'This SYN gets through.';

    if (transition?.to === 'LISTEN') return undefined;

    if (transition?.to === 'SYN-SENT') {
      return {
        id: uniqueId('syn-sent', taken),
        title: 'Client sends SYN; it is lost',
        narration: `The client sends its SYN and starts the retransmission timer at the initial RTO of ${formatMs(entry.snapshots.client.rtoMs)}, because it has no RTT sample yet. ${fate}`,
        reference: 'RFC 6298 §2.1',
        highlight: ['retransmission timer'],
      };
    }

    if (
      entry.cause.kind === 'timer' &&
      entry.cause.timer === 'retransmission' &&
      entry.actor === 'client'
    ) {
      retransmissions += 1;
      const waited = entry.snapshots.client.rtoMs / 2;
      return {
        id: uniqueId(`syn-retransmitted-${retransmissions}`, taken),
        title: `Timer expires: SYN again after ${formatMs(waited)}`,
        narration: `No SYN, ACK came within ${formatMs(waited)}, so the timer expires: the client resends the SYN with the same ISN and doubles the RTO to ${formatMs(entry.snapshots.client.rtoMs)}. ${fate}`,
        reference: 'RFC 6298 §5.4–§5.5',
        highlight: ['RTO', 'retransmission timer'],
      };
    }

    if (transition?.to === 'SYN-RECEIVED') {
      return {
        id: uniqueId('syn-received', taken),
        title: 'Server answers SYN, ACK',
        narration: `The SYN sent at ${formatMs(result.segments.get(entry.cause.kind === 'arrival' ? entry.cause.segmentId : 0)?.sentAt ?? 0)} finally arrives, and the server answers with SYN, ACK. The server never learns that earlier SYNs were lost.`,
        reference: 'RFC 9293 §3.10.7.2',
      };
    }

    if (transition?.to === 'ESTABLISHED' && entry.actor === 'client') {
      const reset = entry.notes.some((n) => n.kind === 'rto-reset-after-syn-timeout');
      return {
        id: uniqueId('established', taken),
        title: 'Client is ESTABLISHED; RTO set to 3 s',
        narration: `The SYN, ACK arrives ${formatMs(entry.time)} after the first SYN. Karn's rule forbids an RTT sample, because it cannot tell which SYN this answers${reset ? ', and since the SYN timed out the RTO starts data transfer at 3 s' : ''}.`,
        reference: 'RFC 6298 §3, §5.7',
        highlight: ['RTO'],
      };
    }

    if (transition?.to === 'ESTABLISHED' && entry.actor === 'server') {
      return {
        id: uniqueId('server-established', taken),
        title: 'Server is ESTABLISHED',
        narration: `The ACK arrives. The server's SYN, ACK was sent once, so the server does take an RTT sample of ${formatMs(Math.round(entry.snapshots.server.srttMs ?? 0))} from it.`,
        reference: 'RFC 6298 §2.2',
      };
    }

    return undefined;
  };
}

export function buildSynLoss(
  parameters: Readonly<Record<string, unknown>>,
  seed: number,
): Scenario {
  const values = checkParameters(ID, PARAMETERS, parameters);
  const rttMs = numberParameter(values, 'rttMs');
  const lostSyns = numberParameter(values, 'lostSyns');

  const result = runSimulation({
    seed,
    client: endpointConfig('client', seed),
    server: endpointConfig('server', seed),
    link: {
      oneWayDelayMs: rttMs / 2,
      bandwidthBitsPerSecond: Infinity,
      lose: (segment) =>
        segment.from === 'client' &&
        segment.purpose === 'syn' &&
        segment.indexFromSender <= lostSyns,
    },
    calls: [
      { at: 0, actor: 'server', call: { kind: 'listen' } },
      { at: 0, actor: 'client', call: { kind: 'connect' } },
    ],
    untilMs: 2 ** (lostSyns + 1) * 1000 + 10 * rttMs,
  });

  return scenarioFrom(synLossScenario, seed, buildStepsFromTrace(result, describer()));
}

export const synLossScenario: TcpScenarioDefinition = {
  id: ID,
  title: 'Lost SYN and exponential backoff',
  summary:
    'The first SYNs are lost: the client retries after 1 s, 2 s, 4 s …, doubling the retransmission timeout each time.',
  parameters: PARAMETERS,
  build: buildSynLoss,
};
