// One TCP endpoint: its TCB (RFC 9293 §3.3.1), the segment arrival rules of
// RFC 9293 §3.10.7, retransmission per RFC 6298, congestion control per
// RFC 5681/6582, delayed ACKs, Nagle's algorithm and zero-window probes.
// Simplifications: no urgent data, no SACK blocks, the FIN travels in its own
// segment, and a retransmission timeout resends only the earliest segment.

import { concatBytes } from '../bytes';
import {
  createCongestionControl,
  onDuplicateAck,
  onNewAck,
  onRetransmissionTimeout,
  type CongestionControl,
  type CongestionOutcome,
} from './congestion-control';
import type { TcpFlags, TcpHeader, TcpOption } from './header';
import {
  buildSynOptions,
  DEFAULT_PEER_MSS,
  readSynOptions,
  type PeerSynOptions,
} from './syn-options';
import {
  backOffRto,
  createRtoEstimator,
  MAX_RTO_MS,
  RTO_AFTER_SYN_TIMEOUT_MS,
  sampleRtt,
  type RtoEstimator,
} from './rto';
import {
  isAcceptableAck,
  isAcceptableSegment,
  seqAdd,
  seqDiff,
  seqGt,
  seqLt,
  seqLte,
} from './sequence';
import type {
  ActorId,
  AppCall,
  EndpointConfig,
  EndpointSnapshot,
  OutgoingSegment,
  SegmentPurpose,
  SimSegment,
  TimerKind,
  TraceNote,
  TransitionRecord,
} from './simulation-types';
import { applyTcpEvent, type OpenKind, type TcpEvent, type TcpState } from './state-machine';

/** The timestamps option with its two NOPs, which every segment carries once both sides agree on it. */
const TIMESTAMPS_OPTION_BYTES = 12;

/** The simulator services an endpoint uses: the clock, the link, timers and the trace. */
export interface EndpointHost {
  readonly now: number;
  transmit(segment: OutgoingSegment): void;
  setTimer(actor: ActorId, timer: TimerKind, at: number): void;
  cancelTimer(actor: ActorId, timer: TimerKind): void;
  note(note: TraceNote): void;
  transition(record: TransitionRecord): void;
}

interface QueuedSegment {
  readonly seq: number;
  readonly length: number;
  readonly syn: boolean;
  readonly fin: boolean;
  sentAt: number;
  retransmitted: boolean;
}

export class Endpoint {
  state: TcpState = 'CLOSED';
  private openedBy: OpenKind = 'passive';

  readonly iss: number;
  private irs: number | undefined;
  private sndUna: number;
  private sndNxt: number;
  private sndWnd = 0;
  private maxSndWnd = 0;
  private sndWl1 = 0;
  private sndWl2 = 0;
  private rcvNxt = 0;

  /** The peer's port; the simulator sets it before the first segment. */
  peerPort = 0;
  private peerMss = DEFAULT_PEER_MSS;
  private peerOptions: PeerSynOptions | undefined;
  private sendShift = 0;
  private receiveShift = 0;
  private timestampsOn = false;
  private tsRecent = 0;

  private stream: Uint8Array = new Uint8Array(0);
  private closeRequested = false;
  private finSeq: number | undefined;
  private readonly queue: QueuedSegment[] = [];

  private rto: RtoEstimator = createRtoEstimator();
  private synTimedOut = false;
  private lastRetransmitAt = -Infinity;
  private lastTimedOutSeq: number | undefined;
  private cc: CongestionControl;

  private bytesReceived = 0;
  private unreadBytes = 0;
  private readonly outOfOrder = new Map<number, Uint8Array>();
  private pendingAckSegments = 0;
  /** Segments sent with the ACK flag, so that an ACK riding on data is not followed by a bare one. */
  private acksSent = 0;
  private lastAdvertisedWindow = 0;
  private responded = false;
  private persistIntervalMs = 0;
  private readonly timers: Partial<Record<TimerKind, number>> = {};

  constructor(
    readonly id: ActorId,
    readonly config: EndpointConfig,
    iss: number,
    private readonly host: EndpointHost,
  ) {
    this.iss = iss;
    this.sndUna = iss;
    this.sndNxt = iss;
    this.cc = createCongestionControl({
      algorithm: config.algorithm,
      smss: config.mss,
      initialWindowSegments: config.initialWindowSegments,
    });
  }

  private get peer(): ActorId {
    return this.id === 'client' ? 'server' : 'client';
  }

