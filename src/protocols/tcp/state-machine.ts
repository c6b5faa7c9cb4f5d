// The TCP connection state machine of RFC 9293 §3.3.2 (Figure 5) as an explicit
// transition table, extended with the RST, ABORT and CLOSED-port rules of
// §3.10.5 and §3.10.7. Data transfer inside a state is left to the endpoint;
// this table covers only the events that change or confirm a state.

import { tcpError } from './errors';

/** RFC 9293 §3.3.2: the states a connection moves through. CLOSED means there is no TCB. */
export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
] as const;

export type TcpState = (typeof TCP_STATES)[number];

/** User calls (RFC 9293 §3.10.1–§3.10.5), segment arrivals classified by the endpoint, and timeouts. */
export type TcpEvent =
  | 'passive-open'
  | 'active-open'
  | 'send'
  | 'close'
  | 'abort'
  | 'receive-syn'
  | 'receive-syn-ack'
  | 'receive-ack-of-syn'
  | 'receive-fin'
  | 'receive-ack-of-fin'
  | 'receive-fin-with-ack-of-fin'
  | 'receive-rst'
  | 'receive-segment'
  | 'time-wait-timeout';

export type TcpAction =
  | 'create-tcb'
  | 'delete-tcb'
  | 'send-syn'
  | 'send-syn-ack'
  | 'send-ack'
  | 'send-fin'
  | 'send-rst'
  | 'start-time-wait-timer';

/** How a connection reached SYN-RECEIVED, which decides where a RST sends it (RFC 9293 §3.10.7.4). */
export type OpenKind = 'passive' | 'active';

export interface TcpTransition {
  readonly from: TcpState;
  readonly event: TcpEvent;
  readonly to: TcpState;
  readonly actions: readonly TcpAction[];
  /** Set on the rows that apply only to a connection opened this way. */
  readonly openedBy?: OpenKind;
  readonly reference: string;
}

function row(
  from: TcpState,
  event: TcpEvent,
  to: TcpState,
  actions: readonly TcpAction[],
  reference: string,
  openedBy?: OpenKind,
): TcpTransition {
  return openedBy
    ? { from, event, to, actions, reference, openedBy }
    : { from, event, to, actions, reference };
}

const OPEN = 'RFC 9293 §3.10.1';
const SEND = 'RFC 9293 §3.10.2';
const CLOSE = 'RFC 9293 §3.10.4';
const ABORT = 'RFC 9293 §3.10.5';
const ARRIVES_CLOSED = 'RFC 9293 §3.10.7.1';
const ARRIVES_LISTEN = 'RFC 9293 §3.10.7.2';
const ARRIVES_SYN_SENT = 'RFC 9293 §3.10.7.3';
const ARRIVES_OTHER = 'RFC 9293 §3.10.7.4';
const TIMEOUT = 'RFC 9293 §3.10.8';

