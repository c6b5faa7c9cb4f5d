import { describe, expect, it } from 'vitest';
import { endpointConfig, filler } from './scenario-kit';
import { seqAdd } from './sequence';
import { runSimulation, type SimulationConfig } from './simulator';
import type { SimSegment } from './simulation-types';

const LINK = { oneWayDelayMs: 25, bandwidthBitsPerSecond: Infinity };

function run(overrides: Partial<SimulationConfig>): ReturnType<typeof runSimulation> {
  return runSimulation({
    seed: 1,
    client: endpointConfig('client', 1),
    server: endpointConfig('server', 1),
    link: LINK,
    calls: [],
    untilMs: 200_000,
    ...overrides,
  });
}

function sent(result: ReturnType<typeof runSimulation>, from: 'client' | 'server'): SimSegment[] {
  return [...result.segments.values()].filter((s) => s.from === from);
}

const HANDSHAKE = [
  { at: 0, actor: 'server', call: { kind: 'listen' } },
  { at: 0, actor: 'client', call: { kind: 'connect' } },
] as const;

describe('simulated handshake', () => {
  const result = run({ calls: [...HANDSHAKE] });
  const [syn, synAck, ack] = [...result.segments.values()];

  it('takes three segments', () => {
    expect(result.segments.size).toBe(3);
  });

  it('SYN, ACK acknowledges ISN + 1', () => {
    expect(synAck?.header.acknowledgmentNumber).toBe(seqAdd(syn!.header.sequenceNumber, 1));
  });

  it('final ACK uses ISN + 1 as its sequence number', () => {
    expect(ack?.header.sequenceNumber).toBe(seqAdd(syn!.header.sequenceNumber, 1));
    expect(ack?.header.acknowledgmentNumber).toBe(seqAdd(synAck!.header.sequenceNumber, 1));
  });

  it('ends ESTABLISHED on both sides', () => {
    const last = result.trace.at(-1)!;
    expect([last.snapshots.client.state, last.snapshots.server.state]).toEqual([
      'ESTABLISHED',
      'ESTABLISHED',
    ]);
  });
});

describe('simulated endpoint rules', () => {
  it('RST to a closed port acknowledges the SYN', () => {
    const result = run({ calls: [{ at: 0, actor: 'client', call: { kind: 'connect' } }] });
    const [syn, rst] = [...result.segments.values()];
    expect(rst?.header.flags).toEqual({ rst: true, ack: true });
    expect(rst?.header.sequenceNumber).toBe(0);
    expect(rst?.header.acknowledgmentNumber).toBe(seqAdd(syn!.header.sequenceNumber, 1));
  });

  it('delayed ACK covers two full segments', () => {
    const result = run({
      startEstablished: true,
      calls: [{ at: 0, actor: 'client', call: { kind: 'write', data: filler(4 * 1460) } }],
    });
    expect(sent(result, 'server')).toHaveLength(2);
  });

  it('without delayed ACKs every segment is acknowledged', () => {
    const result = run({
      startEstablished: true,
      server: endpointConfig('server', 1, { delayedAck: false }),
      calls: [{ at: 0, actor: 'client', call: { kind: 'write', data: filler(4 * 1460) } }],
    });
    expect(sent(result, 'server')).toHaveLength(4);
  });

  it('FIN takes one sequence number', () => {
    const result = run({
      startEstablished: true,
      calls: [{ at: 0, actor: 'client', call: { kind: 'close' } }],
    });
    const fin = sent(result, 'client')[0]!;
    const ack = sent(result, 'server')[0]!;
    expect(ack.header.acknowledgmentNumber).toBe(seqAdd(fin.header.sequenceNumber, 1));
  });

  it('data crosses the sequence number wrap', () => {
    const result = run({
      startEstablished: true,
      client: endpointConfig('client', 1, { iss: 0xffffffff - 1000 }),
      calls: [{ at: 0, actor: 'client', call: { kind: 'write', data: filler(3 * 1460) } }],
    });
    const last = result.trace.at(-1)!;
    expect(last.snapshots.server.bytesReceived).toBe(3 * 1460);
    expect(last.snapshots.client.sndUna).toBe(seqAdd(0xffffffff - 1000, 1 + 3 * 1460));
  });

  it('SYN timeout leaves no RTT sample and an RTO of 3 s', () => {
    const result = run({
      calls: [...HANDSHAKE],
      link: { ...LINK, lose: (s) => s.purpose === 'syn' && s.indexFromSender === 1 },
    });
    const established = result.trace.find(
      (e) => e.actor === 'client' && e.transitions.some((t) => t.to === 'ESTABLISHED'),
    )!;
    expect(established.snapshots.client.srttMs).toBeUndefined();
    expect(established.snapshots.client.rtoMs).toBe(3000);
  });

  it('zero-window probes back off', () => {
    const result = run({
      startEstablished: true,
      server: endpointConfig('server', 1, { receiveBufferBytes: 2920, autoRead: false }),
      calls: [{ at: 0, actor: 'client', call: { kind: 'write', data: filler(4 * 1460) } }],
      untilMs: 20_000,
    });
    const probes = sent(result, 'client').filter((s) => s.purpose === 'zero-window-probe');
    const gaps = probes.slice(1).map((p, i) => Math.round(p.sentAt - probes[i]!.sentAt));
    expect(gaps.slice(0, 3)).toEqual([2000, 4000, 8000]);
  });

  it('Nagle holds a small write behind unacknowledged data', () => {
    const result = run({
      startEstablished: true,
      calls: [
        { at: 0, actor: 'client', call: { kind: 'write', data: filler(100) } },
        { at: 1, actor: 'client', call: { kind: 'write', data: filler(100) } },
      ],
    });
    const data = sent(result, 'client').filter((s) => s.payload.length > 0);
    expect(data[1]!.sentAt).toBeGreaterThan(200);
  });

  it('TCP_NODELAY sends a small write at once', () => {
    const result = run({
      startEstablished: true,
      client: endpointConfig('client', 1, { noDelay: true }),
      calls: [
        { at: 0, actor: 'client', call: { kind: 'write', data: filler(100) } },
        { at: 1, actor: 'client', call: { kind: 'write', data: filler(100) } },
      ],
    });
    const data = sent(result, 'client').filter((s) => s.payload.length > 0);
    expect(data[1]!.sentAt).toBe(1);
  });

  it('a lost segment is retransmitted after the RTO', () => {
    const result = run({
      startEstablished: true,
      link: { ...LINK, lose: (s) => s.purpose === 'data' && s.indexFromSender === 1 },
      calls: [{ at: 0, actor: 'client', call: { kind: 'write', data: filler(100) } }],
    });
    const data = sent(result, 'client').filter((s) => s.payload.length > 0);
    expect(data.map((s) => [s.sentAt, s.retransmission])).toEqual([
      [0, false],
      [1000, true],
    ]);
  });
});
