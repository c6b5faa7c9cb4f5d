// Flow control down to a zero window (RFC 9293 §3.8.6.1): the receiving
// application stops reading, the advertised window shrinks to zero, and the
// sender probes on the persist timer until a window update gets through.

import type { Scenario } from '../../scenario';
import {
  booleanParameter,
  checkParameters,
  numberParameter,
  RTT_PARAMETER,
  type ParameterSpec,
} from '../parameters';
import {
  arrivingSegment,
  endpointConfig,
  filler,
  formatMs,
  scenarioFrom,
  uniqueId,
} from '../scenario-kit';
import { formatCount } from '../format';
import type { TcpScenarioDefinition } from '../scenario-definition';
import type { ScheduledCall, TraceEntry } from '../simulation-types';
import { runSimulation, type SimulationResult } from '../simulator';
import { buildStepsFromTrace, type StepLabel } from '../trace-steps';

const ID = 'zero-window';

const PARAMETERS: readonly ParameterSpec[] = [
  {
    name: 'receiveBufferBytes',
    label: 'Server receive buffer',
    kind: 'number',
    default: 4380,
    min: 1460,
    max: 14600,
    step: 1460,
    unit: 'bytes',
  },
  {
    name: 'readAfterMs',
    label: 'Server application reads after',
    kind: 'number',
    default: 2500,
    min: 100,
    max: 20_000,
    step: 100,
    unit: 'ms',
  },
  { name: 'loseWindowUpdate', label: 'Lose the window update', kind: 'boolean', default: true },
  RTT_PARAMETER,
];

function describer(): (entry: TraceEntry, result: SimulationResult) => StepLabel | undefined {
  const taken = new Set<string>();
  let probes = 0;

  return (entry, result) => {
    const client = entry.snapshots.client;
    const server = entry.snapshots.server;
    const segment = arrivingSegment(entry, result);
    const has = (kind: TraceEntry['notes'][number]['kind']): boolean =>
      entry.notes.some((n) => n.kind === kind);

    if (entry.cause.kind === 'start') {
      return {
        id: uniqueId('established', taken),
        title: 'Both sides are ESTABLISHED',
        narration: `The server's application will not read for a while, so received data stays in its ${server.rcvWnd}-byte receive buffer and the window it advertises shrinks with every segment.`,
        reference: 'RFC 9293 §3.8.6',
      };
    }

    if (entry.cause.kind === 'app' && entry.cause.call.kind === 'write') {
      return {
        id: uniqueId('data-sent', taken),
        title: 'Client sends as much as the window allows',
        narration: `The application writes ${client.unsentBytes + entry.sent.length * 1460} bytes, but the server's window is ${client.sndWnd} bytes, so only ${formatCount(entry.sent.length, 'segment')} ${entry.sent.length === 1 ? 'leaves' : 'leave'} and ${client.unsentBytes} bytes wait in the send buffer.`,
        reference: 'RFC 9293 §3.8.6',
        highlight: ['SND.WND', 'unsent'],
      };
    }

    if (entry.cause.kind === 'app' && entry.cause.call.kind === 'read') {
      const lost = entry.sent.some((id) => result.segments.get(id)?.fate === 'lost');
      return {
        id: uniqueId('application-reads', taken),
        title: 'Server application reads: window update',
        narration: `The application reads the buffered data, the window reopens to ${server.rcvWnd} bytes, and the server announces it in a window update.${lost ? ' The update is lost; an ACK is never retransmitted, so without the persist timer both sides would now wait forever.' : ''}`,
        reference: 'RFC 9293 §3.8.6.2.2',
        highlight: ['RCV.WND', 'Window'],
      };
    }

    if (entry.cause.kind === 'timer' && entry.cause.timer === 'persist') {
      probes += 1;
      return {
        id: uniqueId(`probe-${probes}`, taken),
        title: `Persist timer fires: window probe ${probes}`,
        narration: `The client sends a zero-window probe, a segment the server cannot accept, so the server must answer with an ACK that carries its current window. The next probe waits ${formatMs(Math.round(client.timers.persist! - entry.time))}: the interval doubles each time.`,
        reference: 'RFC 9293 §3.8.6.1',
        highlight: ['persist timer'],
      };
    }

    if (!segment || entry.actor !== 'client') return undefined;

    if (has('window-closed') && client.timers.persist === undefined) {
      return {
        id: uniqueId('buffer-full', taken),
        title: 'All data delivered; the buffer is full again',
        narration:
          'The last ACK advertises a window of 0 again, but the client has nothing left to send, so it needs no probe. The window stays closed until the server\u2019s application reads.',
        reference: 'RFC 9293 §3.8.6.1',
        highlight: ['SND.WND', 'Window'],
      };
    }

    if (has('window-closed') || (has('persist-started') && probes === 0)) {
      return {
        id: uniqueId('zero-window', taken),
        title: 'Window is zero: client stops',
        narration: `The ACK advertises a window of 0: the server's buffer is full. The client may send nothing more, so it starts the persist timer at one RTO (${formatMs(client.rtoMs)}) to probe the window later.`,
        reference: 'RFC 9293 §3.8.6.1',
        highlight: ['SND.WND', 'persist timer', 'Window'],
      };
    }

    if (has('window-opened')) {
      return {
        id: uniqueId('window-open', taken),
        title: 'Window reopens: data flows again',
        narration: `The ACK carries a window of ${segment.header.window} bytes. The client stops the persist timer and sends the data that waited.`,
        reference: 'RFC 9293 §3.8.6.1',
        highlight: ['SND.WND', 'Window'],
      };
    }

    if (
      probes === 0 &&
      entry.notes.some((n) => n.kind === 'rtt-sample') &&
      client.sndWnd > 0 &&
      client.unsentBytes > 0
    ) {
      return {
        id: uniqueId('window-shrinks', taken),
        title: 'The window shrinks',
        narration: `The ACK acknowledges data but advertises only ${client.sndWnd} bytes: the unread data fills the server's buffer. Bytes in flight already use that window, so the client waits.`,
        reference: 'RFC 9293 §3.8.6',
        highlight: ['SND.WND', 'Window'],
      };
    }

    return undefined;
  };
}

