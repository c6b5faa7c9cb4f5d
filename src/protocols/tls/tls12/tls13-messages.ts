// TLS 1.3 handshake messages for a 1-RTT handshake with X25519 and
// TLS_AES_128_GCM_SHA256 (RFC 8446 §4). The ClientHello carries only the four
// extensions such a handshake needs; browsers send a dozen more.

import { SpanWriter, type EncodedBytes } from './span-writer';
import { HandshakeType, encodeHandshake } from './handshake';

/** TLS_AES_128_GCM_SHA256 (RFC 8446 §B.4). */
export const TLS_AES_128_GCM_SHA256 = 0x1301;

/** ExtensionType values (RFC 8446 §4.2). */
const ExtensionType = {
  supportedGroups: 10,
  signatureAlgorithms: 13,
  supportedVersions: 43,
  keyShare: 51,
} as const;

/** NamedGroup x25519 (RFC 8446 §4.2.7). */
export const X25519_GROUP = 0x001d;

/** SignatureScheme rsa_pss_rsae_sha256 (RFC 8446 §4.2.3). */
export const RSA_PSS_RSAE_SHA256 = 0x0804;

const TLS13_VERSION = 0x0304;
const LEGACY_VERSION = 0x0303;

function encodeExtension(
  type: number,
  name: string,
  data: EncodedBytes,
  field: string,
): EncodedBytes {
  return new SpanWriter()
    .uint(`extension type: ${name} (${type})`, type, 2, `${field}Type`)
    .uint(`extension length ${data.bytes.length}`, data.bytes.length, 2)
    .append(data)
    .finish();
}

/** A list that contains a single 2-byte value, such as the one group of supported_groups. */
interface OneValueList {
  /** The list's name in RFC 8446 §4.2, used in the length prefix label. */
  readonly lengthName: string;
  /** The size of the length prefix: 1 for supported_versions, 2 for the others. */
  readonly lengthBytes: 1 | 2;
  readonly valueLabel: string;
  readonly value: number;
  /** The field both the extension type and the value link to. */
  readonly field: string;
}

/** Encodes an extension whose data is a list of one 2-byte value after its length prefix. */
function oneValueListExtension(type: number, name: string, list: OneValueList): EncodedBytes {
  const data = new SpanWriter()
    .uint(`${list.lengthName} length 2`, 2, list.lengthBytes)
    .uint(list.valueLabel, list.value, 2, list.field)
    .finish();
  return encodeExtension(type, name, data, list.field);
}

function encodeKeyShareEntry(keyExchange: Uint8Array, field: string): EncodedBytes {
  return new SpanWriter()
    .uint('group: x25519 (0x001d)', X25519_GROUP, 2, 'keyShareGroup')
    .uint(`key_exchange length ${keyExchange.length}`, keyExchange.length, 2)
    .field('X25519 ephemeral public key', keyExchange, field)
    .finish();
}

function encodeExtensions(extensions: readonly EncodedBytes[]): EncodedBytes {
  const writer = new SpanWriter();
  const length = extensions.reduce((sum, extension) => sum + extension.bytes.length, 0);
  writer.uint(`extensions length ${length}`, length, 2);
  for (const extension of extensions) writer.append(extension);
  return writer.finish();
}

/** Encodes a ClientHello offering TLS 1.3, TLS_AES_128_GCM_SHA256, x25519 with one key share, and RSA-PSS signatures. */
export function encodeClientHello13(clientRandom: Uint8Array, keyShare: Uint8Array): EncodedBytes {
  const entry = encodeKeyShareEntry(keyShare, 'clientKeyShare');
  const extensions = encodeExtensions([
    oneValueListExtension(ExtensionType.supportedVersions, 'supported_versions', {
      lengthName: 'versions',
      lengthBytes: 1,
      valueLabel: 'TLS 1.3 (0x0304)',
      value: TLS13_VERSION,
      field: 'supportedVersions',
    }),
    oneValueListExtension(ExtensionType.supportedGroups, 'supported_groups', {
      lengthName: 'named_group_list',
      lengthBytes: 2,
      valueLabel: 'x25519 (0x001d)',
      value: X25519_GROUP,
      field: 'supportedGroups',
    }),
    oneValueListExtension(ExtensionType.signatureAlgorithms, 'signature_algorithms', {
      lengthName: 'supported_signature_algorithms',
      lengthBytes: 2,
      valueLabel: 'rsa_pss_rsae_sha256 (0x0804)',
      value: RSA_PSS_RSAE_SHA256,
      field: 'signatureAlgorithms',
    }),
    encodeExtension(
      ExtensionType.keyShare,
      'key_share',
      new SpanWriter()
        .uint(`client_shares length ${entry.bytes.length}`, entry.bytes.length, 2)
        .append(entry)
        .finish(),
      'keyShare',
    ),
  ]);

  const body = new SpanWriter()
    .uint('legacy_version 0x0303', LEGACY_VERSION, 2, 'legacyVersion')
    .field('random (32 bytes)', clientRandom, 'clientRandom')
    .uint('legacy_session_id length 0', 0, 1, 'legacySessionId')
    .uint('cipher_suites length 2', 2, 2)
    .uint('TLS_AES_128_GCM_SHA256 (0x1301)', TLS_AES_128_GCM_SHA256, 2, 'cipherSuites')
    .uint('legacy_compression_methods length 1', 1, 1)
    .uint(
      'compression method: null (0), the only value TLS 1.3 allows',
      0,
      1,
      'legacyCompressionMethods',
    )
    .append(extensions)
    .finish();
  return encodeHandshake(HandshakeType.clientHello, 'client_hello', body);
}