  /** RFC 9293 §3.7.1: the payload per segment is the smaller MSS less the options each segment carries. */
  private get effectiveMss(): number {
    return (
      Math.min(this.config.mss, this.peerMss) - (this.timestampsOn ? TIMESTAMPS_OPTION_BYTES : 0)
    );
  }

  /** RCV.WND: the free space in the receive buffer. */
  private get rcvWnd(): number {
    return Math.max(0, this.config.receiveBufferBytes - this.unreadBytes);
  }

  private get sentDataBytes(): number {
    const finBytes = this.finSeq === undefined ? 0 : 1;
    return seqDiff(this.sndNxt, seqAdd(this.iss, 1)) - finBytes;
  }

  private get unsentBytes(): number {
    return Math.max(0, this.stream.length - Math.max(0, this.sentDataBytes));
  }

  /** Byte offset of `seq` from the first data byte, for the congestion controller. */
  private offset(seq: number): number {
    return seqDiff(seq, seqAdd(this.iss, 1));
  }

  // ---- Synchronized start and snapshots ----

  /** Puts the endpoint straight into ESTABLISHED with a peer, as if a handshake had completed. */
  establishWith(peerIss: number, peerWindow: number): void {
    this.state = 'ESTABLISHED';
    this.openedBy = this.id === 'client' ? 'active' : 'passive';
    this.irs = peerIss;
    this.rcvNxt = seqAdd(peerIss, 1);
    this.sndUna = seqAdd(this.iss, 1);
    this.sndNxt = this.sndUna;
    this.sndWnd = peerWindow;
    this.maxSndWnd = peerWindow;
    this.sndWl1 = peerIss;
    this.sndWl2 = this.sndUna;
    this.peerMss = this.config.mss;
    this.lastAdvertisedWindow = this.rcvWnd;
  }

  snapshot(): EndpointSnapshot {
    const timers = {
      ...(this.timers.retransmission !== undefined
        ? { retransmission: this.timers.retransmission }
        : {}),
      ...(this.timers['delayed-ack'] !== undefined
        ? { delayedAck: this.timers['delayed-ack'] }
        : {}),
      ...(this.timers['time-wait'] !== undefined ? { timeWait: this.timers['time-wait'] } : {}),
      ...(this.timers.persist !== undefined ? { persist: this.timers.persist } : {}),
    };
    return {
      state: this.state,
      iss: this.iss,
      ...(this.irs !== undefined ? { irs: this.irs } : {}),
      sndUna: this.sndUna,
      sndNxt: this.sndNxt,
      sndWnd: this.sndWnd,
      rcvNxt: this.rcvNxt,
      rcvWnd: this.rcvWnd,
      cwnd: this.cc.cwnd,
      ssthresh: this.cc.ssthresh,
      congestionPhase: this.cc.phase,
      rtoMs: this.rto.rto,
      ...(this.rto.srtt !== undefined ? { srttMs: this.rto.srtt } : {}),
      unsentBytes: this.unsentBytes,
      bytesReceived: this.bytesReceived,
      unreadBytes: this.unreadBytes,
      timers,
    };
  }

  // ---- Transitions, timers and output helpers ----

  private apply(event: TcpEvent): void {
    const row = applyTcpEvent(this.state, event, this.openedBy);
    this.host.transition({ from: this.state, to: row.to, event, reference: row.reference });
    this.state = row.to;
    if (row.to === 'CLOSED' || row.to === 'LISTEN') this.clearConnection();
  }

  private clearConnection(): void {
    for (const timer of Object.keys(this.timers) as TimerKind[]) this.cancelTimer(timer);
    this.queue.length = 0;
    this.outOfOrder.clear();
    this.pendingAckSegments = 0;
  }

  private startTimer(timer: TimerKind, delayMs: number): void {
    this.timers[timer] = this.host.now + delayMs;
    this.host.setTimer(this.id, timer, this.host.now + delayMs);
  }

  private cancelTimer(timer: TimerKind): void {
    if (this.timers[timer] === undefined) return;
    delete this.timers[timer];
    this.host.cancelTimer(this.id, timer);
  }

  private windowField(syn: boolean): number {
    // RFC 7323 §2.2: the window in a SYN is never scaled.
    const shift = syn ? 0 : this.receiveShift;
    return Math.min(0xffff, this.rcvWnd >> shift);
  }

  private synOptions(): TcpOption[] {
    return buildSynOptions(this.config, this.timestamp(), this.peerOptions);
  }

  /** RFC 7323 §5.4: TSval is a clock that ticks with time; here it counts milliseconds from the ISS. */
  private timestamp(): { tsVal: number; tsEcr: number } {
    return { tsVal: (this.iss + Math.round(this.host.now)) >>> 0, tsEcr: this.tsRecent };
  }

