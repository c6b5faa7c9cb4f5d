// TLS 1.3 handshake messages (RFC 8446 §4): encoders that return the bytes
// with a labelled layout and one NamedValue per field, and parsers that read
// the same bytes back. Encoding a parsed message gives the input bytes again.

import { toHex } from '../bytes';
import type { ByteSpan, NamedValue } from '../scenario';
import { tlsError } from './errors';
import { describeCipherSuiteCode } from './suites';
import {
  describeSignatureScheme,
  layOutExtensions,
  readExtensions,
  type Extension,
  type ExtensionContext,
} from './extensions';
import { plaintextRecordLayout, contentTypes } from './record';
import {
  ByteReader,
  layoutBytes,
  piece,
  uintPiece,
  vector,
  type Layout,
  type Piece,
} from './wire-layout';

/** RFC 8446 §4 HandshakeType values. */
export const handshakeTypes = {
  client_hello: 1,
  server_hello: 2,
  new_session_ticket: 4,
  end_of_early_data: 5,
  encrypted_extensions: 8,
  certificate: 11,
  certificate_verify: 15,
  finished: 20,
} as const;

export type HandshakeTypeName = keyof typeof handshakeTypes;

/** A handshake message as bytes (with its 4-byte header), its layout and its named fields. */
export interface EncodedMessage {
  /** The structure name from RFC 8446, such as "ClientHello". */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly layout: Layout;
  readonly fields: readonly NamedValue[];
}

export interface ClientHello {
  readonly legacyVersion: number;
  readonly random: Uint8Array;
  readonly legacySessionId: Uint8Array;
  readonly cipherSuites: readonly number[];
  readonly legacyCompressionMethods: Uint8Array;
  readonly extensions: readonly Extension[];
}

export interface ServerHello {
  readonly legacyVersion: number;
  readonly random: Uint8Array;
  readonly legacySessionIdEcho: Uint8Array;
  readonly cipherSuite: number;
  readonly legacyCompressionMethod: number;
  readonly extensions: readonly Extension[];
}

export interface EncryptedExtensions {
  readonly extensions: readonly Extension[];
}

export interface CertificateEntry {
  readonly certData: Uint8Array;
  readonly extensions: readonly Extension[];
}

export interface CertificateMessage {
  readonly certificateRequestContext: Uint8Array;
  readonly certificateList: readonly CertificateEntry[];
}

export interface CertificateVerify {
  readonly algorithm: number;
  readonly signature: Uint8Array;
}

export interface Finished {
  readonly verifyData: Uint8Array;
}

export interface NewSessionTicket {
  readonly ticketLifetime: number;
  readonly ticketAgeAdd: number;
  readonly ticketNonce: Uint8Array;
  readonly ticket: Uint8Array;
  readonly extensions: readonly Extension[];
}

const structureNames: Readonly<Record<HandshakeTypeName, string>> = {
  client_hello: 'ClientHello',
  server_hello: 'ServerHello',
  new_session_ticket: 'NewSessionTicket',
  end_of_early_data: 'EndOfEarlyData',
  encrypted_extensions: 'EncryptedExtensions',
  certificate: 'Certificate',
  certificate_verify: 'CertificateVerify',
  finished: 'Finished',
};

function hexOrEmpty(bytes: Uint8Array): string {
  return bytes.length === 0 ? '(empty)' : toHex(bytes);
}

function describeLegacyVersion(version: number): string {
  const hex = `0x${version.toString(16).padStart(4, '0')}`;
  return version === 0x0303 ? `${hex} (TLS 1.2, frozen; supported_versions carries 1.3)` : hex;
}

/** Wraps a body in `struct Handshake { msg_type; uint24 length; body }` (RFC 8446 §4). */
function encodeHandshake(
  type: HandshakeTypeName,
  body: Layout,
  bodyFields: readonly NamedValue[],
): EncodedMessage {
  const code = handshakeTypes[type];
  const bodyLength = body.reduce((sum, part) => sum + part.bytes.length, 0);
  const layout: Layout = [
    uintPiece(`msg_type ${type} (${code})`, code, 1, 'msg_type'),
    uintPiece(`length ${bodyLength}`, bodyLength, 3, 'length'),
    ...body,
  ];
  return {
    name: structureNames[type],
    bytes: layoutBytes(layout).bytes,
    layout,
    fields: [
      { name: 'msg_type', value: `${type} (${code})` },
      { name: 'length', value: `${bodyLength} bytes` },
      ...bodyFields,
    ],
  };
}

