// The TCP header of RFC 9293 §3.1 with the options of RFC 9293 §3.2 (MSS,
// NOP, end of list) and RFC 7323 / RFC 2018 (window scale, timestamps, SACK
// permitted). The encoder returns labelled spans that tile the segment exactly,
// and the checksum covers the IPv4 pseudo-header, the header and the payload.

import type { ByteSpan, Computation, NamedValue } from '../scenario';
import { concatBytes, toHex, uintBytes } from '../bytes';
import {
  encodePseudoHeader,
  formatHex16,
  internetChecksum,
  IPPROTO_TCP,
  onesComplementSum,
  type Ipv4Endpoints,
} from './checksum';
import { tcpError } from './errors';
import { formatCount } from './format';

export type TcpOption =
  | { readonly kind: 'end-of-list' }
  | { readonly kind: 'nop' }
  | { readonly kind: 'mss'; readonly mss: number }
  | { readonly kind: 'window-scale'; readonly shift: number }
  | { readonly kind: 'sack-permitted' }
  | { readonly kind: 'timestamps'; readonly tsVal: number; readonly tsEcr: number };

/** The control bits, in wire order from the most significant bit (RFC 9293 §3.1, RFC 3168 for CWR and ECE). */
export interface TcpFlags {
  readonly cwr?: boolean;
  readonly ece?: boolean;
  readonly urg?: boolean;
  readonly ack?: boolean;
  readonly psh?: boolean;
  readonly rst?: boolean;
  readonly syn?: boolean;
  readonly fin?: boolean;
}

export interface TcpHeader {
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly sequenceNumber: number;
  readonly acknowledgmentNumber: number;
  readonly flags: TcpFlags;
  /** The 16-bit window field as sent, after any window-scale shift. */
  readonly window: number;
  readonly urgentPointer?: number;
  readonly options?: readonly TcpOption[];
}

/** Notes shown beside header fields, such as relative sequence numbers. */
export interface TcpFieldNotes {
  readonly sequenceNumber?: string;
  readonly acknowledgmentNumber?: string;
  readonly window?: string;
  readonly payload?: string;
}

export interface EncodedTcpSegment {
  readonly bytes: Uint8Array;
  readonly spans: readonly ByteSpan[];
  readonly fields: readonly NamedValue[];
  readonly headerLength: number;
  readonly checksum: number;
}

const FLAG_BITS: readonly [keyof TcpFlags, number, string][] = [
  ['cwr', 0x80, 'CWR'],
  ['ece', 0x40, 'ECE'],
  ['urg', 0x20, 'URG'],
  ['ack', 0x10, 'ACK'],
  ['psh', 0x08, 'PSH'],
  ['rst', 0x04, 'RST'],
  ['syn', 0x02, 'SYN'],
  ['fin', 0x01, 'FIN'],
];

/** RFC 9293 §3.1: the data offset is 4 bits of 32-bit words, so options fit in 60 − 20 = 40 bytes. */
const MAX_OPTIONS_LENGTH = 40;
const BASE_HEADER_LENGTH = 20;
const CHECKSUM_OFFSET = 16;

/** Returns the names of the set flags from the least significant bit up, as Wireshark lists them ("SYN, ACK"). */
export function formatFlags(flags: TcpFlags): string {
  const names = [...FLAG_BITS]
    .reverse()
    .filter(([key]) => flags[key])
    .map(([, , name]) => name);
  return names.length > 0 ? names.join(', ') : 'none';
}

function flagsByte(flags: TcpFlags): number {
  return FLAG_BITS.reduce((byte, [key, bit]) => (flags[key] ? byte | bit : byte), 0);
}

function checkField(field: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw tcpError(
      'tcp/invalid-header-field',
      `"${field}" must be an integer 0..${max}, got ${value}`,
      {
        field,
        value,
        allowed: `0..${max}`,
      },
    );
  }
}

interface EncodedPart {
  readonly bytes: Uint8Array;
  readonly spans: readonly ByteSpan[];
  readonly fields: readonly NamedValue[];
}

