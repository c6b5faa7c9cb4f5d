// Turns a simulation trace into scenario steps: each step covers one or more
// trace entries, shows the segments sent or delivered in them with their bytes,
// and the state of both endpoints after the last entry.

import type { ActorState, Computation, NamedValue, Step, StepKind, WireMessage } from '../scenario';
import { encodeTcpSegment, formatFlags } from './header';
import { roundToClock } from './clock';
import { formatCount } from './format';
import { seqDiff } from './sequence';
import type { SimulationResult } from './simulator';
import type { ActorId, EndpointSnapshot, SimSegment, TraceEntry } from './simulation-types';

/** A scenario's title, narration and reference for a step. The builder adds the messages, actors and time. */
export interface StepLabel {
  readonly id: string;
  readonly title: string;
  readonly narration: string;
  readonly reference: string;
  readonly kind?: StepKind;
  readonly highlight?: readonly string[];
  readonly computations?: readonly Computation[];
}

/** Returns a label to close a step at `entry`, or undefined to fold the entry into the next step. */
export type DescribeEntry = (entry: TraceEntry, result: SimulationResult) => StepLabel | undefined;

export const ACTOR_NAMES: Readonly<Record<ActorId, string>> = {
  client: 'Client',
  server: 'Server',
};

/** Formats a sequence number relative to an ISN, as packet analyzers show it. */
export function relative(seq: number, isn: number): number {
  return seqDiff(seq, isn);
}

function peerOf(actor: ActorId): ActorId {
  return actor === 'client' ? 'server' : 'client';
}

/**
 * Returns the sequence number of `segment` relative to its sender's ISN, as labels show it.
 * A RST sent for no connection in reply to a segment without ACK carries SEQ=0 (RFC 9293
 * §3.10.7.1), which lies in no sequence space, so it stays 0. A RST in reply to a segment with
 * ACK takes SEG.ACK, which is in the sender's own space and so is made relative like any other.
 */
function relativeSequenceNumber(segment: SimSegment, result: SimulationResult): number {
  const header = segment.header;
  if (segment.purpose === 'rst-reply' && header.flags.ack) return header.sequenceNumber;
  return relative(header.sequenceNumber, result.iss[segment.from]);
}

/** Formats a Wireshark-style label such as "SYN, ACK seq=0 ack=1" with sequence numbers relative to the ISNs. */
export function segmentLabel(segment: SimSegment, result: SimulationResult): string {
  const header = segment.header;
  const parts = [formatFlags(header.flags), `seq=${relativeSequenceNumber(segment, result)}`];
  if (header.flags.ack)
    parts.push(`ack=${relative(header.acknowledgmentNumber, result.iss[segment.to])}`);
  if (segment.payload.length > 0) parts.push(`len=${segment.payload.length}`);
  if (segment.purpose === 'zero-window-probe') parts.push('(window probe)');
  else if (segment.retransmission) parts.push('(retransmission)');
  return parts.join(' ');
}

export function toWireMessage(
  segment: SimSegment,
  result: SimulationResult,
  fate: WireMessage['fate'],
): WireMessage {
  const from = result.config[segment.from];
  const to = result.config[segment.to];
  const header = segment.header;
  const encoded = encodeTcpSegment(
    header,
    segment.payload,
    { source: from.address, destination: to.address },
    {
      sequenceNumber: sequenceNumberNote(segment, result),
      acknowledgmentNumber: header.flags.ack
        ? `relative ${relative(header.acknowledgmentNumber, result.iss[segment.to])}`
        : 'not used: the ACK flag is clear',
      window: windowNote(segment),
      payload: payloadNote(segment.payload),
    },
  );

  return {
    id: `segment-${segment.id}`,
    from: segment.from,
    to: segment.to,
    label: segmentLabel(segment, result),
    fate,
    fields: encoded.fields,
    bytes: encoded.bytes,
    spans: encoded.spans,
    sentAt: segment.sentAt,
    ...(segment.arrivesAt !== undefined ? { arrivesAt: segment.arrivesAt } : {}),
  };
}

function sequenceNumberNote(segment: SimSegment, result: SimulationResult): string {
  const relativeText = `relative ${relativeSequenceNumber(segment, result)}`;
  if (segment.purpose !== 'rst-reply') return relativeText;
  return segment.header.flags.ack
    ? '0, because the segment answered carried no ACK (RFC 9293 §3.10.7.1)'
    : `${relativeText}, taken from the ACK field of the segment answered (RFC 9293 §3.10.7.1)`;
}

function windowNote(segment: SimSegment): string | undefined {
  const scale = segment.header.options?.find((o) => o.kind === 'window-scale');
  if (segment.header.flags.syn)
    return scale ? 'a SYN window is never scaled (RFC 7323 §2.2)' : undefined;
  return undefined;
}

function payloadNote(payload: Uint8Array): string | undefined {
  if (payload.length === 0) return undefined;
  const printable = payload.every((b) => b === 0x0d || b === 0x0a || (b >= 0x20 && b < 0x7f));
  if (!printable) return undefined;
  const text = new TextDecoder()
    .decode(payload.subarray(0, 48))
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n');
  return payload.length > 48 ? `"${text}…"` : `"${text}"`;
}

function formatBytes(value: number): string {
  return Number.isFinite(value) ? formatCount(Math.round(value), 'byte') : '∞';
}

