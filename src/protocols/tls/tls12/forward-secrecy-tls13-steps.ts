// Steps of the forward-secrecy scenario for the recorded TLS 1.3 session
// (RFC 8446 §2): ephemeral X25519 key shares, the key schedule, a
// CertificateVerify that is the RSA key's only use, and the erased keys.

import type { Step } from '../../scenario';
import type { Derivation } from '../key-schedule';
import type { ActorBoard } from './actor-board';
import type { ForwardSecrecyRun } from './forward-secrecy';
import { ACTORS, type Capture } from './forward-secrecy-actors';
import { formatHex, SpanWriter } from './span-writer';
import {
  computation,
  fromSealed,
  named,
  requestLine,
  wireMessage,
  withoutFields,
} from './step-helpers';

/** Builds a Derive-Secret computation whose bytes are the HkdfLabel from the TLS 1.3 core. */
export function deriveSecretComputation(
  id: string,
  actorId: string,
  label: string,
  formula: string,
  secretName: string,
  secret: Uint8Array,
  derivation: Derivation,
  dependsOn: readonly string[],
) {
  const hkdfLabel = derivation.hkdfLabel;
  return computation({
    id,
    actorId,
    label,
    formula,
    inputs: [
      named(secretName, secret),
      named('Length', '32'),
      named('Label', hkdfLabel?.fullLabel ?? label),
      named(
        'Context',
        hkdfLabel ? hkdfLabel.bytes.subarray(hkdfLabel.bytes.length - 32) : new Uint8Array(),
      ),
    ],
    output: named(label, derivation.output),
    dependsOn,
    ...(hkdfLabel ? { encoded: { bytes: hkdfLabel.bytes, spans: hkdfLabel.spans } } : {}),
  });
}

