import { describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { concatBytes, fromHex, toHex } from '../bytes';
import { findTilingProblems } from '../scenario';
import { rfc8448, rfc8448Resumption } from './rfc8448.fixture';
import { cipherSuites, type CipherSuiteName } from './suites';
import {
  computeRecordNonce,
  contentTypes,
  openRecord,
  parseInnerPlaintext,
  sealRecord,
  tryOpenRecord,
} from './record';
import { isTlsError } from './errors';

const aes128 = cipherSuites.TLS_AES_128_GCM_SHA256;
const keys = (key: string, iv: string) => ({ key: fromHex(key), iv: fromHex(iv) });
const clientHandshake = keys(rfc8448.clientHandshakeKey, rfc8448.clientHandshakeIv);
const serverHandshake = keys(rfc8448.serverHandshakeKey, rfc8448.serverHandshakeIv);
const clientApplication = keys(rfc8448.clientApplicationKey, rfc8448.clientApplicationIv);
const serverApplication = keys(rfc8448.serverApplicationKey, rfc8448.serverApplicationIv);

describe('RFC 8448 records', () => {
  it('client Finished record opens at sequence number 0', () => {
    const opened = openRecord(aes128, clientHandshake, 0, fromHex(rfc8448.clientFinishedRecord));
    expect(toHex(opened.content)).toBe(rfc8448.clientFinished);
    expect(opened.contentType).toBe(contentTypes.handshake);
    expect(opened.paddingLength).toBe(0);
  });

  it('client application data opens to 00..31 and type 17', () => {
    const opened = openRecord(
      aes128,
      clientApplication,
      0,
      fromHex(rfc8448.clientApplicationDataRecord),
    );
    expect(toHex(opened.innerPlaintext)).toBe(rfc8448.applicationData + '17');
    expect(opened.content.length).toBe(50);
  });

  it('server application data opens only at sequence number 1', () => {
    const record = fromHex(rfc8448.serverApplicationDataRecord);
    expect(toHex(openRecord(aes128, serverApplication, 1, record).content)).toBe(
      rfc8448.applicationData,
    );
    expect(tryOpenRecord(aes128, serverApplication, 0, record).ok).toBe(false);
  });

  it('NewSessionTicket record opens at sequence number 0', () => {
    const opened = openRecord(
      aes128,
      serverApplication,
      0,
      fromHex(rfc8448.newSessionTicketRecord),
    );
    expect(toHex(opened.content)).toBe(rfc8448.newSessionTicket);
  });

  it('sealing reproduces the RFC records byte for byte', () => {
    const flight =
      rfc8448.encryptedExtensions +
      rfc8448.certificate +
      rfc8448.certificateVerify +
      rfc8448.serverFinished;
    const cases: [string, ReturnType<typeof keys>, number, number, string][] = [
      ['server flight', serverHandshake, 0, contentTypes.handshake, flight],
      ['client Finished', clientHandshake, 0, contentTypes.handshake, rfc8448.clientFinished],
      ['NewSessionTicket', serverApplication, 0, contentTypes.handshake, rfc8448.newSessionTicket],
      ['client data', clientApplication, 0, contentTypes.application_data, rfc8448.applicationData],
      ['server data', serverApplication, 1, contentTypes.application_data, rfc8448.applicationData],
    ];
    const expected = [
      rfc8448.serverFlightRecord,
      rfc8448.clientFinishedRecord,
      rfc8448.newSessionTicketRecord,
      rfc8448.clientApplicationDataRecord,
      rfc8448.serverApplicationDataRecord,
    ];
    cases.forEach(([, recordKeys, sequence, type, content], i) => {
      expect(toHex(sealRecord(aes128, recordKeys, sequence, type, fromHex(content)).record)).toBe(
        expected[i],
      );
    });
  });

  it('early data record opens with the early traffic key', () => {
    const early = keys(rfc8448Resumption.earlyKey, rfc8448Resumption.earlyIv);
    const opened = openRecord(aes128, early, 0, fromHex(rfc8448Resumption.earlyDataRecord));
    expect(toHex(opened.content)).toBe(rfc8448Resumption.earlyData);
  });

  it('sealed record spans tile the record', () => {
    const sealed = sealRecord(aes128, clientApplication, 0, 23, fromHex(rfc8448.applicationData));
    expect(findTilingProblems(sealed.record.length, sealed.spans)).toEqual([]);
    expect(toHex(sealed.header)).toBe('1703030043');
  });
});

describe('record nonce', () => {
  it('XORs the sequence number into the last 8 bytes', () => {
    const iv = fromHex(rfc8448.serverApplicationIv);
    expect(toHex(computeRecordNonce(iv, 0))).toBe(rfc8448.serverApplicationIv);
    expect(toHex(computeRecordNonce(iv, 1))).toBe('cf782b88dd83549aadf1e985');
    expect(toHex(computeRecordNonce(new Uint8Array(12), 2n ** 64n - 1n))).toBe(
      '00000000ffffffffffffffff',
    );
  });

  it('rejects a sequence number past 2^64-1', () => {
    expect(() => computeRecordNonce(new Uint8Array(12), 2n ** 64n)).toThrow(RangeError);
  });
});

describe('record errors', () => {
  it('rejects a tampered record with record-authentication-failed', () => {
    const record = fromHex(rfc8448.clientApplicationDataRecord);
    record[10]! ^= 1;
    expect(() => openRecord(aes128, clientApplication, 0, record)).toThrow(
      expect.objectContaining({ code: 'record-authentication-failed' }),
    );
  });

  it('rejects a wrong header with invalid-record', () => {
    const record = fromHex(rfc8448.clientApplicationDataRecord);
    record[0] = 0x16;
    expect(() => openRecord(aes128, clientApplication, 0, record)).toThrow(
      expect.objectContaining({ code: 'invalid-record' }),
    );
    expect(() => openRecord(aes128, clientApplication, 0, record.slice(0, 3))).toThrow(
      expect.objectContaining({ code: 'invalid-record' }),
    );
    expect(() => openRecord(aes128, clientApplication, 0, record.slice(0, 40))).toThrow(
      expect.objectContaining({ code: 'invalid-record' }),
    );
  });

  it('rejects an all-zero inner plaintext', () => {
    let caught: unknown;
    try {
      parseInnerPlaintext(new Uint8Array(4));
    } catch (error) {
      caught = error;
    }
    expect(isTlsError(caught, 'invalid-inner-plaintext')).toBe(true);
  });

  it('strips zero padding after the content type', () => {
    const sealed = sealRecord(aes128, clientApplication, 5, 23, fromHex('aabb'), 7);
    const opened = openRecord(aes128, clientApplication, 5, sealed.record);
    expect(toHex(opened.content)).toBe('aabb');
    expect(opened.paddingLength).toBe(7);
  });
});

// Node's OpenSSL-backed ciphers check the AES-256-GCM and ChaCha20-Poly1305
// suites independently of @noble/ciphers.
describe('AEADs against node:crypto', () => {
  const cases: [CipherSuiteName, 'aes-256-gcm' | 'chacha20-poly1305'][] = [
    ['TLS_AES_256_GCM_SHA384', 'aes-256-gcm'],
    ['TLS_CHACHA20_POLY1305_SHA256', 'chacha20-poly1305'],
  ];
  const key = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
  const iv = fromHex('a0a1a2a3a4a5a6a7a8a9aaab');
  const content = new TextEncoder().encode('GET / HTTP/1.1\r\nHost: server\r\n\r\n');

  function nodeSeal(algorithm: string, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array) {
    const cipher = createCipheriv(algorithm as 'aes-256-gcm', key, nonce, { authTagLength: 16 });
    cipher.setAAD(aad);
    return concatBytes(cipher.update(plaintext), cipher.final(), cipher.getAuthTag());
  }

  it.each(cases)('%s seals like node:crypto', (suiteName, algorithm) => {
    const suite = cipherSuites[suiteName];
    const sealed = sealRecord(suite, { key, iv }, 7, 23, content);
    const expected = nodeSeal(
      algorithm,
      computeRecordNonce(iv, 7),
      sealed.header,
      sealed.innerPlaintext,
    );
    expect(toHex(sealed.encryptedRecord)).toBe(toHex(expected));
  });

  it.each(cases)('%s opens a node:crypto record', (suiteName, algorithm) => {
    const suite = cipherSuites[suiteName];
    const inner = concatBytes(content, new Uint8Array([23]));
    const header = fromHex('17030300' + (inner.length + 16).toString(16));
    const record = concatBytes(
      header,
      nodeSeal(algorithm, computeRecordNonce(iv, 3), header, inner),
    );
    expect(toHex(openRecord(suite, { key, iv }, 3, record).content)).toBe(toHex(content));

    const decipher = createDecipheriv(algorithm as 'aes-256-gcm', key, computeRecordNonce(iv, 3), {
      authTagLength: 16,
    });
    decipher.setAAD(header);
    decipher.setAuthTag(record.slice(-16));
    const plain = concatBytes(decipher.update(record.slice(5, -16)), decipher.final());
    expect(toHex(plain)).toBe(toHex(inner));
  });
});
