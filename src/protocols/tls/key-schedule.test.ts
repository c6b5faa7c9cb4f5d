import { describe, expect, it } from 'vitest';
import { x25519 } from '@noble/curves/ed25519.js';
import { fromHex, toHex } from '../bytes';
import { rfc8448 } from './rfc8448.fixture';
import { cipherSuites, sha256Hash } from './suites';
import {
  computeApplicationSecrets,
  computeEarlySecret,
  computeHandshakeSecrets,
  computeResumptionMasterSecret,
  computeVerifyData,
  deriveDerivedSecret,
  deriveFinishedKey,
  deriveSecret,
  deriveTrafficKeys,
  hkdfExpandLabel,
  hkdfExtract,
  rfc8446Rules,
} from './key-schedule';
import { emptyDerivedContextRules, twoByteLabelLengthRules } from './deliberate-bugs';
import { findTilingProblems } from '../scenario';

const suite = cipherSuites.TLS_AES_128_GCM_SHA256;
const hash = sha256Hash;
const transcript = (...messages: string[]) => hash.digest(fromHex(messages.join('')));

// Each value of RFC 8448 §3 recomputed, in the RFC's order, from the two
// private keys and the handshake messages alone.
describe('RFC 8448 §3 key schedule', () => {
  const clientPublicKey = x25519.getPublicKey(fromHex(rfc8448.clientPrivateKey));
  const serverPublicKey = x25519.getPublicKey(fromHex(rfc8448.serverPrivateKey));
  const sharedSecret = x25519.getSharedSecret(fromHex(rfc8448.clientPrivateKey), serverPublicKey);
  const helloHash = transcript(rfc8448.clientHello, rfc8448.serverHello);
  const handshake = computeHandshakeSecrets(hash, sharedSecret, helloHash);
  const beforeServerFinished = transcript(
    rfc8448.clientHello,
    rfc8448.serverHello,
    rfc8448.encryptedExtensions,
    rfc8448.certificate,
    rfc8448.certificateVerify,
  );
  const serverFinishedHash = transcript(
    rfc8448.clientHello,
    rfc8448.serverHello,
    rfc8448.encryptedExtensions,
    rfc8448.certificate,
    rfc8448.certificateVerify,
    rfc8448.serverFinished,
  );
  const clientFinishedHash = transcript(
    rfc8448.clientHello,
    rfc8448.serverHello,
    rfc8448.encryptedExtensions,
    rfc8448.certificate,
    rfc8448.certificateVerify,
    rfc8448.serverFinished,
    rfc8448.clientFinished,
  );
  const application = computeApplicationSecrets(
    hash,
    handshake.handshakeSecret,
    serverFinishedHash,
  );
  const serverHandshakeKeys = deriveTrafficKeys(
    suite,
    handshake.serverHandshakeTrafficSecret.output,
  );
  const clientHandshakeKeys = deriveTrafficKeys(
    suite,
    handshake.clientHandshakeTrafficSecret.output,
  );
  const serverApplicationKeys = deriveTrafficKeys(
    suite,
    application.serverApplicationTrafficSecret.output,
  );
  const clientApplicationKeys = deriveTrafficKeys(
    suite,
    application.clientApplicationTrafficSecret.output,
  );
  const serverFinishedKey = deriveFinishedKey(hash, handshake.serverHandshakeTrafficSecret.output);
  const clientFinishedKey = deriveFinishedKey(hash, handshake.clientHandshakeTrafficSecret.output);

  const table: [string, () => Uint8Array, string][] = [
    ['client public key', () => clientPublicKey, rfc8448.clientPublicKey],
    ['server public key', () => serverPublicKey, rfc8448.serverPublicKey],
    ['ECDHE shared secret', () => sharedSecret, rfc8448.sharedSecret],
    ['early secret', () => handshake.earlySecret, rfc8448.earlySecret],
    ['Hash("")', () => hash.digest(new Uint8Array(0)), rfc8448.emptyHash],
    [
      'derived for handshake',
      () => handshake.derivedForHandshake.output,
      rfc8448.derivedForHandshake,
    ],
    ['handshake secret', () => handshake.handshakeSecret, rfc8448.handshakeSecret],
    ['transcript hash to ServerHello', () => helloHash, rfc8448.helloHash],
    [
      'client handshake traffic secret',
      () => handshake.clientHandshakeTrafficSecret.output,
      rfc8448.clientHandshakeTrafficSecret,
    ],
    [
      'server handshake traffic secret',
      () => handshake.serverHandshakeTrafficSecret.output,
      rfc8448.serverHandshakeTrafficSecret,
    ],
    ['derived for master', () => application.derivedForMaster.output, rfc8448.derivedForMaster],
    ['master secret', () => application.masterSecret, rfc8448.masterSecret],
    ['server handshake key', () => serverHandshakeKeys.key.output, rfc8448.serverHandshakeKey],
    ['server handshake IV', () => serverHandshakeKeys.iv.output, rfc8448.serverHandshakeIv],
    ['client handshake key', () => clientHandshakeKeys.key.output, rfc8448.clientHandshakeKey],
    ['client handshake IV', () => clientHandshakeKeys.iv.output, rfc8448.clientHandshakeIv],
    ['server finished key', () => serverFinishedKey.output, rfc8448.serverFinishedKey],
    [
      'server verify_data',
      () => computeVerifyData(hash, serverFinishedKey.output, beforeServerFinished),
      rfc8448.serverVerifyData,
    ],
    ['transcript hash to server Finished', () => serverFinishedHash, rfc8448.serverFinishedHash],
    [
      'client application traffic secret',
      () => application.clientApplicationTrafficSecret.output,
      rfc8448.clientApplicationTrafficSecret,
    ],
    [
      'server application traffic secret',
      () => application.serverApplicationTrafficSecret.output,
      rfc8448.serverApplicationTrafficSecret,
    ],
    [
      'exporter master secret',
      () => application.exporterMasterSecret.output,
      rfc8448.exporterMasterSecret,
    ],
    [
      'server application key',
      () => serverApplicationKeys.key.output,
      rfc8448.serverApplicationKey,
    ],
    ['server application IV', () => serverApplicationKeys.iv.output, rfc8448.serverApplicationIv],
    [
      'client application key',
      () => clientApplicationKeys.key.output,
      rfc8448.clientApplicationKey,
    ],
    ['client application IV', () => clientApplicationKeys.iv.output, rfc8448.clientApplicationIv],
    ['client finished key', () => clientFinishedKey.output, rfc8448.clientFinishedKey],
    [
      'client verify_data',
      () => computeVerifyData(hash, clientFinishedKey.output, serverFinishedHash),
      rfc8448.clientVerifyData,
    ],
    ['transcript hash to client Finished', () => clientFinishedHash, rfc8448.clientFinishedHash],
    [
      'resumption master secret',
      () =>
        computeResumptionMasterSecret(hash, application.masterSecret, clientFinishedHash).output,
      rfc8448.resumptionMasterSecret,
    ],
  ];

  it.each(table)('RFC 8448 %s', (_name, compute, expected) => {
    expect(toHex(compute())).toBe(expected);
  });

  it('verify_data matches the Finished messages', () => {
    expect(rfc8448.serverFinished.slice(8)).toBe(rfc8448.serverVerifyData);
    expect(rfc8448.clientFinished.slice(8)).toBe(rfc8448.clientVerifyData);
  });
});

