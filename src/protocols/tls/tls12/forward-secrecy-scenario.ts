// The forward-secrecy scenario: a TLS 1.2 RSA session and a TLS 1.3 session
// recorded by an eavesdropper, then the server's RSA key leaks. The builder
// turns one runForwardSecrecy result into steps with the three step files beside it.

import type { Scenario } from '../../scenario';
import { ActorBoard } from './actor-board';
import { resolveForwardSecrecyParameters, runForwardSecrecy } from './forward-secrecy';
import { buildLeakSteps } from './forward-secrecy-leak-steps';
import { ACTORS, Capture } from './forward-secrecy-actors';
import { buildTls12Steps } from './forward-secrecy-tls12-steps';
import { buildTls13Steps } from './forward-secrecy-tls13-steps';
import type { SuppliedParameters } from './parameters';

export const FORWARD_SECRECY_ID = 'forward-secrecy';
export const FORWARD_SECRECY_TITLE = 'Forward secrecy: TLS 1.2 RSA against TLS 1.3';
export const FORWARD_SECRECY_SUMMARY =
  "An eavesdropper records a TLS 1.2 session with RSA key exchange and a TLS 1.3 session to the same server. When the server's RSA private key later leaks, the TLS 1.2 recording decrypts and the TLS 1.3 one does not.";

/**
 * Builds the scenario for `seed`. Throws Tls12Error 'invalid-parameter' for a
 * parameter value the specs do not allow.
 */
export function buildForwardSecrecy(parameters: SuppliedParameters, seed: number): Scenario {
  const run = runForwardSecrecy(resolveForwardSecrecyParameters(parameters), seed);
  const board = new ActorBoard({
    [ACTORS.client]: 'Idle',
    [ACTORS.server]: 'Listening on server.example:443',
    [ACTORS.eavesdropper]: 'Recording the network',
  });

  const steps = [
    ...buildTls12Steps(run, board, new Capture('TLS 1.2 recording')),
    ...buildTls13Steps(run, board, new Capture('TLS 1.3 recording')),
    ...buildLeakSteps(run, board),
  ];

  return {
    id: FORWARD_SECRECY_ID,
    title: FORWARD_SECRECY_TITLE,
    summary: FORWARD_SECRECY_SUMMARY,
    seed,
    actors: [
      { id: ACTORS.client, name: 'Client' },
      { id: ACTORS.server, name: 'Server (server.example)' },
      { id: ACTORS.eavesdropper, name: 'Eavesdropper' },
    ],
    steps,
  };
}
