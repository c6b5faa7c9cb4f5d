// A SYN to a port where nothing listens (RFC 9293 §3.10.7.1): the host replies
// with RST, ACK and the client's connect() fails with "connection refused".

import type { Scenario } from '../../scenario';
import { checkParameters, numberParameter, RTT_PARAMETER, type ParameterSpec } from '../parameters';
import { endpointConfig, scenarioFrom } from '../scenario-kit';
import type { TcpScenarioDefinition } from '../scenario-definition';
import { runSimulation } from '../simulator';
import { buildStepsFromTrace } from '../trace-steps';
import { describeByState } from './state-steps';

const ID = 'reset';

const PARAMETERS: readonly ParameterSpec[] = [
  {
    name: 'port',
    label: 'Destination port (nothing listens)',
    kind: 'number',
    default: 8080,
    min: 1,
    max: 65535,
    step: 1,
  },
  RTT_PARAMETER,
];

export function buildReset(parameters: Readonly<Record<string, unknown>>, seed: number): Scenario {
  const values = checkParameters(ID, PARAMETERS, parameters);
  const rttMs = numberParameter(values, 'rttMs');

  const result = runSimulation({
    seed,
    client: endpointConfig('client', seed),
    server: endpointConfig('server', seed, { port: numberParameter(values, 'port') }),
    link: { oneWayDelayMs: rttMs / 2, bandwidthBitsPerSecond: Infinity },
    calls: [{ at: 0, actor: 'client', call: { kind: 'connect' } }],
    untilMs: 20 * rttMs,
  });

  const describe = describeByState({
    ids: { 'server:CLOSED>CLOSED': 'rst-sent' },
    highlight: (t) =>
      t.event === 'receive-syn' || t.event === 'receive-rst'
        ? ['Flags', 'Sequence Number', 'Acknowledgment Number']
        : undefined,
  });
  return scenarioFrom(resetScenario, seed, buildStepsFromTrace(result, describe));
}

export const resetScenario: TcpScenarioDefinition = {
  id: ID,
  title: 'RST to a closed port',
  summary:
    'A SYN reaches a port with no listener: the host answers with a RST and the connection is refused at once.',
  parameters: PARAMETERS,
  build: buildReset,
};
