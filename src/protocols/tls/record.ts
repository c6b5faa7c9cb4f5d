// TLS 1.3 record protection (RFC 8446 §5.2-5.4): a TLSInnerPlaintext
// (content || ContentType || zero padding) is sealed with the suite's AEAD
// under a per-record nonce (IV XOR the 64-bit sequence number) and the 5-byte
// record header as additional data.

import { concatBytes, uintBytes } from '../bytes';
import type { ByteSpan } from '../scenario';
import type { CipherSuite } from './suites';
import { isTlsError, tlsError, type TlsError } from './errors';
import { layoutBytes, piece, uintPiece, type Layout } from './wire-layout';

/** RFC 8446 §5.1 ContentType values. */
export const contentTypes = {
  change_cipher_spec: 20,
  alert: 21,
  handshake: 22,
  application_data: 23,
} as const;

export type ContentTypeName = keyof typeof contentTypes;

/** RFC 8446 §5.1: legacy_record_version is 0x0303 on every record except possibly the first ClientHello. */
export const LEGACY_RECORD_VERSION = 0x0303;

/** RFC 8446 §5.2: a TLSCiphertext fragment is at most 2^14 + 256 bytes. */
export const MAX_CIPHERTEXT_LENGTH = 2 ** 14 + 256;

/** RFC 8446 §5.4: a TLSInnerPlaintext is at most 2^14 + 1 bytes. */
export const MAX_INNER_PLAINTEXT_LENGTH = 2 ** 14 + 1;

const MAX_SEQUENCE_NUMBER = 2n ** 64n - 1n;