  private send(
    purpose: SegmentPurpose,
    fields: {
      seq: number;
      flags: TcpFlags;
      ack?: number;
      payload?: Uint8Array;
      options?: TcpOption[];
    },
    retransmission = false,
  ): void {
    const flags = fields.flags;
    const options =
      fields.options ??
      (this.timestampsOn
        ? [
            { kind: 'nop' as const },
            { kind: 'nop' as const },
            { kind: 'timestamps' as const, ...this.timestamp() },
          ]
        : []);
    const header: TcpHeader = {
      sourcePort: this.config.port,
      destinationPort: this.peerPort,
      sequenceNumber: fields.seq,
      acknowledgmentNumber: flags.ack ? (fields.ack ?? this.rcvNxt) : (fields.ack ?? 0),
      flags,
      window: flags.rst ? 0 : this.windowField(Boolean(flags.syn)),
      options,
    };

    if (flags.ack && !flags.rst) {
      this.acksSent += 1;
      this.pendingAckSegments = 0;
      this.cancelTimer('delayed-ack');
      this.lastAdvertisedWindow = this.rcvWnd;
    }

    this.host.transmit({
      from: this.id,
      to: this.peer,
      header,
      payload: fields.payload ?? new Uint8Array(0),
      purpose,
      retransmission,
    });
  }

  private sendAck(purpose: SegmentPurpose = 'ack'): void {
    this.send(purpose, { seq: this.sndNxt, flags: { ack: true } });
  }

  private sendReset(segment: SimSegment): void {
    // RFC 9293 §3.10.7.1: take the sequence number from the ACK field, or acknowledge the segment.
    const header = segment.header;
    const segLen = segmentLength(segment);
    if (header.flags.ack) {
      this.send('rst-reply', {
        seq: header.acknowledgmentNumber,
        flags: { rst: true },
        options: [],
      });
    } else {
      this.send('rst-reply', {
        seq: 0,
        ack: seqAdd(header.sequenceNumber, segLen),
        flags: { rst: true, ack: true },
        options: [],
      });
    }
    this.host.note({ kind: 'reset-sent' });
  }

  private restartRetransmissionTimer(): void {
    this.startTimer('retransmission', this.rto.rto);
  }

  // ---- Application calls (RFC 9293 §3.10.1–§3.10.5) ----

  handleCall(call: AppCall): void {
    switch (call.kind) {
      case 'listen':
        this.openedBy = 'passive';
        this.apply('passive-open');
        return;
      case 'connect':
        this.openedBy = 'active';
        this.apply('active-open');
        this.sendSyn(false);
        return;
      case 'write':
        this.stream = concatBytes(this.stream, call.data);
        this.output();
        return;
      case 'read':
        this.read(call.bytes);
        return;
      case 'close':
        this.close();
        return;
      case 'abort':
        this.abort();
        return;
    }
  }

  private sendSyn(retransmission: boolean): void {
    const ackPeer = this.state === 'SYN-RECEIVED';
    if (!retransmission) {
      this.sndUna = this.iss;
      this.sndNxt = seqAdd(this.iss, 1);
      this.queue.push({
        seq: this.iss,
        length: 0,
        syn: true,
        fin: false,
        sentAt: this.host.now,
        retransmitted: false,
      });
    }
    this.send(
      ackPeer ? 'syn-ack' : 'syn',
      {
        seq: this.iss,
        flags: ackPeer ? { syn: true, ack: true } : { syn: true },
        options: this.synOptions(),
      },
      retransmission,
    );
    if (this.timers.retransmission === undefined) this.restartRetransmissionTimer();
  }

  private read(bytes: number): void {
    const before = this.rcvWnd;
    this.unreadBytes = Math.max(0, this.unreadBytes - bytes);
    if (!this.canReceiveData()) return;

    // RFC 9293 §3.8.6.2.2: announce a reopened window once it has grown by min(MSS, buffer / 2).
    const threshold = Math.min(this.config.mss, this.config.receiveBufferBytes / 2);
    if (this.rcvWnd - this.lastAdvertisedWindow >= threshold) {
      this.host.note({ kind: 'window-opened', window: this.rcvWnd });
      this.sendAck(before === 0 ? 'window-update' : 'ack');
    }
  }

  private close(): void {
    if (this.state === 'LISTEN' || this.state === 'SYN-SENT') {
      this.apply('close');
      return;
    }
    this.closeRequested = true;
    this.apply('close');
    this.output();
  }

