// A bulk-transfer model of one Reno or NewReno sender (RFC 5681, RFC 6582,
// RFC 6928) over a path with a fixed base RTT, an optional bottleneck with a
// drop-tail buffer, and periodic, random or outage loss. It runs per segment and
// per ACK on simulated time, fast enough to run thousands of RTTs.
// Simplifications: no SACK, no receive-window limit, ACKs are never lost, and
// after a timeout the sender goes back to SND.UNA and resends everything.

import { createSeededRandom } from '../seeded-random';
import {
  createCongestionControl,
  onDuplicateAck,
  onNewAck,
  onRetransmissionTimeout,
  type CongestionAlgorithm,
  type CongestionControl,
  type CongestionEventKind,
  type CongestionPhase,
} from './congestion-control';
import { roundToClock } from './clock';
import { EventQueue } from './event-queue';
import { backOffRto, createRtoEstimator, sampleRtt, type RtoEstimator } from './rto';

export type LossModel =
  | { readonly kind: 'none' }
  /** Every (1/rate)-th transmitted segment is lost, the loss pattern the Mathis model assumes. */
  | { readonly kind: 'periodic'; readonly rate: number }
  | { readonly kind: 'random'; readonly rate: number; readonly seed: number };

export interface CongestionRunConfig {
  readonly algorithm: CongestionAlgorithm;
  readonly mssBytes: number;
  /** Base round-trip time without queueing, in ms. */
  readonly rttMs: number;
  /** Bottleneck rate; Infinity removes the bottleneck. */
  readonly bandwidthBitsPerSecond: number;
  /** Bottleneck buffer; defaults to one bandwidth-delay product. */
  readonly bufferBytes?: number;
  readonly loss: LossModel;
  /** Intervals in ms during which every segment sent is lost. */
  readonly outages?: readonly { readonly startMs: number; readonly endMs: number }[];
  /** RFC 5681 §4.2: ACK every second full-sized segment, or after the delayed-ACK timeout. */
  readonly delayedAcks: boolean;
  readonly delayedAckTimeoutMs?: number;
  /** Defaults to RFC 6928. */
  readonly initialWindowSegments?: number;
  /** Simulated duration in base RTTs. */
  readonly rounds: number;
}

export type CongestionRunEventKind = CongestionEventKind | 'loss';

export type LossCause = 'periodic' | 'random' | 'outage' | 'buffer-overflow';

export interface CongestionRunEvent {
  /** When the event happened, rounded to the 0.1 ms clock; the model itself runs unrounded. */
  readonly timeMs: number;
  readonly kind: CongestionRunEventKind;
  /** cwnd and ssthresh in bytes after the event; ssthresh is Infinity before the first congestion signal. */
  readonly cwnd: number;
  readonly ssthresh: number;
  /** For 'loss': how many segments were lost within one RTT, and why the first of them was. */
  readonly count?: number;
  readonly cause?: LossCause;
  /** The first unacknowledged segment, counted from 0. */
  readonly segment: number;
}

export interface CongestionSample {
  /** Rounded to the 0.1 ms clock, as event times are. */
  readonly timeMs: number;
  readonly cwnd: number;
  readonly ssthresh: number;
  readonly phase: CongestionPhase;
  readonly rtoMs: number;
  /** Bytes delivered in order to the receiver so far. */
  readonly deliveredBytes: number;
}

export interface CongestionRun {
  readonly config: CongestionRunConfig;
  readonly durationMs: number;
  /** One sample per base RTT, plus one before and after each change of cwnd by an event. */
  readonly samples: readonly CongestionSample[];
  readonly events: readonly CongestionRunEvent[];
  readonly deliveredBytes: number;
  readonly segmentsSent: number;
  readonly segmentsLost: number;
  readonly throughputBitsPerSecond: number;
}

type SimEvent =
  | { readonly kind: 'data-arrives'; readonly segment: number }
  | { readonly kind: 'ack-arrives'; readonly ack: number }
  | { readonly kind: 'rto'; readonly generation: number }
  | { readonly kind: 'delayed-ack'; readonly generation: number };

