import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex } from '../../bytes';
import { findTilingProblems } from '../../scenario';
import { ContentType, encodeAdditionalData, openRecord, sealRecord } from './record';
import { isTls12Error } from './errors';

const keys = { key: fromHex('000102030405060708090a0b0c0d0e0f'), salt: fromHex('a0a1a2a3') };
const plaintext = new TextEncoder().encode('GET / HTTP/1.1\r\nHost: server.example\r\n\r\n');

function nodeSeal(sequenceNumber: bigint, aad: Uint8Array) {
  const explicit = Buffer.alloc(8);
  explicit.writeBigUInt64BE(sequenceNumber);
  const cipher = createCipheriv('aes-128-gcm', keys.key, Buffer.concat([keys.salt, explicit]));
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { explicit, ciphertext, tag: cipher.getAuthTag() };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isTls12Error(error) ? error.code : 'not a Tls12Error';
  }
  return undefined;
}

describe('TLS 1.2 AES-128-GCM records', () => {
  it('builds the 13-byte AAD: seq_num, type, version, length', () => {
    const aad = encodeAdditionalData(1, ContentType.applicationData, 40);
    expect(toHex(aad.bytes)).toBe('0000000000000001' + '17' + '0303' + '0028');
  });

  it('matches Node aes-128-gcm ciphertext and tag', () => {
    const sealed = sealRecord(keys, 1, ContentType.applicationData, plaintext);
    const expected = nodeSeal(1n, encodeAdditionalData(1, 23, plaintext.length).bytes);
    expect(toHex(sealed.ciphertext)).toBe(toHex(expected.ciphertext));
    expect(toHex(sealed.tag)).toBe(toHex(expected.tag));
  });

  it('lays out header, explicit nonce, ciphertext, tag', () => {
    const sealed = sealRecord(keys, 5, ContentType.applicationData, plaintext);
    const expected = nodeSeal(5n, encodeAdditionalData(5, 23, plaintext.length).bytes);
    const length = 8 + plaintext.length + 16;
    const header = fromHex(`170303${length.toString(16).padStart(4, '0')}`);
    expect(toHex(sealed.record.bytes)).toBe(
      toHex(concatBytes(header, expected.explicit, expected.ciphertext, expected.tag)),
    );
    expect(findTilingProblems(sealed.record.bytes.length, sealed.record.spans)).toEqual([]);
  });

  it('opens a record Node sealed', () => {
    const sealed = nodeSeal(2n, encodeAdditionalData(2, 23, plaintext.length).bytes);
    const length = 8 + plaintext.length + 16;
    const record = concatBytes(
      fromHex(`170303${length.toString(16).padStart(4, '0')}`),
      sealed.explicit,
      sealed.ciphertext,
      sealed.tag,
    );
    expect(toHex(openRecord(keys, 2, record).plaintext)).toBe(toHex(plaintext));
  });

  it('is opened by Node', () => {
    const sealed = sealRecord(keys, 3, ContentType.applicationData, plaintext);
    const decipher = createDecipheriv('aes-128-gcm', keys.key, sealed.nonce);
    decipher.setAAD(sealed.additionalData.bytes);
    decipher.setAuthTag(sealed.tag);
    const opened = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    expect(toHex(opened)).toBe(toHex(plaintext));
  });

  it('rejects a flipped ciphertext bit with record-authentication-failed', () => {
    const record = sealRecord(keys, 1, ContentType.applicationData, plaintext).record.bytes.slice();
    record[20]! ^= 0x01;
    expect(codeOf(() => openRecord(keys, 1, record))).toBe('record-authentication-failed');
  });

  it('rejects a wrong sequence number with record-authentication-failed', () => {
    const record = sealRecord(keys, 1, ContentType.applicationData, plaintext).record.bytes;
    expect(codeOf(() => openRecord(keys, 2, record))).toBe('record-authentication-failed');
  });

  it('rejects a truncated record with invalid-record', () => {
    const record = sealRecord(keys, 1, ContentType.applicationData, plaintext).record.bytes;
    expect(codeOf(() => openRecord(keys, 1, record.subarray(0, 20)))).toBe('invalid-record');
    expect(codeOf(() => openRecord(keys, 1, record.subarray(0, record.length - 1)))).toBe(
      'invalid-record',
    );
  });
});
