// The same small request over TCP and over UDP (RFC 768), side by side. TCP
// spends a handshake and a 20-byte header, and UDP an 8-byte header and no
// round trip. When the request is lost, TCP retransmits on its own timer,
// while over UDP the application has to retry.

import type { ActorState, Scenario, Step, WireMessage } from '../../scenario';
import { checkParameters, numberParameter, RTT_PARAMETER, type ParameterSpec } from '../parameters';
import {
  arrivingSegment,
  ascii,
  CLIENT_ADDRESS,
  endpointConfig,
  ephemeralPort,
  formatMs,
  SERVER_ADDRESS,
  withUniqueStepIds,
} from '../scenario-kit';
import type { TcpScenarioDefinition } from '../scenario-definition';
import type { TraceEntry } from '../simulation-types';
import { runSimulation, type SimulationResult } from '../simulator';
import { buildStepsFromTrace, type StepLabel } from '../trace-steps';
import { encodeUdpDatagram, UDP_HEADER_LENGTH } from '../udp-header';

const ID = 'tcp-vs-udp';
const SERVICE_PORT = 8000;
const REQUEST = ascii('TIME?\n');
const RESPONSE = ascii('2026-01-01T12:00:00Z\n');

const PARAMETERS: readonly ParameterSpec[] = [
  {
    name: 'appRetryMs',
    label: 'UDP application retry timeout',
    kind: 'number',
    default: 2000,
    min: 100,
    max: 10_000,
    step: 100,
    unit: 'ms',
  },
  RTT_PARAMETER,
];

const ACTORS = [
  { id: 'client', name: 'TCP client' },
  { id: 'server', name: 'TCP server' },
  { id: 'udp-client', name: 'UDP client' },
  { id: 'udp-server', name: 'UDP server' },
] as const;

interface UdpEvent {
  readonly id: string;
  readonly title: string;
  readonly narration: string;
  readonly time: number;
  readonly messages: readonly WireMessage[];
  readonly clientHeadline: string;
}

/** At the same instant the TCP step comes first. */
const LANE_ORDER = { tcp: 0, udp: 1 } as const;

interface TimedStep {
  readonly step: Step;
  readonly lane: 'tcp' | 'udp';
}

function udpMessage(
  id: string,
  from: 'udp-client' | 'udp-server',
  sentAt: number,
  arrivesAt: number | undefined,
  fate: WireMessage['fate'],
  seed: number,
): WireMessage {
  const clientPort = ephemeralPort(seed);
  const toServer = from === 'udp-client';
  const encoded = encodeUdpDatagram(
    {
      sourcePort: toServer ? clientPort : SERVICE_PORT,
      destinationPort: toServer ? SERVICE_PORT : clientPort,
    },
    toServer ? REQUEST : RESPONSE,
    toServer
      ? { source: CLIENT_ADDRESS, destination: SERVER_ADDRESS }
      : { source: SERVER_ADDRESS, destination: CLIENT_ADDRESS },
  );
  return {
    id,
    from,
    to: toServer ? 'udp-server' : 'udp-client',
    label: toServer ? `UDP request len=${REQUEST.length}` : `UDP response len=${RESPONSE.length}`,
    fate,
    fields: encoded.fields,
    bytes: encoded.bytes,
    spans: encoded.spans,
    sentAt,
    ...(arrivesAt !== undefined ? { arrivesAt } : {}),
  };
}

/** Lists the UDP lane's events: one exchange without loss from `start`, one with a lost request from `lossStart`. */
function udpEvents(
  seed: number,
  rttMs: number,
  start: number,
  lossStart: number,
  appRetryMs: number,
): UdpEvent[] {
  const half = rttMs / 2;
  const retryAt = lossStart + appRetryMs;
  const request = (id: string, at: number, fate: WireMessage['fate']): WireMessage =>
    udpMessage(id, 'udp-client', at, fate === 'lost' ? undefined : at + half, fate, seed);
  const response = (id: string, at: number, fate: WireMessage['fate']): WireMessage =>
    udpMessage(id, 'udp-server', at, at + half, fate, seed);

  return [
    {
      id: 'udp-request-sent',
      title: 'UDP: the request leaves at once',
      narration: `There is no handshake: the first datagram already carries the request, behind an 8-byte header of ports, length and checksum.`,
      time: start,
      messages: [request('udp-1', start, 'in-flight')],
      clientHeadline: 'waiting for a reply',
    },
    {
      id: 'udp-response-sent',
      title: 'UDP: the server answers',
      narration:
        'The server keeps no connection state: it reads the datagram, answers to the source address and port, and forgets it.',
      time: start + half,
      messages: [
        request('udp-1', start, 'delivered'),
        response('udp-2', start + half, 'in-flight'),
      ],
      clientHeadline: 'waiting for a reply',
    },
    {
      id: 'udp-response-received',
      title: `UDP: answer after ${formatMs(rttMs)}`,
      narration: `The response arrives one round trip after the request. Over TCP the same exchange needs two, because of the handshake.`,
      time: start + rttMs,
      messages: [response('udp-2', start + half, 'delivered')],
      clientHeadline: 'reply received',
    },
    {
      id: 'udp-request-lost',
      title: 'UDP: the request is lost',
      narration: `The datagram is dropped. UDP sends no ACKs and keeps no timer, so nothing below the application notices; this application waits ${formatMs(appRetryMs)} before it asks again.`,
      time: lossStart,
      messages: [request('udp-3', lossStart, 'lost')],
      clientHeadline: 'waiting for a reply',
    },
    {
      id: 'udp-application-retry',
      title: 'UDP: the application retries',
      narration: `The application's own timer fires after ${formatMs(appRetryMs)} and it sends the request again. Choosing that timeout, and making the request safe to repeat, is the application's job over UDP.`,
      time: retryAt,
      messages: [request('udp-4', retryAt, 'in-flight')],
      clientHeadline: 'waiting for a reply',
    },
    {
      id: 'udp-retry-answered',
      title: `UDP: answer ${formatMs(appRetryMs + rttMs)} after the first try`,
      narration:
        'The second request gets through and the server answers as before; it never learns that a request was lost.',
      time: retryAt + rttMs,
      messages: [
        request('udp-4', retryAt, 'delivered'),
        response('udp-5', retryAt + half, 'delivered'),
      ],
      clientHeadline: 'reply received',
    },
  ];
}