describe('HkdfLabel encoding', () => {
  const helloHash = fromHex(rfc8448.helloHash);
  const handshakeSecret = fromHex(rfc8448.handshakeSecret);

  it('encodes "c hs traffic" with the transcript hash', () => {
    const derivation = deriveSecret(hash, handshakeSecret, 'c hs traffic', helloHash);
    expect(toHex(derivation.hkdfLabel!.bytes)).toBe(rfc8448.hkdfLabelClientHandshakeTraffic);
    expect(derivation.hkdfLabel!.bytes.length).toBe(54);
  });

  it('encodes "derived" with Hash("") as context', () => {
    const derivation = deriveDerivedSecret(hash, fromHex(rfc8448.earlySecret));
    expect(toHex(derivation.hkdfLabel!.bytes)).toBe(rfc8448.hkdfLabelDerived);
    expect(derivation.hkdfLabel!.bytes.length).toBe(49);
  });

  it('encodes "key", "iv" and "finished" with an empty context', () => {
    const keys = deriveTrafficKeys(suite, fromHex(rfc8448.serverHandshakeTrafficSecret));
    const finished = deriveFinishedKey(hash, fromHex(rfc8448.serverHandshakeTrafficSecret));
    expect(toHex(keys.key.hkdfLabel!.bytes)).toBe(rfc8448.hkdfLabelKey);
    expect(toHex(keys.iv.hkdfLabel!.bytes)).toBe(rfc8448.hkdfLabelIv);
    expect(toHex(finished.hkdfLabel!.bytes)).toBe(rfc8448.hkdfLabelFinished);
  });

  it('tiles every encoding with spans for Length, Label and Context', () => {
    const labels = [
      rfc8446Rules.encodeHkdfLabel(32, 'c hs traffic', helloHash),
      rfc8446Rules.encodeHkdfLabel(16, 'key', new Uint8Array(0)),
      twoByteLabelLengthRules.encodeHkdfLabel(32, 'derived', helloHash),
    ];
    for (const label of labels) {
      expect(findTilingProblems(label.bytes.length, label.spans)).toEqual([]);
      expect(new Set(label.spans.map((span) => span.field))).toEqual(
        new Set(['Length', 'Label', 'Context']),
      );
    }
  });

  it('HKDF-Extract ignores a short all-zero salt', () => {
    // HMAC pads a short key with zeros, so "", 00 and 32 zero bytes give one early secret.
    const ikm = new Uint8Array(32);
    expect(toHex(hkdfExtract(hash, new Uint8Array(0), ikm))).toBe(rfc8448.earlySecret);
    expect(toHex(hkdfExtract(hash, new Uint8Array(1), ikm))).toBe(rfc8448.earlySecret);
    expect(toHex(computeEarlySecret(hash))).toBe(rfc8448.earlySecret);
  });
});

