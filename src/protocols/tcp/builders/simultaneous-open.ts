// Simultaneous open (RFC 9293 §3.5, Figure 8): both sides call connect() to
// each other at once, the SYNs cross, each moves from SYN-SENT to SYN-RECEIVED
// and then to ESTABLISHED, using four segments instead of three.

import type { Scenario } from '../../scenario';
import { checkParameters, numberParameter, RTT_PARAMETER, type ParameterSpec } from '../parameters';
import { endpointConfig, scenarioFrom } from '../scenario-kit';
import type { TcpScenarioDefinition } from '../scenario-definition';
import { runSimulation } from '../simulator';
import { buildStepsFromTrace } from '../trace-steps';
import { describeByState } from './state-steps';

const ID = 'simultaneous-open';

const PARAMETERS: readonly ParameterSpec[] = [RTT_PARAMETER];

export function buildSimultaneousOpen(
  parameters: Readonly<Record<string, unknown>>,
  seed: number,
): Scenario {
  const values = checkParameters(ID, PARAMETERS, parameters);
  const rttMs = numberParameter(values, 'rttMs');

  const result = runSimulation({
    seed,
    // Both ends use fixed ports, since each must know the other's port before it sends a SYN.
    client: endpointConfig('client', seed, { port: 5001 }),
    server: endpointConfig('server', seed, { port: 5002 }),
    link: { oneWayDelayMs: rttMs / 2, bandwidthBitsPerSecond: Infinity },
    calls: [
      { at: 0, actor: 'client', call: { kind: 'connect' } },
      { at: 0, actor: 'server', call: { kind: 'connect' } },
    ],
    untilMs: 20 * rttMs,
  });

  const describe = describeByState({ highlight: () => ['Flags', 'Acknowledgment Number'] });
  return scenarioFrom(simultaneousOpenScenario, seed, buildStepsFromTrace(result, describe));
}

export const simultaneousOpenScenario: TcpScenarioDefinition = {
  id: ID,
  title: 'Simultaneous open',
  summary:
    'Both sides send SYN at once: each answers the other with SYN, ACK, and both reach ESTABLISHED without a listener.',
  parameters: PARAMETERS,
  build: buildSimultaneousOpen,
};
