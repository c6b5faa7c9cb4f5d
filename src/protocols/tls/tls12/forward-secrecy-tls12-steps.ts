// Steps of the forward-secrecy scenario for the recorded TLS 1.2 session with
// RSA key transport (RFC 5246 §7.3).

import type { Step } from '../../scenario';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '../../bytes';
import type { ActorBoard } from './actor-board';
import type { ForwardSecrecyRun } from './forward-secrecy';
import { ACTORS, type Capture } from './forward-secrecy-actors';
import { SpanWriter, type EncodedBytes } from './span-writer';
import { computation, named, requestLine, wireMessage, withoutFields } from './step-helpers';

interface SeedPart {
  readonly label: string;
  readonly field: string;
  readonly bytes: Uint8Array;
}

/** Lays out the PRF's label + seed, the bytes a PRF call expands. */
function prfSeed(label: string, parts: readonly SeedPart[]): EncodedBytes {
  const writer = new SpanWriter().field(
    `label "${label}"`,
    new TextEncoder().encode(label),
    'label',
  );
  for (const part of parts) writer.field(part.label, part.bytes, part.field);
  return writer.finish();
}

function keyBlockLayout(keyBlock: Uint8Array): EncodedBytes {
  return new SpanWriter()
    .field('client_write_key (16 bytes)', keyBlock.subarray(0, 16))
    .field('server_write_key (16 bytes)', keyBlock.subarray(16, 32))
    .field('client_write_IV: implicit nonce salt (4 bytes)', keyBlock.subarray(32, 36))
    .field('server_write_IV: implicit nonce salt (4 bytes)', keyBlock.subarray(36, 40))
    .finish();
}

/** Builds the master-secret and key-block computations, shared by the session and the eavesdropper's replay. */
export function keyDerivationComputations(
  prefix: string,
  actorId: string,
  values: {
    preMasterSecret: Uint8Array;
    clientRandom: Uint8Array;
    serverRandom: Uint8Array;
    masterSecret: Uint8Array;
    keyBlock: Uint8Array;
  },
  dependsOn: readonly string[],
) {
  const masterSeed = prfSeed('master secret', [
    { label: 'ClientHello.random', field: 'clientRandom', bytes: values.clientRandom },
    { label: 'ServerHello.random', field: 'serverRandom', bytes: values.serverRandom },
  ]);
  const keySeed = prfSeed('key expansion', [
    { label: 'server_random', field: 'serverRandom', bytes: values.serverRandom },
    { label: 'client_random', field: 'clientRandom', bytes: values.clientRandom },
  ]);
  const masterId = `${prefix}-master-secret`;

  return [
    computation({
      id: masterId,
      actorId,
      label: 'Master secret',
      formula:
        'master_secret = PRF(pre_master_secret, "master secret", ClientHello.random + ServerHello.random)[0..47]',
      inputs: [
        named('preMasterSecret', values.preMasterSecret, 'the PRF secret'),
        named('label', 'master secret'),
        named('clientRandom', values.clientRandom),
        named('serverRandom', values.serverRandom),
      ],
      output: named('masterSecret', values.masterSecret, '48 bytes'),
      dependsOn,
      encoded: masterSeed,
    }),
    computation({
      id: `${prefix}-key-block`,
      actorId,
      label: 'Key block',
      formula:
        'key_block = PRF(master_secret, "key expansion", server_random + client_random), split into client_write_key, server_write_key, client_write_IV, server_write_IV',
      inputs: [
        named('masterSecret', values.masterSecret),
        named('label', 'key expansion'),
        named('serverRandom', values.serverRandom),
        named('clientRandom', values.clientRandom),
      ],
      output: named('keyBlock', values.keyBlock, '16 + 16 + 4 + 4 bytes'),
      dependsOn: [masterId],
      encoded: keySeed,
    }),
    computation({
      id: `${prefix}-key-block-split`,
      actorId,
      label: 'Key block split',
      formula:
        'key_block = client_write_key || server_write_key || client_write_IV || server_write_IV (RFC 5246 §6.3 order, without MAC keys because GCM needs none)',
      inputs: [named('keyBlock', values.keyBlock)],
      output: named(
        'clientWriteKey',
        values.keyBlock.subarray(0, 16),
        'encrypts the client-to-server records',
      ),
      dependsOn: [`${prefix}-key-block`],
      encoded: keyBlockLayout(values.keyBlock),
    }),
  ];
}

