// Fast retransmit and fast recovery (RFC 5681 §3.2, RFC 6582): one data
// segment is lost, each later segment draws a duplicate ACK, and the third
// duplicate ACK makes the client resend the segment without waiting for the RTO.

import type { Scenario } from '../../scenario';
import type { CongestionAlgorithm } from '../congestion-control';
import {
  checkParameters,
  choiceParameter,
  numberParameter,
  RTT_PARAMETER,
  type ParameterSpec,
} from '../parameters';
import {
  arrivingSegment,
  dataSegmentNumber,
  endpointConfig,
  filler,
  findNote,
  formatMs,
  relativeNumbers,
  scenarioFrom,
  uniqueId,
} from '../scenario-kit';
import { formatCount } from '../format';
import type { TcpScenarioDefinition } from '../scenario-definition';
import type { TraceEntry } from '../simulation-types';
import { runSimulation, type SimulationResult } from '../simulator';
import { buildStepsFromTrace, type StepLabel } from '../trace-steps';

const ID = 'fast-retransmit';

const PARAMETERS: readonly ParameterSpec[] = [
  {
    name: 'segments',
    label: 'Segments sent',
    kind: 'number',
    default: 8,
    min: 2,
    max: 10,
    step: 1,
  },
  {
    name: 'lostSegment',
    label: 'Segment lost',
    kind: 'number',
    default: 3,
    min: 1,
    max: 10,
    step: 1,
  },
  {
    name: 'algorithm',
    label: 'Congestion control',
    kind: 'choice',
    default: 'newreno',
    choices: [
      { value: 'reno', label: 'Reno (RFC 5681)' },
      { value: 'newreno', label: 'NewReno (RFC 6582)' },
    ],
  },
  RTT_PARAMETER,
];

