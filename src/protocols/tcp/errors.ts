// Errors thrown by the TCP model, with a stable code from a closed union and
// the table that turns each code into the sentence a user reads.

import { LabError, type ErrorTable } from '../../core/lab-error';

export type TcpErrorCode =
  | 'tcp/invalid-transition'
  | 'tcp/invalid-parameter'
  | 'tcp/unknown-scenario'
  | 'tcp/invalid-header-field'
  | 'tcp/invalid-address';

export type TcpError = LabError<TcpErrorCode>;

export function tcpError(
  code: TcpErrorCode,
  message: string,
  details: ConstructorParameters<typeof LabError>[2] = {},
): TcpError {
  return new LabError<TcpErrorCode>(code, message, details);
}

export const tcpErrorTable: ErrorTable<TcpErrorCode> = {
  'tcp/invalid-transition': (details) => ({
    what: `A TCP endpoint in state ${String(details.state)} does not accept the event "${String(details.event)}".`,
    where: 'TCP state machine (RFC 9293 §3.3.2)',
    fix: 'Pick an event that the current state lists in the transition table.',
  }),
  'tcp/invalid-parameter': (details) => ({
    what: `The parameter "${String(details.parameter)}" has the invalid value ${String(details.value)}.`,
    where: `scenario ${String(details.scenario ?? 'unknown')}`,
    fix: `Use a value in the allowed range: ${String(details.allowed ?? 'see the form')}.`,
  }),
  'tcp/unknown-scenario': (details) => ({
    what: `There is no TCP scenario with the id "${String(details.scenario)}".`,
    fix: 'Pick one of the scenarios listed on the page.',
  }),
  'tcp/invalid-header-field': (details) => ({
    what: `The TCP header field "${String(details.field)}" cannot hold the value ${String(details.value)}.`,
    where: 'TCP header encoder (RFC 9293 §3.1)',
    fix: `Use a value that fits the field: ${String(details.allowed ?? 'see RFC 9293 §3.1')}.`,
  }),
  'tcp/invalid-address': (details) => ({
    what: `"${String(details.value)}" is not a dotted-quad IPv4 address.`,
    where: 'IPv4 pseudo-header',
    fix: 'Write the address as four numbers from 0 to 255 separated by dots, such as 192.0.2.10.',
  }),
};
