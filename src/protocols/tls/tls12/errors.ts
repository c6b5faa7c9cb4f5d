// Error codes of the TLS 1.2-versus-1.3 models and the sentences a user reads
// for each of them.

import { LabError, type ErrorTable, type LabErrorDetails } from '../../../core/lab-error';

export type Tls12ErrorCode =
  | 'record-authentication-failed'
  | 'invalid-record'
  | 'invalid-premaster-block'
  | 'invalid-parameter';

export class Tls12Error extends LabError<Tls12ErrorCode> {}

export function isTls12Error(value: unknown): value is Tls12Error {
  return value instanceof Tls12Error;
}

const detail = (details: LabErrorDetails, key: string): string =>
  details[key] === undefined ? 'unknown' : String(details[key]);

export const tls12ErrorTable: ErrorTable<Tls12ErrorCode> = {
  'record-authentication-failed': (details) => ({
    what: 'The record did not decrypt: its AEAD authentication tag does not match the key, nonce and header.',
    where: `record with sequence number ${detail(details, 'sequenceNumber')}`,
    fix: 'Check that the key and IV belong to this direction of this connection and that the sequence number is right; a wrong key always fails here.',
  }),
  'invalid-record': (details) => ({
    what: `The record is malformed: ${detail(details, 'reason')}.`,
    where: `byte ${detail(details, 'offset')}`,
    fix: 'Pass the whole record, starting with its 5-byte header.',
  }),
  'invalid-premaster-block': (details) => ({
    what: `The RSA-decrypted block is not a valid PKCS #1 v1.5 encoding of a TLS 1.2 premaster secret: ${detail(details, 'reason')}.`,
    where: `byte ${detail(details, 'offset')} of the decrypted block`,
    fix: 'Decrypt with the private key that matches the certificate the client encrypted to.',
  }),
  'invalid-parameter': (details) => ({
    what: `The parameter "${detail(details, 'parameter')}" has an invalid value: ${detail(details, 'value')}.`,
    fix: `Use ${detail(details, 'expected')}.`,
  }),
};