/** Linux's minimum delayed-ACK timeout (TCP_DELACK_MIN); RFC 5681 §4.2 allows up to 500 ms. */
const DEFAULT_DELAYED_ACK_MS = 40;

/** Returns the Mathis et al. estimate MSS / RTT · C / √p in bits per second. */
export function mathisThroughput(
  mssBytes: number,
  rttMs: number,
  lossRate: number,
  c: number,
): number {
  return ((mssBytes * 8) / (rttMs / 1000)) * (c / Math.sqrt(lossRate));
}

/** Returns the throughput in bits per second between two sample times of a run. */
export function measureThroughput(run: CongestionRun, fromMs: number, toMs: number): number {
  const first = run.samples.find((s) => s.timeMs >= fromMs);
  const last = [...run.samples].reverse().find((s) => s.timeMs <= toMs);
  if (!first || !last || last.timeMs <= first.timeMs) return 0;
  return ((last.deliveredBytes - first.deliveredBytes) * 8) / ((last.timeMs - first.timeMs) / 1000);
}

/** Runs one bulk transfer for `config.rounds` base RTTs and records cwnd, ssthresh and every event. */
export function runCongestionRounds(config: CongestionRunConfig): CongestionRun {
  const mss = config.mssBytes;
  const halfRtt = config.rttMs / 2;
  const durationMs = config.rounds * config.rttMs;
  const serializationMs = Number.isFinite(config.bandwidthBitsPerSecond)
    ? ((mss * 8) / config.bandwidthBitsPerSecond) * 1000
    : 0;
  const bufferBytes =
    config.bufferBytes ?? (config.bandwidthBitsPerSecond / 8) * (config.rttMs / 1000);
  const delayedAckMs = config.delayedAckTimeoutMs ?? DEFAULT_DELAYED_ACK_MS;
  const random = config.loss.kind === 'random' ? createLossStream(config.loss.seed) : undefined;
  const periodicInterval =
    config.loss.kind === 'periodic' ? Math.max(1, Math.round(1 / config.loss.rate)) : 0;

  const outages = config.outages ?? [];
  const queue = new EventQueue<SimEvent>();
  const samples: CongestionSample[] = [];
  const events: CongestionRunEvent[] = [];

  let now = 0;
  let cc: CongestionControl = createCongestionControl({
    algorithm: config.algorithm,
    smss: mss,
    initialWindowSegments: config.initialWindowSegments,
  });
  let rto: RtoEstimator = createRtoEstimator();

  // Sender, in segment numbers: SND.UNA, SND.NXT and the highest segment ever sent plus one.
  let sndUna = 0;
  let sndNxt = 0;
  let sndMax = 0;
  // Per-segment send times and retransmission marks, grown as needed; NaN means never sent.
  let sentAt = new Float64Array(1024).fill(NaN);
  let retransmitted = new Uint8Array(1024);
  let rtoGeneration = 0;
  let rtoRunning = false;
  let lastTimedOutSegment = -1;
  let lastRetransmitAt = -Infinity;

  // Receiver.
  let rcvNxt = 0;
  const outOfOrder = new Set<number>();
  let pendingAcks = 0;
  let delayedAckGeneration = 0;
  let delayedAckRunning = false;

  // Link.
  let linkFreeAt = 0;
  let transmissions = 0;
  let lost = 0;
  let lossEventStart = -Infinity;

  function sample(): void {
    samples.push({
      timeMs: roundToClock(now),
      cwnd: cc.cwnd,
      ssthresh: cc.ssthresh,
      phase: cc.phase,
      rtoMs: rto.rto,
      deliveredBytes: rcvNxt * mss,
    });
  }

  function record(kind: CongestionRunEventKind, loss?: { count: number; cause: LossCause }): void {
    events.push({
      timeMs: roundToClock(now),
      kind,
      cwnd: cc.cwnd,
      ssthresh: cc.ssthresh,
      segment: sndUna,
      ...loss,
    });
  }

  function apply(outcome: {
    state: CongestionControl;
    retransmit: boolean;
    event?: CongestionEventKind;
  }): void {
    const leftSlowStart = cc.phase === 'slow-start' && outcome.state.phase !== 'slow-start';
    if (outcome.event) sample();
    cc = outcome.state;
    if (!outcome.event) return;

    // A loss in slow start ends it as well; mark that exit beside the event that caused it.
    if (leftSlowStart && outcome.event !== 'slow-start-exit') record('slow-start-exit');
    record(outcome.event);
    sample();
  }

  function lossCause(): LossCause | undefined {
    transmissions += 1;
    if (outages.some((o) => now >= o.startMs && now < o.endMs)) return 'outage';
    if (periodicInterval > 0)
      return transmissions % periodicInterval === 0 ? 'periodic' : undefined;
    if (random && config.loss.kind === 'random' && random() < config.loss.rate) return 'random';
    return undefined;
  }

  function noteLoss(cause: LossCause): void {
    lost += 1;
    const last = events[events.length - 1];
    if (last && last.kind === 'loss' && now - lossEventStart < config.rttMs) {
      events[events.length - 1] = { ...last, count: (last.count ?? 1) + 1 };
      return;
    }
    lossEventStart = now;
    record('loss', { count: 1, cause });
  }

  function ensureCapacity(segment: number): void {
    if (segment < sentAt.length) return;
    const grownSentAt = new Float64Array(sentAt.length * 2).fill(NaN);
    grownSentAt.set(sentAt);
    sentAt = grownSentAt;
    const grownRetransmitted = new Uint8Array(retransmitted.length * 2);
    grownRetransmitted.set(retransmitted);
    retransmitted = grownRetransmitted;
  }

  function transmit(segment: number): void {
    ensureCapacity(segment);
    if (segment < sndMax) {
      retransmitted[segment] = 1;
      lastRetransmitAt = now;
    }
    sentAt[segment] = now;
    if (!rtoRunning) restartRto();

    const cause = lossCause();
    if (cause) {
      noteLoss(cause);
      return;
    }

    const start = Math.max(now, linkFreeAt);
    const queuedBytes = ((start - now) / 1000) * (config.bandwidthBitsPerSecond / 8);
    if (queuedBytes > bufferBytes) {
      noteLoss('buffer-overflow');
      return;
    }
    linkFreeAt = start + serializationMs;
    queue.push(linkFreeAt + halfRtt, { kind: 'data-arrives', segment });
  }

  // NOTE: RFC 5681 §3.1 caps the data in flight at cwnd. Here a full segment may leave while less than
  // cwnd is in flight, which rounds the window up to whole segments as the fluid Mathis model does.
  // With the strict cap, windows near 10 segments ran about 20% below the Mathis figure.
  function sendAllowed(): void {
    while ((sndNxt - sndUna) * mss < cc.cwnd) {
      transmit(sndNxt);
      sndNxt += 1;
      sndMax = Math.max(sndMax, sndNxt);
    }
  }

  function restartRto(): void {
    rtoGeneration += 1;
    rtoRunning = true;
    queue.push(now + rto.rto, { kind: 'rto', generation: rtoGeneration });
  }

  function stopRto(): void {
    rtoGeneration += 1;
    rtoRunning = false;
  }

  function sendAck(): void {
    pendingAcks = 0;
    delayedAckRunning = false;
    delayedAckGeneration += 1;
    queue.push(now + halfRtt, { kind: 'ack-arrives', ack: rcvNxt });
  }

  function onDataArrives(segment: number): void {
    if (segment < rcvNxt) {
      sendAck();
      return;
    }

    if (segment > rcvNxt) {
      // RFC 5681 §4.2: an out-of-order segment is acknowledged at once, which makes a duplicate ACK.
      outOfOrder.add(segment);
      sendAck();
      return;
    }

    const fillsGap = outOfOrder.size > 0;
    rcvNxt += 1;
    while (outOfOrder.delete(rcvNxt)) rcvNxt += 1;

    // RFC 5681 §4.2: a segment that fills a gap is acknowledged at once as well.
    if (fillsGap || !config.delayedAcks) {
      sendAck();
      return;
    }

    pendingAcks += 1;
    if (pendingAcks >= 2) {
      sendAck();
      return;
    }
    if (!delayedAckRunning) {
      delayedAckRunning = true;
      queue.push(now + delayedAckMs, { kind: 'delayed-ack', generation: delayedAckGeneration });
    }
  }

  function onAckArrives(ack: number): void {
    if (ack > sndUna) {
      // RFC 6298 §3 (Karn): no RTT sample from a retransmitted segment. A segment sent before the
      // latest retransmission may have waited behind the hole, so its ACK gives no sample either.
      const newestSentAt = sentAt[ack - 1]!;
      if (retransmitted[ack - 1] === 0 && newestSentAt >= lastRetransmitAt) {
        rto = sampleRtt(rto, now - newestSentAt);
      }

      const bytesAcked = (ack - sndUna) * mss;
      sndUna = ack;
      if (sndNxt < sndUna) sndNxt = sndUna;
      const outcome = onNewAck(cc, { ackNumber: ack * mss, bytesAcked });
      apply(outcome);
      if (outcome.retransmit) transmit(sndUna);

      // RFC 6298 §5.2–§5.3: stop the timer when everything is acknowledged, else restart it.
      if (sndMax > sndUna) restartRto();
      else stopRto();
    } else if (ack === sndUna && sndMax > sndUna) {
      const outcome = onDuplicateAck(cc, {
        ackNumber: ack * mss,
        flightSize: (sndMax - sndUna) * mss,
        highestSent: sndMax * mss - 1,
      });
      apply(outcome);
      if (outcome.retransmit) transmit(sndUna);
    }

    sendAllowed();
  }

  function onRto(): void {
    rtoRunning = false;
    const repeated = lastTimedOutSegment === sndUna;
    lastTimedOutSegment = sndUna;
    apply(
      onRetransmissionTimeout(cc, {
        flightSize: (sndMax - sndUna) * mss,
        highestSent: sndMax * mss - 1,
        repeated,
      }),
    );
    // RFC 6298 §5.5: back off the timer; the sender then starts again from SND.UNA.
    rto = backOffRto(rto);
    sndNxt = sndUna;
    sendAllowed();
  }

  sample();
  sendAllowed();
  let nextSampleAt = config.rttMs;

  for (;;) {
    const next = queue.pop();
    if (!next || next.time > durationMs) break;

    while (next.time >= nextSampleAt) {
      const eventTime = now;
      now = nextSampleAt;
      sample();
      now = eventTime;
      nextSampleAt += config.rttMs;
    }
    now = next.time;

    const event = next.event;
    if (event.kind === 'data-arrives') onDataArrives(event.segment);
    else if (event.kind === 'ack-arrives') onAckArrives(event.ack);
    else if (event.kind === 'rto' && event.generation === rtoGeneration) onRto();
    else if (
      event.kind === 'delayed-ack' &&
      event.generation === delayedAckGeneration &&
      pendingAcks > 0
    )
      sendAck();
  }

  now = durationMs;
  sample();

  return {
    config,
    durationMs,
    samples,
    events,
    deliveredBytes: rcvNxt * mss,
    segmentsSent: transmissions,
    segmentsLost: lost,
    throughputBitsPerSecond: durationMs > 0 ? (rcvNxt * mss * 8) / (durationMs / 1000) : 0,
  };
}

/**
 * Returns a stream of floats in [0, 1) for per-segment loss draws. Its state comes from
 * createSeededRandom, and mulberry32 makes the draws. Drawing each float from createSeededRandom,
 * one SHA-256 block per eight draws, more than doubled the time of a run in a tsx measurement.
 */
function createLossStream(seed: number): () => number {
  let state = createSeededRandom(seed, 'tcp-congestion-loss').nextUint32();
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
