// Both recorded sessions checked with Node's crypto module alone, so that the
// scenario's bytes do not only agree with the code that produced them.

import {
  constants,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  privateDecrypt,
  verify,
} from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runForwardSecrecy } from './forward-secrecy';
import { nodePrf } from './node-prf.test-support';
import { TEACHING_RSA_PRIVATE_KEY_PEM } from './teaching-key.fixture';

const run = runForwardSecrecy({ request: 'cookie', leakKey: false }, 99);
const privateKey = createPrivateKey(TEACHING_RSA_PRIVATE_KEY_PEM);

describe('TLS 1.2 recording under Node crypto', () => {
  const recording = run.tls12Recording;
  const clientRandom = recording.clientHello.subarray(11, 43);
  const serverRandom = recording.serverHello.subarray(11, 43);
  const block = privateDecrypt(
    { key: privateKey, padding: constants.RSA_NO_PADDING },
    recording.clientKeyExchange.subarray(11),
  );
  const preMasterSecret = block.subarray(block.length - 48);
  const masterSecret = nodePrf(
    preMasterSecret,
    'master secret',
    Buffer.concat([clientRandom, serverRandom]),
    48,
  );
  const keyBlock = nodePrf(
    masterSecret,
    'key expansion',
    Buffer.concat([serverRandom, clientRandom]),
    40,
  );

  it('decrypts the premaster secret with raw RSA', () => {
    expect(block.subarray(0, 2).toString('hex')).toBe('0002');
    expect(block[block.length - 49]).toBe(0);
    expect(preMasterSecret.subarray(0, 2).toString('hex')).toBe('0303');
  });

  it('opens the request with AES-128-GCM', () => {
    const record = recording.applicationData;
    const explicitNonce = record.subarray(5, 13);
    const ciphertext = record.subarray(13, record.length - 16);
    const decipher = createDecipheriv(
      'aes-128-gcm',
      keyBlock.subarray(0, 16),
      Buffer.concat([keyBlock.subarray(32, 36), explicitNonce]),
    );
    const aad = Buffer.alloc(13);
    aad.writeBigUInt64BE(1n);
    aad.writeUInt8(23, 8);
    aad.writeUInt16BE(0x0303, 9);
    aad.writeUInt16BE(ciphertext.length, 11);
    decipher.setAAD(aad);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString(
      'utf8',
    );
    expect(plaintext).toBe(run.requestText);
  });

  it('checks the client Finished verify_data', () => {
    const handshake = run.tls12.handshake;
    const transcript = createHash('sha256')
      .update(handshake.clientHello.bytes)
      .update(handshake.serverHello.bytes)
      .update(handshake.certificate.bytes)
      .update(handshake.serverHelloDone.bytes)
      .update(handshake.clientKeyExchange.bytes)
      .digest();
    expect(
      Buffer.from(nodePrf(masterSecret, 'client finished', transcript, 12)).toString('hex'),
    ).toBe(Buffer.from(run.tls12.clientVerifyData).toString('hex'));
  });
});

describe('TLS 1.3 CertificateVerify under Node crypto', () => {
  it('verifies as rsa_pss_rsae_sha256', () => {
    const valid = verify(
      'sha256',
      run.tls13.certificateVerifyContent.bytes,
      {
        key: createPublicKey(privateKey),
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: 32,
      },
      run.tls13.signature,
    );
    expect(valid).toBe(true);
  });

  it('signs the transcript through Certificate', () => {
    const handshake = run.tls13.handshake;
    const transcript = createHash('sha256')
      .update(handshake.clientHello.bytes)
      .update(handshake.serverHello.bytes)
      .update(handshake.encryptedExtensions.bytes)
      .update(handshake.certificate.bytes)
      .digest('hex');
    expect(Buffer.from(run.tls13.certificateVerifyContent.bytes.subarray(98)).toString('hex')).toBe(
      transcript,
    );
  });
});