function formatTimer(deadline: number | undefined, now: number): string | undefined {
  return deadline === undefined
    ? undefined
    : `fires at ${roundToClock(deadline)} ms (in ${Math.round(deadline - now)} ms)`;
}

/**
 * Lists the fields shown beside an endpoint's state. Sequence numbers are relative to the ISNs,
 * and each note gives the absolute value.
 */
export function endpointFields(
  snapshot: EndpointSnapshot,
  peerIss: number,
  time: number,
  mss: number,
): NamedValue[] {
  if (snapshot.state === 'CLOSED' && snapshot.irs === undefined && snapshot.sndNxt === snapshot.iss)
    return [];
  if (snapshot.state === 'LISTEN')
    return [{ name: 'ISS', value: String(snapshot.iss), note: 'chosen when a SYN arrives' }];

  const iss = snapshot.iss;
  const fields: NamedValue[] = [
    {
      name: 'SND.UNA',
      value: String(relative(snapshot.sndUna, iss)),
      note: `absolute ${snapshot.sndUna}`,
    },
    {
      name: 'SND.NXT',
      value: String(relative(snapshot.sndNxt, iss)),
      note: `absolute ${snapshot.sndNxt}`,
    },
    { name: 'SND.WND', value: formatBytes(snapshot.sndWnd) },
  ];
  if (snapshot.irs !== undefined) {
    fields.push({
      name: 'RCV.NXT',
      value: String(relative(snapshot.rcvNxt, peerIss)),
      note: `absolute ${snapshot.rcvNxt}`,
    });
  }
  fields.push(
    { name: 'RCV.WND', value: formatBytes(snapshot.rcvWnd) },
    {
      name: 'cwnd',
      value: formatBytes(snapshot.cwnd),
      note: `${(snapshot.cwnd / mss).toFixed(1)} × MSS`,
    },
    { name: 'ssthresh', value: formatBytes(snapshot.ssthresh) },
    {
      name: 'RTO',
      value: `${Math.round(snapshot.rtoMs)} ms`,
      note:
        snapshot.srttMs === undefined
          ? 'no RTT sample yet'
          : `SRTT ${Math.round(snapshot.srttMs)} ms`,
    },
  );
  if (snapshot.unsentBytes > 0)
    fields.push({ name: 'unsent', value: formatBytes(snapshot.unsentBytes) });
  if (snapshot.unreadBytes > 0)
    fields.push({ name: 'unread', value: formatBytes(snapshot.unreadBytes) });

  const timers: [string, number | undefined][] = [
    ['retransmission timer', snapshot.timers.retransmission],
    ['delayed-ACK timer', snapshot.timers.delayedAck],
    ['TIME-WAIT timer', snapshot.timers.timeWait],
    ['persist timer', snapshot.timers.persist],
  ];
  for (const [name, deadline] of timers) {
    const value = formatTimer(deadline, time);
    if (value) fields.push({ name, value });
  }
  return fields;
}

export function actorStates(entry: TraceEntry, result: SimulationResult): ActorState[] {
  return (['client', 'server'] as const).map((actor) => ({
    actorId: actor,
    headline: entry.snapshots[actor].state,
    fields: endpointFields(
      entry.snapshots[actor],
      result.iss[peerOf(actor)],
      entry.time,
      result.config[actor].mss,
    ),
  }));
}

/** Groups trace entries into steps with `describe`; entries it returns undefined for join the next step. */
export function buildStepsFromTrace(result: SimulationResult, describe: DescribeEntry): Step[] {
  const steps: Step[] = [];
  let group: TraceEntry[] = [];
  let lastGroup: TraceEntry[] = [];
  let lastLabel: StepLabel | undefined;

  for (const entry of result.trace) {
    group.push(entry);
    const label = describe(entry, result);
    if (!label) continue;
    steps.push(buildStep(group, label, result));
    lastGroup = group;
    lastLabel = label;
    group = [];
  }

  // Entries after the last label join the last step, so that no segment goes unshown. The step keeps
  // the time of its labelled entry, because the narration describes that moment.
  if (group.length > 0 && lastLabel) {
    const time = steps[steps.length - 1]!.time;
    steps[steps.length - 1] = { ...buildStep([...lastGroup, ...group], lastLabel, result), time };
  }
  return steps;
}

function defaultKind(label: StepLabel, messages: readonly WireMessage[]): StepKind {
  if (label.computations) return 'computation';
  if (messages.length > 0) return 'message';
  return 'state';
}

function buildStep(group: readonly TraceEntry[], label: StepLabel, result: SimulationResult): Step {
  const last = group[group.length - 1]!;
  const arrivals = new Set(
    group.flatMap((e) => (e.cause.kind === 'arrival' ? [e.cause.segmentId] : [])),
  );
  const ids = [...new Set([...arrivals, ...group.flatMap((e) => e.sent)])].sort((a, b) => a - b);

  const messages = ids.map((id) => {
    const segment = result.segments.get(id)!;
    const fate = segment.fate === 'lost' ? 'lost' : arrivals.has(id) ? 'delivered' : 'in-flight';
    return toWireMessage(segment, result, fate);
  });

  return {
    id: label.id,
    title: label.title,
    kind: label.kind ?? defaultKind(label, messages),
    narration: label.narration,
    actors: actorStates(last, result),
    messages,
    ...(label.computations ? { computations: label.computations } : {}),
    ...(label.highlight ? { highlight: label.highlight } : {}),
    time: last.time,
    reference: label.reference,
  };
}
