import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes';
import { isLabError } from '../../core/lab-error';
import { findTilingProblems } from '../scenario';
import {
  encodePseudoHeader,
  internetChecksum,
  IPPROTO_TCP,
  onesComplementSum,
  parseIpv4,
} from './checksum';
import { buildChecksumComputation, encodeTcpSegment, formatFlags, type TcpHeader } from './header';
import { encodeUdpDatagram } from './udp-header';
import { concatBytes } from '../bytes';
import { seqAdd, seqDiff, seqLt, isAcceptableAck, isAcceptableSegment } from './sequence';
import { buildSynOptions, readSynOptions } from './syn-options';

const ADDRESSES = { source: '192.0.2.10', destination: '198.51.100.20' };

const SYN: TcpHeader = {
  sourcePort: 50000,
  destinationPort: 80,
  sequenceNumber: 0xfffffff0,
  acknowledgmentNumber: 0,
  flags: { syn: true },
  window: 64240,
  options: [
    { kind: 'mss', mss: 1460 },
    { kind: 'sack-permitted' },
    { kind: 'timestamps', tsVal: 1000, tsEcr: 0 },
    { kind: 'nop' },
    { kind: 'window-scale', shift: 7 },
  ],
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isLabError(error) ? error.code : 'not a LabError';
  }
  return undefined;
}

describe('Internet checksum', () => {
  it('RFC 1071 §3 example sums to ddf2', () => {
    expect(onesComplementSum(fromHex('00 01 f2 03 f4 f5 f6 f7'))).toBe(0xddf2);
  });

  it('RFC 1071 §3 example checksum is 220d', () => {
    expect(internetChecksum(fromHex('00 01 f2 03 f4 f5 f6 f7'))).toBe(0x220d);
  });

  it('pads an odd final byte with zero', () => {
    expect(onesComplementSum(fromHex('01'))).toBe(0x0100);
  });

  it('rejects a malformed address', () => {
    expect(codeOf(() => parseIpv4('192.0.2'))).toBe('tcp/invalid-address');
    expect(codeOf(() => parseIpv4('192.0.2.256'))).toBe('tcp/invalid-address');
  });
});

describe('encodeTcpSegment', () => {
  const segment = encodeTcpSegment(SYN, new Uint8Array(0), ADDRESSES);

  it('SYN checksum verifies over the pseudo-header', () => {
    const pseudo = encodePseudoHeader(ADDRESSES, IPPROTO_TCP, segment.bytes.length);
    expect(onesComplementSum(concatBytes(pseudo.bytes, segment.bytes))).toBe(0xffff);
  });

  it('data segment checksum verifies', () => {
    const data = encodeTcpSegment(
      { ...SYN, flags: { ack: true, psh: true }, options: [] },
      new TextEncoder().encode('hello'),
      ADDRESSES,
    );
    const pseudo = encodePseudoHeader(ADDRESSES, IPPROTO_TCP, data.bytes.length);
    expect(onesComplementSum(concatBytes(pseudo.bytes, data.bytes))).toBe(0xffff);
  });

  it('writes the fixed header fields big-endian', () => {
    expect(toHex(segment.bytes.subarray(0, 12))).toBe('c3500050fffffff000000000');
  });

  it('data offset counts 32-bit words', () => {
    expect(segment.headerLength).toBe(40);
    expect(segment.bytes[12]).toBe(0xa0);
  });

  it('flag byte has SYN set', () => {
    expect(segment.bytes[13]).toBe(0x02);
  });

  it('encodes the options in order', () => {
    expect(toHex(segment.bytes.subarray(20, 40))).toBe(
      '020405b4' + '0402' + '080a000003e800000000' + '01' + '030307',
    );
  });

  it('spans tile the segment', () => {
    expect(findTilingProblems(segment.bytes.length, segment.spans)).toEqual([]);
  });

  it('every span names a field', () => {
    const names = new Set(segment.fields.map((f) => f.name));
    for (const span of segment.spans) expect(names.has(span.field ?? '')).toBe(true);
  });

  it('pads options to 4 bytes', () => {
    const padded = encodeTcpSegment(
      { ...SYN, options: [{ kind: 'window-scale', shift: 2 }] },
      new Uint8Array(0),
      ADDRESSES,
    );
    expect(padded.headerLength).toBe(24);
    expect(padded.spans.at(-1)?.field).toBe('Padding');
    expect(findTilingProblems(padded.bytes.length, padded.spans)).toEqual([]);
  });

  it('rejects a window above 65535', () => {
    expect(
      codeOf(() => encodeTcpSegment({ ...SYN, window: 70000 }, new Uint8Array(0), ADDRESSES)),
    ).toBe('tcp/invalid-header-field');
  });

  it('rejects options longer than 40 bytes', () => {
    const options = Array.from({ length: 41 }, () => ({ kind: 'nop' as const }));
    expect(codeOf(() => encodeTcpSegment({ ...SYN, options }, new Uint8Array(0), ADDRESSES))).toBe(
      'tcp/invalid-header-field',
    );
  });

  it('rejects a window-scale shift above 14', () => {
    expect(
      codeOf(() =>
        encodeTcpSegment(
          { ...SYN, options: [{ kind: 'window-scale', shift: 15 }] },
          new Uint8Array(0),
          ADDRESSES,
        ),
      ),
    ).toBe('tcp/invalid-header-field');
  });

  it('lists flags as Wireshark does', () => {
    expect(formatFlags({ syn: true, ack: true })).toBe('SYN, ACK');
    expect(formatFlags({ fin: true, psh: true, ack: true })).toBe('FIN, PSH, ACK');
  });
});

