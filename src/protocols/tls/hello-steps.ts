// Handshake scenario steps from the key shares to the shared secret: the
// ClientHello and ServerHello on the wire and X25519 on each side.

import { bytesEqual } from '../bytes';
import type { Computation } from '../scenario';
import { hexValue } from './computation-views';
import type { KeyShare, KeySource, Side } from './handshake-trace';
import type { StepSpec } from './step-specs';
import { other, plaintextWireMessage, schedule, type HandshakeView } from './handshake-view';

function sourceNote(source: KeySource, seed: number): string {
  if (source === 'rfc8448') return 'RFC 8448 §3';
  if (source === 'typed') return 'typed in the parameters';
  return `drawn from seed ${seed}`;
}

function keyShareOf(view: HandshakeView, side: Side): KeyShare {
  return side === 'client' ? view.trace.clientKeyShare : view.trace.serverKeyShare;
}

function keyShareComputation(view: HandshakeView, side: Side): Computation {
  const share = keyShareOf(view, side);
  return {
    id: `${side}-key-share`,
    actorId: side,
    label: `${side} X25519 key pair`,
    formula: 'public key = X25519(private key, 9)',
    inputs: [hexValue('private key', share.privateKey, sourceNote(share.source, view.trace.seed))],
    output: hexValue('public key', share.publicKey, 'sent in key_share'),
  };
}

function sharedSecretComputation(view: HandshakeView, side: Side): Computation {
  const own = keyShareOf(view, side);
  const peer = keyShareOf(view, other(side));
  const secret = schedule(view, side).sharedSecret;
  const otherSecret = schedule(view, other(side)).sharedSecret;
  return {
    id: `${side}-shared-secret`,
    actorId: side,
    label: `${side} ECDHE shared secret`,
    formula: `shared secret = X25519(${side} private key, ${other(side)} public key)`,
    inputs: [
      hexValue(`${side} private key`, own.privateKey),
      hexValue(`${other(side)} public key`, peer.publicKey),
    ],
    output: hexValue(
      'shared secret',
      secret,
      bytesEqual(secret, otherSecret) ? `equal to the ${other(side)}'s` : undefined,
    ),
    dependsOn: ['client-key-share', 'server-key-share'],
  };
}

/** Builds the step in which `side` generates its X25519 key pair and stores it in its own state. */
function keyShareStep(
  view: HandshakeView,
  side: Side,
  text: { readonly narration: string; readonly reference: string },
): StepSpec {
  const share = keyShareOf(view, side);
  return {
    id: `${side}-key-share`,
    title: side === 'client' ? 'Client key share' : 'Server key share',
    kind: 'computation',
    narration: text.narration,
    reference: text.reference,
    computations: [keyShareComputation(view, side)],
    highlight: ['public key'],
    updates: {
      [side]: {
        headline: 'key share ready',
        fields: [
          hexValue('x25519 private key', share.privateKey),
          hexValue('x25519 public key', share.publicKey),
        ],
      },
    },
  };
}

export function helloSteps(view: HandshakeView): StepSpec[] {
  const { trace } = view;
  return [
    keyShareStep(view, 'client', {
      narration:
        'The client picks an X25519 private key and computes the public key it will send as its key share. A new key for every connection gives forward secrecy: recording this handshake does not help an attacker who later steals the server certificate key.',
      reference: 'RFC 8446 §4.2.8, RFC 7748 §6.1',
    }),
    {
      id: 'client-hello',
      title: 'ClientHello',
      kind: 'message',
      narration:
        'The client sends its random, the cipher suites it supports and its X25519 key share in one message, guessing that the server accepts x25519 so the handshake needs one round trip. TLS 1.3 is named in supported_versions; legacy_version stays 0x0303 for middleboxes.',
      reference: 'RFC 8446 §4.1.2',
      messages: [
        plaintextWireMessage('client-hello', 'client', trace.messages.clientHello, 0x0301),
      ],
      highlight: ['random', 'cipher_suites', 'key_share', 'supported_versions'],
      updates: {
        client: {
          headline: 'sent ClientHello, waiting for ServerHello',
          fields: [hexValue('client random', trace.clientRandom)],
        },
        server: {
          headline: 'received ClientHello',
          fields: [hexValue('client random', trace.clientRandom)],
        },
      },
    },
    keyShareStep(view, 'server', {
      narration:
        'The server picks its own ephemeral X25519 key pair for the group the client offered.',
      reference: 'RFC 8446 §4.2.8',
    }),
    {
      id: 'server-hello',
      title: 'ServerHello',
      kind: 'message',
      narration: `The server answers with its random, the suite it picked (${trace.suite.name}${trace.parameters.mode === 'rfc8448' ? ', as in RFC 8448' : ', set in the parameters'}) and its key share. Both sides can now compute the same secret, so every message after this one is encrypted.`,
      reference: 'RFC 8446 §4.1.3',
      messages: [
        plaintextWireMessage('server-hello', 'server', trace.messages.serverHello, 0x0303),
      ],
      highlight: ['cipher_suite', 'key_share'],
      updates: {
        client: {
          headline: 'received ServerHello',
          fields: [
            hexValue('server random', trace.serverRandom),
            { name: 'cipher suite', value: trace.suite.name },
          ],
        },
        server: {
          headline: 'sent ServerHello',
          fields: [
            hexValue('server random', trace.serverRandom),
            { name: 'cipher suite', value: trace.suite.name },
          ],
        },
      },
    },
    {
      id: 'shared-secret',
      title: 'Shared secret on each side',
      kind: 'computation',
      narration:
        "Each side combines its own private key with the other's public key, and X25519 gives both the same 32 bytes. An eavesdropper saw only the two public keys and cannot compute them.",
      reference: 'RFC 8446 §7.4.2, RFC 7748 §6.1',
      computations: [
        sharedSecretComputation(view, 'client'),
        sharedSecretComputation(view, 'server'),
      ],
      highlight: ['shared secret'],
      updates: {
        client: {
          headline: 'shared secret computed',
          fields: [hexValue('shared secret', trace.client.sharedSecret)],
        },
        server: {
          headline: 'shared secret computed',
          fields: [hexValue('shared secret', trace.server.sharedSecret)],
        },
      },
    },
  ];
}
