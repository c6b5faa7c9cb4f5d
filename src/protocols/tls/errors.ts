// Errors the TLS 1.3 model throws: one LabError with a code from this closed
// union, plus the table that turns each code into the sentence a user reads.

import { LabError, type ErrorTable, type LabErrorDetails } from '../../core/lab-error';

export type TlsErrorCode =
  | 'truncated-message'
  | 'trailing-bytes'
  | 'unexpected-message-type'
  | 'invalid-field'
  | 'invalid-record'
  | 'record-authentication-failed'
  | 'invalid-inner-plaintext'
  | 'invalid-certificate'
  | 'unsupported-key-algorithm'
  | 'unsupported-signature-scheme'
  | 'unknown-cipher-suite';

export type TlsError = LabError<TlsErrorCode>;

export function tlsError(
  code: TlsErrorCode,
  message: string,
  details: LabErrorDetails = {},
): TlsError {
  return new LabError<TlsErrorCode>(code, message, details);
}

export function isTlsError(value: unknown, code?: TlsErrorCode): value is TlsError {
  return value instanceof LabError && (code === undefined || value.code === code);
}

function at(details: LabErrorDetails): string {
  const where = [
    details.structure,
    details.offset === undefined ? undefined : `byte ${details.offset}`,
  ];
  return where.filter((part) => part !== undefined).join(', ');
}

export const tlsErrorTable: ErrorTable<TlsErrorCode> = {
  'truncated-message': (details) => ({
    what: 'The message ends before a field that its lengths announce.',
    where: at(details),
    fix: 'Paste the whole message, including its 4-byte handshake header.',
  }),
  'trailing-bytes': (details) => ({
    what: 'Bytes are left over after the last field of the message.',
    where: at(details),
    fix: 'Check that the input holds exactly one message and that its length field is right.',
  }),
  'unexpected-message-type': (details) => ({
    what: `The handshake type is ${String(details.actual)}, not ${String(details.expected)}.`,
    where: at(details),
    fix: 'Pick the parser for the message type in the first byte.',
  }),
  'invalid-field': (details) => ({
    what: `The field ${String(details.field)} has a value that TLS 1.3 does not allow.`,
    where: at(details),
    fix: 'Compare the field with the structure in RFC 8446 §4.',
  }),
  'invalid-record': (details) => ({
    what: 'The record header is not a valid TLS 1.3 record header.',
    where: at(details),
    fix: 'A protected record starts with 17 03 03 and a length of at most 2^14 + 256 bytes.',
  }),
  'record-authentication-failed': (details) => ({
    what: 'The record did not decrypt: its authentication tag does not match.',
    where: at(details),
    fix: 'Check the key, the IV and the sequence number; a peer answers this with a bad_record_mac alert.',
  }),
  'invalid-inner-plaintext': () => ({
    what: 'The decrypted record contains only zero bytes, so it has no content type.',
    fix: 'RFC 8446 §5.4 requires a non-zero content type after the content.',
  }),
  'invalid-certificate': (details) => ({
    what: 'The certificate could not be parsed as DER-encoded X.509.',
    where: at(details),
    fix: 'Paste the DER bytes of one certificate (not PEM text and not a chain).',
  }),
  'unsupported-key-algorithm': (details) => ({
    what: `The certificate key algorithm ${String(details.algorithm)} is not supported here.`,
    fix: 'Use a certificate with an RSA or an Ed25519 key.',
  }),
  'unsupported-signature-scheme': (details) => ({
    what: `The signature scheme ${String(details.scheme)} is not supported here.`,
    fix: 'Use rsa_pss_rsae_sha256 (0x0804) or ed25519 (0x0807).',
  }),
  'unknown-cipher-suite': (details) => ({
    what: `The cipher suite ${String(details.suite)} is not a TLS 1.3 suite this lab implements.`,
    fix: 'Pick TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384 or TLS_CHACHA20_POLY1305_SHA256.',
  }),
};