function tcpDescriber(
  lossStart: number,
): (entry: TraceEntry, result: SimulationResult) => StepLabel | undefined {
  return (entry, result) => {
    const segment = arrivingSegment(entry, result);
    const loss = entry.time >= lossStart;
    const suffix = loss ? '-after-loss' : '';

    if (entry.cause.kind === 'app' && entry.cause.call.kind === 'connect') {
      return {
        id: 'tcp-syn-sent',
        title: 'TCP: SYN first',
        narration:
          'Before any data, TCP opens a connection: the SYN carries no request, only the client\u2019s ISN and options.',
        reference: 'RFC 9293 §3.5',
      };
    }
    if (entry.cause.kind === 'app' && entry.cause.call.kind === 'write' && loss) {
      const lost = entry.sent.some((id) => result.segments.get(id)?.fate === 'lost');
      return {
        id: 'tcp-request-lost',
        title: 'TCP: the request is lost',
        narration: `On an open connection the request goes out in one segment${lost ? ' and is dropped' : ''}. The client keeps it in its retransmission queue and runs the retransmission timer (RTO ${formatMs(entry.snapshots.client.rtoMs)}).`,
        reference: 'RFC 6298 §5.1',
      };
    }
    if (entry.cause.kind === 'timer' && entry.cause.timer === 'retransmission') {
      return {
        id: 'tcp-retransmission',
        title: 'TCP retransmits by itself',
        narration:
          'No ACK came within the RTO, so TCP resends the segment without any help from the application, and doubles the RTO.',
        reference: 'RFC 6298 §5.4–§5.5',
      };
    }
    if (!segment) return undefined;

    if (entry.actor === 'server' && segment.header.flags.syn) {
      return {
        id: 'tcp-syn-received',
        title: 'TCP: SYN, ACK',
        narration:
          'The server answers the SYN with its own SYN, ACK. Half a round trip has passed and no request has been sent yet.',
        reference: 'RFC 9293 §3.5',
      };
    }
    if (entry.actor === 'client' && segment.header.flags.syn) {
      return {
        id: 'tcp-request-sent',
        title: 'TCP: ACK and request',
        narration:
          'After one full round trip the client is ESTABLISHED and sends the request right behind its ACK, in a segment with a 20-byte header.',
        reference: 'RFC 9293 §3.5',
      };
    }
    if (entry.actor === 'server' && segment.payload.length > 0) {
      return {
        id: `tcp-response-sent${suffix}`,
        title: 'TCP: the server answers',
        narration: 'The request arrives in order; the response carries the ACK for it.',
        reference: 'RFC 9293 §3.10.7.4',
      };
    }
    if (entry.actor === 'client' && segment.payload.length > 0) {
      const elapsed = entry.time - (loss ? lossStart : 0);
      return {
        id: `tcp-response-received${suffix}`,
        title: `TCP: answer after ${formatMs(elapsed)}`,
        narration: loss
          ? `The response arrives ${formatMs(elapsed)} after the first try: TCP repaired the loss on its own, after one RTO.`
          : `The response arrives ${formatMs(elapsed)} after connect(): one round trip for the handshake and one for the request.`,
        reference: 'RFC 9293 §3.5',
      };
    }
    return undefined;
  };
}

