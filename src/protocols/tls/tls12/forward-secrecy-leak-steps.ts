// Steps of the forward-secrecy scenario after both sessions: the server's RSA
// key leaks (or not), the eavesdropper opens the TLS 1.2 recording and fails
// on the TLS 1.3 one, and a summary.

import { sha256 } from '@noble/hashes/sha2.js';
import type { Step } from '../../scenario';
import type { OpenResult } from '../record';
import type { ActorBoard } from './actor-board';
import type { ForwardSecrecyLeak, ForwardSecrecyRun } from './forward-secrecy';
import { ACTORS } from './forward-secrecy-actors';
import { keyDerivationComputations } from './forward-secrecy-tls12-steps';
import { deriveSecretComputation } from './forward-secrecy-tls13-steps';
import { formatHex } from './span-writer';
import { computation, fromSealed, named, withoutFields } from './step-helpers';

function describeOpenResult(result: OpenResult): string {
  return result.ok
    ? 'opened (the tag verified)'
    : `failed: ${result.error.code}, the AES-GCM tag does not match`;
}

function buildTls12ReadSteps(
  run: ForwardSecrecyRun,
  leak: ForwardSecrecyLeak,
  board: ActorBoard,
): Step[] {
  const decryption = leak.tls12;
  const steps: Step[] = [];

  board.update(ACTORS.eavesdropper, {
    headline: 'Reading the TLS 1.2 recording',
    set: [named('TLS 1.2 pre_master_secret', decryption.premaster.preMasterSecret, 'recovered')],
  });
  steps.push({
    id: 'tls12-recover-premaster',
    title: 'The leaked key decrypts the recorded premaster secret',
    kind: 'computation',
    narration:
      'The eavesdropper decrypts the recorded ClientKeyExchange with the leaked key, exactly as the server did during the handshake, and gets the premaster secret back.',
    actors: board.snapshot(),
    messages: [],
    computations: [
      computation({
        id: 'tls12-eavesdropper-rsa-decrypt',
        actorId: ACTORS.eavesdropper,
        label: 'RSA decryption of the recorded ClientKeyExchange',
        formula:
          'EB = C^d mod n with the leaked d; the last 48 bytes after 0x00 0x02 PS 0x00 are the premaster secret',
        inputs: [
          named(
            'encryptedPreMasterSecret',
            decryption.encryptedPreMasterSecret,
            'from the recording',
          ),
          named('leaked RSA private key', 'd, p and q of the server key'),
        ],
        output: named(
          'preMasterSecret',
          decryption.premaster.preMasterSecret,
          'the same bytes the client chose',
        ),
        encoded: withoutFields(decryption.premaster.block),
      }),
    ],
    highlight: ['preMasterSecret'],
    reference: 'RFC 5246 §7.4.7.1',
  });

  board.update(ACTORS.eavesdropper, {
    set: [
      named('TLS 1.2 master_secret', decryption.masterSecret, 'recovered'),
      named('TLS 1.2 client_write_key', decryption.keys.clientWriteKey, 'recovered'),
    ],
  });
  steps.push({
    id: 'tls12-recover-keys',
    title: 'The PRF replayed from the recording',
    kind: 'computation',
    narration:
      'Both randoms were sent in the clear, so the eavesdropper reruns the PRF and gets the same master secret and key block as the client and the server.',
    actors: board.snapshot(),
    messages: [],
    computations: keyDerivationComputations(
      'tls12-eavesdropper',
      ACTORS.eavesdropper,
      {
        preMasterSecret: decryption.premaster.preMasterSecret,
        clientRandom: decryption.clientRandom,
        serverRandom: decryption.serverRandom,
        masterSecret: decryption.masterSecret,
        keyBlock: decryption.keyBlock,
      },
      ['tls12-eavesdropper-rsa-decrypt'],
    ),
    highlight: ['masterSecret', 'keyBlock'],
    reference: 'RFC 5246 §8.1, §6.3',
  });

  const plaintext = new TextDecoder().decode(decryption.opened.plaintext);
  board.update(ACTORS.eavesdropper, {
    set: [named('TLS 1.2 request', plaintext, 'read from the recording')],
  });
  steps.push({
    id: 'tls12-read-recording',
    title: 'The recorded TLS 1.2 request, in plaintext',
    kind: 'computation',
    narration:
      'The tag verifies and the recorded request opens, secret included. One leaked key exposes every recorded session that ever used RSA key transport with it.',
    actors: board.snapshot(),
    messages: [],
    computations: [
      computation({
        id: 'tls12-eavesdropper-open-record',
        actorId: ACTORS.eavesdropper,
        label: 'AES-128-GCM decryption of the recorded request',
        formula:
          'plaintext = AES-128-GCM-Decrypt(client_write_key, client_write_IV || nonce_explicit, additional_data, ciphertext || tag)',
        inputs: [
          named('client_write_key', decryption.keys.clientWriteKey),
          named('nonce', decryption.opened.nonce),
          named('additional_data', decryption.opened.additionalData.bytes),
        ],
        output: named('plaintext', plaintext),
        dependsOn: ['tls12-eavesdropper-key-block-split'],
        encoded: withoutFields(run.tls12.records.applicationData.record),
      }),
    ],
    highlight: ['plaintext'],
    reference: 'RFC 5246 §6.2.3.3',
  });

  return steps;
}