/**
 * Lays out `opaque name<..>` as a field: a length prefix of `lengthBytes` bytes, then the
 * bytes (RFC 8446 §3.4), both linked to `name`. `label` names the bytes in the layout.
 */
function opaqueVector(lengthBytes: number, name: string, bytes: Uint8Array, label = name): Layout {
  return vector(lengthBytes, `${name} length ${bytes.length}`, [piece(label, bytes)], name);
}

function extensionsPart(extensions: readonly Extension[], context: ExtensionContext) {
  return layOutExtensions(extensions, context);
}

export function encodeClientHello(hello: ClientHello): EncodedMessage {
  const suites = hello.cipherSuites.map((code) =>
    uintPiece(`cipher suite ${describeCipherSuiteCode(code)}`, code, 2, 'cipher_suites'),
  );
  const extensions = extensionsPart(hello.extensions, 'client_hello');
  const body: Layout = [
    uintPiece('legacy_version', hello.legacyVersion, 2, 'legacy_version'),
    piece('random (32 bytes)', hello.random, 'random'),
    ...opaqueVector(1, 'legacy_session_id', hello.legacySessionId),
    ...vector(2, `cipher_suites length ${hello.cipherSuites.length * 2}`, suites, 'cipher_suites'),
    ...opaqueVector(
      1,
      'legacy_compression_methods',
      hello.legacyCompressionMethods,
      'legacy_compression_methods: null (0)',
    ),
    ...extensions.layout,
  ];
  return encodeHandshake('client_hello', body, [
    { name: 'legacy_version', value: describeLegacyVersion(hello.legacyVersion) },
    { name: 'random', value: toHex(hello.random) },
    { name: 'legacy_session_id', value: hexOrEmpty(hello.legacySessionId) },
    { name: 'cipher_suites', value: hello.cipherSuites.map(describeCipherSuiteCode).join(', ') },
    {
      name: 'legacy_compression_methods',
      value: Array.from(hello.legacyCompressionMethods).join(', '),
    },
    ...extensions.fields,
  ]);
}

export function encodeServerHello(hello: ServerHello): EncodedMessage {
  const extensions = extensionsPart(hello.extensions, 'server_hello');
  const body: Layout = [
    uintPiece('legacy_version', hello.legacyVersion, 2, 'legacy_version'),
    piece('random (32 bytes)', hello.random, 'random'),
    ...opaqueVector(1, 'legacy_session_id_echo', hello.legacySessionIdEcho),
    uintPiece(
      `cipher_suite ${describeCipherSuiteCode(hello.cipherSuite)}`,
      hello.cipherSuite,
      2,
      'cipher_suite',
    ),
    uintPiece(
      'legacy_compression_method: null (0)',
      hello.legacyCompressionMethod,
      1,
      'legacy_compression_method',
    ),
    ...extensions.layout,
  ];
  return encodeHandshake('server_hello', body, [
    { name: 'legacy_version', value: describeLegacyVersion(hello.legacyVersion) },
    { name: 'random', value: toHex(hello.random) },
    { name: 'legacy_session_id_echo', value: hexOrEmpty(hello.legacySessionIdEcho) },
    { name: 'cipher_suite', value: describeCipherSuiteCode(hello.cipherSuite) },
    { name: 'legacy_compression_method', value: String(hello.legacyCompressionMethod) },
    ...extensions.fields,
  ]);
}

export function encodeEncryptedExtensions(message: EncryptedExtensions): EncodedMessage {
  const extensions = extensionsPart(message.extensions, 'encrypted_extensions');
  return encodeHandshake('encrypted_extensions', extensions.layout, extensions.fields);
}

