// TLS 1.3 extensions (RFC 8446 §4.2 and RFC 8449 record_size_limit, RFC 7685
// padding, RFC 6066 server_name): encoders for the ones this lab sends, parsers
// for the ones it reads back, and a layout that labels every byte of a body.

import { concatBytes, toHex, uintBytes } from '../bytes';
import type { NamedValue } from '../scenario';
import {
  ByteReader,
  layoutBytes,
  piece,
  uintPiece,
  vector,
  withField,
  type Layout,
  type Piece,
} from './wire-layout';

export const extensionTypes = {
  server_name: 0,
  supported_groups: 10,
  signature_algorithms: 13,
  padding: 21,
  record_size_limit: 28,
  session_ticket: 35,
  pre_shared_key: 41,
  early_data: 42,
  supported_versions: 43,
  psk_key_exchange_modes: 45,
  key_share: 51,
  renegotiation_info: 0xff01,
} as const;

export type ExtensionName = keyof typeof extensionTypes;

/** The message an extension appears in, which decides its body structure (RFC 8446 §4.2). */
export type ExtensionContext =
  'client_hello' | 'server_hello' | 'encrypted_extensions' | 'certificate' | 'new_session_ticket';

export interface Extension {
  readonly type: number;
  readonly data: Uint8Array;
}

/** RFC 8446 §4.2.7 NamedGroup values. */
export const namedGroups: Readonly<Record<number, string>> = {
  0x0017: 'secp256r1',
  0x0018: 'secp384r1',
  0x0019: 'secp521r1',
  0x001d: 'x25519',
  0x001e: 'x448',
  0x0100: 'ffdhe2048',
  0x0101: 'ffdhe3072',
  0x0102: 'ffdhe4096',
  0x0103: 'ffdhe6144',
  0x0104: 'ffdhe8192',
};

export const X25519_GROUP = 0x001d;

/** RFC 8446 §4.2.3 SignatureScheme values, with the legacy DSA code points RFC 8448 still offers. */
export const signatureSchemes: Readonly<Record<number, string>> = {
  0x0201: 'rsa_pkcs1_sha1',
  0x0202: 'dsa_sha1 (legacy)',
  0x0203: 'ecdsa_sha1',
  0x0401: 'rsa_pkcs1_sha256',
  0x0402: 'dsa_sha256 (legacy)',
  0x0403: 'ecdsa_secp256r1_sha256',
  0x0501: 'rsa_pkcs1_sha384',
  0x0502: 'dsa_sha384 (legacy)',
  0x0503: 'ecdsa_secp384r1_sha384',
  0x0601: 'rsa_pkcs1_sha512',
  0x0602: 'dsa_sha512 (legacy)',
  0x0603: 'ecdsa_secp521r1_sha512',
  0x0804: 'rsa_pss_rsae_sha256',
  0x0805: 'rsa_pss_rsae_sha384',
  0x0806: 'rsa_pss_rsae_sha512',
  0x0807: 'ed25519',
  0x0808: 'ed448',
  0x0809: 'rsa_pss_pss_sha256',
  0x080a: 'rsa_pss_pss_sha384',
  0x080b: 'rsa_pss_pss_sha512',
};

export const TLS13_VERSION = 0x0304;

/** RFC 8446 §4.2.9: psk_dhe_ke, PSK with (EC)DHE key establishment. */
export const PSK_DHE_KE = 1;

function hex16(value: number): string {
  return `0x${value.toString(16).padStart(4, '0')}`;
}

function nameOf(table: Readonly<Record<number, string>>, code: number): string {
  return `${table[code] ?? 'unknown'} (${hex16(code)})`;
}

export function extensionName(type: number): string {
  const name = (Object.keys(extensionTypes) as ExtensionName[]).find(
    (n) => extensionTypes[n] === type,
  );
  return name ?? `unknown extension ${hex16(type)}`;
}

export function describeSignatureScheme(code: number): string {
  return nameOf(signatureSchemes, code);
}

export function describeNamedGroup(code: number): string {
  return nameOf(namedGroups, code);
}

