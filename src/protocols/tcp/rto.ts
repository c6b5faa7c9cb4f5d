// The retransmission timer of RFC 6298: SRTT and RTTVAR from RTT samples,
// RTO = SRTT + max(G, 4·RTTVAR) kept within 1 s .. 60 s, doubled on each expiry.
// Samples must follow Karn's rule (none from a retransmitted segment); callers enforce it.

/** RFC 6298 §2.1: the RTO before any sample is taken. */
export const INITIAL_RTO_MS = 1000;
/** RFC 6298 §2.4: a computed RTO below 1 s is rounded up to 1 s. */
export const MIN_RTO_MS = 1000;
/** RFC 6298 §2.5: an upper bound of at least 60 s may be placed on the RTO. */
export const MAX_RTO_MS = 60_000;
/** RFC 6298 §5.7: the RTO after a handshake whose SYN timed out. */
export const RTO_AFTER_SYN_TIMEOUT_MS = 3000;
/** The clock granularity G of RFC 6298 §2; the simulation clock ticks in milliseconds. */
export const CLOCK_GRANULARITY_MS = 1;

const ALPHA = 1 / 8;
const BETA = 1 / 4;
const K = 4;

export interface RtoEstimator {
  readonly srtt?: number;
  readonly rttvar?: number;
  readonly rto: number;
  /** How many times the timer has expired since the last sample. */
  readonly backoffs: number;
}

export function createRtoEstimator(): RtoEstimator {
  return { rto: INITIAL_RTO_MS, backoffs: 0 };
}

function clampRto(rto: number): number {
  return Math.min(MAX_RTO_MS, Math.max(MIN_RTO_MS, rto));
}

/** Folds one RTT sample (ms) into the estimator (RFC 6298 §2.2–§2.3) and clears any backoff. */
export function sampleRtt(estimator: RtoEstimator, rttMs: number): RtoEstimator {
  if (estimator.srtt === undefined || estimator.rttvar === undefined) {
    const srtt = rttMs;
    const rttvar = rttMs / 2;
    return {
      srtt,
      rttvar,
      rto: clampRto(srtt + Math.max(CLOCK_GRANULARITY_MS, K * rttvar)),
      backoffs: 0,
    };
  }

  // RFC 6298 §2.3: RTTVAR is updated with the old SRTT, then SRTT.
  const rttvar = (1 - BETA) * estimator.rttvar + BETA * Math.abs(estimator.srtt - rttMs);
  const srtt = (1 - ALPHA) * estimator.srtt + ALPHA * rttMs;
  return {
    srtt,
    rttvar,
    rto: clampRto(srtt + Math.max(CLOCK_GRANULARITY_MS, K * rttvar)),
    backoffs: 0,
  };
}

/** RFC 6298 §5.5: doubles the RTO after the timer expires, up to the 60 s bound. */
export function backOffRto(estimator: RtoEstimator): RtoEstimator {
  return {
    ...estimator,
    rto: Math.min(MAX_RTO_MS, estimator.rto * 2),
    backoffs: estimator.backoffs + 1,
  };
}