describe('deliberate key-schedule bugs', () => {
  const sharedSecret = fromHex(rfc8448.sharedSecret);
  const helloHash = fromHex(rfc8448.helloHash);

  it('two-byte label length changes the HkdfLabel bytes', () => {
    const label = twoByteLabelLengthRules.encodeHkdfLabel(32, 'c hs traffic', helloHash);
    expect(toHex(label.bytes)).toBe(
      '0020' + '0012' + '746c73313320632068732074726166666963' + '0020' + rfc8448.helloHash,
    );
  });

  it('two-byte label length changes client_handshake_traffic_secret', () => {
    const secrets = computeHandshakeSecrets(hash, sharedSecret, helloHash, {
      rules: twoByteLabelLengthRules,
    });
    expect(toHex(secrets.earlySecret)).toBe(rfc8448.earlySecret);
    expect(toHex(secrets.clientHandshakeTrafficSecret.output)).not.toBe(
      rfc8448.clientHandshakeTrafficSecret,
    );
  });

  it('empty derived context changes the handshake secret', () => {
    const secrets = computeHandshakeSecrets(hash, sharedSecret, helloHash, {
      rules: emptyDerivedContextRules,
    });
    expect(toHex(secrets.derivedForHandshake.hkdfLabel!.bytes)).toBe(
      '00200d746c7331332064657269766564' + '00',
    );
    expect(toHex(secrets.handshakeSecret)).not.toBe(rfc8448.handshakeSecret);
    expect(toHex(secrets.clientHandshakeTrafficSecret.output)).not.toBe(
      rfc8448.clientHandshakeTrafficSecret,
    );
  });

  it('HKDF-Expand-Label output length follows the Length argument', () => {
    const out = hkdfExpandLabel(hash, fromHex(rfc8448.masterSecret), 'test', new Uint8Array(0), 80);
    expect(out.output.length).toBe(80);
  });
});