  private abort(): void {
    const row = applyTcpEvent(this.state, 'abort', this.openedBy);
    // RFC 9293 §3.10.5: the reset carries SND.NXT so that the peer finds it in its window.
    if (row.actions.includes('send-rst'))
      this.send('rst', { seq: this.sndNxt, flags: { rst: true }, options: [] });
    this.apply('abort');
    this.stream = new Uint8Array(0);
  }

  // ---- Output: data, Nagle, FIN ----

  private canSendData(): boolean {
    const open = this.state === 'ESTABLISHED' || this.state === 'CLOSE-WAIT';
    const finPending =
      (this.state === 'FIN-WAIT-1' || this.state === 'LAST-ACK') && this.finSeq === undefined;
    return open || finPending;
  }

  private canReceiveData(): boolean {
    return (
      this.state === 'ESTABLISHED' || this.state === 'FIN-WAIT-1' || this.state === 'FIN-WAIT-2'
    );
  }

  private output(): void {
    if (!this.canSendData()) return;

    while (this.unsentBytes > 0) {
      const inFlight = seqDiff(this.sndNxt, this.sndUna);
      // RFC 5681 §3.1: send no more than min(cwnd, rwnd) beyond SND.UNA.
      const usable = Math.floor(Math.min(this.sndWnd, this.cc.cwnd)) - inFlight;
      const length = Math.min(this.effectiveMss, this.unsentBytes, usable);

      if (length <= 0) {
        this.startPersistIfStalled();
        break;
      }

      // RFC 9293 §3.7.4 (Nagle): hold a partial segment while earlier data is unacknowledged.
      if (
        length < this.effectiveMss &&
        length === this.unsentBytes &&
        !this.config.noDelay &&
        inFlight > 0
      ) {
        this.host.note({ kind: 'nagle-hold', bytes: length });
        break;
      }

      // RFC 9293 §3.8.6.2.1: the sender avoids silly small segments when only the window limits it.
      if (length < this.effectiveMss && length < this.unsentBytes && length < this.maxSndWnd / 2)
        break;

      this.sendData(this.sndNxt, length, false);
      this.sndNxt = seqAdd(this.sndNxt, length);
    }

    if (
      this.closeRequested &&
      this.finSeq === undefined &&
      this.unsentBytes === 0 &&
      this.canSendData()
    ) {
      this.finSeq = this.sndNxt;
      this.queue.push({
        seq: this.sndNxt,
        length: 0,
        syn: false,
        fin: true,
        sentAt: this.host.now,
        retransmitted: false,
      });
      this.send('fin', { seq: this.sndNxt, flags: { fin: true, ack: true } });
      this.sndNxt = seqAdd(this.sndNxt, 1);
      if (this.timers.retransmission === undefined) this.restartRetransmissionTimer();
    }
  }

  private sendData(seq: number, length: number, retransmission: boolean): void {
    const start = this.offset(seq);
    const payload = this.stream.slice(start, start + length);
    const last = start + length >= this.stream.length;

    if (!retransmission) {
      this.queue.push({
        seq,
        length,
        syn: false,
        fin: false,
        sentAt: this.host.now,
        retransmitted: false,
      });
    }
    this.send('data', { seq, flags: { ack: true, psh: last }, payload }, retransmission);
    if (this.timers.retransmission === undefined) this.restartRetransmissionTimer();
    this.cancelTimer('persist');
  }

  private startPersistIfStalled(): void {
    const inFlight = seqDiff(this.sndNxt, this.sndUna);
    if (
      this.sndWnd > 0 ||
      inFlight > 0 ||
      this.unsentBytes === 0 ||
      this.timers.persist !== undefined
    )
      return;

    // RFC 9293 §3.8.6.1: probe a zero window after one RTO, then back off exponentially.
    this.persistIntervalMs = this.persistIntervalMs === 0 ? this.rto.rto : this.persistIntervalMs;
    this.host.note({ kind: 'persist-started', intervalMs: this.persistIntervalMs });
    this.startTimer('persist', this.persistIntervalMs);
  }

  // ---- Timers ----

  handleTimer(timer: TimerKind): void {
    delete this.timers[timer];
    switch (timer) {
      case 'retransmission':
        this.onRetransmissionTimeout();
        return;
      case 'delayed-ack':
        if (this.pendingAckSegments > 0) this.sendAck();
        return;
      case 'time-wait':
        this.apply('time-wait-timeout');
        return;
      case 'persist':
        this.onPersistTimeout();
        return;
    }
  }

