// Sender-side congestion control: Reno (RFC 5681) and NewReno (RFC 6582) with
// the initial window of RFC 6928. Pure functions from one state to the next,
// driven per ACK, so the bulk-transfer model and the endpoint share the rules.
// Sequence numbers here are byte offsets that do not wrap (callers pass offsets from the ISS).

export type CongestionAlgorithm = 'reno' | 'newreno';
export type CongestionPhase = 'slow-start' | 'congestion-avoidance' | 'fast-recovery';
export type CongestionEventKind =
  'slow-start-exit' | 'fast-retransmit' | 'partial-ack' | 'fast-recovery-exit' | 'timeout';

export interface CongestionControl {
  readonly algorithm: CongestionAlgorithm;
  /** Sender maximum segment size in bytes. */
  readonly smss: number;
  /** Congestion window in bytes; fractional in congestion avoidance. */
  readonly cwnd: number;
  /** Infinity until the first congestion signal (RFC 5681 §3.1: "arbitrarily high"). */
  readonly ssthresh: number;
  readonly phase: CongestionPhase;
  readonly duplicateAcks: number;
  /** RFC 6582 §3.2: the highest byte offset sent when recovery began or the last timeout fired. */
  readonly recover: number;
}

export interface CongestionOutcome {
  readonly state: CongestionControl;
  /** Whether the sender retransmits the first unacknowledged segment now. */
  readonly retransmit: boolean;
  readonly event?: CongestionEventKind;
}

/** RFC 5681 §3.2: the number of duplicate ACKs that triggers a fast retransmit. */
export const DUPLICATE_ACK_THRESHOLD = 3;

/** RFC 6928 §2: IW = min(10·MSS, max(2·MSS, 14600)) bytes. */
export function initialWindowBytes(smss: number): number {
  return Math.min(10 * smss, Math.max(2 * smss, 14600));
}

export function createCongestionControl(options: {
  readonly algorithm: CongestionAlgorithm;
  readonly smss: number;
  /** Overrides RFC 6928 with a window of this many segments. */
  readonly initialWindowSegments?: number;
}): CongestionControl {
  const cwnd =
    options.initialWindowSegments === undefined
      ? initialWindowBytes(options.smss)
      : options.initialWindowSegments * options.smss;

  return {
    algorithm: options.algorithm,
    smss: options.smss,
    cwnd,
    ssthresh: Infinity,
    phase: 'slow-start',
    duplicateAcks: 0,
    // RFC 6582 §3.2 starts `recover` at the ISS; offsets count from the first data byte, so that is −1.
    recover: -1,
  };
}

/** Copies `state` with new values; an explicit literal keeps one object shape, which V8 handles fastest. */
function update(
  state: CongestionControl,
  changes: {
    readonly cwnd?: number;
    readonly ssthresh?: number;
    readonly phase?: CongestionPhase;
    readonly duplicateAcks?: number;
    readonly recover?: number;
  },
): CongestionControl {
  return {
    algorithm: state.algorithm,
    smss: state.smss,
    cwnd: changes.cwnd ?? state.cwnd,
    ssthresh: changes.ssthresh ?? state.ssthresh,
    phase: changes.phase ?? state.phase,
    duplicateAcks: changes.duplicateAcks ?? state.duplicateAcks,
    recover: changes.recover ?? state.recover,
  };
}

/** RFC 5681 §3.1, equation 4: ssthresh = max(FlightSize / 2, 2·SMSS). */
function halvedThreshold(flightSize: number, smss: number): number {
  return Math.max(Math.floor(flightSize / 2), 2 * smss);
}

function growthPhase(cwnd: number, ssthresh: number): CongestionPhase {
  return cwnd < ssthresh ? 'slow-start' : 'congestion-avoidance';
}

/**
 * Applies an ACK that advances SND.UNA. `ackNumber` is the new cumulative ACK offset
 * and `bytesAcked` the data it newly acknowledges.
 */
export function onNewAck(
  state: CongestionControl,
  ack: { readonly ackNumber: number; readonly bytesAcked: number },
): CongestionOutcome {
  if (state.phase === 'fast-recovery') return onNewAckInRecovery(state, ack);

  if (state.cwnd < state.ssthresh) {
    // RFC 5681 §3.1, equation 2: slow start grows cwnd by at most one SMSS per ACK.
    const cwnd = state.cwnd + Math.min(ack.bytesAcked, state.smss);
    const phase = growthPhase(cwnd, state.ssthresh);
    const next = update(state, { cwnd, phase, duplicateAcks: 0 });
    return phase === 'slow-start'
      ? { state: next, retransmit: false }
      : { state: next, retransmit: false, event: 'slow-start-exit' };
  }

  // RFC 5681 §3.1, equation 3: congestion avoidance adds about one SMSS per RTT. The increment is kept
  // as a fraction, because rounding it down to whole bytes slows the growth of large windows.
  const increment = (state.smss * state.smss) / state.cwnd;
  return {
    state: update(state, {
      cwnd: state.cwnd + increment,
      phase: 'congestion-avoidance',
      duplicateAcks: 0,
    }),
    retransmit: false,
  };
}

