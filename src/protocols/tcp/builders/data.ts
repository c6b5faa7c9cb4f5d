// Data transfer with cumulative ACKs (RFC 9293 §3.4, §3.8.6.3) and, when
// turned on, delayed ACKs (RFC 5681 §4.2): at least every second full-sized
// segment is acknowledged, and a lone segment waits for the delayed-ACK timer.

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
  dataSegmentNumber,
  endpointConfig,
  filler,
  findNote,
  formatMs,
  relativeNumbers,
  scenarioFrom,
  sentSegments,
  uniqueId,
} from '../scenario-kit';
import { formatCount } from '../format';
import type { TcpScenarioDefinition } from '../scenario-definition';
import type { TraceEntry } from '../simulation-types';
import { runSimulation, type SimulationResult } from '../simulator';
import { buildStepsFromTrace, type StepLabel } from '../trace-steps';

const ID = 'data';

const PARAMETERS: readonly ParameterSpec[] = [
  { name: 'delayedAck', label: 'Delayed ACKs', kind: 'boolean', default: true },
  DELAYED_ACK_MS_PARAMETER,
  {
    name: 'segments',
    label: 'Full-sized segments to send',
    kind: 'number',
    default: 5,
    min: 1,
    max: 10,
    step: 1,
  },
  RTT_PARAMETER,
];

function describer(
  delayedAck: boolean,
  delayedAckMs: number,
): (entry: TraceEntry, result: SimulationResult) => StepLabel | undefined {
  const taken = new Set<string>();

  return (entry, result) => {
    const mss = result.config.client.mss;
    const cause = entry.cause;
    const server = entry.snapshots.server;
    const client = entry.snapshots.client;

    if (cause.kind === 'start') {
      return {
        id: uniqueId('established', taken),
        title: 'Both sides are ESTABLISHED',
        narration: `The handshake is done and the client has data to send. Its initial window of ${client.cwnd} bytes (${formatCount(client.cwnd / mss, 'segment')}, RFC 6928) and the server's window of ${server.rcvWnd} bytes both allow it to send several segments before the first ACK.`,
        reference: 'RFC 6928 §2',
      };
    }

    if (cause.kind === 'app') {
      const sent = sentSegments(entry, result);
      return {
        id: uniqueId('data-sent', taken),
        title: `Client sends ${sent.length} segment${sent.length === 1 ? '' : 's'}`,
        narration: `The application writes ${sent.reduce((n, s) => n + s.payload.length, 0)} bytes. The client cuts them into segments of at most ${mss} bytes and sends them back to back; each sequence number is the previous one plus the previous payload length.`,
        reference: 'RFC 9293 §3.4',
        highlight: ['Sequence Number'],
      };
    }

    if (cause.kind === 'timer' && cause.timer === 'delayed-ack') {
      return {
        id: uniqueId('delayed-ack-timer', taken),
        title: 'Delayed-ACK timer fires',
        narration: `No second segment arrived within ${delayedAckMs} ms, so the server stops waiting and acknowledges the last segment on its own.`,
        reference: 'RFC 5681 §4.2',
      };
    }

    const segment = arrivingSegment(entry, result);
    if (!segment) return undefined;

    if (entry.actor === 'server') {
      const number = dataSegmentNumber(segment, result);
      const rcvNxt = relativeNumbers(segment, result).seq + segment.payload.length;
      const acked = entry.sent.length > 0;
      if (!acked) {
        return {
          id: uniqueId(`segment-${number}-held`, taken),
          title: `Segment ${number} arrives; ACK delayed`,
          narration: `Segment ${number} arrives in order and RCV.NXT moves to ${rcvNxt}. With delayed ACKs the server waits up to ${delayedAckMs} ms for a second segment, so that one ACK can cover both.`,
          reference: 'RFC 5681 §4.2',
          highlight: ['RCV.NXT', 'delayed-ACK timer'],
        };
      }
      return {
        id: uniqueId(`ack-${rcvNxt}`, taken),
        title: `Server acknowledges up to byte ${rcvNxt}`,
        narration: `Segment ${number} arrives in order and RCV.NXT moves to ${rcvNxt}. The ACK number ${rcvNxt} is cumulative: it says every byte before ${rcvNxt} arrived${delayedAck ? ', and it goes out now because two segments are waiting for an ACK' : ', and without delayed ACKs every segment gets its own ACK'}.`,
        reference: delayedAck ? 'RFC 5681 §4.2' : 'RFC 9293 §3.4',
        highlight: ['Acknowledgment Number'],
      };
    }

    const ack = relativeNumbers(segment, result).ack;
    const rtt = findNote(entry, 'rtt-sample');
    return {
      id: uniqueId(`ack-${ack}-received`, taken),
      title: `Client receives ACK ${ack}`,
      narration: `SND.UNA moves to ${ack}, so the bytes before it leave the retransmission queue. In slow start cwnd grows by at most one MSS per ACK, to ${Math.round(client.cwnd)} bytes${rtt ? `, and the RTT sample of ${formatMs(rtt.rttMs)} updates the RTO to ${formatMs(rtt.rtoMs)}` : ''}.`,
      reference: 'RFC 5681 §3.1',
      highlight: ['SND.UNA', 'cwnd'],
    };
  };
}

export function buildData(parameters: Readonly<Record<string, unknown>>, seed: number): Scenario {
  const values = checkParameters(ID, PARAMETERS, parameters);
  const delayedAck = booleanParameter(values, 'delayedAck');
  const delayedAckMs = numberParameter(values, 'delayedAckMs');
  const rttMs = numberParameter(values, 'rttMs');
  const segments = numberParameter(values, 'segments');
  const receiver = { delayedAck, delayedAckMs };

  const result = runSimulation({
    seed,
    client: endpointConfig('client', seed, receiver),
    server: endpointConfig('server', seed, receiver),
    link: { oneWayDelayMs: rttMs / 2, bandwidthBitsPerSecond: 10_000_000 },
    calls: [{ at: 0, actor: 'client', call: { kind: 'write', data: filler(segments * 1460) } }],
    startEstablished: true,
    untilMs: 5000 + 10 * rttMs,
  });

  return scenarioFrom(
    dataScenario,
    seed,
    buildStepsFromTrace(result, describer(delayedAck, delayedAckMs)),
  );
}

export const dataScenario: TcpScenarioDefinition = {
  id: ID,
  title: 'Data and cumulative ACKs',
  summary:
    'The client sends several segments; each ACK names the next byte the server expects, which covers everything before it.',
  parameters: PARAMETERS,
  build: buildData,
};