export function encodeCertificate(message: CertificateMessage): EncodedMessage {
  const fields: NamedValue[] = [
    { name: 'certificate_request_context', value: hexOrEmpty(message.certificateRequestContext) },
  ];
  const entries: Piece[] = [];
  message.certificateList.forEach((entry, index) => {
    const field = index === 0 ? 'cert_data' : `cert_data #${index + 1}`;
    fields.push({ name: field, value: `${entry.certData.length}-byte DER X.509 certificate` });
    entries.push(
      ...vector(
        3,
        `cert_data length ${entry.certData.length}`,
        [piece('cert_data (DER X.509)', entry.certData, field)],
        field,
      ),
    );
    const extensions = layOutExtensions(entry.extensions, 'certificate');
    const extensionsField = index === 0 ? 'entry extensions' : `entry extensions #${index + 1}`;
    fields.push({ name: extensionsField, value: `${entry.extensions.length} extensions` });
    entries.push(...extensions.layout.map((part) => ({ ...part, field: extensionsField })));
  });

  const listLength = entries.reduce((sum, part) => sum + part.bytes.length, 0);
  fields.push({
    name: 'certificate_list',
    value: `${message.certificateList.length} entries, ${listLength} bytes`,
  });
  const body: Layout = [
    ...opaqueVector(1, 'certificate_request_context', message.certificateRequestContext),
    uintPiece(`certificate_list length ${listLength}`, listLength, 3, 'certificate_list'),
    ...entries,
  ];
  return encodeHandshake('certificate', body, fields);
}

export function encodeCertificateVerify(message: CertificateVerify): EncodedMessage {
  const scheme = describeSignatureScheme(message.algorithm);
  const body: Layout = [
    uintPiece(`algorithm ${scheme}`, message.algorithm, 2, 'algorithm'),
    ...opaqueVector(2, 'signature', message.signature),
  ];
  return encodeHandshake('certificate_verify', body, [
    { name: 'algorithm', value: scheme },
    { name: 'signature', value: toHex(message.signature) },
  ]);
}

export function encodeFinished(message: Finished): EncodedMessage {
  return encodeHandshake(
    'finished',
    [piece('verify_data', message.verifyData, 'verify_data')],
    [{ name: 'verify_data', value: toHex(message.verifyData) }],
  );
}

export function encodeNewSessionTicket(message: NewSessionTicket): EncodedMessage {
  const extensions = extensionsPart(message.extensions, 'new_session_ticket');
  const body: Layout = [
    uintPiece(
      `ticket_lifetime ${message.ticketLifetime} s`,
      message.ticketLifetime,
      4,
      'ticket_lifetime',
    ),
    uintPiece('ticket_age_add', message.ticketAgeAdd, 4, 'ticket_age_add'),
    ...opaqueVector(1, 'ticket_nonce', message.ticketNonce),
    ...opaqueVector(2, 'ticket', message.ticket, 'ticket (opaque to the client)'),
    ...extensions.layout,
  ];
  return encodeHandshake('new_session_ticket', body, [
    { name: 'ticket_lifetime', value: `${message.ticketLifetime} seconds` },
    { name: 'ticket_age_add', value: `0x${message.ticketAgeAdd.toString(16).padStart(8, '0')}` },
    { name: 'ticket_nonce', value: hexOrEmpty(message.ticketNonce) },
    { name: 'ticket', value: toHex(message.ticket) },
    ...extensions.fields,
  ]);
}

/** The message inside a TLSPlaintext record, with bytes, spans and fields for a WireMessage. */
export interface RecordView {
  readonly bytes: Uint8Array;
  readonly spans: readonly ByteSpan[];
  readonly fields: readonly NamedValue[];
}

/** Wraps a handshake message in a plaintext record (RFC 8446 §5.1), as ClientHello and ServerHello travel. */
export function plaintextHandshakeRecord(
  message: EncodedMessage,
  legacyRecordVersion = 0x0303,
): RecordView {
  const layout = plaintextRecordLayout(contentTypes.handshake, message.layout, legacyRecordVersion);
  const { bytes, spans } = layoutBytes(layout);
  return {
    bytes,
    spans,
    fields: [
      { name: 'record type', value: 'handshake (22)' },
      {
        name: 'record version',
        value: `0x${legacyRecordVersion.toString(16).padStart(4, '0')}${legacyRecordVersion === 0x0301 ? ' (TLS 1.0, allowed on a first ClientHello)' : ''}`,
      },
      { name: 'record length', value: `${message.bytes.length} bytes` },
      ...message.fields,
    ],
  };
}

/** Reads the 4-byte handshake header, checks the type and the length, and returns a reader over the body. */
export function readHandshakeBody(bytes: Uint8Array, expected: HandshakeTypeName): ByteReader {
  const name = structureNames[expected];
  const header = new ByteReader(bytes, name);
  const type = header.readUint(1, 'msg_type');
  if (type !== handshakeTypes[expected]) {
    throw tlsError(
      'unexpected-message-type',
      `${name}: msg_type is ${type}, expected ${handshakeTypes[expected]}`,
      {
        structure: name,
        offset: 0,
        expected: handshakeTypes[expected],
        actual: type,
      },
    );
  }

  const body = header.readVectorReader(3, 'body');
  header.expectEnd();
  return body;
}

