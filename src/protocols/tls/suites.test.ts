import { describe, expect, it } from 'vitest';
import { createDecipheriv, webcrypto } from 'node:crypto';
import { concatBytes, fromHex, toHex } from '../bytes';
import { computeTlsHandshake } from './handshake-trace';
import { cipherSuites, getCipherSuiteByCode, type CipherSuiteName } from './suites';
import { hkdfExpandLabel } from './key-schedule';

// These tests derive values with WebCrypto (crypto.subtle HKDF and HMAC) and
// node:crypto ciphers, independently of @noble, and compare them with the model.

const subtle = webcrypto.subtle;
type HashName = 'SHA-256' | 'SHA-384';

/** HkdfLabel written out byte by byte from RFC 8446 §7.1, without the model's encoder. */
function hkdfLabel(length: number, label: string, context: Uint8Array): Uint8Array {
  const full = new TextEncoder().encode(`tls13 ${label}`);
  return concatBytes(
    new Uint8Array([length >> 8, length & 0xff, full.length]),
    full,
    new Uint8Array([context.length]),
    context,
  );
}

async function hmac(hash: HashName, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const imported = await subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', imported, data));
}

/** HKDF-Expand for one output block (length <= Hash.length): T(1) = HMAC(PRK, info || 0x01). */
async function expandOneBlock(hash: HashName, prk: Uint8Array, info: Uint8Array, length: number) {
  return (await hmac(hash, prk, concatBytes(info, new Uint8Array([1])))).slice(0, length);
}

/** Full HKDF (extract then expand) with WebCrypto's own HKDF. */
async function hkdf(
  hash: HashName,
  salt: Uint8Array,
  ikm: Uint8Array,
  info: Uint8Array,
  length: number,
) {
  const key = await subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(
    await subtle.deriveBits({ name: 'HKDF', hash, salt, info }, key, length * 8),
  );
}

async function digest(hash: HashName, data: Uint8Array) {
  return new Uint8Array(await subtle.digest(hash, data));
}

const suiteCases: [CipherSuiteName, HashName, number][] = [
  ['TLS_AES_256_GCM_SHA384', 'SHA-384', 48],
  ['TLS_CHACHA20_POLY1305_SHA256', 'SHA-256', 32],
];