/** Every accepted (state, event) pair. A pair missing from this table throws `tcp/invalid-transition`. */
export const TCP_TRANSITIONS: readonly TcpTransition[] = [
  // Opening (RFC 9293 §3.3.2, Figure 5).
  row('CLOSED', 'passive-open', 'LISTEN', ['create-tcb'], OPEN),
  row('CLOSED', 'active-open', 'SYN-SENT', ['create-tcb', 'send-syn'], OPEN),
  row('LISTEN', 'receive-syn', 'SYN-RECEIVED', ['send-syn-ack'], ARRIVES_LISTEN),
  row('LISTEN', 'send', 'SYN-SENT', ['send-syn'], SEND),
  row('LISTEN', 'close', 'CLOSED', ['delete-tcb'], CLOSE),
  row('SYN-SENT', 'receive-syn', 'SYN-RECEIVED', ['send-syn-ack'], ARRIVES_SYN_SENT),
  row('SYN-SENT', 'receive-syn-ack', 'ESTABLISHED', ['send-ack'], ARRIVES_SYN_SENT),
  row('SYN-SENT', 'close', 'CLOSED', ['delete-tcb'], CLOSE),
  row('SYN-RECEIVED', 'receive-ack-of-syn', 'ESTABLISHED', [], ARRIVES_OTHER),
  row('SYN-RECEIVED', 'close', 'FIN-WAIT-1', ['send-fin'], CLOSE),

  // Closing.
  row('ESTABLISHED', 'close', 'FIN-WAIT-1', ['send-fin'], CLOSE),
  row('ESTABLISHED', 'receive-fin', 'CLOSE-WAIT', ['send-ack'], ARRIVES_OTHER),
  row('FIN-WAIT-1', 'receive-ack-of-fin', 'FIN-WAIT-2', [], ARRIVES_OTHER),
  row('FIN-WAIT-1', 'receive-fin', 'CLOSING', ['send-ack'], ARRIVES_OTHER),
  row(
    'FIN-WAIT-1',
    'receive-fin-with-ack-of-fin',
    'TIME-WAIT',
    ['send-ack', 'start-time-wait-timer'],
    ARRIVES_OTHER,
  ),
  row(
    'FIN-WAIT-2',
    'receive-fin',
    'TIME-WAIT',
    ['send-ack', 'start-time-wait-timer'],
    ARRIVES_OTHER,
  ),
  row('CLOSE-WAIT', 'close', 'LAST-ACK', ['send-fin'], CLOSE),
  row('CLOSING', 'receive-ack-of-fin', 'TIME-WAIT', ['start-time-wait-timer'], ARRIVES_OTHER),
  row('LAST-ACK', 'receive-ack-of-fin', 'CLOSED', ['delete-tcb'], ARRIVES_OTHER),
  row('TIME-WAIT', 'time-wait-timeout', 'CLOSED', ['delete-tcb'], TIMEOUT),
  // RFC 9293 §3.10.7.4: a retransmitted FIN in TIME-WAIT is acknowledged and restarts the 2·MSL timeout.
  row(
    'TIME-WAIT',
    'receive-fin',
    'TIME-WAIT',
    ['send-ack', 'start-time-wait-timer'],
    ARRIVES_OTHER,
  ),

  // Resets. RFC 9293 §3.10.7.4: SYN-RECEIVED returns to LISTEN when it came from a passive OPEN,
  // and a connection that came from an active OPEN was refused.
  row('SYN-RECEIVED', 'receive-rst', 'LISTEN', [], ARRIVES_OTHER, 'passive'),
  row('SYN-RECEIVED', 'receive-rst', 'CLOSED', ['delete-tcb'], ARRIVES_OTHER, 'active'),
  // RFC 9293 §3.10.7.3: an RST whose ACK is acceptable refuses the connection.
  row('SYN-SENT', 'receive-rst', 'CLOSED', ['delete-tcb'], ARRIVES_SYN_SENT),
  // RFC 9293 §3.10.7.4: an acceptable RST closes every synchronized state.
  row('ESTABLISHED', 'receive-rst', 'CLOSED', ['delete-tcb'], ARRIVES_OTHER),
  row('FIN-WAIT-1', 'receive-rst', 'CLOSED', ['delete-tcb'], ARRIVES_OTHER),
  row('FIN-WAIT-2', 'receive-rst', 'CLOSED', ['delete-tcb'], ARRIVES_OTHER),
  row('CLOSE-WAIT', 'receive-rst', 'CLOSED', ['delete-tcb'], ARRIVES_OTHER),
  row('CLOSING', 'receive-rst', 'CLOSED', ['delete-tcb'], ARRIVES_OTHER),
  row('LAST-ACK', 'receive-rst', 'CLOSED', ['delete-tcb'], ARRIVES_OTHER),
  row('TIME-WAIT', 'receive-rst', 'CLOSED', ['delete-tcb'], ARRIVES_OTHER),
  // RFC 9293 §3.10.7.2: a listener ignores a RST.
  row('LISTEN', 'receive-rst', 'LISTEN', [], ARRIVES_LISTEN),

  // Segments that only draw a RST. RFC 9293 §3.10.7.1: with no TCB, anything but a RST draws a RST in
  // reply. §3.10.7.2: an ACK that arrives at a listener acknowledges nothing it sent.
  row('CLOSED', 'receive-syn', 'CLOSED', ['send-rst'], ARRIVES_CLOSED),
  row('CLOSED', 'receive-segment', 'CLOSED', ['send-rst'], ARRIVES_CLOSED),
  row('LISTEN', 'receive-segment', 'LISTEN', ['send-rst'], ARRIVES_LISTEN),

  // ABORT (RFC 9293 §3.10.5): synchronized states send a RST; the others delete the TCB silently.
  row('LISTEN', 'abort', 'CLOSED', ['delete-tcb'], ABORT),
  row('SYN-SENT', 'abort', 'CLOSED', ['delete-tcb'], ABORT),
  row('SYN-RECEIVED', 'abort', 'CLOSED', ['send-rst', 'delete-tcb'], ABORT),
  row('ESTABLISHED', 'abort', 'CLOSED', ['send-rst', 'delete-tcb'], ABORT),
  row('FIN-WAIT-1', 'abort', 'CLOSED', ['send-rst', 'delete-tcb'], ABORT),
  row('FIN-WAIT-2', 'abort', 'CLOSED', ['send-rst', 'delete-tcb'], ABORT),
  row('CLOSE-WAIT', 'abort', 'CLOSED', ['send-rst', 'delete-tcb'], ABORT),
  row('CLOSING', 'abort', 'CLOSED', ['delete-tcb'], ABORT),
  row('LAST-ACK', 'abort', 'CLOSED', ['delete-tcb'], ABORT),
  row('TIME-WAIT', 'abort', 'CLOSED', ['delete-tcb'], ABORT),
];

/** States in which both sides have exchanged and acknowledged ISNs (RFC 9293 §3.5). */
export function isSynchronized(state: TcpState): boolean {
  return !['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED'].includes(state);
}

/**
 * Applies `event` to `state` and returns the matching row: the next state and the
 * actions to take. `openedBy` picks between the rows that depend on how the
 * connection was opened; it defaults to 'passive'.
 * Throws `tcp/invalid-transition` when the state does not accept the event.
 */
export function applyTcpEvent(
  state: TcpState,
  event: TcpEvent,
  openedBy: OpenKind = 'passive',
): TcpTransition {
  const candidates = TCP_TRANSITIONS.filter((t) => t.from === state && t.event === event);
  const match = candidates.find((t) => t.openedBy === undefined || t.openedBy === openedBy);

  if (!match) {
    throw tcpError(
      'tcp/invalid-transition',
      `state ${state} does not accept the event "${event}"`,
      {
        state,
        event,
      },
    );
  }

  return match;
}

/** Turns a state name into the slug that step ids use ("FIN-WAIT-2" -> "fin-wait-2"). */
export function stateSlug(state: TcpState): string {
  return state.toLowerCase();
}
