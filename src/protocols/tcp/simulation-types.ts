// Types shared by the endpoint, the simulator and the step builder: endpoint
// settings, application calls, segments on the simulated link, and the trace
// of everything that happened, with a snapshot of both endpoints after each event.

import type { CongestionAlgorithm, CongestionPhase } from './congestion-control';
import type { TcpHeader } from './header';
import type { TcpEvent, TcpState } from './state-machine';

export type ActorId = 'client' | 'server';

export type TimerKind = 'retransmission' | 'delayed-ack' | 'time-wait' | 'persist';

export interface EndpointConfig {
  readonly address: string;
  readonly port: number;
  /** The MSS this endpoint announces and the largest segment it sends. */
  readonly mss: number;
  /** RFC 7323 window-scale shift to offer; undefined sends no option. */
  readonly windowScale?: number;
  readonly sackPermitted: boolean;
  readonly timestamps: boolean;
  readonly receiveBufferBytes: number;
  /** RFC 5681 §4.2 delayed ACKs: ACK every second segment or when the timer fires. */
  readonly delayedAck: boolean;
  readonly delayedAckMs: number;
  /** TCP_NODELAY: turns off Nagle's algorithm (RFC 9293 §3.7.4). */
  readonly noDelay: boolean;
  /** The application reads data as soon as it arrives, so the receive window never shrinks. */
  readonly autoRead: boolean;
  readonly algorithm: CongestionAlgorithm;
  readonly initialWindowSegments?: number;
  /** Maximum segment lifetime; TIME-WAIT lasts twice this. */
  readonly mslMs: number;
  /** Initial send sequence number; the simulator draws one from the seed when absent. */
  readonly iss?: number;
  /** A reply the application writes once it has received `afterBytes` bytes in total. */
  readonly respond?: {
    readonly afterBytes: number;
    readonly data: Uint8Array;
    readonly close?: boolean;
  };
}

export type AppCall =
  | { readonly kind: 'listen' }
  | { readonly kind: 'connect' }
  | { readonly kind: 'write'; readonly data: Uint8Array }
  | { readonly kind: 'read'; readonly bytes: number }
  | { readonly kind: 'close' }
  | { readonly kind: 'abort' };

export interface ScheduledCall {
  readonly at: number;
  readonly actor: ActorId;
  readonly call: AppCall;
}

/** The reason a segment was sent, used by narration and by loss rules. */
export type SegmentPurpose =
  | 'syn'
  | 'syn-ack'
  | 'ack'
  | 'data'
  | 'fin'
  | 'rst'
  /** A RST sent in reply to a segment that belongs to no connection; its numbers come from that segment. */
  | 'rst-reply'
  | 'window-update'
  | 'zero-window-probe'
  | 'challenge-ack';

export interface SimSegment {
  /** 1-based order of transmission over both directions. */
  readonly id: number;
  readonly from: ActorId;
  readonly to: ActorId;
  /** 1-based order of transmission by the sender. */
  readonly indexFromSender: number;
  readonly header: TcpHeader;
  readonly payload: Uint8Array;
  readonly purpose: SegmentPurpose;
  readonly retransmission: boolean;
  readonly sentAt: number;
  readonly fate: 'delivered' | 'lost';
  readonly arrivesAt?: number;
}

/** What a segment looks like before the link decides its fate. */
export type OutgoingSegment = Omit<
  SimSegment,
  'id' | 'indexFromSender' | 'sentAt' | 'fate' | 'arrivesAt'
>;

export type TraceNote =
  | { readonly kind: 'rtt-sample'; readonly rttMs: number; readonly rtoMs: number }
  | { readonly kind: 'rto-backoff'; readonly rtoMs: number }
  | { readonly kind: 'rto-reset-after-syn-timeout'; readonly rtoMs: number }
  | { readonly kind: 'duplicate-ack'; readonly count: number }
  | { readonly kind: 'fast-retransmit' }
  | { readonly kind: 'partial-ack' }
  | { readonly kind: 'fast-recovery-exit' }
  | { readonly kind: 'slow-start-exit' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'out-of-order'; readonly bytes: number }
  | { readonly kind: 'gap-filled' }
  | { readonly kind: 'unacceptable-segment' }
  | { readonly kind: 'nagle-hold'; readonly bytes: number }
  | { readonly kind: 'delayed-ack-started' }
  | { readonly kind: 'window-closed' }
  | { readonly kind: 'persist-started'; readonly intervalMs: number }
  | { readonly kind: 'window-opened'; readonly window: number }
  | { readonly kind: 'connection-refused' }
  | { readonly kind: 'connection-reset' }
  | { readonly kind: 'reset-sent' }
  | { readonly kind: 'data-received'; readonly bytes: number }
  | { readonly kind: 'segment-ignored'; readonly reason: string };

export interface TransitionRecord {
  readonly from: TcpState;
  readonly to: TcpState;
  readonly event: TcpEvent;
  readonly reference: string;
}

export interface TimerDeadlines {
  readonly retransmission?: number;
  readonly delayedAck?: number;
  readonly timeWait?: number;
  readonly persist?: number;
}

/** An endpoint's variables after an event; sequence numbers are absolute. */
export interface EndpointSnapshot {
  readonly state: TcpState;
  readonly iss: number;
  readonly irs?: number;
  readonly sndUna: number;
  readonly sndNxt: number;
  readonly sndWnd: number;
  readonly rcvNxt: number;
  readonly rcvWnd: number;
  readonly cwnd: number;
  readonly ssthresh: number;
  readonly congestionPhase: CongestionPhase;
  readonly rtoMs: number;
  readonly srttMs?: number;
  readonly unsentBytes: number;
  readonly bytesReceived: number;
  readonly unreadBytes: number;
  readonly timers: TimerDeadlines;
}

export type TraceCause =
  | { readonly kind: 'start' }
  | { readonly kind: 'app'; readonly call: AppCall }
  | { readonly kind: 'arrival'; readonly segmentId: number }
  | { readonly kind: 'timer'; readonly timer: TimerKind };

export interface TraceEntry {
  readonly index: number;
  readonly time: number;
  readonly actor: ActorId;
  readonly cause: TraceCause;
  readonly transitions: readonly TransitionRecord[];
  /** Ids of the segments sent while handling this event. */
  readonly sent: readonly number[];
  readonly notes: readonly TraceNote[];
  readonly snapshots: Readonly<Record<ActorId, EndpointSnapshot>>;
}
