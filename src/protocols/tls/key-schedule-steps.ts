// Handshake scenario steps for the key schedule (RFC 8446 §7.1, §7.3): the
// chain from the Early Secret to the handshake keys, then from the Master
// Secret to the application keys, each with its HkdfLabel bytes.

import type { Computation, NamedValue } from '../scenario';
import { zeros, type TrafficKeyDerivations } from './key-schedule';
import { expandLabelComputation, extractComputation, hexValue } from './computation-views';
import type { Side, SideSchedule } from './handshake-trace';
import type { StepSpec } from './step-specs';
import {
  bothNote,
  bothUpdate,
  perSide,
  perSideList,
  schedule,
  sideId,
  transcriptComputation,
  type HandshakeView,
} from './handshake-view';

function derivedComputation(
  view: HandshakeView,
  side: Side,
  phase: 'handshake' | 'master',
): Computation {
  const s = schedule(view, side);
  const hash = view.trace.suite.hash;
  const context = s.rules.derivedContext(hash);
  const fromHandshake = phase === 'master';
  return expandLabelComputation({
    id: sideId(fromHandshake ? 'derived-secret-for-master' : 'derived-secret-for-handshake', side),
    actorId: side,
    label: fromHandshake
      ? 'derived (salt for the Master Secret)'
      : 'derived (salt for the Handshake Secret)',
    outputName: 'derived',
    secretName: fromHandshake ? 'Handshake Secret' : 'Early Secret',
    secret: fromHandshake ? s.handshake.handshakeSecret : s.handshake.earlySecret,
    hkdfLabel: 'derived',
    contextName: context.length === 0 ? 'empty context' : 'Hash("")',
    context,
    length: hash.length,
    derivation: fromHandshake ? s.application.derivedForMaster : s.handshake.derivedForHandshake,
    deriveSecretMessages: '""',
    dependsOn: [sideId(fromHandshake ? 'handshake-secret' : 'early-secret', side)],
  });
}

export function trafficSecretComputation(
  view: HandshakeView,
  side: Side,
  id:
    | 'client-handshake-traffic-secret'
    | 'server-handshake-traffic-secret'
    | 'client-application-traffic-secret'
    | 'server-application-traffic-secret'
    | 'exporter-master-secret'
    | 'resumption-master-secret',
): Computation {
  const s = schedule(view, side);
  const t = view.trace.transcript;
  const table = {
    'client-handshake-traffic-secret': [
      'client_handshake_traffic_secret',
      'c hs traffic',
      s.handshake.clientHandshakeTrafficSecret,
      'Handshake Secret',
      s.handshake.handshakeSecret,
      t.hello,
      'ServerHello',
      'handshake-secret',
      'transcript-hash-server-hello',
    ],
    'server-handshake-traffic-secret': [
      'server_handshake_traffic_secret',
      's hs traffic',
      s.handshake.serverHandshakeTrafficSecret,
      'Handshake Secret',
      s.handshake.handshakeSecret,
      t.hello,
      'ServerHello',
      'handshake-secret',
      'transcript-hash-server-hello',
    ],
    'client-application-traffic-secret': [
      'client_application_traffic_secret_0',
      'c ap traffic',
      s.application.clientApplicationTrafficSecret,
      'Master Secret',
      s.application.masterSecret,
      t.serverFinished,
      'server Finished',
      'master-secret',
      'transcript-hash-server-finished',
    ],
    'server-application-traffic-secret': [
      'server_application_traffic_secret_0',
      's ap traffic',
      s.application.serverApplicationTrafficSecret,
      'Master Secret',
      s.application.masterSecret,
      t.serverFinished,
      'server Finished',
      'master-secret',
      'transcript-hash-server-finished',
    ],
    'exporter-master-secret': [
      'exporter_master_secret',
      'exp master',
      s.application.exporterMasterSecret,
      'Master Secret',
      s.application.masterSecret,
      t.serverFinished,
      'server Finished',
      'master-secret',
      'transcript-hash-server-finished',
    ],
    'resumption-master-secret': [
      'resumption_master_secret',
      'res master',
      s.resumptionMasterSecret,
      'Master Secret',
      s.application.masterSecret,
      t.clientFinished,
      'client Finished',
      'master-secret',
      'transcript-hash-client-finished',
    ],
  } as const;
  const [outputName, label, derivation, secretName, secret, context, last, secretId, transcriptId] =
    table[id];
  return expandLabelComputation({
    id: sideId(id, side),
    actorId: side,
    label: outputName,
    outputName,
    secretName,
    secret,
    hkdfLabel: label,
    contextName: `Transcript-Hash(ClientHello..${last})`,
    context,
    length: view.trace.suite.hash.length,
    derivation,
    deriveSecretMessages: `ClientHello..${last}`,
    dependsOn: [sideId(secretId, side), transcriptId],
  });
}