export function buildZeroWindow(
  parameters: Readonly<Record<string, unknown>>,
  seed: number,
): Scenario {
  const values = checkParameters(ID, PARAMETERS, parameters);
  const rttMs = numberParameter(values, 'rttMs');
  const receiveBufferBytes = numberParameter(values, 'receiveBufferBytes');
  const readAfterMs = numberParameter(values, 'readAfterMs');
  const loseWindowUpdate = booleanParameter(values, 'loseWindowUpdate');

  const calls: ScheduledCall[] = [
    { at: 0, actor: 'client', call: { kind: 'write', data: filler(2 * receiveBufferBytes) } },
    { at: readAfterMs, actor: 'server', call: { kind: 'read', bytes: receiveBufferBytes } },
  ];

  const result = runSimulation({
    seed,
    client: endpointConfig('client', seed),
    server: endpointConfig('server', seed, { receiveBufferBytes, autoRead: false }),
    link: {
      oneWayDelayMs: rttMs / 2,
      bandwidthBitsPerSecond: 10_000_000,
      lose: (segment) => loseWindowUpdate && segment.purpose === 'window-update',
    },
    calls,
    startEstablished: true,
    untilMs: readAfterMs + 70_000,
  });

  return scenarioFrom(zeroWindowScenario, seed, buildStepsFromTrace(result, describer()));
}

export const zeroWindowScenario: TcpScenarioDefinition = {
  id: ID,
  title: 'Zero window and persist timer',
  summary:
    'A receiver that stops reading closes its window to zero; the sender probes on the persist timer until the window reopens.',
  parameters: PARAMETERS,
  build: buildZeroWindow,
};
