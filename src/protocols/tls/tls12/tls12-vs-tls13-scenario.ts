// The tls12-vs-tls13 scenario: a TLS 1.2 and a TLS 1.3 full handshake side by
// side, one step per half round trip, up to the first byte of the HTTP
// response. Messages carry labels and fields but no bytes, because the
// forward-secrecy scenario shows both handshakes byte by byte.

import type { Scenario, Step, WireMessage } from '../../scenario';
import { ActorBoard } from './actor-board';
import { countRoundTrips, type TlsVersion } from './comparison';
import type { ParameterSpec } from '../../scenario';
import { resolveParameters, type SuppliedParameters } from './parameters';
import { named } from './step-helpers';

export const TLS12_VS_TLS13_ID = 'tls12-vs-tls13';
export const TLS12_VS_TLS13_TITLE = 'TLS 1.2 and TLS 1.3 handshakes side by side';
export const TLS12_VS_TLS13_SUMMARY =
  'Both handshakes run over the same network, flight by flight. TLS 1.3 puts the key share in the first message, so the request leaves one round trip earlier: 3 round trips to the first response byte against 4, counting TCP.';

export interface Tls12VsTls13Parameters {
  /** Round-trip time between client and server, in milliseconds. */
  readonly rttMs: number;
  /** Whether to count the TCP handshake in front of TLS. */
  readonly tcpHandshake: boolean;
}

export const tls12VsTls13ParameterSpecs: readonly ParameterSpec[] = [
  {
    name: 'rttMs',
    label: 'Round-trip time',
    kind: 'number',
    default: 100,
    min: 1,
    max: 1000,
    step: 1,
    unit: 'ms',
  },
  { name: 'tcpHandshake', label: 'Include the TCP handshake', kind: 'boolean', default: true },
];

const ACTOR_IDS = {
  'TLS 1.2': { client: 'tls12-client', server: 'tls12-server' },
  'TLS 1.3': { client: 'tls13-client', server: 'tls13-server' },
} as const;

type Side = 'client' | 'server';

type Protection = 'TCP' | 'plaintext' | 'encrypted (handshake keys)' | 'encrypted (session keys)';

interface FlightMessage {
  readonly label: string;
  readonly protection: Protection;
  readonly carries: string;
}

interface Flight {
  readonly version: TlsVersion;
  readonly from: Side;
  /** Half round trips after the first SYN (or after the ClientHello without TCP). */
  readonly slot: number;
  readonly messages: readonly FlightMessage[];
}

const TCP_FLIGHTS: readonly Omit<Flight, 'version'>[] = [
  {
    from: 'client',
    slot: 0,
    messages: [{ label: 'SYN', protection: 'TCP', carries: 'the client initial sequence number' }],
  },
  {
    from: 'server',
    slot: 1,
    messages: [
      { label: 'SYN-ACK', protection: 'TCP', carries: 'the server initial sequence number' },
    ],
  },
];

