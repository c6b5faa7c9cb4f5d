// The forward-secrecy experiment: one TLS 1.2 session with RSA key transport
// and one TLS 1.3 session, both recorded by an eavesdropper, then the server's
// long-term RSA key leaks. The 1.2 recording opens; the 1.3 one does not,
// because its keys came from ephemeral X25519 keys that were never sent and
// have been erased. This file runs the experiment; forward-secrecy-scenario.ts
// turns the run into steps.

import { createSeededRandom } from '../../seeded-random';
import type { ParameterSpec } from '../../scenario';
import { resolveParameters, type SuppliedParameters } from './parameters';
import { buildSecretRequest, secretRequestKinds, type SecretRequestKind } from './secret-request';
import { loadTeachingKeyPair, type TeachingKeyPair } from './teaching-key-pair';
import {
  decryptTls12Recording,
  recordTls12Session,
  runTls12Session,
  type Tls12Decryption,
  type Tls12Recording,
  type Tls12Session,
} from './tls12-session';
import {
  attemptTls13Decryption,
  recordTls13Session,
  runTls13Session,
  scalarFromRsaKey,
  type Tls13DecryptionAttempt,
  type Tls13Recording,
  type Tls13Session,
} from './tls13-session';

export interface ForwardSecrecyParameters {
  /** The kind of secret in the recorded request. */
  readonly request: SecretRequestKind;
  /** Whether the server's RSA private key leaks after both sessions. */
  readonly leakKey: boolean;
}

export const forwardSecrecyParameterSpecs: readonly ParameterSpec[] = [
  {
    name: 'request',
    label: 'Secret in the recorded request',
    kind: 'choice',
    default: 'login',
    choices: secretRequestKinds,
  },
  {
    name: 'leakKey',
    label: "Leak the server's RSA private key afterwards",
    kind: 'boolean',
    default: true,
  },
];

export function resolveForwardSecrecyParameters(
  values: SuppliedParameters,
): ForwardSecrecyParameters {
  const resolved = resolveParameters(forwardSecrecyParameterSpecs, values);
  return { request: resolved.request as SecretRequestKind, leakKey: resolved.leakKey as boolean };
}

export interface ForwardSecrecyLeak {
  readonly tls12: Tls12Decryption;
  readonly tls13: Tls13DecryptionAttempt;
}

export interface ForwardSecrecyRun {
  readonly parameters: ForwardSecrecyParameters;
  readonly seed: number;
  readonly keyPair: TeachingKeyPair;
  readonly requestText: string;
  readonly tls12: Tls12Session;
  readonly tls12Recording: Tls12Recording;
  readonly tls13: Tls13Session;
  readonly tls13Recording: Tls13Recording;
  /** The eavesdropper's work with the leaked key; absent when the key does not leak. */
  readonly leak?: ForwardSecrecyLeak;
}

/** Runs both sessions for `seed` and, if the key leaks, the eavesdropper's attempts on both recordings. */
export function runForwardSecrecy(
  parameters: ForwardSecrecyParameters,
  seed: number,
): ForwardSecrecyRun {
  const keyPair = loadTeachingKeyPair();
  const requestText = buildSecretRequest(
    parameters.request,
    createSeededRandom(seed, 'forward-secrecy/request'),
  );
  const request = new TextEncoder().encode(requestText);

  const tls12 = runTls12Session({
    clientRandom: createSeededRandom(seed, 'forward-secrecy/tls12-client'),
    serverRandom: createSeededRandom(seed, 'forward-secrecy/tls12-server'),
    keyPair,
    request,
  });
  const tls13 = runTls13Session({
    clientRandom: createSeededRandom(seed, 'forward-secrecy/tls13-client'),
    serverRandom: createSeededRandom(seed, 'forward-secrecy/tls13-server'),
    keyPair,
    request,
  });
  const tls12Recording = recordTls12Session(tls12);
  const tls13Recording = recordTls13Session(tls13);

  const run = {
    parameters,
    seed,
    keyPair,
    requestText,
    tls12,
    tls12Recording,
    tls13,
    tls13Recording,
  };
  if (!parameters.leakKey) return run;

  return {
    ...run,
    leak: {
      tls12: decryptTls12Recording(tls12Recording, keyPair.privateKey),
      // NOTE: the eavesdropper cannot compute this transcript hash, because the
      // messages it covers were encrypted. It is handed over so that the attempt
      // fails for the one reason that matters, the missing X25519 private key.
      tls13: attemptTls13Decryption(
        tls13Recording,
        scalarFromRsaKey(keyPair),
        tls13.serverFinishedHash,
      ),
    },
  };
}