function buildTls13AttemptSteps(
  run: ForwardSecrecyRun,
  leak: ForwardSecrecyLeak,
  board: ActorBoard,
): Step[] {
  const attempt = leak.tls13;
  const steps: Step[] = [];

  board.update(ACTORS.eavesdropper, {
    headline: 'Trying the TLS 1.3 recording',
    set: [named('TLS 1.3 server flight', describeOpenResult(attempt.serverFlight))],
  });
  steps.push({
    id: 'tls13-try-rsa-key',
    title: 'The leaked key against the TLS 1.3 handshake',
    kind: 'computation',
    narration:
      'TLS 1.3 keys come from X25519 with an ephemeral private key, and the leaked RSA key is not one of them. The eavesdropper tries it anyway as an X25519 scalar, and the handshake key it derives fails the tag check on the recorded server flight.',
    actors: board.snapshot(),
    messages: [],
    computations: [
      computation({
        id: 'tls13-guess-scalar',
        actorId: ACTORS.eavesdropper,
        label: 'A scalar made from the RSA key',
        formula:
          'scalar = SHA-256(DER encoding of the leaked RSA private key), in place of an X25519 private key',
        inputs: [named('leaked RSA private key (DER)', run.keyPair.privateKeyDer)],
        output: named('scalar', attempt.scalar),
      }),
      computation({
        id: 'tls13-guess-shared-secret',
        actorId: ACTORS.eavesdropper,
        label: 'Guessed shared secret',
        formula:
          'X25519(scalar, server key share): would equal the real secret only if scalar were the client private key',
        inputs: [
          named('scalar', attempt.scalar),
          named('serverKeyShare', attempt.serverPublicKey, 'from the recorded ServerHello'),
        ],
        output: named(
          'guessed shared secret',
          attempt.sharedSecret,
          `the real one was ${formatHex(run.tls13.sharedSecret)}`,
        ),
        dependsOn: ['tls13-guess-scalar'],
      }),
      deriveSecretComputation(
        'tls13-guess-server-handshake-traffic-secret',
        ACTORS.eavesdropper,
        'server_handshake_traffic_secret',
        'Derive-Secret(guessed handshake_secret, "s hs traffic", ClientHello..ServerHello)',
        'guessed handshake secret',
        attempt.handshakeSecrets.handshakeSecret,
        attempt.handshakeSecrets.serverHandshakeTrafficSecret,
        ['tls13-guess-shared-secret'],
      ),
      computation({
        id: 'tls13-guess-open-server-flight',
        actorId: ACTORS.eavesdropper,
        label: 'Opening the recorded server flight',
        formula:
          'AES-128-GCM-Decrypt(guessed server handshake key, IV XOR 0, record header, encrypted record)',
        inputs: [named('guessed server handshake key', attempt.serverHandshakeKeys.key)],
        output: named('result', describeOpenResult(attempt.serverFlight)),
        dependsOn: ['tls13-guess-server-handshake-traffic-secret'],
        encoded: withoutFields(fromSealed(run.tls13.records.serverFlight)),
      }),
    ],
    highlight: ['result'],
    reference: 'RFC 8446 §7.1, §5.2',
  });

  board.update(ACTORS.eavesdropper, {
    set: [named('TLS 1.3 request', describeOpenResult(attempt.applicationData))],
  });
  steps.push({
    id: 'tls13-try-application-record',
    title: 'The recorded TLS 1.3 request stays sealed',
    kind: 'computation',
    narration:
      'Even when handed the transcript hash it could not compute, the eavesdropper derives application keys from the wrong shared secret, and the recorded request fails the tag check as well. Without one of the erased X25519 private keys the recording stays sealed.',
    actors: board.snapshot(),
    messages: [],
    computations: [
      deriveSecretComputation(
        'tls13-guess-client-application-traffic-secret',
        ACTORS.eavesdropper,
        'client_application_traffic_secret_0',
        'Derive-Secret(guessed master_secret, "c ap traffic", ClientHello..server Finished), with the true transcript hash handed over',
        'guessed master secret',
        attempt.applicationSecrets.masterSecret,
        attempt.applicationSecrets.clientApplicationTrafficSecret,
        ['tls13-guess-shared-secret'],
      ),
      computation({
        id: 'tls13-guess-open-application-record',
        actorId: ACTORS.eavesdropper,
        label: 'Opening the recorded request',
        formula:
          'AES-128-GCM-Decrypt(guessed client application key, IV XOR 0, record header, encrypted record)',
        inputs: [named('guessed client application key', attempt.clientApplicationKeys.key)],
        output: named('result', describeOpenResult(attempt.applicationData)),
        dependsOn: ['tls13-guess-client-application-traffic-secret'],
        encoded: withoutFields(fromSealed(run.tls13.records.applicationData)),
      }),
    ],
    highlight: ['result'],
    reference: 'RFC 8446 §5.2',
  });

  return steps;
}