/** Builds the steps of the TLS 1.3 session. */
export function buildTls13Steps(
  run: ForwardSecrecyRun,
  board: ActorBoard,
  capture: Capture,
): Step[] {
  const { tls13 } = run;
  const { records, handshakeSecrets } = tls13;
  const steps: Step[] = [];

  board
    .update(ACTORS.client, {
      headline: 'TLS 1.3: ClientHello sent',
      set: [
        named(
          'TLS 1.3 X25519 private key',
          tls13.clientPrivateKey,
          'ephemeral: for this connection only, never sent',
        ),
        named('TLS 1.3 X25519 public key', tls13.clientPublicKey),
      ],
    })
    .update(ACTORS.server, { headline: 'TLS 1.3: ClientHello received' })
    .update(ACTORS.eavesdropper, { set: [capture.add(records.clientHello.bytes)] });
  steps.push({
    id: 'tls13-client-hello',
    title: 'TLS 1.3 ClientHello with a key share',
    kind: 'message',
    narration:
      'A second connection, now with TLS 1.3. The client makes a fresh X25519 key pair for this connection only and sends the public half in key_share, while the private half never leaves the client.',
    actors: board.snapshot(),
    messages: [
      wireMessage({
        id: 'tls13-client-hello',
        from: ACTORS.client,
        to: ACTORS.server,
        label: 'ClientHello',
        encoded: records.clientHello,
        values: { cipherSuites: 'TLS_AES_128_GCM_SHA256 (0x1301)' },
      }),
    ],
    computations: [
      computation({
        id: 'tls13-client-key-pair',
        actorId: ACTORS.client,
        label: 'Client ephemeral X25519 key pair',
        formula: 'public key = X25519(private key, 9), private key = 32 fresh random bytes',
        inputs: [named('private key', tls13.clientPrivateKey)],
        output: named('clientKeyShare', tls13.clientPublicKey),
      }),
    ],
    highlight: ['clientKeyShare'],
    reference: 'RFC 8446 §4.1.2, §4.2.8',
  });

  board
    .update(ACTORS.server, {
      headline: 'TLS 1.3: ServerHello sent',
      set: [
        named(
          'TLS 1.3 X25519 private key',
          tls13.serverPrivateKey,
          'ephemeral: for this connection only, never sent',
        ),
        named('TLS 1.3 X25519 public key', tls13.serverPublicKey),
      ],
    })
    .update(ACTORS.client, { headline: 'TLS 1.3: ServerHello received' })
    .update(ACTORS.eavesdropper, {
      set: [
        capture.add(records.serverHello.bytes),
        named('TLS 1.3 key shares', 'two X25519 public keys'),
      ],
    });
  steps.push({
    id: 'tls13-server-hello',
    title: 'TLS 1.3 ServerHello with a key share',
    kind: 'message',
    narration:
      'The server makes its own fresh X25519 key pair and answers with the public half. These two public keys are all the eavesdropper will ever see of the key exchange.',
    actors: board.snapshot(),
    messages: [
      wireMessage({
        id: 'tls13-server-hello',
        from: ACTORS.server,
        to: ACTORS.client,
        label: 'ServerHello',
        encoded: records.serverHello,
        values: {
          cipherSuite: 'TLS_AES_128_GCM_SHA256 (0x1301)',
          selectedVersion: 'TLS 1.3 (0x0304)',
        },
      }),
    ],
    computations: [
      computation({
        id: 'tls13-server-key-pair',
        actorId: ACTORS.server,
        label: 'Server ephemeral X25519 key pair',
        formula: 'public key = X25519(private key, 9), private key = 32 fresh random bytes',
        inputs: [named('private key', tls13.serverPrivateKey)],
        output: named('serverKeyShare', tls13.serverPublicKey),
      }),
    ],
    highlight: ['serverKeyShare'],
    reference: 'RFC 8446 §4.1.3, §4.2.8',
  });

  const handshakeValues = [
    named('TLS 1.3 shared secret', tls13.sharedSecret),
    named('TLS 1.3 handshake secret', handshakeSecrets.handshakeSecret),
  ];
  board
    .update(ACTORS.client, { headline: 'TLS 1.3: handshake keys derived', set: handshakeValues })
    .update(ACTORS.server, { headline: 'TLS 1.3: handshake keys derived', set: handshakeValues });
  steps.push({
    id: 'tls13-handshake-keys',
    title: 'Shared secret and handshake keys',
    kind: 'computation',
    narration:
      "Each side combines its own private key with the other's public key and gets the same X25519 shared secret, which cannot be computed from the two public keys alone. The key schedule turns it into a handshake traffic secret per direction.",
    actors: board.snapshot(),
    messages: [],
    computations: [
      computation({
        id: 'tls13-shared-secret',
        actorId: ACTORS.client,
        label: 'X25519 shared secret',
        formula:
          'X25519(client private key, server public key) = X25519(server private key, client public key)',
        inputs: [
          named('client private key', tls13.clientPrivateKey),
          named('serverKeyShare', tls13.serverPublicKey),
        ],
        output: named('sharedSecret', tls13.sharedSecret),
        dependsOn: ['tls13-client-key-pair', 'tls13-server-key-pair'],
      }),
      computation({
        id: 'tls13-handshake-secret',
        actorId: ACTORS.client,
        label: 'Handshake secret',
        formula:
          'handshake_secret = HKDF-Extract(salt = Derive-Secret(early_secret, "derived", ""), IKM = shared secret)',
        inputs: [
          named(
            'early_secret',
            handshakeSecrets.earlySecret,
            'HKDF-Extract(0, 0): no pre-shared key',
          ),
          named('derived', handshakeSecrets.derivedForHandshake.output),
          named('sharedSecret', tls13.sharedSecret),
        ],
        output: named('handshakeSecret', handshakeSecrets.handshakeSecret),
        dependsOn: ['tls13-shared-secret'],
      }),
      deriveSecretComputation(
        'tls13-server-handshake-traffic-secret',
        ACTORS.server,
        'server_handshake_traffic_secret',
        'Derive-Secret(handshake_secret, "s hs traffic", ClientHello..ServerHello)',
        'handshakeSecret',
        handshakeSecrets.handshakeSecret,
        handshakeSecrets.serverHandshakeTrafficSecret,
        ['tls13-handshake-secret'],
      ),
      deriveSecretComputation(
        'tls13-client-handshake-traffic-secret',
        ACTORS.client,
        'client_handshake_traffic_secret',
        'Derive-Secret(handshake_secret, "c hs traffic", ClientHello..ServerHello)',
        'handshakeSecret',
        handshakeSecrets.handshakeSecret,
        handshakeSecrets.clientHandshakeTrafficSecret,
        ['tls13-handshake-secret'],
      ),
      computation({
        id: 'tls13-server-handshake-key',
        actorId: ACTORS.server,
        label: 'Server handshake key and IV',
        formula:
          'key = HKDF-Expand-Label(secret, "key", "", 16), iv = HKDF-Expand-Label(secret, "iv", "", 12)',
        inputs: [
          named(
            'server_handshake_traffic_secret',
            handshakeSecrets.serverHandshakeTrafficSecret.output,
          ),
        ],
        output: named(
          'server handshake key / iv',
          `${formatHex(tls13.serverHandshakeKeys.key)} / ${formatHex(tls13.serverHandshakeKeys.iv)}`,
        ),
        dependsOn: ['tls13-server-handshake-traffic-secret'],
      }),
    ],
    highlight: ['sharedSecret'],
    reference: 'RFC 8446 §7.1, §7.3',
  });

  board.update(ACTORS.server, { headline: 'TLS 1.3: transcript signed' });
  steps.push({
    id: 'tls13-certificate-verify',
    title: 'CertificateVerify: the RSA key only signs',
    kind: 'computation',
    narration:
      "This is the RSA key's only job in TLS 1.3: the server signs the handshake transcript to prove it holds the certificate's key. A signature authenticates but hides nothing, so stealing this key later reveals nothing about the session.",
    actors: board.snapshot(),
    messages: [],
    computations: [
      computation({
        id: 'tls13-certificate-verify-signature',
        actorId: ACTORS.server,
        label: 'RSA-PSS signature over the transcript',
        formula:
          'signature = RSASSA-PSS-SHA256(server RSA private key, 0x20 × 64 || "TLS 1.3, server CertificateVerify" || 0x00 || Transcript-Hash(ClientHello..Certificate))',
        inputs: [
          named('transcriptHash', tls13.certificateVerifyContent.bytes.subarray(98)),
          named('server RSA private key', 'the same 2048-bit key as in the TLS 1.2 session'),
        ],
        output: named('signature', tls13.signature),
        encoded: tls13.certificateVerifyContent,
      }),
    ],
    highlight: ['signature'],
    reference: 'RFC 8446 §4.4.3',
  });

  board
    .update(ACTORS.client, { headline: 'TLS 1.3: server authenticated' })
    .update(ACTORS.eavesdropper, {
      set: [
        capture.add(records.serverFlight.record),
        named('TLS 1.3 server certificate', 'not visible: encrypted'),
      ],
    });
  steps.push({
    id: 'tls13-server-flight',
    title: 'Encrypted certificate, signature and Finished',
    kind: 'message',
    narration:
      "The server's EncryptedExtensions, certificate, signature and Finished travel in one record under the server handshake key. Unlike in TLS 1.2, the eavesdropper does not even learn which certificate the server presented.",
    actors: board.snapshot(),
    messages: [
      wireMessage({
        id: 'tls13-server-flight',
        from: ACTORS.server,
        to: ACTORS.client,
        label: '{EncryptedExtensions, Certificate, CertificateVerify, Finished}',
        encoded: fromSealed(records.serverFlight),
      }),
    ],
    computations: [
      computation({
        id: 'tls13-server-flight-plaintext',
        actorId: ACTORS.server,
        label: 'What the record encrypts',
        formula:
          'TLSInnerPlaintext = EncryptedExtensions || Certificate || CertificateVerify || Finished || 0x16, sealed with AES-128-GCM under the server handshake key, sequence number 0',
        inputs: [named('server handshake key', tls13.serverHandshakeKeys.key)],
        output: named('encrypted_record', records.serverFlight.encryptedRecord),
        dependsOn: ['tls13-server-handshake-key', 'tls13-certificate-verify-signature'],
        encoded: new SpanWriter()
          .append(withoutFields(tls13.serverFlightPlaintext))
          .uint('content type: handshake (22)', 22, 1)
          .finish(),
      }),
    ],
    highlight: ['encrypted_record'],
    reference: 'RFC 8446 §4.3, §4.4, §5.2',
  });

  const { applicationSecrets } = tls13;
  board
    .update(ACTORS.client, {
      headline: 'TLS 1.3: application keys derived',
      set: [named('TLS 1.3 client application key', tls13.clientApplicationKeys.key)],
    })
    .update(ACTORS.server, {
      headline: 'TLS 1.3: application keys derived',
      set: [named('TLS 1.3 client application key', tls13.clientApplicationKeys.key)],
    });
  steps.push({
    id: 'tls13-application-keys',
    title: 'Master secret and application keys',
    kind: 'computation',
    narration:
      "Both sides derive the master secret and, from the transcript through the server's Finished, the application traffic keys. Every key of this session descends from the X25519 shared secret.",
    actors: board.snapshot(),
    messages: [],
    computations: [
      computation({
        id: 'tls13-master-secret',
        actorId: ACTORS.client,
        label: 'Master secret',
        formula:
          'master_secret = HKDF-Extract(salt = Derive-Secret(handshake_secret, "derived", ""), IKM = 0)',
        inputs: [
          named('handshakeSecret', handshakeSecrets.handshakeSecret),
          named('derived', applicationSecrets.derivedForMaster.output),
        ],
        output: named('masterSecret', applicationSecrets.masterSecret),
        dependsOn: ['tls13-handshake-secret'],
      }),
      deriveSecretComputation(
        'tls13-client-application-traffic-secret',
        ACTORS.client,
        'client_application_traffic_secret_0',
        'Derive-Secret(master_secret, "c ap traffic", ClientHello..server Finished)',
        'masterSecret',
        applicationSecrets.masterSecret,
        applicationSecrets.clientApplicationTrafficSecret,
        ['tls13-master-secret'],
      ),
      computation({
        id: 'tls13-client-application-key',
        actorId: ACTORS.client,
        label: 'Client application key',
        formula: 'key = HKDF-Expand-Label(client_application_traffic_secret_0, "key", "", 16)',
        inputs: [
          named(
            'client_application_traffic_secret_0',
            applicationSecrets.clientApplicationTrafficSecret.output,
          ),
        ],
        output: named('client application key', tls13.clientApplicationKeys.key),
        dependsOn: ['tls13-client-application-traffic-secret'],
      }),
    ],
    highlight: ['masterSecret'],
    reference: 'RFC 8446 §7.1, §7.3',
  });

  board
    .update(ACTORS.client, { set: [named('TLS 1.3 request sent', requestLine(run.requestText))] })
    .update(ACTORS.server, {
      set: [named('TLS 1.3 request received', requestLine(run.requestText))],
    })
    .update(ACTORS.eavesdropper, {
      set: [capture.add(records.clientFinished.record, records.applicationData.record)],
    });
  steps.push({
    id: 'tls13-application-data',
    title: 'Client Finished and the request',
    kind: 'message',
    narration:
      'The client confirms the handshake with its encrypted Finished and sends the same request as in the TLS 1.2 session, under the client application key. The eavesdropper stores both records.',
    actors: board.snapshot(),
    messages: [
      wireMessage({
        id: 'tls13-client-finished',
        from: ACTORS.client,
        to: ACTORS.server,
        label: '{Finished}',
        encoded: fromSealed(records.clientFinished),
      }),
      wireMessage({
        id: 'tls13-application-data',
        from: ACTORS.client,
        to: ACTORS.server,
        label: '[application_data] (encrypted request)',
        encoded: fromSealed(records.applicationData),
      }),
    ],
    highlight: ['encrypted_record'],
    reference: 'RFC 8446 §4.4.4, §5.2',
  });

  const erased = 'erased after the handshake';
  board
    .update(ACTORS.client, {
      headline: 'TLS 1.3: ephemeral key erased',
      set: [
        named('TLS 1.3 X25519 private key', erased),
        named('TLS 1.3 shared secret', erased),
        named('TLS 1.3 handshake secret', erased),
      ],
    })
    .update(ACTORS.server, {
      headline: 'TLS 1.3: ephemeral key erased',
      set: [
        named('TLS 1.3 X25519 private key', erased),
        named('TLS 1.3 shared secret', erased),
        named('TLS 1.3 handshake secret', erased),
      ],
    });
  steps.push({
    id: 'tls13-erase-ephemeral-keys',
    title: 'Ephemeral keys erased',
    kind: 'state',
    narration:
      "With the handshake done, both sides delete their X25519 private keys and the secrets derived from them. From now on nobody, the client and the server included, can recompute this session's shared secret.",
    actors: board.snapshot(),
    messages: [],
    highlight: ['TLS 1.3 X25519 private key'],
    reference: 'RFC 8446 §1.2',
  });

  return steps;
}
