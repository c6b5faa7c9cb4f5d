// The TLS 1.3 full handshake scenario (RFC 8446 §2, 1-RTT with X25519): a
// pure function of parameters and seed. In 'rfc8448' mode every value is
// recomputed from RFC 8448 §3's inputs and marked where the RFC publishes it.
// With a bug toggle, each computation is marked as matching or differing from
// the same computation in a correct run.

import type { Actor, Computation, Scenario, Step } from '../scenario';
import { rfc8448 } from './rfc8448.fixture';
import { computeTlsHandshake, type TlsHandshakeTrace } from './handshake-trace';
import type { TlsBug, TlsHandshakeParameters } from './handshake-parameters';
import type { HandshakeView } from './handshake-view';
import { helloSteps } from './hello-steps';
import { applicationScheduleSteps, handshakeScheduleSteps } from './key-schedule-steps';
import { serverFlightSteps } from './server-flight-steps';
import { closingSteps } from './closing-steps';
import { buildSteps } from './step-specs';
import { changesKeySchedule } from './bug-narration';

export const TLS_ACTORS: readonly Actor[] = [
  { id: 'client', name: 'Client' },
  { id: 'server', name: 'Server' },
];

export const HANDSHAKE_SCENARIO_ID = 'handshake';

/** Note prefixes the bug marking writes on computation outputs; the view can test for them. */
export const DIFFERS_NOTE = 'differs from the correct value';
export const MATCHES_NOTE = 'same as the correct value';
export const RFC8448_NOTE = 'RFC 8448 §3 value';

const record = (hex: string) => hex.slice(10);

/** The values RFC 8448 §3 publishes, by the id of the computation whose output they are. */
const rfc8448Outputs: Readonly<Record<string, string>> = {
  'client-key-share': rfc8448.clientPublicKey,
  'server-key-share': rfc8448.serverPublicKey,
  'client-shared-secret': rfc8448.sharedSecret,
  'server-shared-secret': rfc8448.sharedSecret,
  'early-secret': rfc8448.earlySecret,
  'derived-secret-for-handshake': rfc8448.derivedForHandshake,
  'handshake-secret': rfc8448.handshakeSecret,
  'transcript-hash-server-hello': rfc8448.helloHash,
  'client-handshake-traffic-secret': rfc8448.clientHandshakeTrafficSecret,
  'server-handshake-traffic-secret': rfc8448.serverHandshakeTrafficSecret,
  'server-handshake-key': rfc8448.serverHandshakeKey,
  'server-handshake-iv': rfc8448.serverHandshakeIv,
  'client-handshake-key': rfc8448.clientHandshakeKey,
  'client-handshake-iv': rfc8448.clientHandshakeIv,
  'server-finished-key': rfc8448.serverFinishedKey,
  'server-verify-data': rfc8448.serverVerifyData,
  'derived-secret-for-master': rfc8448.derivedForMaster,
  'master-secret': rfc8448.masterSecret,
  'transcript-hash-server-finished': rfc8448.serverFinishedHash,
  'client-application-traffic-secret': rfc8448.clientApplicationTrafficSecret,
  'server-application-traffic-secret': rfc8448.serverApplicationTrafficSecret,
  'exporter-master-secret': rfc8448.exporterMasterSecret,
  'server-application-key': rfc8448.serverApplicationKey,
  'server-application-iv': rfc8448.serverApplicationIv,
  'client-application-key': rfc8448.clientApplicationKey,
  'client-application-iv': rfc8448.clientApplicationIv,
  'client-finished-key': rfc8448.clientFinishedKey,
  'client-verify-data': rfc8448.clientVerifyData,
  'transcript-hash-client-finished': rfc8448.clientFinishedHash,
  'resumption-master-secret': rfc8448.resumptionMasterSecret,
  'client-finished-seal': record(rfc8448.clientFinishedRecord),
  'new-session-ticket-seal': record(rfc8448.newSessionTicketRecord),
  'client-application-data-seal': record(rfc8448.clientApplicationDataRecord),
  'server-application-data-seal': record(rfc8448.serverApplicationDataRecord),
};

function addNote(computation: Computation, note: string): Computation {
  const existing = computation.output.note;
  return {
    ...computation,
    output: { ...computation.output, note: existing ? `${note}; ${existing}` : note },
  };
}

function mapComputations(
  steps: readonly Step[],
  map: (computation: Computation) => Computation,
): Step[] {
  return steps.map((step) =>
    step.computations ? { ...step, computations: step.computations.map(map) } : step,
  );
}