/** Builds the leak step (or its absence), the eavesdropper's attempts and the summary. */
export function buildLeakSteps(run: ForwardSecrecyRun, board: ActorBoard): Step[] {
  const { leak } = run;
  if (!leak) {
    board.update(ACTORS.eavesdropper, { headline: 'Holding two recordings it cannot read' });
    return [
      {
        id: 'key-stays-private',
        title: 'The server key stays private',
        kind: 'state',
        narration:
          "In this run the server's RSA private key never leaks, so neither recording can be opened. The TLS 1.2 recording stays safe only for as long as that key does, but the TLS 1.3 recording does not depend on it at all.",
        actors: board.snapshot(),
        messages: [],
        highlight: [ACTORS.eavesdropper],
      },
    ];
  }

  board
    .update(ACTORS.server, { set: [named('RSA private key', 'leaked')] })
    .update(ACTORS.eavesdropper, {
      headline: 'Holds the leaked server key',
      set: [
        named(
          'server RSA private key',
          `leaked (SHA-256 of its DER: ${formatHex(sha256(run.keyPair.privateKeyDer))})`,
        ),
      ],
    });
  const leakStep: Step = {
    id: 'key-leak',
    title: "The server's RSA private key leaks",
    kind: 'state',
    narration:
      "Long after both sessions, the server's RSA private key leaks through a stolen backup, a breached host or a court order. The eavesdropper now holds it next to both recordings.",
    actors: board.snapshot(),
    messages: [],
    highlight: ['server RSA private key'],
  };

  const tls12Steps = buildTls12ReadSteps(run, leak, board);
  const tls13Steps = buildTls13AttemptSteps(run, leak, board);

  board.update(ACTORS.eavesdropper, { headline: 'Read TLS 1.2, failed on TLS 1.3' });
  const summary: Step = {
    id: 'summary',
    title: 'Same key, opposite outcomes',
    kind: 'state',
    narration:
      'The TLS 1.2 session fell because its keys came from a secret encrypted to the long-term key, while the TLS 1.3 session held because its keys came from ephemeral keys that no longer exist. This is why TLS 1.3 removed RSA key transport.',
    actors: board.snapshot(),
    messages: [],
    highlight: ['TLS 1.2 request', 'TLS 1.3 request'],
    reference: 'RFC 8446 §1.2',
  };

  return [leakStep, ...tls12Steps, ...tls13Steps, summary];
}
