import { describe, expect, it } from 'vitest';
import { isLabError } from '../../core/lab-error';
import {
  applyTcpEvent,
  TCP_STATES,
  TCP_TRANSITIONS,
  type TcpEvent,
  type TcpState,
} from './state-machine';

// RFC 9293 §3.3.2 (Figure 5): the transition table, one row per line, as
// "from | event | action | to". Events are written in this model's names.
const FIGURE_5_ROWS: readonly [TcpState, TcpEvent, string, TcpState][] = [
  ['CLOSED', 'passive-open', 'create TCB', 'LISTEN'],
  ['CLOSED', 'active-open', 'create TCB, send SYN', 'SYN-SENT'],
  ['LISTEN', 'receive-syn', 'send SYN,ACK', 'SYN-RECEIVED'],
  ['LISTEN', 'send', 'send SYN', 'SYN-SENT'],
  ['LISTEN', 'close', 'delete TCB', 'CLOSED'],
  ['SYN-SENT', 'receive-syn', 'send SYN,ACK', 'SYN-RECEIVED'],
  ['SYN-SENT', 'receive-syn-ack', 'send ACK', 'ESTABLISHED'],
  ['SYN-SENT', 'close', 'delete TCB', 'CLOSED'],
  ['SYN-RECEIVED', 'receive-ack-of-syn', '', 'ESTABLISHED'],
  ['SYN-RECEIVED', 'close', 'send FIN', 'FIN-WAIT-1'],
  ['ESTABLISHED', 'close', 'send FIN', 'FIN-WAIT-1'],
  ['ESTABLISHED', 'receive-fin', 'send ACK', 'CLOSE-WAIT'],
  ['FIN-WAIT-1', 'receive-ack-of-fin', '', 'FIN-WAIT-2'],
  ['FIN-WAIT-1', 'receive-fin', 'send ACK', 'CLOSING'],
  ['FIN-WAIT-1', 'receive-fin-with-ack-of-fin', 'send ACK', 'TIME-WAIT'],
  ['FIN-WAIT-2', 'receive-fin', 'send ACK', 'TIME-WAIT'],
  ['CLOSE-WAIT', 'close', 'send FIN', 'LAST-ACK'],
  ['CLOSING', 'receive-ack-of-fin', '', 'TIME-WAIT'],
  ['LAST-ACK', 'receive-ack-of-fin', '', 'CLOSED'],
  ['TIME-WAIT', 'time-wait-timeout', 'delete TCB', 'CLOSED'],
];

const ACTION_NAMES: Readonly<Record<string, string>> = {
  'create TCB': 'create-tcb',
  'delete TCB': 'delete-tcb',
  'send SYN': 'send-syn',
  'send SYN,ACK': 'send-syn-ack',
  'send ACK': 'send-ack',
  'send FIN': 'send-fin',
};

const SYNCHRONIZED: readonly TcpState[] = [
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
];

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isLabError(error) ? error.code : 'not a LabError';
  }
  return undefined;
}

describe('TCP state machine', () => {
  it.each(FIGURE_5_ROWS)('%s on %s (%s) goes to %s', (from, event, actions, to) => {
    const row = applyTcpEvent(from, event);
    expect(row.to).toBe(to);
    const expected =
      actions === '' ? [] : actions.split(/, (?=send|create|delete)/).map((a) => ACTION_NAMES[a]);
    for (const action of expected) expect(row.actions).toContain(action);
  });

  it('SYN-RECEIVED from a passive open returns to LISTEN on RST', () => {
    expect(applyTcpEvent('SYN-RECEIVED', 'receive-rst', 'passive').to).toBe('LISTEN');
  });

  it('SYN-RECEIVED from an active open closes on RST', () => {
    expect(applyTcpEvent('SYN-RECEIVED', 'receive-rst', 'active').to).toBe('CLOSED');
  });

  it('SYN-SENT closes on an acceptable RST', () => {
    expect(applyTcpEvent('SYN-SENT', 'receive-rst').to).toBe('CLOSED');
  });

  it.each(SYNCHRONIZED)('%s closes on an acceptable RST', (state) => {
    const row = applyTcpEvent(state, 'receive-rst');
    expect(row.to).toBe('CLOSED');
    expect(row.actions).toContain('delete-tcb');
  });

  it('LISTEN ignores a RST', () => {
    expect(applyTcpEvent('LISTEN', 'receive-rst').to).toBe('LISTEN');
  });

  it('CLOSED answers a SYN with RST', () => {
    const row = applyTcpEvent('CLOSED', 'receive-syn');
    expect(row.to).toBe('CLOSED');
    expect(row.actions).toEqual(['send-rst']);
  });

  it.each(['SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'] as const)(
    'ABORT in %s sends RST',
    (state) => {
      const row = applyTcpEvent(state, 'abort');
      expect(row.to).toBe('CLOSED');
      expect(row.actions).toContain('send-rst');
    },
  );

  it.each(['LISTEN', 'SYN-SENT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'] as const)(
    'ABORT in %s sends no RST',
    (state) => {
      const row = applyTcpEvent(state, 'abort');
      expect(row.to).toBe('CLOSED');
      expect(row.actions).not.toContain('send-rst');
    },
  );

  it('TIME-WAIT restarts its timer on a retransmitted FIN', () => {
    const row = applyTcpEvent('TIME-WAIT', 'receive-fin');
    expect(row.to).toBe('TIME-WAIT');
    expect(row.actions).toContain('start-time-wait-timer');
  });

  it.each([
    ['CLOSED', 'close'],
    ['CLOSED', 'receive-fin'],
    ['LISTEN', 'receive-fin'],
    ['SYN-SENT', 'receive-fin'],
    ['ESTABLISHED', 'receive-syn-ack'],
    ['FIN-WAIT-2', 'close'],
    ['TIME-WAIT', 'close'],
    ['LAST-ACK', 'time-wait-timeout'],
  ] as const)('%s rejects %s', (state, event) => {
    expect(codeOf(() => applyTcpEvent(state, event))).toBe('tcp/invalid-transition');
  });

  it('invalid transition names the state and event', () => {
    try {
      applyTcpEvent('CLOSED', 'close');
      expect.unreachable();
    } catch (error) {
      expect(isLabError(error)).toBe(true);
      expect((error as { details?: unknown }).details).toEqual({ state: 'CLOSED', event: 'close' });
    }
  });

  it('every row cites RFC 9293', () => {
    for (const row of TCP_TRANSITIONS) expect(row.reference).toMatch(/^RFC 9293 §3\.10/);
  });

  it('every state appears in the table', () => {
    for (const state of TCP_STATES)
      expect(TCP_TRANSITIONS.some((t) => t.from === state)).toBe(true);
  });

  it('table has one row per state, event and open kind', () => {
    const keys = TCP_TRANSITIONS.map((t) => `${t.from}|${t.event}|${t.openedBy ?? '*'}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