type KeySet = 'server-handshake' | 'client-handshake' | 'server-application' | 'client-application';

const keySets: Readonly<
  Record<
    KeySet,
    {
      secret: string;
      secretId: string;
      keys: (s: SideSchedule) => TrafficKeyDerivations;
      secretValue: (s: SideSchedule) => Uint8Array;
    }
  >
> = {
  'server-handshake': {
    secret: 'server_handshake_traffic_secret',
    secretId: 'server-handshake-traffic-secret',
    keys: (s) => s.serverHandshakeKeys,
    secretValue: (s) => s.handshake.serverHandshakeTrafficSecret.output,
  },
  'client-handshake': {
    secret: 'client_handshake_traffic_secret',
    secretId: 'client-handshake-traffic-secret',
    keys: (s) => s.clientHandshakeKeys,
    secretValue: (s) => s.handshake.clientHandshakeTrafficSecret.output,
  },
  'server-application': {
    secret: 'server_application_traffic_secret_0',
    secretId: 'server-application-traffic-secret',
    keys: (s) => s.serverApplicationKeys,
    secretValue: (s) => s.application.serverApplicationTrafficSecret.output,
  },
  'client-application': {
    secret: 'client_application_traffic_secret_0',
    secretId: 'client-application-traffic-secret',
    keys: (s) => s.clientApplicationKeys,
    secretValue: (s) => s.application.clientApplicationTrafficSecret.output,
  },
};

function trafficKeyComputations(view: HandshakeView, side: Side, set: KeySet): Computation[] {
  const info = keySets[set];
  const s = schedule(view, side);
  const keys = info.keys(s);
  const writer = set.startsWith('server') ? 'server' : 'client';
  const make = (part: 'key' | 'iv') =>
    expandLabelComputation({
      id: sideId(`${set}-${part}`, side),
      actorId: side,
      label: `${writer}_write_${part} (${set.endsWith('handshake') ? 'handshake' : 'application'})`,
      outputName: `${writer}_write_${part}`,
      secretName: info.secret,
      secret: info.secretValue(s),
      hkdfLabel: part,
      contextName: '""',
      context: new Uint8Array(0),
      length: part === 'key' ? view.trace.suite.aead.keyLength : view.trace.suite.aead.ivLength,
      derivation: keys[part],
      dependsOn: [sideId(info.secretId, side)],
    });
  return [make('key'), make('iv')];
}

function keyFields(view: HandshakeView, side: Side, set: KeySet): NamedValue[] {
  const keys = keySets[set].keys(schedule(view, side));
  const writer = set.startsWith('server') ? 'server' : 'client';
  const phase = set.endsWith('handshake') ? 'handshake' : 'application';
  return [
    hexValue(`${writer}_write_key (${phase})`, keys.key.output),
    hexValue(`${writer}_write_iv (${phase})`, keys.iv.output),
  ];
}

