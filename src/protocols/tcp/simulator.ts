// The two-endpoint simulator: a client and a server, each running the state
// machine, joined by a link with a one-way delay, a serialization rate and loss
// chosen by rule or by the seed. Application calls are scheduled in advance;
// everything else follows from the protocol. The result is a trace of events.

import { createSeededRandom } from '../seeded-random';
import { roundToClock } from './clock';
import { Endpoint, type EndpointHost } from './endpoint';
import { EventQueue } from './event-queue';
import type {
  ActorId,
  EndpointConfig,
  OutgoingSegment,
  ScheduledCall,
  SimSegment,
  TimerKind,
  TraceCause,
  TraceEntry,
  TraceNote,
  TransitionRecord,
} from './simulation-types';

export interface LinkConfig {
  readonly oneWayDelayMs: number;
  /** Serialization rate of each direction; Infinity sends segments back to back. */
  readonly bandwidthBitsPerSecond: number;
  /** Loses a segment when this returns true; called once per transmission. */
  readonly lose?: (
    segment: OutgoingSegment & { readonly indexFromSender: number; readonly id: number },
  ) => boolean;
  /** Probability that any segment is lost, drawn from the seed. */
  readonly lossRate?: number;
}

export interface SimulationConfig {
  readonly seed: number;
  readonly client: EndpointConfig;
  readonly server: EndpointConfig;
  readonly link: LinkConfig;
  readonly calls: readonly ScheduledCall[];
  /** Starts both endpoints in ESTABLISHED, as after a handshake, instead of CLOSED. */
  readonly startEstablished?: boolean;
  /** Stops the run at this simulated time in ms. */
  readonly untilMs: number;
}

export interface SimulationResult {
  readonly config: SimulationConfig;
  readonly trace: readonly TraceEntry[];
  readonly segments: ReadonlyMap<number, SimSegment>;
  readonly iss: Readonly<Record<ActorId, number>>;
}

type SimEvent =
  | { readonly kind: 'call'; readonly call: ScheduledCall }
  | { readonly kind: 'arrival'; readonly segmentId: number }
  | {
      readonly kind: 'timer';
      readonly actor: ActorId;
      readonly timer: TimerKind;
      readonly generation: number;
    };

/** IPv4 and base TCP header bytes counted with the payload for serialization time; options are left out. */
const HEADER_BYTES = 40;
/** A guard against a configuration that never settles. */
const MAX_EVENTS = 20_000;

/** Draws an initial sequence number for `actor` from the seed (RFC 9293 §3.4.1 requires one that is hard to guess). */
export function drawIss(seed: number, actor: ActorId): number {
  return createSeededRandom(seed, `tcp-iss-${actor}`).nextUint32();
}

/** Runs the simulation until `untilMs` or until nothing is left to happen. */
export function runSimulation(config: SimulationConfig): SimulationResult {
  const queue = new EventQueue<SimEvent>();
  const segments = new Map<number, SimSegment>();
  const trace: TraceEntry[] = [];
  const lossRandom = createSeededRandom(config.seed, 'tcp-link-loss');
  const timerGenerations: Record<ActorId, Partial<Record<TimerKind, number>>> = {
    client: {},
    server: {},
  };
  const sentBy: Record<ActorId, number> = { client: 0, server: 0 };
  const linkFreeAt: Record<ActorId, number> = { client: 0, server: 0 };

  let now = 0;
  let sent: number[] = [];
  let notes: TraceNote[] = [];
  let transitions: TransitionRecord[] = [];

  function transmit(outgoing: OutgoingSegment): void {
    const id = segments.size + 1;
    sentBy[outgoing.from] += 1;
    const indexFromSender = sentBy[outgoing.from];
    const rule = config.link.lose?.({ ...outgoing, id, indexFromSender }) ?? false;
    const random =
      config.link.lossRate !== undefined &&
      config.link.lossRate > 0 &&
      lossRandom.nextFloat() < config.link.lossRate;

    const bytes = HEADER_BYTES + outgoing.payload.length;
    const serializationMs = Number.isFinite(config.link.bandwidthBitsPerSecond)
      ? ((bytes * 8) / config.link.bandwidthBitsPerSecond) * 1000
      : 0;
    const start = Math.max(now, linkFreeAt[outgoing.from]);
    linkFreeAt[outgoing.from] = start + serializationMs;
    const arrivesAt = roundToClock(start + serializationMs + config.link.oneWayDelayMs);

    const lost = rule || random;
    const segment: SimSegment = lost
      ? { ...outgoing, id, indexFromSender, sentAt: now, fate: 'lost' }
      : { ...outgoing, id, indexFromSender, sentAt: now, fate: 'delivered', arrivesAt };
    segments.set(id, segment);
    sent.push(id);
    if (!lost) queue.push(arrivesAt, { kind: 'arrival', segmentId: id });
  }

  function hostFor(actor: ActorId): EndpointHost {
    return {
      get now() {
        return now;
      },
      transmit,
      setTimer(_actor, timer, at) {
        const generation = (timerGenerations[actor][timer] ?? 0) + 1;
        timerGenerations[actor][timer] = generation;
        queue.push(roundToClock(at), { kind: 'timer', actor, timer, generation });
      },
      cancelTimer(_actor, timer) {
        timerGenerations[actor][timer] = (timerGenerations[actor][timer] ?? 0) + 1;
      },
      note(note) {
        notes.push(note);
      },
      transition(record) {
        transitions.push(record);
      },
    };
  }

  const iss = {
    client: config.client.iss ?? drawIss(config.seed, 'client'),
    server: config.server.iss ?? drawIss(config.seed, 'server'),
  };
  const endpoints: Record<ActorId, Endpoint> = {
    client: new Endpoint('client', config.client, iss.client, hostFor('client')),
    server: new Endpoint('server', config.server, iss.server, hostFor('server')),
  };
  endpoints.client.peerPort = config.server.port;
  endpoints.server.peerPort = config.client.port;

  if (config.startEstablished) {
    endpoints.client.establishWith(iss.server, config.server.receiveBufferBytes);
    endpoints.server.establishWith(iss.client, config.client.receiveBufferBytes);
  }

  function record(actor: ActorId, cause: TraceCause): void {
    trace.push({
      index: trace.length,
      time: now,
      actor,
      cause,
      transitions,
      sent,
      notes,
      snapshots: { client: endpoints.client.snapshot(), server: endpoints.server.snapshot() },
    });
    sent = [];
    notes = [];
    transitions = [];
  }

  record('client', { kind: 'start' });
  for (const call of config.calls) queue.push(call.at, { kind: 'call', call });

  for (let handled = 0; handled < MAX_EVENTS; handled++) {
    const next = queue.pop();
    if (!next || next.time > config.untilMs) break;
    now = next.time;
    const event = next.event;

    if (event.kind === 'call') {
      endpoints[event.call.actor].handleCall(event.call.call);
      record(event.call.actor, { kind: 'app', call: event.call.call });
    } else if (event.kind === 'arrival') {
      const segment = segments.get(event.segmentId)!;
      endpoints[segment.to].handleSegment(segment);
      record(segment.to, { kind: 'arrival', segmentId: segment.id });
    } else if (timerGenerations[event.actor][event.timer] === event.generation) {
      endpoints[event.actor].handleTimer(event.timer);
      record(event.actor, { kind: 'timer', timer: event.timer });
    }
  }

  return { config, trace, segments, iss };
}
