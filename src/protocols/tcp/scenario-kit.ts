// Shared pieces of the TCP scenarios: the documentation addresses, endpoint
// defaults, id helpers and a few formatters for narration.

import type { Actor, Scenario, Step } from '../scenario';
import { createSeededRandom } from '../seeded-random';
import type {
  ActorId,
  EndpointConfig,
  SimSegment,
  TraceEntry,
  TraceNote,
} from './simulation-types';
import type { SimulationResult } from './simulator';
import { relative } from './trace-steps';

/** RFC 5737 documentation addresses (TEST-NET-1 and TEST-NET-2); the simulation never sends anything. */
export const CLIENT_ADDRESS = '192.0.2.10';
export const SERVER_ADDRESS = '198.51.100.20';
export const SERVER_PORT = 80;

/** The seed the lab starts from, so that every first visit shows the same numbers. */
export const TEACHING_SEED = 1;

export const TCP_ACTORS: readonly Actor[] = [
  { id: 'client', name: 'Client' },
  { id: 'server', name: 'Server' },
];

/** Draws the client's ephemeral port from the IANA dynamic range 49152–65535 (RFC 6335 §6). */
export function ephemeralPort(seed: number): number {
  return createSeededRandom(seed, 'tcp-client-port').nextInt(49152, 65535);
}

export function endpointConfig(
  actor: ActorId,
  seed: number,
  overrides: Partial<EndpointConfig> = {},
): EndpointConfig {
  return {
    address: actor === 'client' ? CLIENT_ADDRESS : SERVER_ADDRESS,
    port: actor === 'client' ? ephemeralPort(seed) : SERVER_PORT,
    mss: 1460,
    sackPermitted: false,
    timestamps: false,
    receiveBufferBytes: 65535,
    delayedAck: true,
    delayedAckMs: 200,
    noDelay: false,
    autoRead: true,
    algorithm: 'newreno',
    mslMs: 30_000,
    ...overrides,
  };
}

/** Returns the text of `text` as bytes, for requests and responses in the scenarios. */
export function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Returns `length` bytes of readable filler ("abc…z" repeated), so payload bytes stay printable. */
export function filler(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => 0x61 + (i % 26));
}

export const HTTP_REQUEST = ascii('GET / HTTP/1.1\r\nHost: example.com\r\n\r\n');

/** Reserves a step id: `base`, with the actor in front or a numeric suffix when another step took it. */
export function uniqueId(base: string, taken: Set<string>, actor?: ActorId): string {
  let id = base;
  if (taken.has(id) && actor) id = `${actor}-${base}`;
  let suffix = 2;
  while (taken.has(id)) {
    id = `${base}-${suffix}`;
    suffix += 1;
  }
  taken.add(id);
  return id;
}

export function arrivingSegment(
  entry: TraceEntry,
  result: SimulationResult,
): SimSegment | undefined {
  return entry.cause.kind === 'arrival' ? result.segments.get(entry.cause.segmentId) : undefined;
}

/** Returns the first note of `kind` that the simulator attached to `entry`, if any. */
export function findNote<K extends TraceNote['kind']>(
  entry: TraceEntry,
  kind: K,
): Extract<TraceNote, { kind: K }> | undefined {
  return entry.notes.find((n) => n.kind === kind) as Extract<TraceNote, { kind: K }> | undefined;
}

export function sentSegments(entry: TraceEntry, result: SimulationResult): SimSegment[] {
  return entry.sent.map((id) => result.segments.get(id)!);
}

/** Returns the sequence and acknowledgment numbers of a segment relative to the ISNs. */
export function relativeNumbers(
  segment: SimSegment,
  result: SimulationResult,
): { seq: number; ack: number } {
  return {
    seq: relative(segment.header.sequenceNumber, result.iss[segment.from]),
    ack: relative(segment.header.acknowledgmentNumber, result.iss[segment.to]),
  };
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(2))} s`;
  return `${Math.round(ms * 10) / 10} ms`;
}

/** Assembles a scenario from a simulation, with the TCP actors. */
/**
 * Returns the steps with duplicate ids made unique by a suffix (-2, -3, ...). A trace can
 * repeat an event, such as a retransmission when the RTT exceeds the initial RTO, and a
 * deep link needs one id per step.
 */
export function withUniqueStepIds(steps: readonly Step[]): Step[] {
  const seen = new Map<string, number>();
  return steps.map((step) => {
    const count = (seen.get(step.id) ?? 0) + 1;
    seen.set(step.id, count);
    return count === 1 ? step : { ...step, id: `${step.id}-${count}` };
  });
}

export function scenarioFrom(
  definition: { readonly id: string; readonly title: string; readonly summary: string },
  seed: number,
  steps: Scenario['steps'],
): Scenario {
  return {
    id: definition.id,
    title: definition.title,
    summary: definition.summary,
    seed,
    actors: TCP_ACTORS,
    steps: withUniqueStepIds(steps),
  };
}

/** Checks whether the next trace entry happens at the same time and matches `predicate`, so both can share a step. */
export function nextEntryMatches(
  entry: TraceEntry,
  result: SimulationResult,
  predicate: (next: TraceEntry) => boolean,
): boolean {
  const next = result.trace[entry.index + 1];
  return next !== undefined && next.time === entry.time && predicate(next);
}

/** Returns the 1-based number of a data segment, counting MSS-sized segments from the first data byte. */
export function dataSegmentNumber(segment: SimSegment, result: SimulationResult): number {
  const offset = relative(segment.header.sequenceNumber, result.iss[segment.from]) - 1;
  return Math.floor(offset / result.config[segment.from].mss) + 1;
}
