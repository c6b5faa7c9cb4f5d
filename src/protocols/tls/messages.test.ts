import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes';
import { findTilingProblems } from '../scenario';
import { rfc8448, rfc8448Resumption } from './rfc8448.fixture';
import {
  encodeCertificate,
  encodeCertificateVerify,
  encodeClientHello,
  encodeEncryptedExtensions,
  encodeFinished,
  encodeNewSessionTicket,
  encodeServerHello,
  parseCertificate,
  parseCertificateVerify,
  parseClientHello,
  parseEncryptedExtensions,
  parseFinished,
  parseNewSessionTicket,
  parseServerHello,
  plaintextHandshakeRecord,
  type EncodedMessage,
} from './messages';
import {
  extensionTypes,
  findExtension,
  parseKeyShareClientHello,
  parseKeyShareServerHello,
  parsePreSharedKeyClientHello,
} from './extensions';
import { layoutBytes } from './wire-layout';

const roundTrips: [string, string, (bytes: Uint8Array) => EncodedMessage][] = [
  ['ClientHello', rfc8448.clientHello, (b) => encodeClientHello(parseClientHello(b))],
  ['ServerHello', rfc8448.serverHello, (b) => encodeServerHello(parseServerHello(b))],
  [
    'EncryptedExtensions',
    rfc8448.encryptedExtensions,
    (b) => encodeEncryptedExtensions(parseEncryptedExtensions(b)),
  ],
  ['Certificate', rfc8448.certificate, (b) => encodeCertificate(parseCertificate(b))],
  [
    'CertificateVerify',
    rfc8448.certificateVerify,
    (b) => encodeCertificateVerify(parseCertificateVerify(b)),
  ],
  ['server Finished', rfc8448.serverFinished, (b) => encodeFinished(parseFinished(b, 32))],
  ['client Finished', rfc8448.clientFinished, (b) => encodeFinished(parseFinished(b, 32))],
  [
    'NewSessionTicket',
    rfc8448.newSessionTicket,
    (b) => encodeNewSessionTicket(parseNewSessionTicket(b)),
  ],
  [
    'resumption ClientHello',
    rfc8448Resumption.truncatedClientHello + rfc8448Resumption.binders,
    (b) => encodeClientHello(parseClientHello(b)),
  ],
];

describe('RFC 8448 message round trips', () => {
  it.each(roundTrips)('%s re-encodes to the same bytes', (_name, hex, roundTrip) => {
    expect(toHex(roundTrip(fromHex(hex)).bytes)).toBe(hex);
  });

  it.each(roundTrips)('%s spans tile the message', (_name, hex, roundTrip) => {
    const encoded = roundTrip(fromHex(hex));
    const { spans } = layoutBytes(encoded.layout);
    expect(findTilingProblems(encoded.bytes.length, spans)).toEqual([]);
  });

  it.each(roundTrips)('%s span fields name message fields', (_name, hex, roundTrip) => {
    const encoded = roundTrip(fromHex(hex));
    const names = new Set(encoded.fields.map((field) => field.name));
    for (const span of layoutBytes(encoded.layout).spans) {
      expect(span.field, span.label).toBeDefined();
      expect(names.has(span.field!), `${span.label} -> ${span.field}`).toBe(true);
    }
  });
});

describe('ClientHello fields', () => {
  const hello = parseClientHello(fromHex(rfc8448.clientHello));

  it('reads random, suites and the x25519 key share', () => {
    expect(toHex(hello.random)).toBe(rfc8448.clientRandom);
    expect(hello.cipherSuites).toEqual([0x1301, 0x1303, 0x1302]);
    const keyShare = findExtension(hello.extensions, extensionTypes.key_share)!;
    const [entry] = parseKeyShareClientHello(keyShare.data);
    expect(entry!.group).toBe(0x001d);
    expect(toHex(entry!.keyExchange)).toBe(rfc8448.clientPublicKey);
  });

  it('labels every extension by name', () => {
    const names = encodeClientHello(hello).fields.map((field) => field.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'server_name',
        'renegotiation_info',
        'supported_groups',
        'session_ticket',
        'key_share',
        'supported_versions',
        'signature_algorithms',
        'psk_key_exchange_modes',
        'record_size_limit',
      ]),
    );
  });

  it('splits the key share into group, length and key', () => {
    const labels = layoutBytes(encodeClientHello(hello).layout).spans.filter(
      (s) => s.field === 'key_share',
    );
    expect(labels.map((span) => span.end - span.start)).toEqual([2, 2, 2, 2, 2, 32]);
  });

  it('wraps in a record with header 16 03 01 00 c4', () => {
    const record = plaintextHandshakeRecord(encodeClientHello(hello), 0x0301);
    expect(toHex(record.bytes.slice(0, 5))).toBe(rfc8448.clientHelloRecordHeader);
    expect(findTilingProblems(record.bytes.length, record.spans)).toEqual([]);
    const names = new Set(record.fields.map((field) => field.name));
    expect(record.spans.every((span) => names.has(span.field!))).toBe(true);
  });
});