// The client's final TCP ACK travels with its first TLS flight, so TCP costs one round trip (RFC 9293 §3.5).
const TLS_FLIGHTS: readonly Flight[] = [
  {
    version: 'TLS 1.2',
    from: 'client',
    slot: 0,
    messages: [
      {
        label: 'ClientHello',
        protection: 'plaintext',
        carries: 'client random, offered cipher suites',
      },
    ],
  },
  {
    version: 'TLS 1.2',
    from: 'server',
    slot: 1,
    messages: [
      {
        label: 'ServerHello',
        protection: 'plaintext',
        carries: 'server random, chosen cipher suite',
      },
      {
        label: 'Certificate',
        protection: 'plaintext',
        carries: 'the server certificate, readable by anyone on the path',
      },
      { label: 'ServerHelloDone', protection: 'plaintext', carries: 'end of the server flight' },
    ],
  },
  {
    version: 'TLS 1.2',
    from: 'client',
    slot: 2,
    messages: [
      {
        label: 'ClientKeyExchange',
        protection: 'plaintext',
        carries: 'the premaster secret, RSA-encrypted to the server key',
      },
      { label: 'ChangeCipherSpec', protection: 'plaintext', carries: 'switch to the new keys' },
      {
        label: 'Finished',
        protection: 'encrypted (session keys)',
        carries: 'PRF over the handshake hash',
      },
    ],
  },
  {
    version: 'TLS 1.2',
    from: 'server',
    slot: 3,
    messages: [
      { label: 'ChangeCipherSpec', protection: 'plaintext', carries: 'switch to the new keys' },
      {
        label: 'Finished',
        protection: 'encrypted (session keys)',
        carries: 'PRF over the handshake hash',
      },
    ],
  },
  {
    version: 'TLS 1.2',
    from: 'client',
    slot: 4,
    messages: [
      { label: 'HTTP request', protection: 'encrypted (session keys)', carries: 'GET / HTTP/1.1' },
    ],
  },
  {
    version: 'TLS 1.2',
    from: 'server',
    slot: 5,
    messages: [
      {
        label: 'HTTP response',
        protection: 'encrypted (session keys)',
        carries: 'HTTP/1.1 200 OK',
      },
    ],
  },
  {
    version: 'TLS 1.3',
    from: 'client',
    slot: 0,
    messages: [
      {
        label: 'ClientHello + key_share',
        protection: 'plaintext',
        carries: 'client random, cipher suites, an X25519 public key',
      },
    ],
  },
  {
    version: 'TLS 1.3',
    from: 'server',
    slot: 1,
    messages: [
      {
        label: 'ServerHello + key_share',
        protection: 'plaintext',
        carries: 'server random, an X25519 public key',
      },
      {
        label: '{EncryptedExtensions}',
        protection: 'encrypted (handshake keys)',
        carries: 'the rest of the negotiation',
      },
      {
        label: '{Certificate}',
        protection: 'encrypted (handshake keys)',
        carries: 'the server certificate, hidden from the path',
      },
      {
        label: '{CertificateVerify}',
        protection: 'encrypted (handshake keys)',
        carries: 'a signature over the transcript',
      },
      {
        label: '{Finished}',
        protection: 'encrypted (handshake keys)',
        carries: 'HMAC over the transcript',
      },
    ],
  },
  {
    version: 'TLS 1.3',
    from: 'client',
    slot: 2,
    messages: [
      {
        label: '{Finished}',
        protection: 'encrypted (handshake keys)',
        carries: 'HMAC over the transcript',
      },
      {
        label: '[HTTP request]',
        protection: 'encrypted (session keys)',
        carries: 'GET / HTTP/1.1',
      },
    ],
  },
  {
    version: 'TLS 1.3',
    from: 'server',
    slot: 3,
    messages: [
      {
        label: '[HTTP response]',
        protection: 'encrypted (session keys)',
        carries: 'HTTP/1.1 200 OK',
      },
    ],
  },
];

interface SlotText {
  readonly id: string;
  readonly title: string;
  readonly narration: string;
  readonly tls12: string;
  readonly tls13: string;
}

