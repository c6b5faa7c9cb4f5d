// Handshake scenario steps for the key schedule (RFC 8446 §7.1, §7.3): the
// chain from the Early Secret to the handshake keys, then from the Master
// Secret to the application keys, each with its HkdfLabel bytes.

import type { Computation, NamedValue } from '../scenario';
import { zeros, type Derivation, type TrafficKeyDerivations } from './key-schedule';
import { concatBytes } from '../bytes';
import { expandLabelComputation, extractComputation, hexValue } from './computation-views';
import type { Side, SideSchedule, TranscriptHashes } from './handshake-trace';
import type { StepSpec } from './step-specs';
import type { ScheduleStepUse } from './bug-narration';
import {
  bothUpdate,
  perSide,
  perSideList,
  schedule,
  scheduleNarration,
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

type TrafficSecretId =
  | 'client-handshake-traffic-secret'
  | 'server-handshake-traffic-secret'
  | 'client-application-traffic-secret'
  | 'server-application-traffic-secret'
  | 'exporter-master-secret'
  | 'resumption-master-secret';

/** The inputs of one Derive-Secret(Secret, Label, Messages) call of RFC 8446 §7.1. */
interface TrafficSecretSource {
  /** The name RFC 8446 §7.1 gives the output, also used as step title and actor field name. */
  readonly outputName: string;
  /** The label without "tls13 ". */
  readonly hkdfLabel: string;
  readonly derivation: (s: SideSchedule) => Derivation;
  readonly secretName: 'Handshake Secret' | 'Master Secret';
  readonly secret: (s: SideSchedule) => Uint8Array;
  /** The id of the step that computes the input secret. */
  readonly secretId: 'handshake-secret' | 'master-secret';
  /** The last message the transcript hash covers. */
  readonly lastMessage: string;
  readonly transcript: (t: TranscriptHashes) => Uint8Array;
  readonly transcriptId: string;
}

const fromHandshakeSecret = {
  secretName: 'Handshake Secret',
  secret: (s: SideSchedule) => s.handshake.handshakeSecret,
  secretId: 'handshake-secret',
  lastMessage: 'ServerHello',
  transcript: (t: TranscriptHashes) => t.hello,
  transcriptId: 'transcript-hash-server-hello',
} as const;

const fromMasterSecret = {
  secretName: 'Master Secret',
  secret: (s: SideSchedule) => s.application.masterSecret,
  secretId: 'master-secret',
  lastMessage: 'server Finished',
  transcript: (t: TranscriptHashes) => t.serverFinished,
  transcriptId: 'transcript-hash-server-finished',
} as const;

const trafficSecrets: Readonly<Record<TrafficSecretId, TrafficSecretSource>> = {
  'client-handshake-traffic-secret': {
    outputName: 'client_handshake_traffic_secret',
    hkdfLabel: 'c hs traffic',
    derivation: (s) => s.handshake.clientHandshakeTrafficSecret,
    ...fromHandshakeSecret,
  },
  'server-handshake-traffic-secret': {
    outputName: 'server_handshake_traffic_secret',
    hkdfLabel: 's hs traffic',
    derivation: (s) => s.handshake.serverHandshakeTrafficSecret,
    ...fromHandshakeSecret,
  },
  'client-application-traffic-secret': {
    outputName: 'client_application_traffic_secret_0',
    hkdfLabel: 'c ap traffic',
    derivation: (s) => s.application.clientApplicationTrafficSecret,
    ...fromMasterSecret,
  },
  'server-application-traffic-secret': {
    outputName: 'server_application_traffic_secret_0',
    hkdfLabel: 's ap traffic',
    derivation: (s) => s.application.serverApplicationTrafficSecret,
    ...fromMasterSecret,
  },
  'exporter-master-secret': {
    outputName: 'exporter_master_secret',
    hkdfLabel: 'exp master',
    derivation: (s) => s.application.exporterMasterSecret,
    ...fromMasterSecret,
  },
  // The resumption secret hashes one message more than the other Master Secret outputs.
  'resumption-master-secret': {
    outputName: 'resumption_master_secret',
    hkdfLabel: 'res master',
    derivation: (s) => s.resumptionMasterSecret,
    ...fromMasterSecret,
    lastMessage: 'client Finished',
    transcript: (t) => t.clientFinished,
    transcriptId: 'transcript-hash-client-finished',
  },
};

export function trafficSecretComputation(
  view: HandshakeView,
  side: Side,
  id: TrafficSecretId,
): Computation {
  const s = schedule(view, side);
  const source = trafficSecrets[id];
  const last = source.lastMessage;
  return expandLabelComputation({
    id: sideId(id, side),
    actorId: side,
    label: source.outputName,
    outputName: source.outputName,
    secretName: source.secretName,
    secret: source.secret(s),
    hkdfLabel: source.hkdfLabel,
    contextName: `Transcript-Hash(ClientHello..${last})`,
    context: source.transcript(view.trace.transcript),
    length: view.trace.suite.hash.length,
    derivation: source.derivation(s),
    deriveSecretMessages: `ClientHello..${last}`,
    dependsOn: [sideId(source.secretId, side), source.transcriptId],
  });
}

/** Describes the Derive-Secret call behind the secret `id` for the sentence about the client's bug. */
export function trafficSecretUse(id: TrafficSecretId): ScheduleStepUse {
  const source = trafficSecrets[id];
  return {
    operation: 'expand-label',
    output: { name: source.outputName },
    input: { name: source.secretName, value: source.secret },
  };
}

/** Sets the secret `id` in both actors' state, each to the value its own schedule derived. */
export function trafficSecretUpdates(view: HandshakeView, id: TrafficSecretId) {
  const source = trafficSecrets[id];
  return bothUpdate(view, undefined, (side) => [
    hexValue(source.outputName, source.derivation(schedule(view, side)).output),
  ]);
}

/** Builds the step that derives the secret `id` on each side and stores it in both actors' state. */
function trafficSecretStep(
  view: HandshakeView,
  id: TrafficSecretId,
  text: { readonly lead: string; readonly reference: string; readonly highlight?: string[] },
): StepSpec {
  const name = trafficSecrets[id].outputName;
  const computations = perSide(view, (side) => trafficSecretComputation(view, side, id));
  return {
    id,
    title: name,
    kind: 'computation',
    narration: scheduleNarration(view, text.lead, computations, trafficSecretUse(id)),
    reference: text.reference,
    computations,
    highlight: text.highlight ?? [name],
    updates: trafficSecretUpdates(view, id),
  };
}

/** One HKDF-Extract of the key schedule (RFC 8446 §7.1), with the values it reads from a side's schedule. */
interface ExtractStepSource {
  readonly id: 'early-secret' | 'handshake-secret' | 'master-secret';
  /** The output's name, also used as step title and actor field name. */
  readonly name: string;
  /** The narration before the sentence about the client's bug. */
  readonly lead: string;
  /** The salt when it comes from an earlier step, named for the sentence about the client's bug. */
  readonly input?: ScheduleStepUse['input'];
  readonly saltName: string;
  readonly salt: (s: SideSchedule) => Uint8Array;
  readonly ikmName: string;
  readonly ikm: (s: SideSchedule) => Uint8Array;
  readonly output: (s: SideSchedule) => Uint8Array;
  readonly dependsOn?: (side: Side) => string[];
}

/** Builds the step that runs one HKDF-Extract on each side and stores its output in both actors' state. */
function extractStep(view: HandshakeView, source: ExtractStepSource): StepSpec {
  const computations = perSide(view, (side) => {
    const s = schedule(view, side);
    return extractComputation({
      id: sideId(source.id, side),
      actorId: side,
      label: source.name,
      outputName: source.name,
      saltName: source.saltName,
      salt: source.salt(s),
      ikmName: source.ikmName,
      ikm: source.ikm(s),
      output: source.output(s),
      dependsOn: source.dependsOn?.(side),
    });
  });
  const use: ScheduleStepUse = {
    operation: 'extract',
    output: { name: source.name },
    ...(source.input ? { input: source.input } : {}),
  };
  return {
    id: source.id,
    title: source.name,
    kind: 'computation',
    narration: scheduleNarration(view, source.lead, computations, use),
    reference: 'RFC 8446 §7.1',
    computations,
    highlight: [source.name],
    updates: bothUpdate(view, undefined, (side) => [
      hexValue(source.name, source.output(schedule(view, side))),
    ]),
  };
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

/** Builds the step that derives a "derived" salt on each side (RFC 8446 §7.1). */
function derivedSaltStep(
  view: HandshakeView,
  phase: 'handshake' | 'master',
  text: { readonly title: string; readonly lead: string; readonly highlight: string[] },
): StepSpec {
  const computations = perSide(view, (side) => derivedComputation(view, side, phase));
  const input: ScheduleStepUse['input'] =
    phase === 'handshake'
      ? { name: 'Early Secret', value: (s) => s.handshake.earlySecret }
      : { name: 'Handshake Secret', value: (s) => s.handshake.handshakeSecret };
  return {
    id: phase === 'handshake' ? 'derived-secret-for-handshake' : 'derived-secret-for-master',
    title: text.title,
    kind: 'computation',
    narration: scheduleNarration(view, text.lead, computations, {
      operation: 'derive-salt',
      output: { name: '"derived" salt' },
      input,
    }),
    reference: 'RFC 8446 §7.1',
    computations,
    highlight: text.highlight,
  };
}

/** Builds the step that expands one or two traffic secrets into write keys and IVs (RFC 8446 §7.3). */
function trafficKeysStep(
  view: HandshakeView,
  sets: readonly KeySet[],
  text: {
    readonly id: string;
    readonly title: string;
    readonly lead: string;
    /** The keys and the traffic secrets they come from, as the sentence about the client's bug names them. */
    readonly outputName: string;
    readonly inputName: string;
    readonly highlight: string[];
    readonly headline?: string;
  },
): StepSpec {
  const computations = perSideList(view, (side) =>
    sets.flatMap((set) => trafficKeyComputations(view, side, set)),
  );
  const use: ScheduleStepUse = {
    operation: 'expand-label',
    output: { name: text.outputName, plural: true },
    input: {
      name: text.inputName,
      plural: sets.length > 1,
      value: (s) => concatBytes(...sets.map((set) => keySets[set].secretValue(s))),
    },
  };
  return {
    id: text.id,
    title: text.title,
    kind: 'computation',
    narration: scheduleNarration(view, text.lead, computations, use),
    reference: 'RFC 8446 §7.3',
    computations,
    highlight: text.highlight,
    updates: bothUpdate(view, text.headline, (side) =>
      sets.flatMap((set) => keyFields(view, side, set)),
    ),
  };
}

export function handshakeScheduleSteps(view: HandshakeView): StepSpec[] {
  const { trace } = view;
  const hash = trace.suite.hash;
  const aead = trace.suite.aead;
  return [
    extractStep(view, {
      id: 'early-secret',
      name: 'Early Secret',
      lead: `Without a pre-shared key, HKDF-Extract runs over zeros, so every full handshake with ${hash.name} starts from the same Early Secret (a resumed handshake feeds its PSK in here).`,
      saltName: '0 (Hash.length zero bytes)',
      salt: () => zeros(hash),
      ikmName: 'PSK = 0 (no pre-shared key)',
      ikm: () => zeros(hash),
      output: (s) => s.handshake.earlySecret,
    }),
    derivedSaltStep(view, 'handshake', {
      title: 'Derive-Secret(Early Secret, "derived", "")',
      lead: 'Derive-Secret with the label "derived" turns the Early Secret into the next salt, and because Derive-Secret hashes the empty message list "", its context is Hash("") and not zero bytes.',
      highlight: ['derived', 'HkdfLabel'],
    }),
    extractStep(view, {
      id: 'handshake-secret',
      name: 'Handshake Secret',
      lead: 'HKDF-Extract mixes the ECDHE shared secret into the schedule, so only the two endpoints can compute the handshake keys that follow.',
      input: { name: 'salt', value: (s) => s.handshake.derivedForHandshake.output },
      saltName: 'derived',
      salt: (s) => s.handshake.derivedForHandshake.output,
      ikmName: '(EC)DHE shared secret',
      ikm: (s) => s.sharedSecret,
      output: (s) => s.handshake.handshakeSecret,
      dependsOn: (side) => [sideId('derived-secret-for-handshake', side), `${side}-shared-secret`],
    }),
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
    trafficSecretStep(view, 'client-handshake-traffic-secret', {
      lead: 'Derive-Secret with the label "c hs traffic" gives the secret for everything the client sends during the handshake.',
      reference: 'RFC 8446 §7.1',
      highlight: ['client_handshake_traffic_secret', 'HkdfLabel'],
    }),
    trafficSecretStep(view, 'server-handshake-traffic-secret', {
      lead: 'The label "s hs traffic" gives the server its own secret: each direction has separate keys, so a record cannot be reflected back to its sender.',
      reference: 'RFC 8446 §7.1',
    }),
    trafficKeysStep(view, ['server-handshake', 'client-handshake'], {
      id: 'handshake-keys',
      title: 'Handshake keys and IVs',
      lead: `Each handshake traffic secret expands into the ${aead.name} key (${aead.keyLength} bytes) and IV (${aead.ivLength} bytes) of its direction, with the labels "key" and "iv" and an empty context.`,
      outputName: 'handshake keys and IVs',
      inputName: 'handshake traffic secrets',
      highlight: ['server_write_key', 'server_write_iv', 'client_write_key', 'client_write_iv'],
      headline: 'handshake keys ready',
    }),
  ];
}

export function applicationScheduleSteps(view: HandshakeView): StepSpec[] {
  const { trace } = view;
  const hash = trace.suite.hash;
  return [
    derivedSaltStep(view, 'master', {
      title: 'Derive-Secret(Handshake Secret, "derived", "")',
      lead: 'The Handshake Secret becomes the salt of the last extraction, again with Hash("") as the context.',
      highlight: ['derived'],
    }),
    extractStep(view, {
      id: 'master-secret',
      name: 'Master Secret',
      lead: 'HKDF-Extract with zeros as input key material adds no new secret, but it separates the application keys from the handshake keys, so learning one set does not give away the other.',
      input: { name: 'salt', value: (s) => s.application.derivedForMaster.output },
      saltName: 'derived',
      salt: (s) => s.application.derivedForMaster.output,
      ikmName: '0 (Hash.length zero bytes)',
      ikm: () => zeros(hash),
      output: (s) => s.application.masterSecret,
      dependsOn: (side) => [sideId('derived-secret-for-master', side)],
    }),
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
    trafficSecretStep(view, 'client-application-traffic-secret', {
      lead: 'The label "c ap traffic" gives generation 0 of the client\'s application secret, and a KeyUpdate derives generation 1 from it with the label "traffic upd".',
      reference: 'RFC 8446 §7.1, §7.2',
    }),
    trafficSecretStep(view, 'server-application-traffic-secret', {
      lead: 'The label "s ap traffic" gives the server\'s application secret.',
      reference: 'RFC 8446 §7.1',
    }),
    trafficSecretStep(view, 'exporter-master-secret', {
      lead: 'Applications derive their own keying material from the exporter secret, for channel bindings for example, without touching the traffic keys.',
      reference: 'RFC 8446 §7.1, §7.5',
    }),
    trafficKeysStep(view, ['server-application'], {
      id: 'server-application-keys',
      title: 'Server application key and IV',
      lead: "The server's application key and IV protect everything it sends after its Finished: the NewSessionTicket and its application data.",
      outputName: 'server application key and IV',
      inputName: 'server_application_traffic_secret_0',
      highlight: ['server_write_key', 'server_write_iv'],
    }),
    trafficKeysStep(view, ['client-application'], {
      id: 'client-application-keys',
      title: 'Client application key and IV',
      lead: "The client's application key and IV protect its application data; it starts using them after its own Finished.",
      outputName: 'client application key and IV',
      inputName: 'client_application_traffic_secret_0',
      highlight: ['client_write_key', 'client_write_iv'],
      headline: 'application keys ready',
    }),
  ];
}
