// The three-way handshake (RFC 9293 §3.5): ISNs from the seed, the options of
// RFC 7323 and RFC 2018 in the SYNs, the seq/ack arithmetic, and the checksum
// of the first SYN over the IPv4 pseudo-header.

import type { Scenario } from '../../scenario';
import { buildChecksumComputation } from '../header';
import {
  booleanParameter,
  checkParameters,
  numberParameter,
  RTT_PARAMETER,
  type ParameterSpec,
} from '../parameters';
import { endpointConfig, findNote, formatMs, scenarioFrom, sentSegments } from '../scenario-kit';
import type { TcpScenarioDefinition } from '../scenario-definition';
import { seqAdd } from '../sequence';
import { runSimulation } from '../simulator';
import { buildStepsFromTrace, toWireMessage, type StepLabel } from '../trace-steps';
import type { TraceEntry } from '../simulation-types';
import type { SimulationResult } from '../simulator';

const ID = 'handshake';

const PARAMETERS: readonly ParameterSpec[] = [
  {
    name: 'mss',
    label: 'MSS announced by both sides',
    kind: 'number',
    default: 1460,
    min: 536,
    max: 9000,
    step: 1,
    unit: 'bytes',
  },
  {
    name: 'windowScale',
    label: 'Window scale shift',
    kind: 'number',
    default: 7,
    min: 0,
    max: 14,
    step: 1,
  },
  { name: 'sackPermitted', label: 'Offer SACK', kind: 'boolean', default: true },
  { name: 'timestamps', label: 'Offer timestamps', kind: 'boolean', default: true },
  RTT_PARAMETER,
];

function optionList(entry: TraceEntry, result: SimulationResult): string {
  const syn = sentSegments(entry, result)[0];
  const names = (syn?.header.options ?? []).flatMap((o) => {
    switch (o.kind) {
      case 'mss':
        return [`MSS ${o.mss}`];
      case 'window-scale':
        return [`window scale ${o.shift}`];
      case 'sack-permitted':
        return ['SACK permitted'];
      case 'timestamps':
        return ['timestamps'];
      default:
        return [];
    }
  });
  return names.join(', ');
}

function describe(entry: TraceEntry, result: SimulationResult): StepLabel | undefined {
  const clientIss = result.iss.client;
  const serverIss = result.iss.server;
  const transition = entry.transitions[0];
  if (!transition) return undefined;

  if (entry.actor === 'server' && transition.to === 'LISTEN') return undefined;

  if (transition.to === 'SYN-SENT') {
    const syn = result.segments.get(entry.sent[0]!)!;
    const message = toWireMessage(syn, result, 'in-flight');
    const addresses = {
      source: result.config.client.address,
      destination: result.config.server.address,
    };
    const computation = buildChecksumComputation(
      'syn-checksum',
      'client',
      message.bytes!,
      addresses,
    );
    return {
      id: 'syn-sent',
      title: 'Client sends SYN',
      kind: 'message',
      narration: `The server is listening on port ${result.config.server.port}. The client picks its initial sequence number ${clientIss} from the seed and sends a SYN with its options (${optionList(entry, result)}); the SYN itself takes one sequence number, so its first data byte will be ${seqAdd(clientIss, 1)}.`,
      reference: 'RFC 9293 §3.4.1, §3.5',
      highlight: ['Sequence Number', 'Flags', 'Checksum'],
      computations: [computation],
    };
  }

  if (transition.to === 'SYN-RECEIVED') {
    return {
      id: 'syn-received',
      title: 'Server answers SYN, ACK',
      narration: `The server records IRS = ${clientIss} and sets RCV.NXT = IRS + 1 = ${seqAdd(clientIss, 1)}, the byte it expects next. Its SYN, ACK carries its own ISN ${serverIss} and acknowledgment ${seqAdd(clientIss, 1)}, and echoes only the options the client offered.`,
      reference: 'RFC 9293 §3.10.7.2',
      highlight: ['Sequence Number', 'Acknowledgment Number'],
    };
  }

  if (transition.to === 'ESTABLISHED' && entry.actor === 'client') {
    const rtt = findNote(entry, 'rtt-sample');
    return {
      id: 'established',
      title: 'Client is ESTABLISHED and sends ACK',
      narration: `The SYN, ACK acknowledges ${seqAdd(clientIss, 1)} = ISN + 1, so SND.UNA < SEG.ACK ≤ SND.NXT holds and the client's SYN is acknowledged. The client sends an ACK with seq ${seqAdd(clientIss, 1)} and ack ${seqAdd(serverIss, 1)}${rtt ? `, and its first RTT sample of ${Math.round(rtt.rttMs)} ms sets the RTO to ${formatMs(rtt.rtoMs)}` : ''}.`,
      reference: 'RFC 9293 §3.10.7.3',
      highlight: ['Acknowledgment Number'],
    };
  }

  if (transition.to === 'ESTABLISHED' && entry.actor === 'server') {
    const mss = Math.min(result.config.client.mss, result.config.server.mss);
    const timestamps = result.config.client.timestamps && result.config.server.timestamps;
    const payload = timestamps
      ? `${mss - 12} payload bytes (the MSS less the 12 bytes of the timestamps option)`
      : `${mss} payload bytes`;
    const scaled =
      result.config.client.windowScale !== undefined &&
      result.config.server.windowScale !== undefined;
    return {
      id: 'server-established',
      title: 'Server is ESTABLISHED',
      narration: `The ACK acknowledges the server's SYN, so both sides are synchronized after three segments and one and a half round trips. Each side now sends at most ${payload} per segment${scaled ? ' and shifts the window fields it reads by the scale the peer announced' : ''}.`,
      reference: 'RFC 9293 §3.10.7.4',
    };
  }

  return undefined;
}

export function buildHandshake(
  parameters: Readonly<Record<string, unknown>>,
  seed: number,
): Scenario {
  const values = checkParameters(ID, PARAMETERS, parameters);
  const rttMs = numberParameter(values, 'rttMs');
  const options = {
    mss: numberParameter(values, 'mss'),
    windowScale: numberParameter(values, 'windowScale'),
    sackPermitted: booleanParameter(values, 'sackPermitted'),
    timestamps: booleanParameter(values, 'timestamps'),
  };

  const result = runSimulation({
    seed,
    client: endpointConfig('client', seed, options),
    server: endpointConfig('server', seed, options),
    link: { oneWayDelayMs: rttMs / 2, bandwidthBitsPerSecond: Infinity },
    calls: [
      { at: 0, actor: 'server', call: { kind: 'listen' } },
      { at: 0, actor: 'client', call: { kind: 'connect' } },
    ],
    untilMs: 10 * rttMs,
  });

  return scenarioFrom(handshakeScenario, seed, buildStepsFromTrace(result, describe));
}

export const handshakeScenario: TcpScenarioDefinition = {
  id: ID,
  title: 'Three-way handshake',
  summary:
    'SYN, SYN-ACK, ACK: each side picks an initial sequence number, and the other acknowledges it plus one.',
  parameters: PARAMETERS,
  build: buildHandshake,
};