// One entry per TLS half round trip from the ClientHello on. The last entry is the arrival of the TLS 1.2 response.
const TLS_SLOTS: readonly SlotText[] = [
  {
    id: 'client-hello',
    title: 'ClientHello',
    narration:
      'Both clients send ClientHello. The TLS 1.3 client guesses the key-exchange group and already includes its X25519 public key, which is what saves a round trip later.',
    tls12: 'ClientHello sent',
    tls13: 'ClientHello with key_share sent',
  },
  {
    id: 'server-first-flight',
    title: 'Server first flight',
    narration:
      'The TLS 1.2 server answers with its hello and certificate and waits for the client key exchange. The TLS 1.3 server already has the client key share, so it derives handshake keys and sends its certificate, signature and Finished encrypted in the same flight.',
    tls12: 'ServerHello, Certificate, ServerHelloDone sent',
    tls13: 'ServerHello and the encrypted flight sent, handshake keys ready',
  },
  {
    id: 'client-second-flight',
    title: 'Client second flight',
    narration:
      'The TLS 1.2 client only now sends its key exchange and Finished, and must wait for the server before sending data. The TLS 1.3 client finishes the handshake and sends the HTTP request in the same flight.',
    tls12: 'ClientKeyExchange, ChangeCipherSpec, Finished sent',
    tls13: 'Finished and HTTP request sent',
  },
  {
    id: 'server-second-flight',
    title: 'Server second flight',
    narration:
      'The TLS 1.2 server completes its handshake with ChangeCipherSpec and Finished. The TLS 1.3 server is already answering the request.',
    tls12: 'ChangeCipherSpec, Finished sent',
    tls13: 'HTTP response sent',
  },
  {
    id: 'tls13-response-arrives',
    title: 'TLS 1.3 response arrives',
    narration:
      'The first byte of the TLS 1.3 response reaches the client. The TLS 1.2 client has just finished its handshake and is only now sending the request.',
    tls12: 'handshake complete, HTTP request sent',
    tls13: 'first response byte received',
  },
  {
    id: 'tls12-response-sent',
    title: 'TLS 1.2 response sent',
    narration: 'The TLS 1.2 server answers the request, one round trip behind TLS 1.3.',
    tls12: 'HTTP response sent',
    tls13: 'done',
  },
  {
    id: 'tls12-response-arrives',
    title: 'TLS 1.2 response arrives',
    narration:
      'The first byte of the TLS 1.2 response arrives a full round trip after the TLS 1.3 one. The difference is the second handshake round trip, which TLS 1.3 removed by sending the key share up front.',
    tls12: 'first response byte received',
    tls13: 'done',
  },
];

const TCP_SLOTS: readonly SlotText[] = [
  {
    id: 'tcp-syn',
    title: 'TCP SYN',
    narration:
      'Both clients open a TCP connection. Neither can send TLS data until the three-way handshake completes.',
    tls12: 'SYN sent',
    tls13: 'SYN sent',
  },
  {
    id: 'tcp-syn-ack',
    title: 'TCP SYN-ACK',
    narration:
      'Both servers accept the connection. The client ACK will travel together with the first TLS flight.',
    tls12: 'SYN-ACK sent',
    tls13: 'SYN-ACK sent',
  },
];

function message(flight: Flight, item: FlightMessage, index: number, slotMs: number): WireMessage {
  const ids = ACTOR_IDS[flight.version];
  const versionSlug = flight.version === 'TLS 1.2' ? 'tls12' : 'tls13';
  const labelSlug = item.label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    id: `${versionSlug}-${flight.slot}-${index}-${labelSlug}`,
    from: flight.from === 'client' ? ids.client : ids.server,
    to: flight.from === 'client' ? ids.server : ids.client,
    label: item.label,
    fate: 'delivered',
    fields: [named('protection', item.protection), named('carries', item.carries)],
    sentAt: flight.slot * slotMs,
    arrivesAt: (flight.slot + 1) * slotMs,
  };
}

export function resolveTls12VsTls13Parameters(values: SuppliedParameters): Tls12VsTls13Parameters {
  const resolved = resolveParameters(tls12VsTls13ParameterSpecs, values);
  return { rttMs: resolved.rttMs as number, tcpHandshake: resolved.tcpHandshake as boolean };
}

const TCP_ACK: FlightMessage = {
  label: 'ACK',
  protection: 'TCP',
  carries: 'completes the TCP handshake',
};

/**
 * Builds the scenario. Throws Tls12Error 'invalid-parameter' for an RTT
 * outside 1..1000 ms or a non-boolean tcpHandshake. The seed only labels the
 * result, because nothing here is random.
 */