  private onRetransmissionTimeout(): void {
    const first = this.queue[0];
    if (!first) return;

    // RFC 6298 §5.4–§5.6: resend the earliest unacknowledged segment, double the RTO, restart the timer.
    this.rto = backOffRto(this.rto);
    this.host.note({ kind: 'timeout' });
    this.host.note({ kind: 'rto-backoff', rtoMs: this.rto.rto });
    first.retransmitted = true;
    this.lastRetransmitAt = this.host.now;

    if (first.syn) {
      this.synTimedOut = true;
      this.sendSyn(true);
      this.restartRetransmissionTimer();
      return;
    }

    if (first.length > 0) {
      const repeated = this.lastTimedOutSeq === first.seq;
      this.lastTimedOutSeq = first.seq;
      this.applyCongestion(
        onRetransmissionTimeout(this.cc, {
          flightSize: seqDiff(this.sndNxt, this.sndUna),
          highestSent: this.offset(this.sndNxt) - 1,
          repeated,
        }),
        false,
      );
    }
    this.retransmit(first);
    this.restartRetransmissionTimer();
  }

  private retransmit(entry: QueuedSegment): void {
    entry.retransmitted = true;
    this.lastRetransmitAt = this.host.now;
    if (entry.fin) this.send('fin', { seq: entry.seq, flags: { fin: true, ack: true } }, true);
    else this.sendData(entry.seq, entry.length, true);
  }

  private onPersistTimeout(): void {
    if (this.sndWnd > 0 || this.unsentBytes === 0) return;

    // A segment one byte below SND.UNA, as Linux sends it: the receiver cannot accept it,
    // so it must reply with an ACK that carries its current window.
    this.send('zero-window-probe', { seq: seqAdd(this.sndUna, -1), flags: { ack: true } });
    this.persistIntervalMs = Math.min(MAX_RTO_MS, this.persistIntervalMs * 2);
    this.host.note({ kind: 'persist-started', intervalMs: this.persistIntervalMs });
    this.startTimer('persist', this.persistIntervalMs);
  }

  private applyCongestion(outcome: CongestionOutcome, retransmitNow: boolean): void {
    this.cc = outcome.state;
    if (outcome.event) this.host.note({ kind: outcome.event });
    if (retransmitNow && outcome.retransmit && this.queue[0]) this.retransmit(this.queue[0]);
  }

  // ---- Segment arrival (RFC 9293 §3.10.7) ----

  handleSegment(segment: SimSegment): void {
    this.peerPort = segment.header.sourcePort;

    switch (this.state) {
      case 'CLOSED':
        this.onSegmentWhenClosed(segment);
        return;
      case 'LISTEN':
        this.onSegmentWhenListening(segment);
        return;
      case 'SYN-SENT':
        this.onSegmentWhenSynSent(segment);
        return;
      default:
        this.onSegmentWhenSynchronized(segment);
    }
  }

  private onSegmentWhenClosed(segment: SimSegment): void {
    const flags = segment.header.flags;
    // RFC 9293 §3.10.7.1: a RST arriving at a closed port is discarded.
    if (flags.rst) {
      this.host.note({ kind: 'segment-ignored', reason: 'a RST to a closed port is discarded' });
      return;
    }
    this.apply(flags.syn && !flags.ack ? 'receive-syn' : 'receive-segment');
    this.sendReset(segment);
  }

  private onSegmentWhenListening(segment: SimSegment): void {
    const { flags } = segment.header;

    if (flags.rst) {
      this.apply('receive-rst');
      return;
    }
    if (flags.ack) {
      this.apply('receive-segment');
      this.sendReset(segment);
      return;
    }
    if (!flags.syn) return;

    this.acceptSyn(segment);
    this.apply('receive-syn');
    this.sendSyn(false);
  }

  /** Records the peer's ISN and options from a SYN (RFC 9293 §3.10.7.2, RFC 7323, RFC 2018). */
  private acceptSyn(segment: SimSegment): void {
    const header = segment.header;
    this.irs = header.sequenceNumber;
    this.rcvNxt = seqAdd(header.sequenceNumber, 1);
    this.sndWnd = header.window;
    this.maxSndWnd = header.window;
    this.sndWl1 = header.sequenceNumber;

    const peer = readSynOptions(header.options ?? []);
    this.peerOptions = peer;
    this.peerMss = peer.mss;

    // RFC 7323 §2.2: scaling applies only when both SYNs carry the option.
    const bothScale = peer.windowScale !== undefined && this.config.windowScale !== undefined;
    this.sendShift = bothScale ? peer.windowScale! : 0;
    this.receiveShift = bothScale ? this.config.windowScale! : 0;
    this.timestampsOn = peer.tsVal !== undefined && this.config.timestamps;
    if (peer.tsVal !== undefined) this.tsRecent = peer.tsVal;
  }