describe.each(suiteCases)('%s against WebCrypto', (suiteName, hash, hashLength) => {
  const trace = computeTlsHandshake({ mode: 'fresh', cipherSuite: suiteName, bug: 'none' }, 2024);
  const zeros = new Uint8Array(hashLength);

  it('derives the handshake secrets', async () => {
    const early = await hmac(hash, zeros, zeros);
    expect(toHex(trace.client.handshake.earlySecret)).toBe(toHex(early));

    const derived = await expandOneBlock(
      hash,
      early,
      hkdfLabel(hashLength, 'derived', await digest(hash, new Uint8Array(0))),
      hashLength,
    );
    expect(toHex(trace.client.handshake.derivedForHandshake.output)).toBe(toHex(derived));

    const helloHash = await digest(
      hash,
      concatBytes(trace.messages.clientHello.bytes, trace.messages.serverHello.bytes),
    );
    expect(toHex(trace.transcript.hello)).toBe(toHex(helloHash));

    // HKDF(salt = derived, IKM = shared secret, info = HkdfLabel) is Extract then Expand in one call.
    const clientSecret = await hkdf(
      hash,
      derived,
      trace.client.sharedSecret,
      hkdfLabel(hashLength, 'c hs traffic', helloHash),
      hashLength,
    );
    const serverSecret = await hkdf(
      hash,
      derived,
      trace.client.sharedSecret,
      hkdfLabel(hashLength, 's hs traffic', helloHash),
      hashLength,
    );
    expect(toHex(trace.client.handshake.clientHandshakeTrafficSecret.output)).toBe(
      toHex(clientSecret),
    );
    expect(toHex(trace.client.handshake.serverHandshakeTrafficSecret.output)).toBe(
      toHex(serverSecret),
    );
  });

  it('derives the traffic keys, IVs and finished keys', async () => {
    const secret = trace.client.handshake.serverHandshakeTrafficSecret.output;
    const keyLength = cipherSuites[suiteName].aead.keyLength;
    const key = await expandOneBlock(
      hash,
      secret,
      hkdfLabel(keyLength, 'key', new Uint8Array(0)),
      keyLength,
    );
    const iv = await expandOneBlock(hash, secret, hkdfLabel(12, 'iv', new Uint8Array(0)), 12);
    const finished = await expandOneBlock(
      hash,
      secret,
      hkdfLabel(hashLength, 'finished', new Uint8Array(0)),
      hashLength,
    );
    expect(toHex(trace.client.serverHandshakeKeys.key.output)).toBe(toHex(key));
    expect(toHex(trace.client.serverHandshakeKeys.iv.output)).toBe(toHex(iv));
    expect(toHex(trace.client.serverFinishedKey.output)).toBe(toHex(finished));
  });

  it('computes verify_data as WebCrypto HMAC', async () => {
    const expected = await hmac(
      hash,
      trace.server.serverFinishedKey.output,
      trace.transcript.certificateVerify,
    );
    expect(toHex(trace.serverVerifyData)).toBe(toHex(expected));
  });

  it('derives the master and application secrets', async () => {
    const handshakeSecret = trace.client.handshake.handshakeSecret;
    const derived = await expandOneBlock(
      hash,
      handshakeSecret,
      hkdfLabel(hashLength, 'derived', await digest(hash, new Uint8Array(0))),
      hashLength,
    );
    const master = await hmac(hash, derived, zeros);
    expect(toHex(trace.client.application.masterSecret)).toBe(toHex(master));
    const appSecret = await expandOneBlock(
      hash,
      master,
      hkdfLabel(hashLength, 's ap traffic', trace.transcript.serverFinished),
      hashLength,
    );
    expect(toHex(trace.client.application.serverApplicationTrafficSecret.output)).toBe(
      toHex(appSecret),
    );
  });

  it('seals records that node:crypto opens', () => {
    const algorithm = suiteName === 'TLS_AES_256_GCM_SHA384' ? 'aes-256-gcm' : 'chacha20-poly1305';
    const transfer = trace.records.clientApplicationData;
    const record = transfer.sealed.record;
    const decipher = createDecipheriv(
      algorithm as 'aes-256-gcm',
      transfer.receiverKey,
      transfer.sealed.nonce,
      {
        authTagLength: 16,
      },
    );
    decipher.setAAD(record.slice(0, 5));
    decipher.setAuthTag(record.slice(-16));
    const inner = concatBytes(decipher.update(record.slice(5, -16)), decipher.final());
    expect(toHex(inner)).toBe(toHex(trace.clientApplicationData) + '17');
  });
});

describe('HKDF-Expand-Label with SHA-384', () => {
  it('matches a two-block WebCrypto HKDF-Expand', async () => {
    // 80 bytes need T(1) and T(2): T(2) = HMAC(PRK, T(1) || info || 0x02).
    const prk = fromHex('0b'.repeat(48));
    const info = hkdfLabel(80, 'test label', fromHex('0102'));
    const t1 = await hmac('SHA-384', prk, concatBytes(info, new Uint8Array([1])));
    const t2 = await hmac('SHA-384', prk, concatBytes(t1, info, new Uint8Array([2])));
    const model = hkdfExpandLabel(
      cipherSuites.TLS_AES_256_GCM_SHA384.hash,
      prk,
      'test label',
      fromHex('0102'),
      80,
    );
    expect(toHex(model.output)).toBe(toHex(concatBytes(t1, t2).slice(0, 80)));
  });
});

describe('cipher suite table', () => {
  it.each([
    [0x1301, 'TLS_AES_128_GCM_SHA256', 16, 32],
    [0x1302, 'TLS_AES_256_GCM_SHA384', 32, 48],
    [0x1303, 'TLS_CHACHA20_POLY1305_SHA256', 32, 32],
  ])('0x%s is %s', (code, name, keyLength, hashLength) => {
    const suite = getCipherSuiteByCode(code);
    expect(suite.name).toBe(name);
    expect(suite.aead.keyLength).toBe(keyLength);
    expect(suite.aead.ivLength).toBe(12);
    expect(suite.hash.length).toBe(hashLength);
  });

  it('rejects an unknown code', () => {
    expect(() => getCipherSuiteByCode(0xc02f)).toThrow(
      expect.objectContaining({ code: 'unknown-cipher-suite' }),
    );
  });
});