describe('ServerHello and resumption fields', () => {
  it('reads the server key share', () => {
    const hello = parseServerHello(fromHex(rfc8448.serverHello));
    const entry = parseKeyShareServerHello(
      findExtension(hello.extensions, extensionTypes.key_share)!.data,
    );
    expect(toHex(entry.keyExchange)).toBe(rfc8448.serverPublicKey);
    expect(toHex(hello.random)).toBe(rfc8448.serverRandom);
  });

  it('reads the offered PSK and binder', () => {
    const hello = parseClientHello(
      fromHex(rfc8448Resumption.truncatedClientHello + rfc8448Resumption.binders),
    );
    const psk = parsePreSharedKeyClientHello(
      findExtension(hello.extensions, extensionTypes.pre_shared_key)!.data,
    );
    expect(toHex(psk.binders[0]!)).toBe(rfc8448Resumption.binder);
    expect(psk.identities[0]!.obfuscatedTicketAge).toBe(0xfad6aacb);
    const ticket = parseNewSessionTicket(fromHex(rfc8448.newSessionTicket));
    expect(toHex(psk.identities[0]!.identity)).toBe(toHex(ticket.ticket));
  });

  it('reads the NewSessionTicket', () => {
    const ticket = parseNewSessionTicket(fromHex(rfc8448.newSessionTicket));
    expect(ticket.ticketLifetime).toBe(30);
    expect(ticket.ticketAgeAdd).toBe(0xfad6aac5);
    expect(toHex(ticket.ticketNonce)).toBe('0000');
    expect(ticket.ticket.length).toBe(178);
  });
});

describe('malformed messages', () => {
  const cases: [string, () => unknown, string][] = [
    [
      'truncated ClientHello',
      () => parseClientHello(fromHex(rfc8448.clientHello).slice(0, 100)),
      'truncated-message',
    ],
    [
      'wrong message type',
      () => parseServerHello(fromHex(rfc8448.clientHello)),
      'unexpected-message-type',
    ],
    [
      'trailing byte',
      () => parseFinished(fromHex(rfc8448.serverFinished + '00')),
      'trailing-bytes',
    ],
    ['short verify_data', () => parseFinished(fromHex('1400000401020304'), 32), 'invalid-field'],
    ['empty input', () => parseCertificate(new Uint8Array(0)), 'truncated-message'],
    [
      'extension longer than its block',
      () => parseEncryptedExtensions(fromHex('08000006' + '0004' + '000a0009')),
      'truncated-message',
    ],
    ['odd cipher_suites length', () => parseClientHello(oddSuites()), 'invalid-field'],
  ];

  it.each(cases)('%s', (_name, parse, code) => {
    expect(parse).toThrow(expect.objectContaining({ code }));
  });

  it('names the offset of a truncation', () => {
    try {
      parseClientHello(fromHex(rfc8448.clientHello).slice(0, 20));
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'truncated-message' });
      expect((error as { details: { offset: number } }).details.offset).toBeGreaterThan(0);
    }
  });
});

function oddSuites(): Uint8Array {
  // client_hello with body: version, random, empty session id, cipher_suites of 3 bytes.
  const body = '0303' + '00'.repeat(32) + '00' + '0003' + '130113' + '0100' + '0000';
  return fromHex('01' + (body.length / 2).toString(16).padStart(6, '0') + body);
}
