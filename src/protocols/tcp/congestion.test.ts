import { describe, expect, it } from 'vitest';
import {
  createCongestionControl,
  initialWindowBytes,
  onDuplicateAck,
  onNewAck,
  onRetransmissionTimeout,
  type CongestionControl,
} from './congestion-control';
import { mathisThroughput, measureThroughput, runCongestionRounds } from './congestion';

// Mathis et al. check points: throughput ≈ (MSS / RTT) · C / √p, in Mbit/s, with
// C = 1.22 (an ACK per segment) and C = 0.87 (delayed ACKs).
const MATHIS_CHECK_POINTS = [
  { mss: 1460, rttMs: 100, loss: 0.01, perSegmentAck: 1.43, delayedAck: 1.01 },
  { mss: 1460, rttMs: 50, loss: 0.001, perSegmentAck: 9.05, delayedAck: 6.4 },
  { mss: 1460, rttMs: 20, loss: 0.0001, perSegmentAck: 71.5, delayedAck: 50.6 },
  { mss: 1200, rttMs: 100, loss: 0.02, perSegmentAck: 0.83, delayedAck: 0.59 },
] as const;

const TOLERANCE = 0.15;
const SMSS = 1460;

function steadyThroughputMbps(
  point: (typeof MATHIS_CHECK_POINTS)[number],
  delayedAcks: boolean,
): number {
  const run = runCongestionRounds({
    algorithm: 'reno',
    mssBytes: point.mss,
    rttMs: point.rttMs,
    bandwidthBitsPerSecond: Infinity,
    loss: { kind: 'periodic', rate: point.loss },
    delayedAcks,
    delayedAckTimeoutMs: 40,
    rounds: 1500,
  });
  // Skip the first third, where the first slow start overshoots and the sawtooth settles.
  return measureThroughput(run, run.durationMs / 3, run.durationMs) / 1e6;
}

describe('Reno against the Mathis model', () => {
  it.each(MATHIS_CHECK_POINTS)('MSS $mss, RTT $rttMs ms, p $loss: ACK per segment', (point) => {
    const measured = steadyThroughputMbps(point, false);
    expect(measured).toBeGreaterThan(point.perSegmentAck * (1 - TOLERANCE));
    expect(measured).toBeLessThan(point.perSegmentAck * (1 + TOLERANCE));
  });

  it.each(MATHIS_CHECK_POINTS)('MSS $mss, RTT $rttMs ms, p $loss: delayed ACKs', (point) => {
    const measured = steadyThroughputMbps(point, true);
    expect(measured).toBeGreaterThan(point.delayedAck * (1 - TOLERANCE));
    expect(measured).toBeLessThan(point.delayedAck * (1 + TOLERANCE));
  });

  it.each(MATHIS_CHECK_POINTS)('formula gives the table figure for MSS $mss, p $loss', (point) => {
    const perSegment = mathisThroughput(point.mss, point.rttMs, point.loss, Math.sqrt(3 / 2)) / 1e6;
    const delayed = mathisThroughput(point.mss, point.rttMs, point.loss, Math.sqrt(3 / 4)) / 1e6;
    expect(perSegment).toBeCloseTo(point.perSegmentAck, 0);
    expect(Math.abs(perSegment / point.perSegmentAck - 1)).toBeLessThan(0.01);
    expect(Math.abs(delayed / point.delayedAck - 1)).toBeLessThan(0.01);
  });
});

describe('runCongestionRounds', () => {
  const config = {
    algorithm: 'newreno' as const,
    mssBytes: SMSS,
    rttMs: 100,
    bandwidthBitsPerSecond: 10e6,
    loss: { kind: 'random' as const, rate: 0.005, seed: 7 },
    delayedAcks: false,
    rounds: 100,
  };

  it('replays the same run for a seed', () => {
    expect(runCongestionRounds(config)).toEqual(runCongestionRounds(config));
  });

  it('samples once per round at least', () => {
    expect(runCongestionRounds(config).samples.length).toBeGreaterThan(100);
  });

  it('stays under the bottleneck rate', () => {
    expect(runCongestionRounds(config).throughputBitsPerSecond).toBeLessThan(10e6);
  });

  it('an outage causes a timeout', () => {
    const run = runCongestionRounds({
      ...config,
      loss: { kind: 'none' },
      outages: [{ startMs: 5000, endMs: 6000 }],
    });
    expect(run.events.some((e) => e.kind === 'timeout' && e.timeMs > 5000)).toBe(true);
  });

  it('timeout sets cwnd to one segment', () => {
    const run = runCongestionRounds({
      ...config,
      loss: { kind: 'none' },
      outages: [{ startMs: 5000, endMs: 6000 }],
    });
    expect(run.events.find((e) => e.kind === 'timeout')?.cwnd).toBe(SMSS);
  });
});