function onNewAckInRecovery(
  state: CongestionControl,
  ack: { readonly ackNumber: number; readonly bytesAcked: number },
): CongestionOutcome {
  const fullAck = ack.ackNumber > state.recover;

  // RFC 5681 §3.2 step 6: Reno leaves recovery on the first ACK of new data and deflates cwnd to ssthresh.
  // RFC 6582 §3.2 step 3: NewReno does so only on a full ACK, one that covers `recover`.
  if (state.algorithm === 'reno' || fullAck) {
    return {
      state: update(state, {
        cwnd: state.ssthresh,
        phase: 'congestion-avoidance',
        duplicateAcks: 0,
      }),
      retransmit: false,
      event: 'fast-recovery-exit',
    };
  }

  // RFC 6582 §3.2 step 3, partial ACK: retransmit the next hole, deflate by the data acknowledged,
  // add back one SMSS when at least one SMSS was acknowledged, and stay in fast recovery.
  const addBack = ack.bytesAcked >= state.smss ? state.smss : 0;
  const cwnd = Math.max(state.smss, state.cwnd - ack.bytesAcked + addBack);
  return { state: update(state, { cwnd }), retransmit: true, event: 'partial-ack' };
}

/**
 * Applies a duplicate ACK (RFC 5681 §2: no data, same window, ACK = SND.UNA while data is outstanding).
 * `flightSize` is the data outstanding and `highestSent` the offset of the last byte sent.
 */
export function onDuplicateAck(
  state: CongestionControl,
  ack: { readonly ackNumber: number; readonly flightSize: number; readonly highestSent: number },
): CongestionOutcome {
  // RFC 5681 §3.2 step 4: each further duplicate ACK in recovery inflates cwnd by one SMSS,
  // because a segment has left the network.
  if (state.phase === 'fast-recovery') {
    return { state: update(state, { cwnd: state.cwnd + state.smss }), retransmit: false };
  }

  const duplicateAcks = state.duplicateAcks + 1;
  if (duplicateAcks !== DUPLICATE_ACK_THRESHOLD) {
    return { state: update(state, { duplicateAcks }), retransmit: false };
  }

  // RFC 6582 §3.2 step 1: NewReno starts a new recovery only when the ACK covers more than `recover`,
  // so that the duplicates of data retransmitted after a timeout do not halve cwnd again.
  if (state.algorithm === 'newreno' && ack.ackNumber <= state.recover) {
    return { state: update(state, { duplicateAcks }), retransmit: false };
  }

  // RFC 5681 §3.2 steps 2–3: halve, retransmit, and inflate by the three segments that left the network.
  const ssthresh = halvedThreshold(ack.flightSize, state.smss);
  return {
    state: update(state, {
      ssthresh,
      cwnd: ssthresh + DUPLICATE_ACK_THRESHOLD * state.smss,
      phase: 'fast-recovery',
      duplicateAcks,
      recover: ack.highestSent,
    }),
    retransmit: true,
    event: 'fast-retransmit',
  };
}

/**
 * Applies a retransmission timeout. RFC 5681 §3.1: ssthresh = max(FlightSize / 2, 2·SMSS) and
 * cwnd = 1 SMSS (the loss window), except that ssthresh is held when the same segment times out again.
 */
export function onRetransmissionTimeout(
  state: CongestionControl,
  timeout: {
    readonly flightSize: number;
    readonly highestSent: number;
    readonly repeated: boolean;
  },
): CongestionOutcome {
  const ssthresh = timeout.repeated
    ? state.ssthresh
    : halvedThreshold(timeout.flightSize, state.smss);

  return {
    state: update(state, {
      ssthresh,
      cwnd: state.smss,
      phase: 'slow-start',
      duplicateAcks: 0,
      // RFC 6582 §3.2 step 4: remember the highest byte sent and leave any fast recovery.
      recover: timeout.highestSent,
    }),
    retransmit: true,
    event: 'timeout',
  };
}