function describer(
  lostSegment: number,
): (entry: TraceEntry, result: SimulationResult) => StepLabel | undefined {
  const taken = new Set<string>();
  let outOfOrderShown = false;

  return (entry, result) => {
    const mss = result.config.client.mss;
    const client = entry.snapshots.client;
    const segment = arrivingSegment(entry, result);
    const holeStart = (lostSegment - 1) * mss + 1;

    if (entry.cause.kind === 'start') {
      return {
        id: uniqueId('established', taken),
        title: 'Both sides are ESTABLISHED',
        narration: `The connection is open and the client is about to send a burst of full-sized segments. Segment ${lostSegment}, bytes ${holeStart}–${holeStart + mss - 1}, will be lost.`,
        reference: 'RFC 5681 §3.2',
      };
    }

    if (entry.cause.kind === 'app') {
      return {
        id: uniqueId('data-sent', taken),
        title: `Client sends ${formatCount(entry.sent.length, 'segment')}; one is lost`,
        narration: `The initial window allows all ${entry.sent.length} segments at once. Segment ${lostSegment} is dropped by the network, and nothing tells the client so yet.`,
        reference: 'RFC 6928 §2',
        highlight: ['Sequence Number'],
      };
    }

    if (entry.cause.kind === 'timer' && entry.cause.timer === 'retransmission') {
      return {
        id: uniqueId('timeout', taken),
        title: 'Retransmission timeout',
        narration: `Too few segments followed the lost one to produce three duplicate ACKs, so only the timer can repair the loss: after ${formatMs(client.rtoMs / 2)} the client resends it, sets cwnd to one segment and doubles the RTO.`,
        reference: 'RFC 6298 §5.4–§5.6, RFC 5681 §3.1',
        highlight: ['cwnd', 'ssthresh', 'RTO'],
      };
    }

    if (!segment) return undefined;

    if (entry.actor === 'server') {
      if (findNote(entry, 'out-of-order') && !outOfOrderShown) {
        outOfOrderShown = true;
        return {
          id: uniqueId('out-of-order', taken),
          title: `Segment ${dataSegmentNumber(segment, result)} arrives after a gap`,
          narration: `Bytes from ${holeStart} are missing, so the server buffers this segment and at once repeats ACK ${holeStart}: a duplicate ACK. An out-of-order segment is never held for a delayed ACK.`,
          reference: 'RFC 5681 §4.2',
          highlight: ['Acknowledgment Number'],
        };
      }
      if (findNote(entry, 'gap-filled')) {
        const ack = relativeNumbers(result.segments.get(entry.sent[0]!)!, result).ack;
        return {
          id: uniqueId('gap-filled', taken),
          title: 'The retransmission fills the gap',
          narration: `The resent segment fills the hole, and the buffered segments behind it now count too: one cumulative ACK ${ack} covers everything received so far.`,
          reference: 'RFC 5681 §4.2',
          highlight: ['Acknowledgment Number'],
        };
      }
      return undefined;
    }

    const duplicate = findNote(entry, 'duplicate-ack');
    if (findNote(entry, 'fast-retransmit')) {
      return {
        id: uniqueId('fast-retransmit', taken),
        title: 'Third duplicate ACK: fast retransmit',
        narration: `Three duplicate ACKs mean segments are still arriving, so one was lost rather than the path being down. The client resends segment ${lostSegment} at once, sets ssthresh = max(FlightSize / 2, 2·SMSS) = ${client.ssthresh} bytes and cwnd = ssthresh + 3·SMSS = ${Math.round(client.cwnd)} bytes.`,
        reference: 'RFC 5681 §3.2',
        highlight: ['cwnd', 'ssthresh'],
      };
    }
    if (duplicate && duplicate.count <= 2) {
      return {
        id: uniqueId(`duplicate-ack-${duplicate.count}`, taken),
        title: `Duplicate ACK ${duplicate.count}`,
        narration:
          duplicate.count === 1
            ? `ACK ${holeStart} arrives again. One duplicate ACK can come from segments reordered on the way, so the client only counts it.`
            : `A second duplicate ACK ${holeStart}. The client waits for a third before it concludes that the segment was lost.`,
        reference: 'RFC 5681 §3.2',
        highlight: ['Acknowledgment Number'],
      };
    }
    if (findNote(entry, 'partial-ack')) {
      return {
        id: uniqueId('partial-ack', taken),
        title: 'Partial ACK: NewReno resends the next hole',
        narration:
          'The ACK covers the retransmission but not everything sent before the loss, so another segment is missing. NewReno stays in fast recovery and resends it at once.',
        reference: 'RFC 6582 §3.2',
        highlight: ['cwnd'],
      };
    }
    if (findNote(entry, 'fast-recovery-exit')) {
      return {
        id: uniqueId('recovery-complete', taken),
        title: 'Fast recovery ends',
        narration: `The ACK of new data ends fast recovery: cwnd deflates to ssthresh = ${Math.round(client.cwnd)} bytes, half the flight at the time of the loss, and the client continues in congestion avoidance without ever going back to one segment.`,
        reference: 'RFC 5681 §3.2',
        highlight: ['cwnd', 'ssthresh'],
      };
    }
    return undefined;
  };
}

export function buildFastRetransmit(
  parameters: Readonly<Record<string, unknown>>,
  seed: number,
): Scenario {
  const values = checkParameters(ID, PARAMETERS, parameters);
  const rttMs = numberParameter(values, 'rttMs');
  const segments = numberParameter(values, 'segments');
  const lostSegment = Math.min(numberParameter(values, 'lostSegment'), segments);
  const algorithm = choiceParameter<CongestionAlgorithm>(values, 'algorithm');
  let lost = false;

  const result = runSimulation({
    seed,
    client: endpointConfig('client', seed, { algorithm }),
    server: endpointConfig('server', seed),
    link: {
      oneWayDelayMs: rttMs / 2,
      bandwidthBitsPerSecond: 10_000_000,
      lose: (segment) => {
        if (lost || segment.from !== 'client' || segment.purpose !== 'data') return false;
        lost = segment.indexFromSender === lostSegment;
        return lost;
      },
    },
    calls: [{ at: 0, actor: 'client', call: { kind: 'write', data: filler(segments * 1460) } }],
    startEstablished: true,
    untilMs: 10_000 + 20 * rttMs,
  });

  return scenarioFrom(
    fastRetransmitScenario,
    seed,
    buildStepsFromTrace(result, describer(lostSegment)),
  );
}

export const fastRetransmitScenario: TcpScenarioDefinition = {
  id: ID,
  title: 'Fast retransmit',
  summary:
    'A lost segment is repaired after three duplicate ACKs, long before the retransmission timer would fire.',
  parameters: PARAMETERS,
  build: buildFastRetransmit,
};