  private onSegmentWhenSynSent(segment: SimSegment): void {
    const { flags, acknowledgmentNumber: ack } = segment.header;

    // RFC 9293 §3.10.7.3: an ACK outside ISS < SEG.ACK ≤ SND.NXT draws a RST.
    if (flags.ack && (seqLte(ack, this.iss) || seqGt(ack, this.sndNxt))) {
      if (!flags.rst) this.sendReset(segment);
      return;
    }

    if (flags.rst) {
      if (!flags.ack) return;
      this.host.note({ kind: 'connection-refused' });
      this.apply('receive-rst');
      return;
    }

    if (!flags.syn) return;

    this.acceptSyn(segment);
    if (!flags.ack) {
      // Simultaneous open: reply with SYN,ACK, which repeats our SYN and acknowledges theirs.
      this.apply('receive-syn');
      this.send('syn-ack', {
        seq: this.iss,
        flags: { syn: true, ack: true },
        options: this.synOptions(),
      });
      return;
    }

    this.acknowledge(segment);
    this.apply('receive-syn-ack');
    this.afterHandshake();
    this.sendAck();
    this.output();
  }

  private afterHandshake(): void {
    // RFC 6298 §5.7: when a SYN timed out under the 1 s initial RTO, data transfer starts with an RTO of 3 s.
    if (this.synTimedOut && this.rto.srtt === undefined) {
      this.rto = { ...this.rto, rto: RTO_AFTER_SYN_TIMEOUT_MS, backoffs: 0 };
      this.host.note({ kind: 'rto-reset-after-syn-timeout', rtoMs: RTO_AFTER_SYN_TIMEOUT_MS });
    }
  }

  private onSegmentWhenSynchronized(segment: SimSegment): void {
    const header = segment.header;
    const flags = header.flags;
    const length = segmentLength(segment);

    // RFC 9293 §3.10.7.4: a retransmitted FIN in TIME-WAIT is acknowledged and restarts the 2·MSL timer.
    if (
      this.state === 'TIME-WAIT' &&
      flags.fin &&
      seqAdd(header.sequenceNumber, length) === this.rcvNxt
    ) {
      this.apply('receive-fin');
      this.sendAck();
      this.startTimer('time-wait', 2 * this.config.mslMs);
      return;
    }

    // Simultaneous open: the peer's SYN,ACK repeats the SYN we already received.
    let seq = header.sequenceNumber;
    let synRepeated = false;
    if (this.state === 'SYN-RECEIVED' && flags.syn && seq === this.irs) {
      seq = seqAdd(seq, 1);
      synRepeated = true;
    }
    const dataLength = length - (synRepeated ? 1 : 0);

    if (!isAcceptableSegment(this.rcvNxt, this.rcvWnd, seq, dataLength)) {
      if (!flags.rst) {
        this.host.note({ kind: 'unacceptable-segment' });
        this.sendAck();
      }
      return;
    }

    // RFC 7323 §4.3, simplified: echo the TSval of the latest acceptable segment.
    const timestamps = header.options?.find((o) => o.kind === 'timestamps');
    if (this.timestampsOn && timestamps?.kind === 'timestamps') this.tsRecent = timestamps.tsVal;

    if (flags.rst) {
      this.onReset(seq);
      return;
    }

    if (flags.syn && !synRepeated) {
      // RFC 5961 §4: a SYN in a synchronized state draws a challenge ACK instead of a reset.
      this.sendAck('challenge-ack');
      return;
    }

    if (!flags.ack) return;

    if (this.state === 'SYN-RECEIVED') {
      if (!isAcceptableAck(this.sndUna, header.acknowledgmentNumber, this.sndNxt)) {
        this.sendReset(segment);
        return;
      }
      this.acknowledge(segment);
      this.apply('receive-ack-of-syn');
      this.afterHandshake();
    } else if (!this.processAck(segment)) {
      return;
    }

    const finAcked = this.finSeq !== undefined && seqGt(this.sndUna, this.finSeq);
    const ackNow = this.receiveData(segment, seq);
    const finReceived = Boolean(flags.fin) && seqAdd(seq, segment.payload.length) === this.rcvNxt;
    if (finReceived) this.rcvNxt = seqAdd(this.rcvNxt, 1);

    this.applyCloseTransitions(finAcked, finReceived);
    this.respondIfRequested();
    const acksBefore = this.acksSent;
    this.output();

    if ((finReceived || ackNow) && this.acksSent === acksBefore) this.sendAck();
    else if (this.pendingAckSegments > 0 && this.timers['delayed-ack'] === undefined) {
      this.host.note({ kind: 'delayed-ack-started' });
      this.startTimer('delayed-ack', this.config.delayedAckMs);
    }
  }

