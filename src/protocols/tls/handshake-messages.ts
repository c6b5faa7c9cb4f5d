// The handshake messages the lab's client and server send. Their extension
// sets and order follow RFC 8448, so with the RFC's randoms and keys these
// builders reproduce its ClientHello, ServerHello, EncryptedExtensions,
// Certificate and NewSessionTicket byte for byte.

import { cipherSuites } from './suites';
import {
  X25519_GROUP,
  PSK_DHE_KE,
  TLS13_VERSION,
  earlyDataExtension,
  emptyExtension,
  extensionTypes,
  keyShareClientHelloExtension,
  keyShareServerHelloExtension,
  paddingExtension,
  preSharedKeyClientHelloExtension,
  pskKeyExchangeModesExtension,
  recordSizeLimitExtension,
  renegotiationInfoExtension,
  serverNameExtension,
  signatureAlgorithmsExtension,
  supportedGroupsExtension,
  supportedVersionsClientHelloExtension,
  supportedVersionsServerHelloExtension,
  type Extension,
  type PskIdentity,
} from './extensions';
import type { ClientHello, NewSessionTicket, ServerHello } from './messages';

/** The name the lab's client asks for in server_name, as RFC 8448 does. */
export const LAB_HOST_NAME = 'server';

/** RFC 8448's supported_groups: x25519, the three NIST curves and the five FFDHE groups. */
export const LAB_GROUPS = [
  0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104,
] as const;

/** RFC 8448's signature_algorithms, which has no ed25519 entry. */
export const RFC8448_SIGNATURE_SCHEMES = [
  0x0403, 0x0503, 0x0603, 0x0203, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0201, 0x0402,
  0x0502, 0x0602, 0x0202,
] as const;

/** The fresh mode's list: ed25519 first, because the teaching certificate contains an Ed25519 key. */
export const FRESH_SIGNATURE_SCHEMES = [0x0807, ...RFC8448_SIGNATURE_SCHEMES] as const;

/** RFC 8448 offers AES-128-GCM, ChaCha20-Poly1305, then AES-256-GCM. */
export const OFFERED_CIPHER_SUITES = [
  cipherSuites.TLS_AES_128_GCM_SHA256.code,
  cipherSuites.TLS_CHACHA20_POLY1305_SHA256.code,
  cipherSuites.TLS_AES_256_GCM_SHA384.code,
] as const;

/** RFC 8449: 2^14 + 1, a full record plus its content type byte. */
const RECORD_SIZE_LIMIT = 0x4001;

export interface ClientHelloOptions {
  readonly random: Uint8Array;
  readonly keyShare: Uint8Array;
  readonly signatureSchemes: readonly number[];
  /** Resumption offers: early_data, padding and pre_shared_key (RFC 8446 §4.2.10-4.2.11). */
  readonly resumption?: {
    readonly offerEarlyData: boolean;
    readonly paddingLength?: number;
    readonly identities: readonly PskIdentity[];
    readonly binders: readonly Uint8Array[];
  };
}

/** RFC 8448 §3 ClientHello layout; with `resumption`, the §4 layout (no session_ticket, PSK last). */
export function buildClientHello(options: ClientHelloOptions): ClientHello {
  const { resumption } = options;
  const extensions: Extension[] = [
    serverNameExtension(LAB_HOST_NAME),
    renegotiationInfoExtension(),
    supportedGroupsExtension(LAB_GROUPS),
  ];
  if (!resumption) extensions.push(emptyExtension(extensionTypes.session_ticket));
  extensions.push(
    keyShareClientHelloExtension([{ group: X25519_GROUP, keyExchange: options.keyShare }]),
  );
  if (resumption?.offerEarlyData) extensions.push(earlyDataExtension());
  extensions.push(
    supportedVersionsClientHelloExtension([TLS13_VERSION]),
    signatureAlgorithmsExtension(options.signatureSchemes),
    pskKeyExchangeModesExtension([PSK_DHE_KE]),
    recordSizeLimitExtension(RECORD_SIZE_LIMIT),
  );
  if (resumption?.paddingLength !== undefined)
    extensions.push(paddingExtension(resumption.paddingLength));
  // RFC 8446 §4.2.11: pre_shared_key must be the last extension in the ClientHello.
  if (resumption)
    extensions.push(preSharedKeyClientHelloExtension(resumption.identities, resumption.binders));

  return {
    legacyVersion: 0x0303,
    random: options.random,
    legacySessionId: new Uint8Array(0),
    cipherSuites: OFFERED_CIPHER_SUITES,
    legacyCompressionMethods: new Uint8Array([0]),
    extensions,
  };
}

export function buildServerHello(
  random: Uint8Array,
  cipherSuite: number,
  keyShare: Uint8Array,
): ServerHello {
  return {
    legacyVersion: 0x0303,
    random,
    legacySessionIdEcho: new Uint8Array(0),
    cipherSuite,
    legacyCompressionMethod: 0,
    extensions: [
      keyShareServerHelloExtension({ group: X25519_GROUP, keyExchange: keyShare }),
      supportedVersionsServerHelloExtension(TLS13_VERSION),
    ],
  };
}

/** RFC 8448's EncryptedExtensions: the server's groups, its record size limit and an empty server_name. */
export function buildEncryptedExtensions(): { extensions: Extension[] } {
  return {
    extensions: [
      supportedGroupsExtension(LAB_GROUPS),
      recordSizeLimitExtension(RECORD_SIZE_LIMIT),
      emptyExtension(extensionTypes.server_name),
    ],
  };
}

export interface TicketOptions {
  readonly lifetime: number;
  readonly ageAdd: number;
  readonly nonce: Uint8Array;
  readonly ticket: Uint8Array;
  readonly maxEarlyDataSize: number;
}

export function buildNewSessionTicket(options: TicketOptions): NewSessionTicket {
  return {
    ticketLifetime: options.lifetime,
    ticketAgeAdd: options.ageAdd,
    ticketNonce: options.nonce,
    ticket: options.ticket,
    extensions: [earlyDataExtension(options.maxEarlyDataSize)],
  };
}