export function parseClientHello(bytes: Uint8Array): ClientHello {
  const reader = readHandshakeBody(bytes, 'client_hello');
  const legacyVersion = reader.readUint(2, 'legacy_version');
  const random = reader.readBytes(32, 'random');
  const legacySessionId = reader.readVector(1, 'legacy_session_id');

  const suites = reader.readVector(2, 'cipher_suites');
  if (suites.length % 2 !== 0) {
    throw tlsError(
      'invalid-field',
      `ClientHello: cipher_suites has an odd length ${suites.length}`,
      {
        structure: 'ClientHello',
        field: 'cipher_suites',
        offset: reader.offset,
      },
    );
  }
  const cipherSuites = Array.from(
    { length: suites.length / 2 },
    (_, i) => (suites[2 * i]! << 8) | suites[2 * i + 1]!,
  );

  const legacyCompressionMethods = reader.readVector(1, 'legacy_compression_methods');
  const extensions = readExtensions(reader);
  reader.expectEnd();
  return {
    legacyVersion,
    random,
    legacySessionId,
    cipherSuites,
    legacyCompressionMethods,
    extensions,
  };
}

export function parseServerHello(bytes: Uint8Array): ServerHello {
  const reader = readHandshakeBody(bytes, 'server_hello');
  const hello: ServerHello = {
    legacyVersion: reader.readUint(2, 'legacy_version'),
    random: reader.readBytes(32, 'random'),
    legacySessionIdEcho: reader.readVector(1, 'legacy_session_id_echo'),
    cipherSuite: reader.readUint(2, 'cipher_suite'),
    legacyCompressionMethod: reader.readUint(1, 'legacy_compression_method'),
    extensions: readExtensions(reader),
  };
  reader.expectEnd();
  return hello;
}

export function parseEncryptedExtensions(bytes: Uint8Array): EncryptedExtensions {
  const reader = readHandshakeBody(bytes, 'encrypted_extensions');
  const extensions = readExtensions(reader);
  reader.expectEnd();
  return { extensions };
}

export function parseCertificate(bytes: Uint8Array): CertificateMessage {
  const reader = readHandshakeBody(bytes, 'certificate');
  const certificateRequestContext = reader.readVector(1, 'certificate_request_context');
  const list = reader.readVectorReader(3, 'certificate_list');
  const certificateList: CertificateEntry[] = [];
  while (list.remaining > 0) {
    certificateList.push({
      certData: list.readVector(3, 'cert_data'),
      extensions: readExtensions(list),
    });
  }
  reader.expectEnd();
  return { certificateRequestContext, certificateList };
}

export function parseCertificateVerify(bytes: Uint8Array): CertificateVerify {
  const reader = readHandshakeBody(bytes, 'certificate_verify');
  const message = {
    algorithm: reader.readUint(2, 'algorithm'),
    signature: reader.readVector(2, 'signature'),
  };
  reader.expectEnd();
  return message;
}

/** Reads a Finished message; `hashLength` (Hash.length of the suite), when given, must match verify_data. */
export function parseFinished(bytes: Uint8Array, hashLength?: number): Finished {
  const reader = readHandshakeBody(bytes, 'finished');
  const verifyData = reader.readBytes(reader.remaining, 'verify_data');
  if (hashLength !== undefined && verifyData.length !== hashLength) {
    throw tlsError(
      'invalid-field',
      `Finished: verify_data has ${verifyData.length} bytes, expected ${hashLength}`,
      {
        structure: 'Finished',
        field: 'verify_data',
        offset: 4,
      },
    );
  }
  return { verifyData };
}

export function parseNewSessionTicket(bytes: Uint8Array): NewSessionTicket {
  const reader = readHandshakeBody(bytes, 'new_session_ticket');
  const message: NewSessionTicket = {
    ticketLifetime: reader.readUint(4, 'ticket_lifetime'),
    ticketAgeAdd: reader.readUint(4, 'ticket_age_add'),
    ticketNonce: reader.readVector(1, 'ticket_nonce'),
    ticket: reader.readVector(2, 'ticket'),
    extensions: readExtensions(reader),
  };
  reader.expectEnd();
  return message;
}
