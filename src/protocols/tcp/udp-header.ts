// The UDP header of RFC 768: four 16-bit fields and a checksum over the same
// IPv4 pseudo-header as TCP, with protocol number 17.

import type { ByteSpan, NamedValue } from '../scenario';
import { concatBytes, uintBytes } from '../bytes';
import {
  encodePseudoHeader,
  formatHex16,
  internetChecksum,
  IPPROTO_UDP,
  type Ipv4Endpoints,
} from './checksum';
import { tcpError } from './errors';
import { formatCount } from './format';

export const UDP_HEADER_LENGTH = 8;

export interface EncodedUdpDatagram {
  readonly bytes: Uint8Array;
  readonly spans: readonly ByteSpan[];
  readonly fields: readonly NamedValue[];
  readonly checksum: number;
}

/** Encodes a UDP datagram with its checksum; throws `tcp/invalid-header-field` for a port out of range. */
export function encodeUdpDatagram(
  ports: { readonly sourcePort: number; readonly destinationPort: number },
  payload: Uint8Array,
  addresses: Ipv4Endpoints,
): EncodedUdpDatagram {
  for (const [field, value] of [
    ['Source Port', ports.sourcePort],
    ['Destination Port', ports.destinationPort],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
      throw tcpError(
        'tcp/invalid-header-field',
        `"${field}" must be an integer 0..65535, got ${value}`,
        {
          field,
          value,
          allowed: '0..65535',
        },
      );
    }
  }

  const length = UDP_HEADER_LENGTH + payload.length;
  const bytes = concatBytes(
    uintBytes(ports.sourcePort, 2),
    uintBytes(ports.destinationPort, 2),
    uintBytes(length, 2),
    new Uint8Array(2),
    payload,
  );
  const pseudoHeader = encodePseudoHeader(addresses, IPPROTO_UDP, length);
  const computed = internetChecksum(concatBytes(pseudoHeader.bytes, bytes));
  // RFC 768: a computed checksum of zero is sent as all ones, because zero means "no checksum".
  const checksum = computed === 0 ? 0xffff : computed;
  bytes.set(uintBytes(checksum, 2), 6);

  const spans: ByteSpan[] = [
    { start: 0, end: 2, label: 'Source Port', field: 'Source Port' },
    { start: 2, end: 4, label: 'Destination Port', field: 'Destination Port' },
    { start: 4, end: 6, label: 'Length', field: 'Length' },
    { start: 6, end: 8, label: 'Checksum', field: 'Checksum' },
  ];
  const fields: NamedValue[] = [
    { name: 'Source Port', value: String(ports.sourcePort) },
    { name: 'Destination Port', value: String(ports.destinationPort) },
    { name: 'Length', value: `${length} bytes`, note: 'header and payload' },
    {
      name: 'Checksum',
      value: formatHex16(checksum),
      note: 'over the pseudo-header, header and payload',
    },
  ];
  if (payload.length > 0) {
    spans.push({ start: UDP_HEADER_LENGTH, end: length, label: 'Payload', field: 'Payload' });
    fields.push({ name: 'Payload', value: formatCount(payload.length, 'byte') });
  }

  return { bytes, spans, fields, checksum };
}