function markRfcValues(steps: readonly Step[]): Step[] {
  return mapComputations(steps, (computation) =>
    rfc8448Outputs[computation.id] === computation.output.value
      ? addNote(computation, RFC8448_NOTE)
      : computation,
  );
}

/**
 * Marks each computation as matching or differing from the correct run, and
 * adds the ids of differing computations to the step's highlight. A "-server"
 * computation is compared with the correct run's computation of the base id.
 */
function markAgainstReference(steps: readonly Step[], reference: readonly Step[]): Step[] {
  const correct = new Map<string, string>();
  for (const step of reference)
    for (const c of step.computations ?? []) correct.set(c.id, c.output.value);

  return steps.map((step) => {
    const differing: string[] = [];
    const computations = step.computations?.map((computation) => {
      const expected =
        correct.get(computation.id) ?? correct.get(computation.id.replace(/-server$/, ''));
      if (expected === undefined) return computation;
      if (expected === computation.output.value) return addNote(computation, MATCHES_NOTE);
      differing.push(computation.id);
      const shown = /^[0-9a-f]+$/.test(expected) ? expected : `"${expected}"`;
      return addNote(computation, `${DIFFERS_NOTE} ${shown}`);
    });
    if (!computations) return step;
    const highlight = [...new Set([...(step.highlight ?? []), ...differing])];
    return { ...step, computations, ...(highlight.length > 0 ? { highlight } : {}) };
  });
}

/** Returns whether the bug marking flagged this computation's output as wrong. */
export function isComputationDifferent(computation: Computation): boolean {
  return computation.output.note?.startsWith(DIFFERS_NOTE) ?? false;
}

function stepsFor(trace: TlsHandshakeTrace): Step[] {
  const view: HandshakeView = {
    trace,
    showServerSchedule: changesKeySchedule(trace.parameters.bug),
  };
  return buildSteps(TLS_ACTORS, { client: 'idle', server: 'listening' }, [
    ...helloSteps(view),
    ...handshakeScheduleSteps(view),
    ...serverFlightSteps(view),
    ...applicationScheduleSteps(view),
    ...closingSteps(view),
  ]);
}

const bugSummaries: Readonly<Record<TlsBug, string>> = {
  none: '',
  'two-byte-label-length':
    " Bug on: the client writes two-byte lengths in front of the HkdfLabel label and context, so every secret from the first HKDF-Expand-Label on differs from the server's.",
  'empty-derived-context':
    ' Bug on: the client passes an empty context instead of Hash("") to Derive-Secret(., "derived", ""), so its Handshake Secret and everything after it differ from the server\'s.',
  'wrong-sequence-number':
    ' Bug on: the client keeps counting record sequence numbers across key changes instead of starting again at 0, so the keys agree but later nonces do not.',
};

/** Added to the summary whenever a bug is on, because the steps go on past the first failure. */
const AFTER_FAILURE_NOTE =
  ' Where a record does not open, a real receiver would send an alert and close the connection, but the lab goes on as if the record had opened, to show what the receiver would compute next.';

function summaryFor(trace: TlsHandshakeTrace): string {
  const { parameters, seed } = trace;
  const base =
    parameters.mode === 'rfc8448'
      ? "The RFC 8448 §3 handshake recomputed live: X25519 with TLS_AES_128_GCM_SHA256, the RFC's keys and messages, every secret derived here and checked against the published values."
      : `A fresh TLS 1.3 handshake with ${trace.suite.name}: ephemeral keys and randoms from seed ${seed}${parameters.clientPrivateKey || parameters.serverPrivateKey ? ' and the typed keys' : ''}, a fixed Ed25519 teaching certificate, every value computed here.`;
  return parameters.bug === 'none'
    ? base
    : base + bugSummaries[parameters.bug] + AFTER_FAILURE_NOTE;
}

/** Builds the handshake scenario. Deterministic: the same parameters and seed give a deep-equal result. */
export function buildTlsHandshake(parameters: TlsHandshakeParameters, seed: number): Scenario {
  const trace = computeTlsHandshake(parameters, seed);
  const steps = stepsFor(trace);
  const marked =
    parameters.bug === 'none'
      ? parameters.mode === 'rfc8448'
        ? markRfcValues(steps)
        : steps
      : markAgainstReference(
          steps,
          stepsFor(computeTlsHandshake({ ...parameters, bug: 'none' }, seed)),
        );

  return {
    id: HANDSHAKE_SCENARIO_ID,
    title: 'TLS 1.3 full handshake',
    summary: summaryFor(trace),
    seed,
    actors: TLS_ACTORS,
    steps: marked,
  };
}