export function handshakeScheduleSteps(view: HandshakeView): StepSpec[] {
  const { trace } = view;
  const hash = trace.suite.hash;
  const both = bothNote(view);
  return [
    {
      id: 'early-secret',
      title: 'Early Secret',
      kind: 'computation',
      narration: `Without a pre-shared key the schedule starts from HKDF-Extract over zeros, so the Early Secret is the same constant in every full handshake with ${hash.name}. A resumed handshake feeds its PSK in here instead.${both}`,
      reference: 'RFC 8446 §7.1',
      computations: perSide(view, (side) =>
        extractComputation({
          id: sideId('early-secret', side),
          actorId: side,
          label: 'Early Secret',
          outputName: 'Early Secret',
          saltName: '0 (Hash.length zero bytes)',
          salt: zeros(hash),
          ikmName: 'PSK = 0 (no pre-shared key)',
          ikm: zeros(hash),
          output: schedule(view, side).handshake.earlySecret,
        }),
      ),
      highlight: ['Early Secret'],
      updates: bothUpdate(view, undefined, (side) => [
        hexValue('Early Secret', schedule(view, side).handshake.earlySecret),
      ]),
    },
    {
      id: 'derived-secret-for-handshake',
      title: 'Derive-Secret(Early Secret, "derived", "")',
      kind: 'computation',
      narration: `The Early Secret becomes the salt of the next extraction through Derive-Secret with the label "derived". The "" names an empty message list, and Derive-Secret hashes it, so the context is Hash("") and not zero bytes.${both}`,
      reference: 'RFC 8446 §7.1',
      computations: perSide(view, (side) => derivedComputation(view, side, 'handshake')),
      highlight: ['derived', 'HkdfLabel'],
    },
    {
      id: 'handshake-secret',
      title: 'Handshake Secret',
      kind: 'computation',
      narration: `HKDF-Extract mixes the ECDHE shared secret into the schedule. Every handshake key after this depends on it, so only the two endpoints can compute them.${both}`,
      reference: 'RFC 8446 §7.1',
      computations: perSide(view, (side) =>
        extractComputation({
          id: sideId('handshake-secret', side),
          actorId: side,
          label: 'Handshake Secret',
          outputName: 'Handshake Secret',
          saltName: 'derived',
          salt: schedule(view, side).handshake.derivedForHandshake.output,
          ikmName: '(EC)DHE shared secret',
          ikm: schedule(view, side).sharedSecret,
          output: schedule(view, side).handshake.handshakeSecret,
          dependsOn: [sideId('derived-secret-for-handshake', side), `${side}-shared-secret`],
        }),
      ),
      highlight: ['Handshake Secret'],
      updates: bothUpdate(view, undefined, (side) => [
        hexValue('Handshake Secret', schedule(view, side).handshake.handshakeSecret),
      ]),
    },
    {
      id: 'transcript-hash-server-hello',
      title: 'Transcript hash through ServerHello',
      kind: 'computation',
      narration: `Both sides hash the handshake messages so far with ${hash.name}, without their record headers. The traffic secrets take this hash as context, so changing any byte of either hello changes every key after it.`,
      reference: 'RFC 8446 §4.4.1',
      computations: [
        transcriptComputation(
          view,
          'transcript-hash-server-hello',
          2,
          trace.transcript.hello,
          'client',
        ),
      ],
      highlight: ['Transcript-Hash(ClientHello..ServerHello)'],
    },
    {
      id: 'client-handshake-traffic-secret',
      title: 'client_handshake_traffic_secret',
      kind: 'computation',
      narration: `Derive-Secret with the label "c hs traffic" gives the secret for everything the client sends during the handshake.${both}`,
      reference: 'RFC 8446 §7.1',
      computations: perSide(view, (side) =>
        trafficSecretComputation(view, side, 'client-handshake-traffic-secret'),
      ),
      highlight: ['client_handshake_traffic_secret', 'HkdfLabel'],
      updates: bothUpdate(view, undefined, (side) => [
        hexValue(
          'client_handshake_traffic_secret',
          schedule(view, side).handshake.clientHandshakeTrafficSecret.output,
        ),
      ]),
    },
    {
      id: 'server-handshake-traffic-secret',
      title: 'server_handshake_traffic_secret',
      kind: 'computation',
      narration: `The label "s hs traffic" gives the server its own secret: each direction has separate keys, so a record cannot be reflected back to its sender.${both}`,
      reference: 'RFC 8446 §7.1',
      computations: perSide(view, (side) =>
        trafficSecretComputation(view, side, 'server-handshake-traffic-secret'),
      ),
      highlight: ['server_handshake_traffic_secret'],
      updates: bothUpdate(view, undefined, (side) => [
        hexValue(
          'server_handshake_traffic_secret',
          schedule(view, side).handshake.serverHandshakeTrafficSecret.output,
        ),
      ]),
    },
    {
      id: 'handshake-keys',
      title: 'Handshake keys and IVs',
      kind: 'computation',
      narration: `Each handshake traffic secret expands into a ${trace.suite.aead.name} key and a 12-byte IV, with the labels "key" and "iv" and an empty context.${both}`,
      reference: 'RFC 8446 §7.3',
      computations: perSideList(view, (side) => [
        ...trafficKeyComputations(view, side, 'server-handshake'),
        ...trafficKeyComputations(view, side, 'client-handshake'),
      ]),
      highlight: ['server_write_key', 'server_write_iv', 'client_write_key', 'client_write_iv'],
      updates: bothUpdate(view, 'handshake keys ready', (side) => [
        ...keyFields(view, side, 'server-handshake'),
        ...keyFields(view, side, 'client-handshake'),
      ]),
    },
  ];
}