/** Encodes a ServerHello that selects TLS 1.3 through supported_versions and carries the server key share (RFC 8446 §4.1.3). */
export function encodeServerHello13(serverRandom: Uint8Array, keyShare: Uint8Array): EncodedBytes {
  const extensions = encodeExtensions([
    encodeExtension(
      ExtensionType.keyShare,
      'key_share',
      encodeKeyShareEntry(keyShare, 'serverKeyShare'),
      'keyShare',
    ),
    encodeExtension(
      ExtensionType.supportedVersions,
      'supported_versions',
      new SpanWriter()
        .uint('selected_version TLS 1.3 (0x0304)', TLS13_VERSION, 2, 'selectedVersion')
        .finish(),
      'supportedVersions',
    ),
  ]);

  const body = new SpanWriter()
    .uint('legacy_version 0x0303', LEGACY_VERSION, 2, 'legacyVersion')
    .field('random (32 bytes)', serverRandom, 'serverRandom')
    .uint('legacy_session_id_echo length 0', 0, 1, 'legacySessionIdEcho')
    .uint('cipher_suite TLS_AES_128_GCM_SHA256 (0x1301)', TLS_AES_128_GCM_SHA256, 2, 'cipherSuite')
    .uint('legacy_compression_method: null (0)', 0, 1, 'legacyCompressionMethod')
    .append(extensions)
    .finish();
  return encodeHandshake(HandshakeType.serverHello, 'server_hello', body);
}

/** Encodes EncryptedExtensions with an empty extension list (RFC 8446 §4.3.1). */
export function encodeEncryptedExtensions(): EncodedBytes {
  const body = new SpanWriter().uint('extensions length 0', 0, 2, 'extensions').finish();
  return encodeHandshake(HandshakeType.encryptedExtensions, 'encrypted_extensions', body);
}

/** Encodes Certificate with an empty request context and one CertificateEntry without extensions (RFC 8446 §4.4.2). */
export function encodeCertificate13(certificateDer: Uint8Array): EncodedBytes {
  const entryLength = 3 + certificateDer.length + 2;
  const body = new SpanWriter()
    .uint('certificate_request_context length 0', 0, 1, 'certificateRequestContext')
    .uint(`certificate_list length ${entryLength}`, entryLength, 3)
    .uint(`cert_data length ${certificateDer.length}`, certificateDer.length, 3)
    .field('X.509 certificate (DER) with the server RSA public key', certificateDer, 'certificate')
    .uint('entry extensions length 0', 0, 2)
    .finish();
  return encodeHandshake(HandshakeType.certificate, 'certificate', body);
}

/** Encodes CertificateVerify: the signature scheme and the signature (RFC 8446 §4.4.3). */
export function encodeCertificateVerify(signature: Uint8Array): EncodedBytes {
  const body = new SpanWriter()
    .uint('algorithm: rsa_pss_rsae_sha256 (0x0804)', RSA_PSS_RSAE_SHA256, 2, 'signatureScheme')
    .uint(`signature length ${signature.length}`, signature.length, 2)
    .field('RSA-PSS signature by the server long-term key', signature, 'signature')
    .finish();
  return encodeHandshake(HandshakeType.certificateVerify, 'certificate_verify', body);
}

/** The context string of a server's CertificateVerify (RFC 8446 §4.4.3). */
export const SERVER_CERTIFICATE_VERIFY_CONTEXT = 'TLS 1.3, server CertificateVerify';

/**
 * Encodes the content the server signs (RFC 8446 §4.4.3): 64 bytes of 0x20,
 * the context string, a 0x00 separator, then Transcript-Hash(ClientHello..Certificate).
 */
export function encodeCertificateVerifyContent(transcriptHash: Uint8Array): EncodedBytes {
  return new SpanWriter()
    .field('64 bytes of 0x20', new Uint8Array(64).fill(0x20))
    .field(
      `context string "${SERVER_CERTIFICATE_VERIFY_CONTEXT}"`,
      new TextEncoder().encode(SERVER_CERTIFICATE_VERIFY_CONTEXT),
    )
    .uint('separator 0x00', 0, 1)
    .field('Transcript-Hash(ClientHello..Certificate)', transcriptHash, 'transcriptHash')
    .finish();
}