export interface TrafficKeys {
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

export function describeContentType(type: number): string {
  const name = (Object.keys(contentTypes) as ContentTypeName[]).find(
    (n) => contentTypes[n] === type,
  );
  return name ? `${name} (${type})` : `unknown (${type})`;
}

/** Encodes the 64-bit sequence number in network byte order, left-padded with zeros to `length` bytes. */
export function padSequenceNumber(sequenceNumber: bigint, length: number): Uint8Array {
  if (sequenceNumber < 0n || sequenceNumber > MAX_SEQUENCE_NUMBER) {
    throw new RangeError(`"sequenceNumber" must be 0..2^64-1, got ${sequenceNumber}`);
  }
  const out = new Uint8Array(length);
  let rest = sequenceNumber;
  for (let i = length - 1; i >= length - 8; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/** RFC 8446 §5.3: nonce = write_iv XOR (sequence number left-padded to iv_length). */
export function computeRecordNonce(iv: Uint8Array, sequenceNumber: bigint | number): Uint8Array {
  const padded = padSequenceNumber(BigInt(sequenceNumber), iv.length);
  return iv.map((byte, i) => byte ^ padded[i]!);
}

/** Encodes the 5-byte record header: opaque_type, legacy_record_version, length. */
export function encodeRecordHeader(contentType: number, length: number): Uint8Array {
  return concatBytes(
    uintBytes(contentType, 1),
    uintBytes(LEGACY_RECORD_VERSION, 2),
    uintBytes(length, 2),
  );
}

/** Lays out the record header as labelled pieces, for records whose fields a view explains. */
export function recordHeaderLayout(
  contentType: number,
  length: number,
  version = LEGACY_RECORD_VERSION,
): Layout {
  return [
    uintPiece(`record type: ${describeContentType(contentType)}`, contentType, 1, 'record type'),
    uintPiece(
      `legacy_record_version 0x${version.toString(16).padStart(4, '0')}`,
      version,
      2,
      'record version',
    ),
    uintPiece(`record length ${length}`, length, 2, 'record length'),
  ];
}

/** Lays out a plaintext record (TLSPlaintext, RFC 8446 §5.1) around `fragment`. */
export function plaintextRecordLayout(
  contentType: number,
  fragment: Layout,
  version = LEGACY_RECORD_VERSION,
): Layout {
  const length = fragment.reduce((sum, part) => sum + part.bytes.length, 0);
  return [...recordHeaderLayout(contentType, length, version), ...fragment];
}

export interface SealedRecord {
  readonly sequenceNumber: bigint;
  readonly nonce: Uint8Array;
  /** The record header, which is also the AEAD additional data. */
  readonly header: Uint8Array;
  readonly innerPlaintext: Uint8Array;
  /** AEAD output: the encrypted TLSInnerPlaintext followed by the tag. */
  readonly encryptedRecord: Uint8Array;
  /** The whole TLSCiphertext: header || encrypted_record. */
  readonly record: Uint8Array;
  /** Spans over `record`: the header fields, the ciphertext and the tag. */
  readonly spans: readonly ByteSpan[];
}

/** RFC 8446 §5.4: TLSInnerPlaintext = content || ContentType || zeros. */
export function encodeInnerPlaintext(
  contentType: number,
  content: Uint8Array,
  paddingLength = 0,
): Uint8Array {
  return concatBytes(content, uintBytes(contentType, 1), new Uint8Array(paddingLength));
}

/** Seals `content` into a TLSCiphertext record with the given keys and sequence number. */
export function sealRecord(
  suite: CipherSuite,
  keys: TrafficKeys,
  sequenceNumber: bigint | number,
  contentType: number,
  content: Uint8Array,
  paddingLength = 0,
): SealedRecord {
  const innerPlaintext = encodeInnerPlaintext(contentType, content, paddingLength);
  if (innerPlaintext.length > MAX_INNER_PLAINTEXT_LENGTH) {
    throw new RangeError(
      `"content" plus padding must be at most ${MAX_INNER_PLAINTEXT_LENGTH - 1} bytes, got ${innerPlaintext.length - 1}`,
    );
  }

  const sequence = BigInt(sequenceNumber);
  const nonce = computeRecordNonce(keys.iv, sequence);
  const length = innerPlaintext.length + suite.aead.tagLength;
  const header = encodeRecordHeader(contentTypes.application_data, length);
  const encryptedRecord = suite.aead.create(keys.key, nonce, header).encrypt(innerPlaintext);

  const ciphertextLength = encryptedRecord.length - suite.aead.tagLength;
  const { spans } = layoutBytes([
    ...recordHeaderLayout(contentTypes.application_data, length),
    piece(
      'encrypted TLSInnerPlaintext',
      encryptedRecord.subarray(0, ciphertextLength),
      'encrypted_record',
    ),
    piece('authentication tag', encryptedRecord.subarray(ciphertextLength), 'encrypted_record'),
  ]);

  return {
    sequenceNumber: sequence,
    nonce,
    header,
    innerPlaintext,
    encryptedRecord,
    record: concatBytes(header, encryptedRecord),
    spans,
  };
}

export interface OpenedRecord {
  readonly sequenceNumber: bigint;
  readonly nonce: Uint8Array;
  readonly header: Uint8Array;
  readonly innerPlaintext: Uint8Array;
  readonly contentType: number;
  readonly content: Uint8Array;
  readonly paddingLength: number;
}

/** Splits a TLSInnerPlaintext at its last non-zero byte, the content type (RFC 8446 §5.4). */
export function parseInnerPlaintext(innerPlaintext: Uint8Array): {
  contentType: number;
  content: Uint8Array;
  paddingLength: number;
} {
  let end = innerPlaintext.length - 1;
  while (end >= 0 && innerPlaintext[end] === 0) end -= 1;
  if (end < 0) {
    throw tlsError('invalid-inner-plaintext', 'TLSInnerPlaintext has no non-zero content type', {
      length: innerPlaintext.length,
    });
  }
  return {
    contentType: innerPlaintext[end]!,
    content: innerPlaintext.slice(0, end),
    paddingLength: innerPlaintext.length - end - 1,
  };
}

function checkRecordHeader(record: Uint8Array): number {
  if (record.length < 5) {
    throw tlsError('invalid-record', `a record needs a 5-byte header, got ${record.length} bytes`, {
      structure: 'record header',
      offset: record.length,
    });
  }

  const length = (record[3]! << 8) | record[4]!;
  if (record[0] !== contentTypes.application_data || record[1] !== 0x03 || record[2] !== 0x03) {
    throw tlsError('invalid-record', 'a protected record must start with 17 03 03', {
      structure: 'record header',
      offset: 0,
    });
  }

  if (length > MAX_CIPHERTEXT_LENGTH || length !== record.length - 5) {
    throw tlsError(
      'invalid-record',
      `record length field is ${length} but ${record.length - 5} bytes follow`,
      {
        structure: 'record length',
        offset: 3,
      },
    );
  }
  return length;
}

/** Opens a TLSCiphertext record; throws `record-authentication-failed` when the tag does not verify. */
export function openRecord(
  suite: CipherSuite,
  keys: TrafficKeys,
  sequenceNumber: bigint | number,
  record: Uint8Array,
): OpenedRecord {
  checkRecordHeader(record);

  const sequence = BigInt(sequenceNumber);
  const nonce = computeRecordNonce(keys.iv, sequence);
  const header = record.slice(0, 5);
  let innerPlaintext: Uint8Array;
  try {
    innerPlaintext = suite.aead.create(keys.key, nonce, header).decrypt(record.subarray(5));
  } catch (cause) {
    throw tlsError(
      'record-authentication-failed',
      `record did not authenticate at sequence number ${sequence}`,
      {
        structure: 'record',
        sequenceNumber: sequence.toString(),
        cause: cause instanceof Error ? cause.message : String(cause),
      },
    );
  }

  return {
    sequenceNumber: sequence,
    nonce,
    header,
    innerPlaintext,
    ...parseInnerPlaintext(innerPlaintext),
  };
}

export type OpenResult =
  | { readonly ok: true; readonly opened: OpenedRecord }
  | { readonly ok: false; readonly error: TlsError; readonly nonce: Uint8Array };

/** Like openRecord, but returns a failed tag check as a value, as a receiver's step in a scenario shows it. */
export function tryOpenRecord(
  suite: CipherSuite,
  keys: TrafficKeys,
  sequenceNumber: bigint | number,
  record: Uint8Array,
): OpenResult {
  try {
    return { ok: true, opened: openRecord(suite, keys, sequenceNumber, record) };
  } catch (error) {
    if (isTlsError(error, 'record-authentication-failed')) {
      return { ok: false, error, nonce: computeRecordNonce(keys.iv, BigInt(sequenceNumber)) };
    }
    throw error;
  }
}