  private onReset(seq: number): void {
    // RFC 5961 §3.2: only a RST at exactly RCV.NXT resets; any other in-window RST draws a challenge ACK.
    if (seq !== this.rcvNxt) {
      this.sendAck('challenge-ack');
      return;
    }
    this.host.note({ kind: 'connection-reset' });
    this.apply('receive-rst');
  }

  /** Takes an ACK of our SYN: SND.UNA, the send window and an RTT sample. */
  private acknowledge(segment: SimSegment): void {
    const header = segment.header;
    this.takeAcknowledged(header.acknowledgmentNumber);
    this.sndUna = header.acknowledgmentNumber;
    this.sndWnd = header.flags.syn ? header.window : header.window << this.sendShift;
    this.maxSndWnd = Math.max(this.maxSndWnd, this.sndWnd);
    this.sndWl1 = header.sequenceNumber;
    this.sndWl2 = header.acknowledgmentNumber;
    if (this.queue.length === 0) this.cancelTimer('retransmission');
  }

  /** Removes acknowledged segments from the retransmission queue and samples the RTT (Karn's rule). */
  private takeAcknowledged(ack: number): number {
    let dataBytes = 0;
    let newest: QueuedSegment | undefined;

    while (this.queue.length > 0) {
      const entry = this.queue[0]!;
      const end = seqAdd(entry.seq, entry.length + (entry.syn || entry.fin ? 1 : 0));
      if (seqGt(end, ack)) break;
      this.queue.shift();
      dataBytes += entry.length;
      newest = entry;
    }

    // RFC 6298 §3 (Karn): no sample from a retransmitted segment. A segment sent before the latest
    // retransmission may have waited behind the hole, so its ACK gives no sample either.
    if (newest && !newest.retransmitted && newest.sentAt >= this.lastRetransmitAt) {
      this.rto = sampleRtt(this.rto, this.host.now - newest.sentAt);
      this.host.note({
        kind: 'rtt-sample',
        rttMs: this.host.now - newest.sentAt,
        rtoMs: this.rto.rto,
      });
    }
    return dataBytes;
  }

  /** RFC 9293 §3.10.7.4, fifth check. Returns false when the segment is to be dropped. */
  private processAck(segment: SimSegment): boolean {
    const header = segment.header;
    const ack = header.acknowledgmentNumber;

    if (seqGt(ack, this.sndNxt)) {
      this.sendAck();
      return false;
    }

    const window = header.window << this.sendShift;
    if (isAcceptableAck(this.sndUna, ack, this.sndNxt)) {
      const bytesAcked = this.takeAcknowledged(ack);
      this.sndUna = ack;
      if (bytesAcked > 0) {
        this.applyCongestion(onNewAck(this.cc, { ackNumber: this.offset(ack), bytesAcked }), true);
      }
      // RFC 6298 §5.2–§5.3: stop the timer when all is acknowledged, otherwise restart it.
      if (this.queue.length === 0) this.cancelTimer('retransmission');
      else this.restartRetransmissionTimer();
    } else if (ack === this.sndUna && this.isDuplicateAck(segment, window)) {
      const outcome = onDuplicateAck(this.cc, {
        ackNumber: this.offset(ack),
        flightSize: seqDiff(this.sndNxt, this.sndUna),
        highestSent: this.offset(this.sndNxt) - 1,
      });
      this.host.note({ kind: 'duplicate-ack', count: outcome.state.duplicateAcks });
      this.applyCongestion(outcome, true);
    }

    this.updateSendWindow(header.sequenceNumber, ack, window);
    return true;
  }

  /** RFC 5681 §2: a duplicate ACK carries no data, no SYN or FIN, the same window, while data is outstanding. */
  private isDuplicateAck(segment: SimSegment, window: number): boolean {
    const flags = segment.header.flags;
    return (
      segment.payload.length === 0 &&
      !flags.syn &&
      !flags.fin &&
      window === this.sndWnd &&
      this.sndWnd > 0 &&
      seqDiff(this.sndNxt, this.sndUna) > 0
    );
  }