function describeVersion(version: number): string {
  return version === TLS13_VERSION ? `TLS 1.3 (${hex16(version)})` : hex16(version);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function u16List(values: readonly number[]): Uint8Array {
  return concatBytes(...values.map((v) => uintBytes(v, 2)));
}

function ext(type: number, data: Uint8Array): Extension {
  return { type, data };
}

/** RFC 6066 §3: one host_name entry. */
export function serverNameExtension(hostName: string): Extension {
  const name = encoder.encode(hostName);
  const entry = concatBytes(uintBytes(0, 1), uintBytes(name.length, 2), name);
  return ext(extensionTypes.server_name, concatBytes(uintBytes(entry.length, 2), entry));
}

/** Returns an extension with an empty body, such as the server_name a server sends in EncryptedExtensions to confirm that it used the name. */
export function emptyExtension(type: number): Extension {
  return ext(type, new Uint8Array(0));
}

export function supportedGroupsExtension(groups: readonly number[]): Extension {
  return ext(
    extensionTypes.supported_groups,
    concatBytes(uintBytes(groups.length * 2, 2), u16List(groups)),
  );
}

export function signatureAlgorithmsExtension(schemes: readonly number[]): Extension {
  return ext(
    extensionTypes.signature_algorithms,
    concatBytes(uintBytes(schemes.length * 2, 2), u16List(schemes)),
  );
}

export interface KeyShareEntry {
  readonly group: number;
  readonly keyExchange: Uint8Array;
}

function keyShareEntryBytes(entry: KeyShareEntry): Uint8Array {
  return concatBytes(
    uintBytes(entry.group, 2),
    uintBytes(entry.keyExchange.length, 2),
    entry.keyExchange,
  );
}

/** RFC 8446 §4.2.8: KeyShareClientHello carries a list of shares. */
export function keyShareClientHelloExtension(entries: readonly KeyShareEntry[]): Extension {
  const shares = concatBytes(...entries.map(keyShareEntryBytes));
  return ext(extensionTypes.key_share, concatBytes(uintBytes(shares.length, 2), shares));
}

/** RFC 8446 §4.2.8: KeyShareServerHello carries the one share the server chose. */
export function keyShareServerHelloExtension(entry: KeyShareEntry): Extension {
  return ext(extensionTypes.key_share, keyShareEntryBytes(entry));
}

export function supportedVersionsClientHelloExtension(versions: readonly number[]): Extension {
  return ext(
    extensionTypes.supported_versions,
    concatBytes(uintBytes(versions.length * 2, 1), u16List(versions)),
  );
}

export function supportedVersionsServerHelloExtension(version: number): Extension {
  return ext(extensionTypes.supported_versions, uintBytes(version, 2));
}

export function pskKeyExchangeModesExtension(modes: readonly number[]): Extension {
  return ext(
    extensionTypes.psk_key_exchange_modes,
    concatBytes(uintBytes(modes.length, 1), Uint8Array.from(modes)),
  );
}

/** RFC 8449: the largest record plaintext the sender is willing to receive. */
export function recordSizeLimitExtension(limit: number): Extension {
  return ext(extensionTypes.record_size_limit, uintBytes(limit, 2));
}

/** RFC 5746: an empty renegotiated_connection, which a TLS 1.3 ClientHello may still carry. */
export function renegotiationInfoExtension(): Extension {
  return ext(extensionTypes.renegotiation_info, uintBytes(0, 1));
}

/** RFC 8446 §4.2.10: empty in ClientHello and EncryptedExtensions, max_early_data_size in NewSessionTicket. */
export function earlyDataExtension(maxEarlyDataSize?: number): Extension {
  const data = maxEarlyDataSize === undefined ? new Uint8Array(0) : uintBytes(maxEarlyDataSize, 4);
  return ext(extensionTypes.early_data, data);
}

export function paddingExtension(length: number): Extension {
  return ext(extensionTypes.padding, new Uint8Array(length));
}

export interface PskIdentity {
  readonly identity: Uint8Array;
  readonly obfuscatedTicketAge: number;
}

/** RFC 8446 §4.2.11: OfferedPsks. It must be the last extension of the ClientHello. */
export function preSharedKeyClientHelloExtension(
  identities: readonly PskIdentity[],
  binders: readonly Uint8Array[],
): Extension {
  const identityBytes = concatBytes(
    ...identities.map((id) =>
      concatBytes(
        uintBytes(id.identity.length, 2),
        id.identity,
        uintBytes(id.obfuscatedTicketAge, 4),
      ),
    ),
  );
  const binderBytes = concatBytes(...binders.map((b) => concatBytes(uintBytes(b.length, 1), b)));
  return ext(
    extensionTypes.pre_shared_key,
    concatBytes(
      uintBytes(identityBytes.length, 2),
      identityBytes,
      uintBytes(binderBytes.length, 2),
      binderBytes,
    ),
  );
}

/** Returns the length of the binders list of an OfferedPsks, including its 2-byte length (RFC 8446 §4.2.11.2). */
export function bindersListLength(binderLengths: readonly number[]): number {
  return 2 + binderLengths.reduce((sum, length) => sum + 1 + length, 0);
}

export function preSharedKeyServerHelloExtension(selectedIdentity: number): Extension {
  return ext(extensionTypes.pre_shared_key, uintBytes(selectedIdentity, 2));
}

export function findExtension(
  extensions: readonly Extension[],
  type: number,
): Extension | undefined {
  return extensions.find((e) => e.type === type);
}

export function parseKeyShareClientHello(data: Uint8Array): KeyShareEntry[] {
  const reader = new ByteReader(data, 'key_share').readVectorReader(2, 'client_shares');
  const entries: KeyShareEntry[] = [];
  while (reader.remaining > 0) {
    entries.push({
      group: reader.readUint(2, 'group'),
      keyExchange: reader.readVector(2, 'key_exchange'),
    });
  }
  return entries;
}

export function parseKeyShareServerHello(data: Uint8Array): KeyShareEntry {
  const reader = new ByteReader(data, 'key_share');
  const entry = {
    group: reader.readUint(2, 'group'),
    keyExchange: reader.readVector(2, 'key_exchange'),
  };
  reader.expectEnd();
  return entry;
}

/** RFC 8446 §4.2.10: the early_data extension of a NewSessionTicket carries max_early_data_size. */
export function parseEarlyDataMaxSize(data: Uint8Array): number {
  const reader = new ByteReader(data, 'early_data');
  const size = reader.readUint(4, 'max_early_data_size');
  reader.expectEnd();
  return size;
}

export interface OfferedPsks {
  readonly identities: readonly PskIdentity[];
  readonly binders: readonly Uint8Array[];
}

export function parsePreSharedKeyClientHello(data: Uint8Array): OfferedPsks {
  const reader = new ByteReader(data, 'pre_shared_key');
  const identityReader = reader.readVectorReader(2, 'identities');
  const identities: PskIdentity[] = [];
  while (identityReader.remaining > 0) {
    identities.push({
      identity: identityReader.readVector(2, 'identity'),
      obfuscatedTicketAge: identityReader.readUint(4, 'obfuscated_ticket_age'),
    });
  }

  const binderReader = reader.readVectorReader(2, 'binders');
  const binders: Uint8Array[] = [];
  while (binderReader.remaining > 0) binders.push(binderReader.readVector(1, 'binder'));
  reader.expectEnd();
  return { identities, binders };
}

/** Body pieces and a one-line summary of an extension body; a body that does not parse stays one piece. */
interface BodyDescription {
  readonly layout: Layout;
  readonly summary: string;
}

type BodyDescriber = (data: Uint8Array, context: ExtensionContext) => BodyDescription;

function u16ListBody(
  data: Uint8Array,
  listName: string,
  itemLabel: string,
  describe: (c: number) => string,
) {
  const reader = new ByteReader(data, listName).readVectorReader(2, listName);
  const codes: number[] = [];
  while (reader.remaining > 0) codes.push(reader.readUint(2, itemLabel));
  const layout: Layout = [
    uintPiece(`${listName} length ${codes.length * 2}`, codes.length * 2, 2),
    ...codes.map((code) => uintPiece(`${itemLabel} ${describe(code)}`, code, 2)),
  ];
  return { layout, summary: codes.map(describe).join(', ') };
}

function keyShareBody(data: Uint8Array, context: ExtensionContext): BodyDescription {
  const entryLayout = (entry: KeyShareEntry): Layout => [
    uintPiece(`group ${describeNamedGroup(entry.group)}`, entry.group, 2),
    ...vector(2, `key_exchange length ${entry.keyExchange.length}`, [
      piece(`key_exchange (${namedGroups[entry.group] ?? 'group'} public key)`, entry.keyExchange),
    ]),
  ];
  const entries =
    context === 'client_hello' ? parseKeyShareClientHello(data) : [parseKeyShareServerHello(data)];
  const inner = entries.flatMap(entryLayout);
  const layout =
    context === 'client_hello'
      ? vector(2, `client_shares length ${data.length - 2}`, inner)
      : inner;
  const summary = entries
    .map((e) => `${namedGroups[e.group] ?? hex16(e.group)} ${toHex(e.keyExchange)}`)
    .join('; ');
  return { layout, summary };
}

function supportedVersionsBody(data: Uint8Array, context: ExtensionContext): BodyDescription {
  if (context !== 'client_hello') {
    const version = new ByteReader(data, 'supported_versions').readUint(2, 'selected_version');
    return {
      layout: [uintPiece(`selected_version ${describeVersion(version)}`, version, 2)],
      summary: describeVersion(version),
    };
  }
  const reader = new ByteReader(data, 'supported_versions').readVectorReader(1, 'versions');
  const versions: number[] = [];
  while (reader.remaining > 0) versions.push(reader.readUint(2, 'version'));
  return {
    layout: [
      uintPiece(`versions length ${versions.length * 2}`, versions.length * 2, 1),
      ...versions.map((v) => uintPiece(`version ${describeVersion(v)}`, v, 2)),
    ],
    summary: versions.map(describeVersion).join(', '),
  };
}

function serverNameBody(data: Uint8Array): BodyDescription {
  if (data.length === 0) return { layout: [], summary: '(empty: the server used the name)' };
  const reader = new ByteReader(data, 'server_name').readVectorReader(2, 'server_name_list');
  const type = reader.readUint(1, 'name_type');
  const name = reader.readVector(2, 'host_name');
  reader.expectEnd();
  return {
    layout: [
      uintPiece(`server_name_list length ${data.length - 2}`, data.length - 2, 2),
      uintPiece(`name_type host_name (${type})`, type, 1),
      ...vector(2, `host_name length ${name.length}`, [
        piece(`host_name "${decoder.decode(name)}"`, name),
      ]),
    ],
    summary: `host_name "${decoder.decode(name)}"`,
  };
}

/** RFC 8446 §4.2.9 PskKeyExchangeMode names. */
function describePskMode(mode: number): string {
  if (mode === PSK_DHE_KE) return 'psk_dhe_ke (1)';
  if (mode === 0) return 'psk_ke (0)';
  return String(mode);
}

function pskModesBody(data: Uint8Array): BodyDescription {
  const modes = Array.from(
    new ByteReader(data, 'psk_key_exchange_modes').readVector(1, 'ke_modes'),
  );
  return {
    layout: [
      uintPiece(`ke_modes length ${modes.length}`, modes.length, 1),
      ...modes.map((m) => uintPiece(`ke_mode ${describePskMode(m)}`, m, 1)),
    ],
    summary: modes.map(describePskMode).join(', '),
  };
}

function preSharedKeyBody(data: Uint8Array, context: ExtensionContext): BodyDescription {
  if (context !== 'client_hello') {
    const selected = new ByteReader(data, 'pre_shared_key').readUint(2, 'selected_identity');
    return {
      layout: [uintPiece(`selected_identity ${selected}`, selected, 2)],
      summary: `selected_identity ${selected}`,
    };
  }
  const offered = parsePreSharedKeyClientHello(data);
  const identityLength = offered.identities.reduce((sum, id) => sum + 6 + id.identity.length, 0);
  const layout: Layout = [
    uintPiece(`identities length ${identityLength}`, identityLength, 2),
    ...offered.identities.flatMap((id) => [
      ...vector(2, `identity length ${id.identity.length}`, [
        piece('identity (the ticket)', id.identity),
      ]),
      uintPiece(
        `obfuscated_ticket_age 0x${id.obfuscatedTicketAge.toString(16).padStart(8, '0')}`,
        id.obfuscatedTicketAge,
        4,
      ),
    ]),
    ...vector(
      2,
      `binders length ${bindersListLength(offered.binders.map((b) => b.length)) - 2}`,
      offered.binders.flatMap((b) => vector(1, `binder length ${b.length}`, [piece('binder', b)])),
    ),
  ];
  const summary = offered.identities
    .map(
      (id, i) =>
        `ticket of ${id.identity.length} bytes, binder ${toHex(offered.binders[i] ?? new Uint8Array(0))}`,
    )
    .join('; ');
  return { layout, summary };
}

function earlyDataBody(data: Uint8Array): BodyDescription {
  if (data.length === 0) return { layout: [], summary: '(empty)' };
  const size = new ByteReader(data, 'early_data').readUint(4, 'max_early_data_size');
  return {
    layout: [uintPiece(`max_early_data_size ${size}`, size, 4)],
    summary: `max_early_data_size ${size}`,
  };
}

const describers: Readonly<Record<number, BodyDescriber>> = {
  [extensionTypes.server_name]: serverNameBody,
  [extensionTypes.supported_groups]: (data) =>
    u16ListBody(data, 'named_group_list', 'group', describeNamedGroup),
  [extensionTypes.signature_algorithms]: (data) =>
    u16ListBody(data, 'supported_signature_algorithms', 'scheme', describeSignatureScheme),
  [extensionTypes.key_share]: keyShareBody,
  [extensionTypes.supported_versions]: supportedVersionsBody,
  [extensionTypes.psk_key_exchange_modes]: pskModesBody,
  [extensionTypes.pre_shared_key]: preSharedKeyBody,
  [extensionTypes.early_data]: earlyDataBody,
  [extensionTypes.record_size_limit]: (data) => {
    const limit = new ByteReader(data, 'record_size_limit').readUint(2, 'record_size_limit');
    return {
      layout: [uintPiece(`record_size_limit ${limit}`, limit, 2)],
      summary: `${limit} bytes`,
    };
  },
  [extensionTypes.padding]: (data) => ({
    layout: [piece(`${data.length} zero bytes`, data)],
    summary: `${data.length} zero bytes`,
  }),
  [extensionTypes.renegotiation_info]: (data) => ({
    layout: [piece('renegotiated_connection length 0', data)],
    summary: 'empty renegotiated_connection',
  }),
};

function describeBody(
  extension: Extension,
  context: ExtensionContext,
  name: string,
): BodyDescription {
  const fallback = {
    layout: [piece(`${name} body`, extension.data)],
    summary: extension.data.length === 0 ? '(empty)' : toHex(extension.data),
  };
  const describer = describers[extension.type];
  if (!describer) return fallback;

  try {
    const described = describer(extension.data, context);
    // A describer that reads only part of the body falls back, so the spans always cover every byte.
    const covered = layoutBytes(described.layout).bytes.length;
    return covered === extension.data.length ? described : fallback;
  } catch {
    return fallback;
  }
}

export interface LaidOutExtensions {
  readonly layout: Layout;
  readonly fields: readonly NamedValue[];
}

/**
 * Lays out `Extension extensions<..2^16-1>` with one NamedValue per extension;
 * each extension's spans carry its name as `field`.
 */
export function layOutExtensions(
  extensions: readonly Extension[],
  context: ExtensionContext,
): LaidOutExtensions {
  const seen = new Map<string, number>();
  const fields: NamedValue[] = [{ name: 'extensions', value: `${extensions.length} extensions` }];
  const inner: Piece[] = [];

  for (const extension of extensions) {
    const name = extensionName(extension.type);
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    const field = count === 1 ? name : `${name} #${count}`;

    const body = describeBody(extension, context, name);
    fields.push({ name: field, value: body.summary });
    inner.push(
      uintPiece(`${name}: extension type ${hex16(extension.type)}`, extension.type, 2, field),
      uintPiece(
        `${name}: extension length ${extension.data.length}`,
        extension.data.length,
        2,
        field,
      ),
      ...withField(body.layout, field),
    );
  }

  const total = inner.reduce((sum, part) => sum + part.bytes.length, 0);
  return {
    layout: [uintPiece(`extensions length ${total}`, total, 2, 'extensions'), ...inner],
    fields,
  };
}

/** Reads `Extension extensions<..2^16-1>` (RFC 8446 §4.2). */
export function readExtensions(reader: ByteReader): Extension[] {
  const list = reader.readVectorReader(2, 'extensions');
  const extensions: Extension[] = [];
  while (list.remaining > 0) {
    extensions.push({
      type: list.readUint(2, 'extension_type'),
      data: list.readVector(2, 'extension_data'),
    });
  }
  return extensions;
}

export function extensionBytes(extension: Extension): Uint8Array {
  return concatBytes(
    uintBytes(extension.type, 2),
    uintBytes(extension.data.length, 2),
    extension.data,
  );
}