export function applicationScheduleSteps(view: HandshakeView): StepSpec[] {
  const { trace } = view;
  const both = bothNote(view);
  const hash = trace.suite.hash;
  return [
    {
      id: 'derived-secret-for-master',
      title: 'Derive-Secret(Handshake Secret, "derived", "")',
      kind: 'computation',
      narration: `The Handshake Secret becomes the salt of the last extraction, again with Hash("") as the context.${both}`,
      reference: 'RFC 8446 §7.1',
      computations: perSide(view, (side) => derivedComputation(view, side, 'master')),
      highlight: ['derived'],
    },
    {
      id: 'master-secret',
      title: 'Master Secret',
      kind: 'computation',
      narration: `HKDF-Extract with zeros as input key material: no new secret enters here. The extraction separates the application keys from the handshake keys, so learning one set does not give away the other.${both}`,
      reference: 'RFC 8446 §7.1',
      computations: perSide(view, (side) =>
        extractComputation({
          id: sideId('master-secret', side),
          actorId: side,
          label: 'Master Secret',
          outputName: 'Master Secret',
          saltName: 'derived',
          salt: schedule(view, side).application.derivedForMaster.output,
          ikmName: '0 (Hash.length zero bytes)',
          ikm: zeros(hash),
          output: schedule(view, side).application.masterSecret,
          dependsOn: [sideId('derived-secret-for-master', side)],
        }),
      ),
      highlight: ['Master Secret'],
      updates: bothUpdate(view, undefined, (side) => [
        hexValue('Master Secret', schedule(view, side).application.masterSecret),
      ]),
    },
    {
      id: 'transcript-hash-server-finished',
      title: 'Transcript hash through server Finished',
      kind: 'computation',
      narration:
        'The application secrets bind the transcript up to the server Finished. The server can compute them as soon as it has sent Finished, before the client answers, which is what lets it send data early (0.5-RTT).',
      reference: 'RFC 8446 §4.4.1, §7.1',
      computations: [
        transcriptComputation(
          view,
          'transcript-hash-server-finished',
          6,
          trace.transcript.serverFinished,
          'client',
        ),
      ],
      highlight: ['Transcript-Hash(ClientHello..server Finished)'],
    },
    {
      id: 'client-application-traffic-secret',
      title: 'client_application_traffic_secret_0',
      kind: 'computation',
      narration: `The label "c ap traffic" gives the secret for the client's application data. The _0 is a generation: a KeyUpdate derives _1 from it with "traffic upd".${both}`,
      reference: 'RFC 8446 §7.1, §7.2',
      computations: perSide(view, (side) =>
        trafficSecretComputation(view, side, 'client-application-traffic-secret'),
      ),
      highlight: ['client_application_traffic_secret_0'],
      updates: bothUpdate(view, undefined, (side) => [
        hexValue(
          'client_application_traffic_secret_0',
          schedule(view, side).application.clientApplicationTrafficSecret.output,
        ),
      ]),
    },
    {
      id: 'server-application-traffic-secret',
      title: 'server_application_traffic_secret_0',
      kind: 'computation',
      narration: `The label "s ap traffic" gives the server's application secret.${both}`,
      reference: 'RFC 8446 §7.1',
      computations: perSide(view, (side) =>
        trafficSecretComputation(view, side, 'server-application-traffic-secret'),
      ),
      highlight: ['server_application_traffic_secret_0'],
      updates: bothUpdate(view, undefined, (side) => [
        hexValue(
          'server_application_traffic_secret_0',
          schedule(view, side).application.serverApplicationTrafficSecret.output,
        ),
      ]),
    },
    {
      id: 'exporter-master-secret',
      title: 'exporter_master_secret',
      kind: 'computation',
      narration: `Applications derive their own keying material from the exporter secret, for channel bindings for example, without touching the traffic keys.${both}`,
      reference: 'RFC 8446 §7.1, §7.5',
      computations: perSide(view, (side) =>
        trafficSecretComputation(view, side, 'exporter-master-secret'),
      ),
      highlight: ['exporter_master_secret'],
      updates: bothUpdate(view, undefined, (side) => [
        hexValue(
          'exporter_master_secret',
          schedule(view, side).application.exporterMasterSecret.output,
        ),
      ]),
    },
    {
      id: 'server-application-keys',
      title: 'Server application key and IV',
      kind: 'computation',
      narration: `The server's application key and IV protect everything it sends after its Finished: the NewSessionTicket and its application data.${both}`,
      reference: 'RFC 8446 §7.3',
      computations: perSideList(view, (side) =>
        trafficKeyComputations(view, side, 'server-application'),
      ),
      highlight: ['server_write_key', 'server_write_iv'],
      updates: bothUpdate(view, undefined, (side) => keyFields(view, side, 'server-application')),
    },
    {
      id: 'client-application-keys',
      title: 'Client application key and IV',
      kind: 'computation',
      narration: `The client's application key and IV protect its application data; it starts using them after its own Finished.${both}`,
      reference: 'RFC 8446 §7.3',
      computations: perSideList(view, (side) =>
        trafficKeyComputations(view, side, 'client-application'),
      ),
      highlight: ['client_write_key', 'client_write_iv'],
      updates: bothUpdate(view, 'application keys ready', (side) =>
        keyFields(view, side, 'client-application'),
      ),
    },
  ];
}
