// The resumption and 0-RTT scenario (RFC 8446 §2.3, §4.2.11, §4.6.1, §8).
// A ticket from the handshake gives a PSK and a binder, and the client sends
// early data in its first flight. An attacker replays that flight to a server
// with or without anti-replay protection, which shows why 0-RTT suits only
// idempotent requests. The rest of the resumed handshake mirrors the full one
// and is left out.

import type { Actor, Scenario } from '../scenario';
import { rfc8448, rfc8448Resumption } from './rfc8448.fixture';
import { computeTlsResumption, type TlsResumptionParameters } from './resumption-trace';
import { buildSteps } from './step-specs';
import { binderSteps, ticketSteps } from './resumption-ticket-steps';
import { earlyDataSteps, replaySteps } from './early-data-steps';

export const RESUMPTION_SCENARIO_ID = 'resumption';

export const RESUMPTION_ACTORS: readonly Actor[] = [
  { id: 'client', name: 'Client' },
  { id: 'server', name: 'Server' },
  { id: 'attacker', name: 'Attacker on the path' },
];

/** The values RFC 8448 publishes, by the id of the computation whose output they are. */
const rfc8448Outputs: Readonly<Record<string, string>> = {
  'resumption-psk': rfc8448Resumption.psk,
  'early-secret-from-psk': rfc8448Resumption.earlySecret,
  'binder-key': rfc8448Resumption.binderKey,
  'binder-finished-key': rfc8448Resumption.binderFinishedKey,
  'truncated-client-hello-hash': rfc8448Resumption.truncatedHelloHash,
  'psk-binder': rfc8448Resumption.binder,
  'client-early-traffic-secret': rfc8448Resumption.clientEarlyTrafficSecret,
  'early-exporter-master-secret': rfc8448Resumption.earlyExporterMasterSecret,
  'early-data-key': rfc8448Resumption.earlyKey,
  'early-data-iv': rfc8448Resumption.earlyIv,
  'early-data-seal': rfc8448Resumption.earlyDataRecord.slice(10),
  'new-session-ticket-seal': rfc8448.newSessionTicketRecord.slice(10),
};

function markRfcValues(scenario: Scenario): Scenario {
  return {
    ...scenario,
    steps: scenario.steps.map((step) =>
      step.computations
        ? {
            ...step,
            computations: step.computations.map((c) =>
              rfc8448Outputs[c.id] === c.output.value
                ? {
                    ...c,
                    output: {
                      ...c.output,
                      note: c.output.note ? `RFC 8448 value; ${c.output.note}` : 'RFC 8448 value',
                    },
                  }
                : c,
            ),
          }
        : step,
    ),
  };
}

/** Builds the resumption scenario. Deterministic: the same parameters and seed give a deep-equal result. */
export function buildTlsResumption(parameters: TlsResumptionParameters, seed: number): Scenario {
  const trace = computeTlsResumption(parameters, seed);
  const steps = buildSteps(
    RESUMPTION_ACTORS,
    { client: 'idle', server: 'listening', attacker: 'idle' },
    [...ticketSteps(trace), ...binderSteps(trace), ...earlyDataSteps(trace), ...replaySteps(trace)],
  );
  const rfc = parameters.mode === 'rfc8448';
  const scenario: Scenario = {
    id: RESUMPTION_SCENARIO_ID,
    title: 'TLS 1.3 resumption and 0-RTT replay',
    summary: `${rfc ? 'RFC 8448 §3 and §4: the ticket, PSK, binder and early data recomputed from the published trace' : `A fresh ticket and 0-RTT request with ${trace.suite.name} from seed ${seed}`}, then an attacker replays the early data to a server ${parameters.antiReplay === 'single-use-ticket' ? 'that accepts each ticket once' : 'without anti-replay protection'}.`,
    seed,
    actors: RESUMPTION_ACTORS,
    steps,
  };
  return rfc ? markRfcValues(scenario) : scenario;
}