function encodeOption(option: TcpOption, nopIndex: number): EncodedPart {
  switch (option.kind) {
    case 'end-of-list':
      return {
        bytes: Uint8Array.of(0),
        spans: [
          { start: 0, end: 1, label: 'End of Option List (kind 0)', field: 'End of Option List' },
        ],
        fields: [{ name: 'End of Option List', value: 'kind 0' }],
      };
    case 'nop': {
      const name = `NOP ${nopIndex}`;
      return {
        bytes: Uint8Array.of(1),
        spans: [{ start: 0, end: 1, label: 'NOP (kind 1)', field: name }],
        fields: [{ name, value: 'kind 1', note: 'aligns the next option on a 4-byte boundary' }],
      };
    }
    case 'mss':
      checkField('MSS', option.mss, 0xffff);
      return optionWithValue('MSS option', 2, uintBytes(option.mss, 2), `${option.mss} bytes`, [
        'MSS value',
      ]);
    case 'window-scale':
      // RFC 7323 §2.3: a shift above 14 is treated as 14, so the encoder rejects it.
      checkField('Window Scale', option.shift, 14);
      return optionWithValue(
        'Window Scale option',
        3,
        Uint8Array.of(option.shift),
        `shift ${option.shift} (× ${2 ** option.shift})`,
        ['Window Scale shift count'],
      );
    case 'sack-permitted':
      return optionWithValue(
        'SACK Permitted option',
        4,
        new Uint8Array(0),
        'SACK blocks may be sent',
        [],
      );
    case 'timestamps':
      checkField('TSval', option.tsVal, 0xffffffff);
      checkField('TSecr', option.tsEcr, 0xffffffff);
      return optionWithValue(
        'Timestamps option',
        8,
        concatBytes(uintBytes(option.tsVal, 4), uintBytes(option.tsEcr, 4)),
        `TSval ${option.tsVal}, TSecr ${option.tsEcr}`,
        ['TSval', 'TSecr'],
      );
  }
}

/** Encodes a kind-length-value option; `valueLabels` splits the value into 4-byte or whole spans. */
function optionWithValue(
  name: string,
  kind: number,
  value: Uint8Array,
  shown: string,
  valueLabels: readonly string[],
): EncodedPart {
  const bytes = concatBytes(Uint8Array.of(kind, 2 + value.length), value);
  const spans: ByteSpan[] = [
    { start: 0, end: 1, label: `${name}: kind ${kind}`, field: name },
    { start: 1, end: 2, label: `${name}: length ${2 + value.length}`, field: name },
  ];
  const partLength = valueLabels.length > 0 ? value.length / valueLabels.length : 0;
  valueLabels.forEach((label, i) => {
    spans.push({ start: 2 + i * partLength, end: 2 + (i + 1) * partLength, label, field: name });
  });
  return { bytes, spans, fields: [{ name, value: shown }] };
}

function encodeOptions(options: readonly TcpOption[]): EncodedPart {
  const bytes: Uint8Array[] = [];
  const spans: ByteSpan[] = [];
  const fields: NamedValue[] = [];
  let offset = 0;
  let nopCount = 0;

  for (const option of options) {
    if (option.kind === 'nop') nopCount += 1;
    const part = encodeOption(option, nopCount);
    bytes.push(part.bytes);
    spans.push(...part.spans.map((s) => ({ ...s, start: s.start + offset, end: s.end + offset })));
    fields.push(...part.fields);
    offset += part.bytes.length;
  }

  // RFC 9293 §3.1: the header is padded with zeros to a 32-bit boundary.
  const padding = (4 - (offset % 4)) % 4;
  if (padding > 0) {
    bytes.push(new Uint8Array(padding));
    spans.push({
      start: offset,
      end: offset + padding,
      label: 'Padding (zeros)',
      field: 'Padding',
    });
    fields.push({ name: 'Padding', value: `${padding} zero byte${padding === 1 ? '' : 's'}` });
  }

  return { bytes: concatBytes(...bytes), spans, fields };
}

/**
 * Encodes a TCP segment and fills in its checksum over the IPv4 pseudo-header.
 * Throws `tcp/invalid-header-field` for a value that does not fit its field.
 */
