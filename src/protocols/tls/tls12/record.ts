// The TLS 1.2 record layer for TLS_RSA_WITH_AES_128_GCM_SHA256: plaintext
// records (RFC 5246 §6.2.1) and AES-128-GCM protected records (RFC 5246
// §6.2.3.3, RFC 5288 §3). The explicit nonce is the record's sequence number,
// a choice RFC 5288 allows and most implementations make.

import { gcm } from '@noble/ciphers/aes.js';
import { concatBytes, uintBytes } from '../../bytes';
import { AES_128_GCM_SHA256 } from './prf';
import { SpanWriter, type EncodedBytes } from './span-writer';
import { Tls12Error } from './errors';

/** RFC 5246 §6.2.1 ContentType values. */
export const ContentType = {
  changeCipherSpec: 20,
  alert: 21,
  handshake: 22,
  applicationData: 23,
} as const;

export type ContentTypeValue = (typeof ContentType)[keyof typeof ContentType];

const contentTypeNames: Record<number, string> = {
  20: 'change_cipher_spec',
  21: 'alert',
  22: 'handshake',
  23: 'application_data',
};

/** ProtocolVersion {3, 3}, TLS 1.2 (RFC 5246 §6.2.1). */
export const TLS12_VERSION = 0x0303;

export const RECORD_HEADER_LENGTH = 5;
export const GCM_TAG_LENGTH = 16;

export function contentTypeName(type: number): string {
  return contentTypeNames[type] ?? `unknown (${type})`;
}

/** Encodes a 5-byte record header: type, version, length (RFC 5246 §6.2.1). */
export function encodeRecordHeader(
  contentType: number,
  fragmentLength: number,
  version = TLS12_VERSION,
): EncodedBytes {
  return new SpanWriter()
    .uint(`record type: ${contentTypeName(contentType)}`, contentType, 1, 'contentType')
    .uint(`record version 0x${version.toString(16).padStart(4, '0')}`, version, 2, 'recordVersion')
    .uint(`record length ${fragmentLength}`, fragmentLength, 2, 'recordLength')
    .finish();
}

/** Wraps an encoded fragment in a plaintext record header. */
export function encodePlaintextRecord(
  contentType: number,
  fragment: EncodedBytes,
  version = TLS12_VERSION,
): EncodedBytes {
  return new SpanWriter()
    .append(encodeRecordHeader(contentType, fragment.bytes.length, version))
    .append(fragment)
    .finish();
}

/** Encodes seq_num as the 8-byte big-endian integer the AAD uses. */
export function encodeSequenceNumber(sequenceNumber: number): Uint8Array {
  if (!Number.isSafeInteger(sequenceNumber) || sequenceNumber < 0) {
    throw new RangeError(
      `"sequenceNumber" must be a non-negative safe integer, got ${sequenceNumber}`,
    );
  }
  return uintBytes(sequenceNumber, 8);
}

/** RFC 5288 §3: nonce = salt (4-byte client_write_IV or server_write_IV) + nonce_explicit (8 bytes). */
export function buildGcmNonce(salt: Uint8Array, explicitNonce: Uint8Array): Uint8Array {
  if (salt.length !== AES_128_GCM_SHA256.fixedIvLength) {
    throw new RangeError(
      `"salt" must be ${AES_128_GCM_SHA256.fixedIvLength} bytes, got ${salt.length}`,
    );
  }
  if (explicitNonce.length !== AES_128_GCM_SHA256.recordIvLength) {
    throw new RangeError(
      `"explicitNonce" must be ${AES_128_GCM_SHA256.recordIvLength} bytes, got ${explicitNonce.length}`,
    );
  }
  return concatBytes(salt, explicitNonce);
}

/**
 * Encodes additional_data = seq_num + TLSCompressed.type + TLSCompressed.version
 * + TLSCompressed.length (RFC 5246 §6.2.3.3), where the length is the plaintext's.
 */
export function encodeAdditionalData(
  sequenceNumber: number,
  contentType: number,
  plaintextLength: number,
): EncodedBytes {
  return new SpanWriter()
    .field(`seq_num ${sequenceNumber}`, encodeSequenceNumber(sequenceNumber), 'sequenceNumber')
    .uint(`type: ${contentTypeName(contentType)}`, contentType, 1, 'contentType')
    .uint('version 0x0303', TLS12_VERSION, 2, 'recordVersion')
    .uint(`plaintext length ${plaintextLength}`, plaintextLength, 2, 'plaintextLength')
    .finish();
}