  /** RFC 9293 §3.10.7.4: take the window from a segment newer than the last one that set it. */
  private updateSendWindow(seq: number, ack: number, window: number): void {
    const newer = seqLt(this.sndWl1, seq) || (this.sndWl1 === seq && seqLte(this.sndWl2, ack));
    if (!newer) return;

    const wasClosed = this.sndWnd === 0;
    this.sndWnd = window;
    this.maxSndWnd = Math.max(this.maxSndWnd, window);
    this.sndWl1 = seq;
    this.sndWl2 = ack;

    if (window === 0 && !wasClosed) this.host.note({ kind: 'window-closed' });
    if (window > 0 && wasClosed) {
      this.host.note({ kind: 'window-opened', window });
      this.cancelTimer('persist');
      this.persistIntervalMs = 0;
    }
    if (window === 0) this.startPersistIfStalled();
  }

  /** RFC 9293 §3.10.7.4, seventh check. Returns whether an ACK must go out at once (RFC 5681 §4.2). */
  private receiveData(segment: SimSegment, seq: number): boolean {
    let payload = segment.payload;
    if (payload.length === 0 || !this.canReceiveData()) return false;

    // Trim the part already received and the part beyond the right edge of the window.
    const skip = Math.max(0, seqDiff(this.rcvNxt, seq));
    const room = seqDiff(seqAdd(this.rcvNxt, this.rcvWnd), seq);
    payload = payload.subarray(skip, Math.max(skip, Math.min(payload.length, room)));
    const start = seqAdd(seq, skip);
    if (payload.length === 0) return true;

    if (seqGt(start, this.rcvNxt)) {
      this.outOfOrder.set(start, payload);
      this.host.note({ kind: 'out-of-order', bytes: payload.length });
      return true;
    }

    this.accept(payload.length);
    const gapFilled = this.drainOutOfOrder();
    this.host.note({ kind: 'data-received', bytes: payload.length });
    if (gapFilled) {
      this.host.note({ kind: 'gap-filled' });
      return true;
    }

    if (!this.config.delayedAck) return true;
    this.pendingAckSegments += 1;
    // RFC 5681 §4.2: ACK at least every second full-sized segment.
    return this.pendingAckSegments >= 2;
  }

  private accept(length: number): void {
    this.rcvNxt = seqAdd(this.rcvNxt, length);
    this.bytesReceived += length;
    if (!this.config.autoRead) this.unreadBytes += length;
  }

  private drainOutOfOrder(): boolean {
    let drained = false;
    for (;;) {
      const next = this.outOfOrder.get(this.rcvNxt);
      if (!next) break;
      this.outOfOrder.delete(this.rcvNxt);
      this.accept(next.length);
      drained = true;
    }
    return drained;
  }

  private applyCloseTransitions(finAcked: boolean, finReceived: boolean): void {
    switch (this.state) {
      case 'ESTABLISHED':
        if (finReceived) this.apply('receive-fin');
        return;
      case 'FIN-WAIT-1':
        if (finAcked && finReceived) this.apply('receive-fin-with-ack-of-fin');
        else if (finAcked) this.apply('receive-ack-of-fin');
        else if (finReceived) this.apply('receive-fin');
        break;
      case 'FIN-WAIT-2':
        if (finReceived) this.apply('receive-fin');
        break;
      case 'CLOSING':
        if (finAcked) this.apply('receive-ack-of-fin');
        break;
      case 'LAST-ACK':
        if (finAcked) this.apply('receive-ack-of-fin');
        return;
      default:
        return;
    }
    this.startTimeWaitOnEntry();
  }

  /** RFC 9293 §3.10.7.4: entering TIME-WAIT starts the 2·MSL timer; nothing is left to retransmit. */
  private startTimeWaitOnEntry(): void {
    if (this.state !== 'TIME-WAIT' || this.timers['time-wait'] !== undefined) return;
    this.cancelTimer('retransmission');
    this.startTimer('time-wait', 2 * this.config.mslMs);
  }

  private respondIfRequested(): void {
    const respond = this.config.respond;
    if (!respond || this.responded || this.bytesReceived < respond.afterBytes) return;
    this.responded = true;
    this.stream = concatBytes(this.stream, respond.data);
    if (respond.close) this.close();
  }
}

/** SEG.LEN: the payload plus one for a SYN and one for a FIN (RFC 9293 §3.4). */
export function segmentLength(segment: { header: TcpHeader; payload: Uint8Array }): number {
  const flags = segment.header.flags;
  return segment.payload.length + (flags.syn ? 1 : 0) + (flags.fin ? 1 : 0);
}
