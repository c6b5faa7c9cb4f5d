import {
  constants,
  createPrivateKey,
  createPublicKey,
  privateDecrypt,
  publicEncrypt,
  sign,
  verify,
} from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../bytes';
import { createSeededRandom } from '../../seeded-random';
import { findTilingProblems } from '../../scenario';
import {
  PREMASTER_SECRET_LENGTH,
  decodePreMasterBlock,
  decryptPreMasterSecret,
  encodeEncryptionBlock,
  encryptPreMasterSecret,
  generatePaddingString,
  generatePreMasterSecret,
  paddingLengthFor,
} from './rsa-key-exchange';
import { loadTeachingKeyPair } from './teaching-key-pair';
import { TEACHING_RSA_PRIVATE_KEY_PEM } from './teaching-key.fixture';
import { PSS_SALT_LENGTH, signRsaPssSha256, verifyRsaPssSha256 } from './rsa-pss';
import { isTls12Error } from './errors';

const nodePrivateKey = createPrivateKey(TEACHING_RSA_PRIVATE_KEY_PEM);
const nodePublicKey = createPublicKey(nodePrivateKey);

function encryptFromSeed(seed: number) {
  const random = createSeededRandom(seed, 'rsa-test');
  const { publicKey, modulusLength } = loadTeachingKeyPair();
  const preMasterSecret = generatePreMasterSecret(random);
  const padding = generatePaddingString(
    random,
    paddingLengthFor(modulusLength, PREMASTER_SECRET_LENGTH),
  );
  return {
    preMasterSecret,
    padding,
    ...encryptPreMasterSecret(preMasterSecret, publicKey, padding),
  };
}

function expectErrorCode(run: () => unknown, code: string): void {
  try {
    run();
  } catch (error) {
    expect(isTls12Error(error)).toBe(true);
    expect((error as { code: string }).code).toBe(code);
    return;
  }
  throw new Error(`expected error ${code}`);
}