export function encodeTcpSegment(
  header: TcpHeader,
  payload: Uint8Array,
  addresses: Ipv4Endpoints,
  notes: TcpFieldNotes = {},
): EncodedTcpSegment {
  checkField('Source Port', header.sourcePort, 0xffff);
  checkField('Destination Port', header.destinationPort, 0xffff);
  checkField('Sequence Number', header.sequenceNumber, 0xffffffff);
  checkField('Acknowledgment Number', header.acknowledgmentNumber, 0xffffffff);
  checkField('Window', header.window, 0xffff);
  checkField('Urgent Pointer', header.urgentPointer ?? 0, 0xffff);

  const options = encodeOptions(header.options ?? []);
  if (options.bytes.length > MAX_OPTIONS_LENGTH) {
    throw tcpError(
      'tcp/invalid-header-field',
      `options take ${options.bytes.length} bytes, more than ${MAX_OPTIONS_LENGTH}`,
      {
        field: 'Options',
        value: options.bytes.length,
        allowed: `0..${MAX_OPTIONS_LENGTH} bytes`,
      },
    );
  }

  const headerLength = BASE_HEADER_LENGTH + options.bytes.length;
  const dataOffset = headerLength / 4;
  const bytes = concatBytes(
    uintBytes(header.sourcePort, 2),
    uintBytes(header.destinationPort, 2),
    uintBytes(header.sequenceNumber, 4),
    uintBytes(header.acknowledgmentNumber, 4),
    Uint8Array.of(dataOffset << 4, flagsByte(header.flags)),
    uintBytes(header.window, 2),
    new Uint8Array(2),
    uintBytes(header.urgentPointer ?? 0, 2),
    options.bytes,
    payload,
  );

  const pseudoHeader = encodePseudoHeader(addresses, IPPROTO_TCP, bytes.length);
  const checksum = internetChecksum(concatBytes(pseudoHeader.bytes, bytes));
  bytes.set(uintBytes(checksum, 2), CHECKSUM_OFFSET);

  const spans: ByteSpan[] = [
    { start: 0, end: 2, label: 'Source Port', field: 'Source Port' },
    { start: 2, end: 4, label: 'Destination Port', field: 'Destination Port' },
    { start: 4, end: 8, label: 'Sequence Number', field: 'Sequence Number' },
    { start: 8, end: 12, label: 'Acknowledgment Number', field: 'Acknowledgment Number' },
    { start: 12, end: 13, label: 'Data Offset and Reserved', field: 'Data Offset' },
    { start: 13, end: 14, label: 'Flags', field: 'Flags' },
    { start: 14, end: 16, label: 'Window', field: 'Window' },
    { start: 16, end: 18, label: 'Checksum', field: 'Checksum' },
    { start: 18, end: 20, label: 'Urgent Pointer', field: 'Urgent Pointer' },
    ...options.spans.map((s) => ({
      ...s,
      start: s.start + BASE_HEADER_LENGTH,
      end: s.end + BASE_HEADER_LENGTH,
    })),
  ];
  if (payload.length > 0) {
    spans.push({ start: headerLength, end: bytes.length, label: 'Payload', field: 'Payload' });
  }

  const fields: NamedValue[] = [
    { name: 'Source Port', value: String(header.sourcePort) },
    { name: 'Destination Port', value: String(header.destinationPort) },
    { name: 'Sequence Number', value: String(header.sequenceNumber), note: notes.sequenceNumber },
    {
      name: 'Acknowledgment Number',
      value: String(header.acknowledgmentNumber),
      note: notes.acknowledgmentNumber,
    },
    {
      name: 'Data Offset',
      value: `${dataOffset} (${headerLength} bytes)`,
      note: 'reserved bits are zero',
    },
    { name: 'Flags', value: formatFlags(header.flags) },
    { name: 'Window', value: String(header.window), note: notes.window },
    {
      name: 'Checksum',
      value: formatHex16(checksum),
      note: 'over the pseudo-header, header and payload',
    },
    { name: 'Urgent Pointer', value: String(header.urgentPointer ?? 0) },
    ...options.fields,
  ];
  if (payload.length > 0) {
    fields.push({
      name: 'Payload',
      value: formatCount(payload.length, 'byte'),
      note: notes.payload,
    });
  }

  return { bytes, spans, fields: fields.map(withoutEmptyNote), headerLength, checksum };
}

function withoutEmptyNote(field: NamedValue): NamedValue {
  return field.note === undefined ? { name: field.name, value: field.value } : field;
}

/**
 * Builds the checksum computation of a segment as a Computation: the pseudo-header
 * followed by the segment with its checksum field set to zero, the sum and its complement.
 */
export function buildChecksumComputation(
  id: string,
  actorId: string,
  segmentBytes: Uint8Array,
  addresses: Ipv4Endpoints,
): Computation {
  const pseudoHeader = encodePseudoHeader(addresses, IPPROTO_TCP, segmentBytes.length);
  const zeroed = segmentBytes.slice();
  zeroed.set([0, 0], CHECKSUM_OFFSET);
  const bytes = concatBytes(pseudoHeader.bytes, zeroed);
  const sum = onesComplementSum(bytes);
  const checksum = ~sum & 0xffff;

  const segmentField: NamedValue = {
    name: 'TCP Segment',
    value: `${segmentBytes.length} bytes`,
    note: `${toHex(zeroed.subarray(0, 20), ' ')} … with the checksum field set to 0000`,
  };

  return {
    id,
    actorId,
    label: 'TCP checksum over the IPv4 pseudo-header',
    formula:
      'checksum = ~(ones\u2019 complement sum of the 16-bit words of pseudo-header ‖ segment)',
    inputs: [
      ...pseudoHeader.fields,
      segmentField,
      {
        name: 'Ones\u2019 complement sum',
        value: formatHex16(sum),
        note: 'carries folded back into the low 16 bits',
      },
    ],
    output: {
      name: 'Checksum',
      value: formatHex16(checksum),
      note: 'written at bytes 16–17 of the header',
    },
    bytes,
    spans: [
      ...pseudoHeader.spans,
      {
        start: pseudoHeader.bytes.length,
        end: bytes.length,
        label: 'TCP segment (checksum field zeroed)',
        field: 'TCP Segment',
      },
    ],
  };
}
