import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../bytes';
import {
  KEY_BLOCK_LENGTH,
  computeKeyBlock,
  computeMasterSecret,
  computeVerifyData,
  prf,
  splitKeyBlock,
} from './prf';
import { nodePrf } from './node-prf.test-support';

// The widely used P_SHA256 test vector: secret, seed, label "test label" and
// 100 bytes of output. The PRF and an independent Node HMAC version both match it.
const PRF_VECTOR = {
  secret: '9bbe436ba940f017b17652849a71db35',
  seed: 'a0ba9f936cda311827a6f796ffd5198c',
  label: 'test label',
  output:
    'e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66',
};

// NIST CAVP SP 800-135 KDF test vectors, [TLS 1.2, SHA-256] COUNT = 0. The
// master secret uses the hello randoms, the key block a second pair.
const CAVP = {
  preMasterSecret:
    'f8938ecc9edebc5030c0c6a441e213cd24e6f770a50dda07876f8d55da062bcadb386b411fd4fe4313a604fce6c17fbc',
  clientHelloRandom: '36c129d01a3200894b9179faac589d9835d58775f9b5ea3587cb8fd0364cae8c',
  serverHelloRandom: 'f6c9575ed7ddd73e1f7d16eca115415812a43c2b747daaaae043abfb50053fce',
  clientRandom: '62e1fd91f23f558a605f28478c58cf72637b89784d959df7e946d3f07bd1b616',
  serverRandom: 'ae6c806f8ad4d80784549dff28a4b58fd837681a51d928c3e30ee5ff14f39868',
  masterSecret:
    '202c88c00f84a17a20027079604787461176455539e705be730890602c289a5001e34eeb3a043e5d52a65e66125188bf',
  keyBlock:
    'd06139889fffac1e3a71865f504aa5d0d2a2e89506c6f2279b670c3e1b74f531016a2530c51a3a0f7e1d6590d0f0566b2f387f8d11fd4f731cdd572d2eae927f6f2f81410b25e6960be68985add6c38445ad9f8c64bf8068bf9a6679485d966f1ad6f68b43495b10a683755ea2b858d70ccac7ec8b053c6bd41ca299d4e51928',
};

describe('TLS 1.2 PRF', () => {
  it('matches the published P_SHA256 vector', () => {
    const output = prf(fromHex(PRF_VECTOR.secret), PRF_VECTOR.label, fromHex(PRF_VECTOR.seed), 100);
    expect(toHex(output)).toBe(PRF_VECTOR.output);
  });

  it('matches an independent Node HMAC P_SHA256', () => {
    const secret = fromHex(PRF_VECTOR.secret);
    const seed = fromHex(PRF_VECTOR.seed);
    expect(toHex(nodePrf(secret, PRF_VECTOR.label, seed, 100))).toBe(PRF_VECTOR.output);
  });

  it.each([0, 1, 31, 32, 33, 64, 100, 200])('agrees with Node for %i bytes', (length) => {
    const secret = fromHex('00112233445566778899');
    const seed = fromHex('deadbeef');
    expect(toHex(prf(secret, 'some label', seed, length))).toBe(
      toHex(nodePrf(secret, 'some label', seed, length)),
    );
  });

  it('rejects a negative length', () => {
    expect(() => prf(new Uint8Array(1), 'x', new Uint8Array(1), -1)).toThrow(RangeError);
  });
});

describe('TLS 1.2 master secret and key block', () => {
  it('derives the CAVP master secret', () => {
    const masterSecret = computeMasterSecret(
      fromHex(CAVP.preMasterSecret),
      fromHex(CAVP.clientHelloRandom),
      fromHex(CAVP.serverHelloRandom),
    );
    expect(toHex(masterSecret)).toBe(CAVP.masterSecret);
  });

  it('derives the start of the CAVP key block', () => {
    const keyBlock = computeKeyBlock(
      fromHex(CAVP.masterSecret),
      fromHex(CAVP.serverRandom),
      fromHex(CAVP.clientRandom),
    );
    expect(toHex(keyBlock)).toBe(CAVP.keyBlock.slice(0, KEY_BLOCK_LENGTH * 2));
  });

  it('derives the whole 128-byte CAVP key block through the PRF', () => {
    const seed = fromHex(CAVP.serverRandom + CAVP.clientRandom);
    expect(toHex(prf(fromHex(CAVP.masterSecret), 'key expansion', seed, 128))).toBe(CAVP.keyBlock);
  });

  it('splits the key block into keys then salts', () => {
    const parts = splitKeyBlock(fromHex(CAVP.keyBlock.slice(0, KEY_BLOCK_LENGTH * 2)));
    expect(toHex(parts.clientWriteKey)).toBe(CAVP.keyBlock.slice(0, 32));
    expect(toHex(parts.serverWriteKey)).toBe(CAVP.keyBlock.slice(32, 64));
    expect(toHex(parts.clientWriteIv)).toBe(CAVP.keyBlock.slice(64, 72));
    expect(toHex(parts.serverWriteIv)).toBe(CAVP.keyBlock.slice(72, 80));
  });

  it('rejects randoms of the wrong length', () => {
    expect(() =>
      computeMasterSecret(new Uint8Array(48), new Uint8Array(31), new Uint8Array(32)),
    ).toThrow('"clientRandom" must be 32 bytes, got 31');
  });

  it('computes verify_data as PRF over the transcript hash', () => {
    const masterSecret = fromHex(CAVP.masterSecret);
    const handshake = fromHex('0100002a');
    const transcriptHash = new Uint8Array(createHash('sha256').update(handshake).digest());
    expect(toHex(computeVerifyData(masterSecret, 'client finished', handshake))).toBe(
      toHex(nodePrf(masterSecret, 'client finished', transcriptHash, 12)),
    );
  });
});
