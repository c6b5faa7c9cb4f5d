// The Internet checksum (RFC 1071) and the IPv4 pseudo-header that TCP and UDP
// sum with their segment (RFC 9293 §3.1, RFC 768). Addresses come from the
// documentation ranges of RFC 5737; nothing is ever sent.

import type { ByteSpan, NamedValue } from '../scenario';
import { concatBytes, uintBytes } from '../bytes';
import { tcpError } from './errors';

export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

const PROTOCOL_NAMES: Readonly<Record<number, string>> = {
  [IPPROTO_TCP]: 'TCP',
  [IPPROTO_UDP]: 'UDP',
};

/** The two ends of a simulated path, as dotted-quad IPv4 addresses. */
export interface Ipv4Endpoints {
  readonly source: string;
  readonly destination: string;
}

/**
 * Returns the 16-bit ones' complement sum of `bytes` taken as big-endian words,
 * with every carry folded back in. An odd final byte is padded with a zero byte (RFC 1071 §4.1).
 */
export function onesComplementSum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
    if (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  }
  return sum;
}

/** Returns the Internet checksum of `bytes`: the ones' complement of their ones' complement sum. */
export function internetChecksum(bytes: Uint8Array): number {
  return ~onesComplementSum(bytes) & 0xffff;
}

/** Parses a dotted-quad IPv4 address into 4 bytes; throws `tcp/invalid-address`. */
export function parseIpv4(address: string): Uint8Array {
  const parts = address.split('.');
  const valid = parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);

  if (!valid) {
    throw tcpError('tcp/invalid-address', `"${address}" is not a dotted-quad IPv4 address`, {
      value: address,
    });
  }

  return Uint8Array.from(parts.map(Number));
}

export interface PseudoHeader {
  readonly bytes: Uint8Array;
  readonly spans: readonly ByteSpan[];
  readonly fields: readonly NamedValue[];
}

/**
 * Encodes the 12-byte IPv4 pseudo-header: source address, destination address,
 * a zero byte, the protocol number and the length of the TCP or UDP segment (RFC 9293 §3.1).
 */
export function encodePseudoHeader(
  addresses: Ipv4Endpoints,
  protocol: number,
  segmentLength: number,
): PseudoHeader {
  const bytes = concatBytes(
    parseIpv4(addresses.source),
    parseIpv4(addresses.destination),
    Uint8Array.of(0, protocol),
    uintBytes(segmentLength, 2),
  );
  const lengthName = protocol === IPPROTO_TCP ? 'TCP Length' : 'UDP Length';

  return {
    bytes,
    spans: [
      { start: 0, end: 4, label: 'Source Address', field: 'Source Address' },
      { start: 4, end: 8, label: 'Destination Address', field: 'Destination Address' },
      { start: 8, end: 9, label: 'Zero', field: 'Zero' },
      { start: 9, end: 10, label: 'Protocol', field: 'Protocol' },
      { start: 10, end: 12, label: lengthName, field: lengthName },
    ],
    fields: [
      { name: 'Source Address', value: addresses.source },
      { name: 'Destination Address', value: addresses.destination },
      { name: 'Zero', value: '0' },
      { name: 'Protocol', value: String(protocol), note: PROTOCOL_NAMES[protocol] ?? 'unknown' },
      {
        name: lengthName,
        value: `${segmentLength} bytes`,
        note: 'header and payload, without the IP header',
      },
    ],
  };
}

export function formatHex16(value: number): string {
  return `0x${value.toString(16).padStart(4, '0')}`;
}