export interface GcmRecordKeys {
  /** client_write_key or server_write_key. */
  readonly key: Uint8Array;
  /** client_write_IV or server_write_IV: the 4-byte implicit salt. */
  readonly salt: Uint8Array;
}

export interface SealedRecord {
  /** The whole record with labelled spans: header, explicit nonce, ciphertext, tag. */
  readonly record: EncodedBytes;
  readonly explicitNonce: Uint8Array;
  readonly nonce: Uint8Array;
  readonly additionalData: EncodedBytes;
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

function checkKeys(keys: GcmRecordKeys): void {
  if (keys.key.length !== AES_128_GCM_SHA256.encKeyLength) {
    throw new RangeError(
      `"key" must be ${AES_128_GCM_SHA256.encKeyLength} bytes, got ${keys.key.length}`,
    );
  }
}

/** Seals `plaintext` into a GenericAEADCipher record (RFC 5246 §6.2.3.3). */
export function sealRecord(
  keys: GcmRecordKeys,
  sequenceNumber: number,
  contentType: ContentTypeValue,
  plaintext: Uint8Array,
): SealedRecord {
  checkKeys(keys);
  const explicitNonce = encodeSequenceNumber(sequenceNumber);
  const nonce = buildGcmNonce(keys.salt, explicitNonce);
  const additionalData = encodeAdditionalData(sequenceNumber, contentType, plaintext.length);

  const sealed = gcm(keys.key, nonce, additionalData.bytes).encrypt(plaintext);
  const ciphertext = sealed.slice(0, sealed.length - GCM_TAG_LENGTH);
  const tag = sealed.slice(sealed.length - GCM_TAG_LENGTH);

  const fragmentLength = explicitNonce.length + sealed.length;
  const record = new SpanWriter()
    .append(encodeRecordHeader(contentType, fragmentLength))
    .field('nonce_explicit (= sequence number)', explicitNonce, 'explicitNonce')
    .field(`encrypted ${contentTypeName(contentType)}`, ciphertext, 'ciphertext')
    .field('GCM authentication tag', tag, 'tag')
    .finish();

  return { record, explicitNonce, nonce, additionalData, ciphertext, tag };
}

export interface OpenedRecord {
  readonly contentType: number;
  readonly plaintext: Uint8Array;
  readonly nonce: Uint8Array;
  readonly additionalData: EncodedBytes;
}

/**
 * Opens a protected record. Throws Tls12Error 'invalid-record' when the record
 * is malformed and 'record-authentication-failed' when the tag does not
 * verify, to which a TLS 1.2 peer responds with a bad_record_mac alert (RFC 5246 §7.2.2).
 */
export function openRecord(
  keys: GcmRecordKeys,
  sequenceNumber: number,
  record: Uint8Array,
): OpenedRecord {
  const minimumLength = RECORD_HEADER_LENGTH + AES_128_GCM_SHA256.recordIvLength + GCM_TAG_LENGTH;
  if (record.length < minimumLength) {
    throw new Tls12Error(
      'invalid-record',
      `record of ${record.length} bytes is shorter than ${minimumLength}`,
      {
        reason: `a GCM record needs at least ${minimumLength} bytes`,
        offset: record.length,
      },
    );
  }

  const contentType = record[0]!;
  const declaredLength = (record[3]! << 8) | record[4]!;
  if (declaredLength !== record.length - RECORD_HEADER_LENGTH) {
    throw new Tls12Error(
      'invalid-record',
      `record length field ${declaredLength} does not match the record`,
      {
        reason: `the length field says ${declaredLength} bytes but ${record.length - RECORD_HEADER_LENGTH} follow`,
        offset: 3,
      },
    );
  }

  checkKeys(keys);
  const explicitNonceEnd = RECORD_HEADER_LENGTH + AES_128_GCM_SHA256.recordIvLength;
  const explicitNonce = record.slice(RECORD_HEADER_LENGTH, explicitNonceEnd);
  const sealed = record.slice(explicitNonceEnd);
  const nonce = buildGcmNonce(keys.salt, explicitNonce);
  const additionalData = encodeAdditionalData(
    sequenceNumber,
    contentType,
    sealed.length - GCM_TAG_LENGTH,
  );

  try {
    const plaintext = gcm(keys.key, nonce, additionalData.bytes).decrypt(sealed);
    return { contentType, plaintext, nonce, additionalData };
  } catch (error) {
    throw new Tls12Error(
      'record-authentication-failed',
      `AES-GCM tag check failed for record ${sequenceNumber}`,
      { sequenceNumber },
      { cause: error },
    );
  }
}