describe('buildChecksumComputation', () => {
  const segment = encodeTcpSegment(SYN, new Uint8Array(0), ADDRESSES);
  const computation = buildChecksumComputation('c', 'client', segment.bytes, ADDRESSES);

  it('outputs the checksum in the header', () => {
    expect(computation.output.value).toBe(`0x${segment.checksum.toString(16).padStart(4, '0')}`);
  });

  it('spans tile its bytes', () => {
    expect(findTilingProblems(computation.bytes!.length, computation.spans!)).toEqual([]);
  });

  it('sums pseudo-header and zeroed segment', () => {
    expect(internetChecksum(computation.bytes!)).toBe(segment.checksum);
  });
});

describe('encodeUdpDatagram', () => {
  const datagram = encodeUdpDatagram(
    { sourcePort: 50000, destinationPort: 53 },
    new TextEncoder().encode('query'),
    ADDRESSES,
  );

  it('header is 8 bytes with the length', () => {
    expect(toHex(datagram.bytes.subarray(0, 6))).toBe('c3500035000d');
  });

  it('checksum verifies', () => {
    const pseudo = encodePseudoHeader(ADDRESSES, 17, datagram.bytes.length);
    expect(onesComplementSum(concatBytes(pseudo.bytes, datagram.bytes))).toBe(0xffff);
  });

  it('spans tile the datagram', () => {
    expect(findTilingProblems(datagram.bytes.length, datagram.spans)).toEqual([]);
  });
});

describe('sequence arithmetic', () => {
  it('wraps at 2^32', () => {
    expect(seqAdd(0xffffffff, 2)).toBe(1);
  });

  it('compares across the wrap', () => {
    expect(seqLt(0xfffffff0, 5)).toBe(true);
    expect(seqDiff(5, 0xfffffff0)).toBe(21);
  });

  it('accepts an ACK with SND.UNA < SEG.ACK ≤ SND.NXT', () => {
    expect(isAcceptableAck(100, 101, 101)).toBe(true);
    expect(isAcceptableAck(100, 100, 101)).toBe(false);
    expect(isAcceptableAck(100, 102, 101)).toBe(false);
  });
});

describe('isAcceptableSegment', () => {
  // RFC 9293 §3.10.7.4: the four cases of segment length and receive window.
  it.each([
    ['empty segment, zero window, at RCV.NXT', 1000, 0, 1000, 0, true],
    ['empty segment, zero window, below RCV.NXT', 1000, 0, 999, 0, false],
    ['empty segment, open window, inside', 1000, 500, 1200, 0, true],
    ['empty segment, open window, beyond', 1000, 500, 1500, 0, false],
    ['data, zero window', 1000, 0, 1000, 1, false],
    ['data starting inside the window', 1000, 500, 1400, 200, true],
    ['data ending inside the window', 1000, 500, 900, 200, true],
    ['data entirely old', 1000, 500, 800, 100, false],
    ['data across the wrap', 0xfffffff0, 500, 0xfffffff0, 100, true],
  ] as const)('%s', (_case, rcvNxt, rcvWnd, seq, length, expected) => {
    expect(isAcceptableSegment(rcvNxt, rcvWnd, seq, length)).toBe(expected);
  });
});

describe('SYN options', () => {
  const own = { mss: 1460, windowScale: 7, sackPermitted: true, timestamps: true };
  const timestamp = { tsVal: 5, tsEcr: 0 };

  it('SYN offers everything configured', () => {
    expect(buildSynOptions(own, timestamp).map((o) => o.kind)).toEqual([
      'mss',
      'sack-permitted',
      'timestamps',
      'nop',
      'window-scale',
    ]);
  });

  it('SYN, ACK echoes only what the peer offered', () => {
    const peer = readSynOptions([{ kind: 'mss', mss: 1400 }]);
    expect(buildSynOptions(own, timestamp, peer).map((o) => o.kind)).toEqual(['mss']);
  });

  it('missing MSS option means 536', () => {
    expect(readSynOptions([]).mss).toBe(536);
  });

  it('reads every option of a SYN', () => {
    expect(readSynOptions(buildSynOptions(own, timestamp))).toEqual({
      mss: 1460,
      windowScale: 7,
      sackPermitted: true,
      tsVal: 5,
    });
  });
});