/** Builds the steps of the TLS 1.2 session: hellos, key transport, keys, Finished, the request, the close. */
export function buildTls12Steps(
  run: ForwardSecrecyRun,
  board: ActorBoard,
  capture: Capture,
): Step[] {
  const { tls12, keyPair } = run;
  const { records } = tls12;
  const steps: Step[] = [];

  board
    .update(ACTORS.client, {
      headline: 'TLS 1.2: ClientHello sent',
      set: [named('TLS 1.2 client_random', tls12.clientRandom)],
    })
    .update(ACTORS.server, { headline: 'TLS 1.2: ClientHello received' })
    .update(ACTORS.eavesdropper, {
      headline: 'Recording',
      set: [capture.add(records.clientHello.bytes)],
    });
  steps.push({
    id: 'tls12-client-hello',
    title: 'TLS 1.2 ClientHello',
    kind: 'message',
    narration:
      'The client opens a TLS 1.2 connection offering one cipher suite, TLS_RSA_WITH_AES_128_GCM_SHA256, and a fresh 32-byte random. The handshake travels in the clear, and the eavesdropper stores every record.',
    actors: board.snapshot(),
    messages: [
      wireMessage({
        id: 'tls12-client-hello',
        from: ACTORS.client,
        to: ACTORS.server,
        label: 'ClientHello',
        encoded: records.clientHello,
        values: { cipherSuites: 'TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009c)' },
      }),
    ],
    highlight: ['clientRandom', 'cipherSuites'],
    reference: 'RFC 5246 §7.4.1.2',
  });

  board
    .update(ACTORS.server, {
      headline: 'TLS 1.2: waiting for ClientKeyExchange',
      set: [
        named('TLS 1.2 server_random', tls12.serverRandom),
        named('RSA private key', 'held only by the server (2048-bit)'),
      ],
    })
    .update(ACTORS.client, {
      headline: 'TLS 1.2: certificate received',
      set: [
        named('TLS 1.2 server_random', tls12.serverRandom),
        named('server RSA public key', 'from the certificate of server.example'),
      ],
    })
    .update(ACTORS.eavesdropper, {
      set: [
        capture.add(
          records.serverHello.bytes,
          records.certificate.bytes,
          records.serverHelloDone.bytes,
        ),
        named('server certificate', 'seen in the clear: CN=server.example'),
      ],
    });
  steps.push({
    id: 'tls12-server-hello',
    title: 'TLS 1.2 ServerHello and certificate',
    kind: 'message',
    narration:
      "The server accepts the RSA key-exchange suite and sends its random and its certificate. In this suite the certificate's RSA key signs nothing: it is the key the client will encrypt the session's secret to.",
    actors: board.snapshot(),
    messages: [
      wireMessage({
        id: 'tls12-server-hello',
        from: ACTORS.server,
        to: ACTORS.client,
        label: 'ServerHello',
        encoded: records.serverHello,
      }),
      wireMessage({
        id: 'tls12-certificate',
        from: ACTORS.server,
        to: ACTORS.client,
        label: 'Certificate',
        encoded: records.certificate,
      }),
      wireMessage({
        id: 'tls12-server-hello-done',
        from: ACTORS.server,
        to: ACTORS.client,
        label: 'ServerHelloDone',
        encoded: records.serverHelloDone,
      }),
    ],
    highlight: ['serverRandom', 'certificate'],
    reference: 'RFC 5246 §7.4.1.3, §7.4.2',
  });

  const block = tls12.encryptedPreMasterSecret.block;
  board.update(ACTORS.client, {
    headline: 'TLS 1.2: premaster secret encrypted',
    set: [named('TLS 1.2 pre_master_secret', tls12.preMasterSecret)],
  });
  steps.push({
    id: 'tls12-encrypt-premaster',
    title: 'Premaster secret encrypted to the server key',
    kind: 'computation',
    narration:
      "The client picks the 48-byte premaster secret that every key of this session will come from, pads it with PKCS #1 v1.5 and encrypts it to the server's RSA public key. Whoever holds the matching private key can recover it, now or in ten years.",
    actors: board.snapshot(),
    messages: [],
    computations: [
      computation({
        id: 'tls12-premaster-secret',
        actorId: ACTORS.client,
        label: 'Premaster secret',
        formula: 'pre_master_secret = client_version (0x0303) || 46 random bytes',
        inputs: [
          named('client_version', '0x0303 (TLS 1.2)'),
          named('random', tls12.preMasterSecret.subarray(2)),
        ],
        output: named('preMasterSecret', tls12.preMasterSecret),
      }),
      computation({
        id: 'tls12-rsa-encrypt',
        actorId: ACTORS.client,
        label: 'RSAES-PKCS1-v1_5 encryption',
        formula: 'EB = 0x00 || 0x02 || PS || 0x00 || pre_master_secret;  C = EB^e mod n',
        inputs: [
          named('blockType', '0x02'),
          named(
            'paddingString',
            block.bytes.subarray(2, block.bytes.length - 49),
            'nonzero random bytes from the seed',
          ),
          named('clientVersion', '0x0303'),
          named('preMasterRandom', tls12.preMasterSecret.subarray(2)),
          named('server public key', `RSA n (${keyPair.modulusLength * 8} bits), e = 65537`),
        ],
        output: named('encryptedPreMasterSecret', tls12.encryptedPreMasterSecret.ciphertext),
        dependsOn: ['tls12-premaster-secret'],
        encoded: block,
      }),
    ],
    highlight: ['preMasterSecret', 'encryptedPreMasterSecret'],
    reference: 'RFC 5246 §7.4.7.1, RFC 8017 §7.2.1',
  });

  board
    .update(ACTORS.client, { headline: 'TLS 1.2: ClientKeyExchange sent' })
    .update(ACTORS.eavesdropper, {
      set: [
        capture.add(records.clientKeyExchange.bytes),
        named(
          'TLS 1.2 encrypted premaster secret',
          'stored, unreadable without the RSA private key',
        ),
      ],
    });
  steps.push({
    id: 'tls12-client-key-exchange',
    title: 'ClientKeyExchange',
    kind: 'message',
    narration:
      "The encrypted premaster secret crosses the network. The eavesdropper cannot read it but keeps all 256 bytes, because they unlock the whole session for anyone who later obtains the server's private key.",
    actors: board.snapshot(),
    messages: [
      wireMessage({
        id: 'tls12-client-key-exchange',
        from: ACTORS.client,
        to: ACTORS.server,
        label: 'ClientKeyExchange',
        encoded: records.clientKeyExchange,
      }),
    ],
    highlight: ['encryptedPreMasterSecret', ACTORS.eavesdropper],
    reference: 'RFC 5246 §7.4.7.1',
  });

  const keyValues = [
    named('TLS 1.2 master_secret', tls12.masterSecret),
    named('TLS 1.2 client_write_key', tls12.keys.clientWriteKey),
    named('TLS 1.2 server_write_key', tls12.keys.serverWriteKey),
    named('TLS 1.2 client_write_IV', tls12.keys.clientWriteIv),
    named('TLS 1.2 server_write_IV', tls12.keys.serverWriteIv),
  ];
  board
    .update(ACTORS.server, {
      headline: 'TLS 1.2: session keys derived',
      set: [
        named('TLS 1.2 pre_master_secret', tls12.serverDecryption.preMasterSecret),
        ...keyValues,
      ],
    })
    .update(ACTORS.client, { headline: 'TLS 1.2: session keys derived', set: keyValues });
  steps.push({
    id: 'tls12-session-keys',
    title: 'Master secret and key block',
    kind: 'computation',
    narration:
      'The server decrypts the premaster secret with its private key. Both sides then run the TLS 1.2 PRF: the master secret from the premaster secret and both randoms, then a 40-byte key block holding a write key and a 4-byte nonce salt per direction.',
    actors: board.snapshot(),
    messages: [],
    computations: [
      computation({
        id: 'tls12-rsa-decrypt',
        actorId: ACTORS.server,
        label: 'RSA decryption of the premaster secret',
        formula:
          'EB = C^d mod n; check 0x00 0x02, at least 8 nonzero padding bytes, 0x00, then take the 48-byte premaster secret',
        inputs: [
          named('encryptedPreMasterSecret', tls12.encryptedPreMasterSecret.ciphertext),
          named('server RSA private key', 'd, p and q of the 2048-bit key'),
        ],
        output: named('preMasterSecret', tls12.serverDecryption.preMasterSecret),
        encoded: withoutFields(tls12.serverDecryption.block),
      }),
      ...keyDerivationComputations(
        'tls12',
        ACTORS.client,
        {
          preMasterSecret: tls12.preMasterSecret,
          clientRandom: tls12.clientRandom,
          serverRandom: tls12.serverRandom,
          masterSecret: tls12.masterSecret,
          keyBlock: tls12.keyBlock,
        },
        ['tls12-rsa-decrypt'],
      ),
    ],
    highlight: ['masterSecret', 'keyBlock'],
    reference: 'RFC 5246 §8.1, §6.3; RFC 5288 §3',
  });

  const handshakeBefore = concatBytes(
    tls12.handshake.clientHello.bytes,
    tls12.handshake.serverHello.bytes,
    tls12.handshake.certificate.bytes,
    tls12.handshake.serverHelloDone.bytes,
    tls12.handshake.clientKeyExchange.bytes,
  );
  board
    .update(ACTORS.client, { headline: 'TLS 1.2: handshake complete' })
    .update(ACTORS.server, { headline: 'TLS 1.2: handshake complete' })
    .update(ACTORS.eavesdropper, {
      set: [
        capture.add(
          records.clientChangeCipherSpec.bytes,
          records.clientFinished.record.bytes,
          records.serverChangeCipherSpec.bytes,
          records.serverFinished.record.bytes,
        ),
      ],
    });
  steps.push({
    id: 'tls12-finished',
    title: 'ChangeCipherSpec and Finished',
    kind: 'message',
    narration:
      'Each side switches to the new keys with ChangeCipherSpec and sends an encrypted Finished, a PRF over the hash of the whole handshake keyed with the master secret. Matching Finished messages prove that both derived the same keys from the same handshake.',
    actors: board.snapshot(),
    messages: [
      wireMessage({
        id: 'tls12-client-change-cipher-spec',
        from: ACTORS.client,
        to: ACTORS.server,
        label: 'ChangeCipherSpec',
        encoded: records.clientChangeCipherSpec,
      }),
      wireMessage({
        id: 'tls12-client-finished',
        from: ACTORS.client,
        to: ACTORS.server,
        label: 'Finished (encrypted)',
        encoded: records.clientFinished.record,
      }),
      wireMessage({
        id: 'tls12-server-change-cipher-spec',
        from: ACTORS.server,
        to: ACTORS.client,
        label: 'ChangeCipherSpec',
        encoded: records.serverChangeCipherSpec,
      }),
      wireMessage({
        id: 'tls12-server-finished',
        from: ACTORS.server,
        to: ACTORS.client,
        label: 'Finished (encrypted)',
        encoded: records.serverFinished.record,
      }),
    ],
    computations: [
      computation({
        id: 'tls12-client-verify-data',
        actorId: ACTORS.client,
        label: 'Client Finished verify_data',
        formula:
          'verify_data = PRF(master_secret, "client finished", SHA-256(handshake_messages))[0..11]',
        inputs: [
          named('masterSecret', tls12.masterSecret),
          named(
            'SHA-256(handshake_messages)',
            sha256(handshakeBefore),
            'ClientHello through ClientKeyExchange, without record headers',
          ),
        ],
        output: named('verifyData', tls12.clientVerifyData),
        dependsOn: ['tls12-master-secret'],
      }),
      computation({
        id: 'tls12-server-verify-data',
        actorId: ACTORS.server,
        label: 'Server Finished verify_data',
        formula:
          'verify_data = PRF(master_secret, "server finished", SHA-256(handshake_messages))[0..11]',
        inputs: [
          named('masterSecret', tls12.masterSecret),
          named(
            'SHA-256(handshake_messages)',
            sha256(concatBytes(handshakeBefore, tls12.handshake.clientFinished.bytes)),
            'now including the client Finished',
          ),
        ],
        output: named('verifyData', tls12.serverVerifyData),
        dependsOn: ['tls12-master-secret'],
      }),
    ],
    reference: 'RFC 5246 §7.1, §7.4.9',
  });

  const sealed = records.applicationData;
  board
    .update(ACTORS.client, { set: [named('TLS 1.2 request sent', requestLine(run.requestText))] })
    .update(ACTORS.server, {
      set: [named('TLS 1.2 request received', requestLine(run.requestText))],
    })
    .update(ACTORS.eavesdropper, { set: [capture.add(sealed.record.bytes)] });
  steps.push({
    id: 'tls12-application-data',
    title: 'The request, encrypted with AES-128-GCM',
    kind: 'message',
    narration:
      'The client sends its request in an AES-128-GCM record under the client write key. The eavesdropper stores it with the rest: without that key it is ciphertext and a 16-byte tag.',
    actors: board.snapshot(),
    messages: [
      wireMessage({
        id: 'tls12-application-data',
        from: ACTORS.client,
        to: ACTORS.server,
        label: 'application_data (encrypted request)',
        encoded: sealed.record,
        values: { explicitNonce: '1 (the record sequence number)' },
      }),
    ],
    computations: [
      computation({
        id: 'tls12-record-nonce',
        actorId: ACTORS.client,
        label: 'GCM nonce',
        formula:
          'nonce = client_write_IV (4-byte salt) || nonce_explicit (8 bytes, here the sequence number)',
        inputs: [
          named('client_write_IV', tls12.keys.clientWriteIv),
          named('nonce_explicit', sealed.explicitNonce),
        ],
        output: named('nonce', sealed.nonce),
        dependsOn: ['tls12-key-block-split'],
      }),
      computation({
        id: 'tls12-record-aad',
        actorId: ACTORS.client,
        label: 'Additional authenticated data',
        formula: 'additional_data = seq_num || type || version || length (of the plaintext)',
        inputs: [
          named('sequenceNumber', '1'),
          named('contentType', 'application_data (23)'),
          named('recordVersion', '0x0303'),
          named('plaintextLength', String(run.tls12.request.length)),
        ],
        output: named('additionalData', sealed.additionalData.bytes),
        encoded: sealed.additionalData,
      }),
    ],
    highlight: ['ciphertext', 'tag'],
    reference: 'RFC 5246 §6.2.3.3, RFC 5288 §3',
  });

  const erased = ['TLS 1.2 pre_master_secret', ...keyValues.map((value) => value.name)].map(
    (name) => named(name, 'erased when the connection closed'),
  );
  board
    .update(ACTORS.client, { headline: 'TLS 1.2: connection closed', set: erased })
    .update(ACTORS.server, { headline: 'TLS 1.2: connection closed', set: erased });
  steps.push({
    id: 'tls12-connection-closed',
    title: 'TLS 1.2 session keys erased',
    kind: 'state',
    narration:
      "The connection closes and both sides delete the premaster secret and every key derived from it. The recording still holds that premaster secret, encrypted to the server's long-term RSA key, so whoever gets that key can rebuild the session.",
    actors: board.snapshot(),
    messages: [],
    highlight: ['TLS 1.2 pre_master_secret', 'TLS 1.2 master_secret'],
  });

  return steps;
}