function tcpSteps(seed: number, rttMs: number, lossStart: number): Step[] {
  const server = endpointConfig('server', seed, {
    port: SERVICE_PORT,
    respond: { afterBytes: REQUEST.length, data: RESPONSE },
  });
  const link = { oneWayDelayMs: rttMs / 2, bandwidthBitsPerSecond: 10_000_000 };

  const fresh = runSimulation({
    seed,
    client: endpointConfig('client', seed),
    server,
    link,
    calls: [
      { at: 0, actor: 'server', call: { kind: 'listen' } },
      { at: 0, actor: 'client', call: { kind: 'connect' } },
      { at: 0, actor: 'client', call: { kind: 'write', data: REQUEST } },
    ],
    untilMs: lossStart - 1,
  });

  let dropped = false;
  const lossy = runSimulation({
    seed,
    client: endpointConfig('client', seed),
    server,
    link: {
      ...link,
      lose: (segment) => {
        if (dropped || segment.from !== 'client' || segment.payload.length === 0) return false;
        dropped = true;
        return true;
      },
    },
    calls: [{ at: lossStart, actor: 'client', call: { kind: 'write', data: REQUEST } }],
    startEstablished: true,
    untilMs: lossStart + 20_000,
  });

  const describe = tcpDescriber(lossStart);
  return [...buildStepsFromTrace(fresh, describe), ...buildStepsFromTrace(lossy, describe)];
}

function udpActorStates(events: readonly UdpEvent[], time: number): ActorState[] {
  const latest = [...events].reverse().find((e) => e.time <= time);
  return [
    {
      actorId: 'udp-client',
      headline: latest?.clientHeadline ?? 'idle',
      fields: [{ name: 'connection state', value: 'none' }],
    },
    {
      actorId: 'udp-server',
      headline: 'bound to a port',
      fields: [{ name: 'connection state', value: 'none' }],
    },
  ];
}

export function buildTcpVsUdp(
  parameters: Readonly<Record<string, unknown>>,
  seed: number,
): Scenario {
  const values = checkParameters(ID, PARAMETERS, parameters);
  const rttMs = numberParameter(values, 'rttMs');
  const appRetryMs = numberParameter(values, 'appRetryMs');
  // The lossy round starts once the first one has surely finished.
  const lossStart = Math.ceil((4 * rttMs + 1000) / 1000) * 1000;

  const udp = udpEvents(seed, rttMs, 0, lossStart, appRetryMs);
  const tcp = tcpSteps(seed, rttMs, lossStart);
  let tcpActors = tcp[0]!.actors;

  const timed: TimedStep[] = [
    ...tcp.map((step) => ({ step, lane: 'tcp' as const })),
    ...udp.map((event) => ({
      lane: 'udp' as const,
      step: {
        id: event.id,
        title: event.title,
        kind: 'message' as const,
        narration: event.narration,
        actors: [],
        messages: event.messages,
        time: event.time,
        reference: 'RFC 768',
      },
    })),
  ].sort(
    (a, b) => (a.step.time ?? 0) - (b.step.time ?? 0) || LANE_ORDER[a.lane] - LANE_ORDER[b.lane],
  );

  const steps: Step[] = timed.map(({ step, lane }) => {
    if (lane === 'tcp') tcpActors = step.actors;
    return { ...step, actors: [...tcpActors, ...udpActorStates(udp, step.time ?? 0)] };
  });

  const firstLossIndex = steps.findIndex((s) => (s.time ?? 0) >= lossStart);
  const tcpRequest = steps
    .find((s) => s.id === 'tcp-request-sent')
    ?.messages.find((m) => m.from === 'client' && m.label.includes('len='));
  steps.splice(
    firstLossIndex,
    0,
    headerComparisonStep(steps[firstLossIndex - 1]!, tcpRequest, seed),
  );

  return {
    id: ID,
    title: tcpVsUdpScenario.title,
    summary: tcpVsUdpScenario.summary,
    seed,
    actors: ACTORS,
    steps: withUniqueStepIds(steps),
  };
}

function headerComparisonStep(
  previous: Step,
  tcpRequest: WireMessage | undefined,
  seed: number,
): Step {
  const udpRequest = udpMessage('udp-1', 'udp-client', 0, undefined, 'delivered', seed);
  return {
    id: 'header-sizes',
    title: 'Headers: 20 bytes against 8',
    kind: 'state',
    narration: `For the same ${REQUEST.length}-byte request TCP spent a handshake and a 20-byte header (more with options), and UDP an ${UDP_HEADER_LENGTH}-byte header and no round trip. What TCP buys with that is ordered delivery and retransmission, as the next steps show.`,
    actors: previous.actors,
    messages: tcpRequest ? [{ ...tcpRequest, fate: 'delivered' }, udpRequest] : [udpRequest],
    time: previous.time,
    reference: 'RFC 768, RFC 9293 §3.1',
    highlight: ['Source Port', 'Destination Port', 'Length', 'Checksum'],
  };
}

export const tcpVsUdpScenario: TcpScenarioDefinition = {
  id: ID,
  title: 'TCP and UDP side by side',
  summary:
    'The same small request over TCP and over UDP: the cost of the handshake and the header, and who repairs a loss.',
  parameters: PARAMETERS,
  build: buildTcpVsUdp,
};