export function buildTls12VsTls13(parameters: SuppliedParameters, seed: number): Scenario {
  const { rttMs, tcpHandshake } = resolveTls12VsTls13Parameters(parameters);
  const halfRtt = rttMs / 2;
  const tcpSlots = tcpHandshake ? TCP_SLOTS.length : 0;

  const flights: Flight[] = [
    ...(tcpHandshake
      ? TCP_FLIGHTS.flatMap((flight) => [
          { ...flight, version: 'TLS 1.2' as const },
          { ...flight, version: 'TLS 1.3' as const },
        ])
      : []),
    ...TLS_FLIGHTS.map((flight) => ({
      ...flight,
      slot: flight.slot + tcpSlots,
      messages: tcpHandshake && flight.slot === 0 ? [TCP_ACK, ...flight.messages] : flight.messages,
    })),
  ];
  const slots = [...(tcpHandshake ? TCP_SLOTS : []), ...TLS_SLOTS];
  const totals = {
    'TLS 1.2': countRoundTrips('TLS 1.2', { tcp: tcpHandshake }),
    'TLS 1.3': countRoundTrips('TLS 1.3', { tcp: tcpHandshake }),
  };

  const board = new ActorBoard({
    'tls12-client': 'TLS 1.2 client',
    'tls12-server': 'TLS 1.2 server',
    'tls13-client': 'TLS 1.3 client',
    'tls13-server': 'TLS 1.3 server',
  });

  const steps: Step[] = slots.map((slot, index) => {
    const time = index * halfRtt;
    for (const version of ['TLS 1.2', 'TLS 1.3'] as const) {
      const text = version === 'TLS 1.2' ? slot.tls12 : slot.tls13;
      const ids = ACTOR_IDS[version];
      const sender = flights.find((flight) => flight.version === version && flight.slot === index);
      const side = sender?.from ?? (index % 2 === 0 ? 'client' : 'server');
      board.update(side === 'client' ? ids.client : ids.server, { headline: text });
    }

    return {
      id: slot.id,
      title: slot.title,
      kind: 'message',
      narration: slot.narration,
      actors: board.snapshot(),
      messages: flights
        .filter((flight) => flight.slot === index)
        .flatMap((flight) =>
          flight.messages.map((item, position) => message(flight, item, position, halfRtt)),
        ),
      time,
      highlight: slot.id.endsWith('response-arrives')
        ? [slot.id.startsWith('tls13') ? 'tls13-client' : 'tls12-client']
        : [],
      reference: 'RFC 5246 §7.3, RFC 8446 §2',
    };
  });

  const summary: Step = {
    id: 'round-trip-count',
    title: 'Round trips counted',
    kind: 'state',
    narration: `TLS 1.3 reached the first response byte after ${totals['TLS 1.3'].total} round trips (${totals['TLS 1.3'].total * rttMs} ms), TLS 1.2 after ${totals['TLS 1.2'].total} (${totals['TLS 1.2'].total * rttMs} ms). The whole difference is the handshake: ${totals['TLS 1.2'].handshake} round trips for TLS 1.2 against ${totals['TLS 1.3'].handshake} for TLS 1.3.`,
    actors: board
      .update('tls12-client', {
        set: [named('round trips to first response byte', String(totals['TLS 1.2'].total))],
      })
      .update('tls13-client', {
        set: [named('round trips to first response byte', String(totals['TLS 1.3'].total))],
      })
      .snapshot(),
    messages: [],
    time: totals['TLS 1.2'].total * rttMs,
    highlight: ['round trips to first response byte'],
    reference: 'RFC 8446 §1.2, §2',
  };

  return {
    id: TLS12_VS_TLS13_ID,
    title: TLS12_VS_TLS13_TITLE,
    summary: TLS12_VS_TLS13_SUMMARY,
    seed,
    actors: [
      { id: 'tls12-client', name: 'TLS 1.2 client' },
      { id: 'tls12-server', name: 'TLS 1.2 server' },
      { id: 'tls13-client', name: 'TLS 1.3 client' },
      { id: 'tls13-server', name: 'TLS 1.3 server' },
    ],
    steps: [...steps, summary],
  };
}