describe('teaching key pair', () => {
  it('is a 2048-bit key with e = 65537', () => {
    const { privateKey, modulusLength } = loadTeachingKeyPair();
    expect(modulusLength).toBe(256);
    expect(privateKey.e.toString(10)).toBe('65537');
  });

  it('matches the certificate public key', () => {
    const { privateKey, publicKey } = loadTeachingKeyPair();
    expect(publicKey.n.equals(privateKey.n)).toBe(true);
  });

  it('parses in Node as well', () => {
    expect(nodePrivateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });
});

describe('premaster secret', () => {
  it('starts with client_version 0x0303', () => {
    const preMasterSecret = generatePreMasterSecret(createSeededRandom(1));
    expect(preMasterSecret.length).toBe(48);
    expect(toHex(preMasterSecret.subarray(0, 2))).toBe('0303');
  });

  it('gets a nonzero padding string from the seed', () => {
    const padding = generatePaddingString(createSeededRandom(5), 205);
    expect(padding.length).toBe(205);
    expect(padding.includes(0)).toBe(false);
  });
});

describe('RSAES-PKCS1-v1_5 premaster encryption', () => {
  it('produces a block Node decrypts to 00 02 PS 00 premaster', () => {
    const { preMasterSecret, padding, ciphertext, block } = encryptFromSeed(11);
    const raw = new Uint8Array(
      privateDecrypt({ key: nodePrivateKey, padding: constants.RSA_NO_PADDING }, ciphertext),
    );
    expect(toHex(raw)).toBe(toHex(block.bytes));
    expect(toHex(raw.subarray(0, 2))).toBe('0002');
    expect(toHex(raw.subarray(2, 2 + padding.length))).toBe(toHex(padding));
    expect(raw[2 + padding.length]).toBe(0);
    expect(toHex(raw.subarray(3 + padding.length))).toBe(toHex(preMasterSecret));
  });

  it("decrypts with node-forge's own PKCS #1 v1.5 decoder", () => {
    const { preMasterSecret, ciphertext } = encryptFromSeed(12);
    const { privateKey } = loadTeachingKeyPair();
    const decrypted = privateKey.decrypt(
      forge.util.binary.raw.encode(ciphertext),
      'RSAES-PKCS1-V1_5',
    );
    expect(toHex(forge.util.binary.raw.decode(decrypted))).toBe(toHex(preMasterSecret));
  });

  it('decrypts what Node encrypted with RSA_PKCS1_PADDING', () => {
    const preMasterSecret = generatePreMasterSecret(createSeededRandom(13));
    const ciphertext = publicEncrypt(
      { key: nodePublicKey, padding: constants.RSA_PKCS1_PADDING },
      preMasterSecret,
    );
    const decoded = decryptPreMasterSecret(
      loadTeachingKeyPair().privateKey,
      new Uint8Array(ciphertext),
    );
    expect(toHex(decoded.preMasterSecret)).toBe(toHex(preMasterSecret));
  });

  it('round-trips its own ciphertext', () => {
    const { preMasterSecret, ciphertext } = encryptFromSeed(14);
    const decoded = decryptPreMasterSecret(loadTeachingKeyPair().privateKey, ciphertext);
    expect(toHex(decoded.preMasterSecret)).toBe(toHex(preMasterSecret));
  });

  it('is deterministic for a seed', () => {
    expect(toHex(encryptFromSeed(15).ciphertext)).toBe(toHex(encryptFromSeed(15).ciphertext));
  });

  it('labels every byte of the block', () => {
    const { block } = encryptFromSeed(16);
    expect(findTilingProblems(block.bytes.length, block.spans)).toEqual([]);
  });

  it('rejects a padding string with a zero byte', () => {
    const padding = new Uint8Array(205).fill(1);
    padding[9] = 0;
    expect(() => encodeEncryptionBlock(new Uint8Array(48), padding, 256)).toThrow('index 9');
  });

  it('names the limit for a message too long for the modulus', () => {
    expect(() => encodeEncryptionBlock(new Uint8Array(246), new Uint8Array(8), 256)).toThrow(
      '"message" must be at most 245 bytes for an RSA modulus of 256 bytes, got 246',
    );
  });
});

describe('decodePreMasterBlock', () => {
  const valid = () => encryptFromSeed(17).block.bytes.slice();

  it('rejects a wrong block type', () => {
    const block = valid();
    block[1] = 0x01;
    expectErrorCode(() => decodePreMasterBlock(block), 'invalid-premaster-block');
  });

  it('rejects a short padding string', () => {
    const block = new Uint8Array(256);
    block[1] = 0x02;
    block.fill(0xff, 2, 6);
    expectErrorCode(() => decodePreMasterBlock(block), 'invalid-premaster-block');
  });

  it('rejects a wrong client_version', () => {
    const block = valid();
    block[block.length - 47] = 0x01;
    expectErrorCode(() => decodePreMasterBlock(block), 'invalid-premaster-block');
  });
});

describe('rsa_pss_rsae_sha256', () => {
  const message = new TextEncoder().encode('content covered by CertificateVerify');
  const salt = createSeededRandom(3, 'salt').nextBytes(PSS_SALT_LENGTH);

  it('produces a signature Node verifies', () => {
    const signature = signRsaPssSha256(loadTeachingKeyPair().privateKey, message, salt);
    const valid = verify(
      'sha256',
      message,
      { key: nodePublicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      signature,
    );
    expect(valid).toBe(true);
  });

  it('verifies a signature Node made', () => {
    const signature = sign('sha256', message, {
      key: nodePrivateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    });
    expect(
      verifyRsaPssSha256(loadTeachingKeyPair().publicKey, message, new Uint8Array(signature)),
    ).toBe(true);
  });

  it('is deterministic for a salt', () => {
    const { privateKey } = loadTeachingKeyPair();
    expect(toHex(signRsaPssSha256(privateKey, message, salt))).toBe(
      toHex(signRsaPssSha256(privateKey, message, salt)),
    );
  });

  it('rejects a tampered message', () => {
    const signature = signRsaPssSha256(loadTeachingKeyPair().privateKey, message, salt);
    const tampered = message.slice();
    tampered[0]! ^= 1;
    expect(verifyRsaPssSha256(loadTeachingKeyPair().publicKey, tampered, signature)).toBe(false);
  });
});