describe('congestion controller', () => {
  const reno = createCongestionControl({ algorithm: 'reno', smss: SMSS });
  const newReno = createCongestionControl({ algorithm: 'newreno', smss: SMSS });

  it.each([
    [536, 10 * 536],
    [1460, 14600],
    [4000, 14600],
    [9000, 18000],
  ])('RFC 6928 initial window for MSS %i is %i', (mss, expected) => {
    expect(initialWindowBytes(mss)).toBe(expected);
  });

  it('starts in slow start with unbounded ssthresh', () => {
    expect(reno.cwnd).toBe(14600);
    expect(reno.ssthresh).toBe(Infinity);
    expect(reno.phase).toBe('slow-start');
  });

  it('slow start adds at most one SMSS per ACK', () => {
    expect(onNewAck(reno, { ackNumber: 2 * SMSS, bytesAcked: 2 * SMSS }).state.cwnd).toBe(
      14600 + SMSS,
    );
  });

  it('congestion avoidance adds SMSS²/cwnd per ACK', () => {
    const state: CongestionControl = {
      ...reno,
      cwnd: 10 * SMSS,
      ssthresh: 5 * SMSS,
      phase: 'congestion-avoidance',
    };
    expect(onNewAck(state, { ackNumber: SMSS, bytesAcked: SMSS }).state.cwnd).toBe(
      10 * SMSS + SMSS / 10,
    );
  });

  function afterDuplicates(
    start: CongestionControl,
    count: number,
  ): { state: CongestionControl; retransmits: number } {
    let state = start;
    let retransmits = 0;
    for (let i = 0; i < count; i++) {
      const outcome = onDuplicateAck(state, {
        ackNumber: 100 * SMSS,
        flightSize: 20 * SMSS,
        highestSent: 120 * SMSS - 1,
      });
      state = outcome.state;
      if (outcome.retransmit) retransmits += 1;
    }
    return { state, retransmits };
  }

  it('two duplicate ACKs do not retransmit', () => {
    expect(afterDuplicates(reno, 2).retransmits).toBe(0);
  });

  it('third duplicate ACK retransmits and halves', () => {
    const { state, retransmits } = afterDuplicates(reno, 3);
    expect(retransmits).toBe(1);
    expect(state.ssthresh).toBe(10 * SMSS);
    expect(state.cwnd).toBe(13 * SMSS);
    expect(state.phase).toBe('fast-recovery');
  });

  it('further duplicates inflate cwnd by SMSS', () => {
    expect(afterDuplicates(reno, 5).state.cwnd).toBe(15 * SMSS);
  });

  it('Reno leaves recovery on any new ACK', () => {
    const { state } = afterDuplicates(reno, 3);
    const outcome = onNewAck(state, { ackNumber: 101 * SMSS, bytesAcked: SMSS });
    expect(outcome.state.phase).toBe('congestion-avoidance');
    expect(outcome.state.cwnd).toBe(10 * SMSS);
  });

  it('NewReno stays in recovery on a partial ACK', () => {
    const { state } = afterDuplicates(newReno, 3);
    const outcome = onNewAck(state, { ackNumber: 101 * SMSS, bytesAcked: SMSS });
    expect(outcome.event).toBe('partial-ack');
    expect(outcome.retransmit).toBe(true);
    expect(outcome.state.phase).toBe('fast-recovery');
  });

  it('NewReno leaves recovery on a full ACK', () => {
    const { state } = afterDuplicates(newReno, 3);
    const outcome = onNewAck(state, { ackNumber: 120 * SMSS, bytesAcked: 20 * SMSS });
    expect(outcome.event).toBe('fast-recovery-exit');
    expect(outcome.state.cwnd).toBe(10 * SMSS);
  });

  it('timeout sets cwnd to one SMSS and halves ssthresh', () => {
    const outcome = onRetransmissionTimeout(reno, {
      flightSize: 20 * SMSS,
      highestSent: 0,
      repeated: false,
    });
    expect(outcome.state.cwnd).toBe(SMSS);
    expect(outcome.state.ssthresh).toBe(10 * SMSS);
  });

  it('repeated timeout keeps ssthresh', () => {
    const first = onRetransmissionTimeout(reno, {
      flightSize: 20 * SMSS,
      highestSent: 0,
      repeated: false,
    }).state;
    expect(
      onRetransmissionTimeout(first, { flightSize: SMSS, highestSent: 0, repeated: true }).state
        .ssthresh,
    ).toBe(10 * SMSS);
  });

  it('ssthresh is at least two segments', () => {
    expect(
      onRetransmissionTimeout(reno, { flightSize: SMSS, highestSent: 0, repeated: false }).state
        .ssthresh,
    ).toBe(2 * SMSS);
  });
});

describe('runCongestionRounds times', () => {
  it('reports events and samples on the 0.1 ms clock', () => {
    const run = runCongestionRounds({
      algorithm: 'newreno',
      mssBytes: SMSS,
      rttMs: 100,
      bandwidthBitsPerSecond: 10e6,
      loss: { kind: 'random', rate: 0.005, seed: 1 },
      delayedAcks: false,
      rounds: 100,
    });
    const times = [...run.events, ...run.samples].map((item) => item.timeMs);
    expect(times.some((time) => !Number.isInteger(time))).toBe(true);
    for (const time of times) expect(Math.round(time * 10) / 10).toBe(time);
  });
});
