// Simultaneous close (RFC 9293 §3.6, Figure 13): both applications close at
// the same instant, the FINs cross, both sides pass through CLOSING and both
// end in TIME-WAIT.

import type { Scenario } from '../../scenario';
import {
  checkParameters,
  MSL_PARAMETER,
  numberParameter,
  RTT_PARAMETER,
  type ParameterSpec,
} from '../parameters';
import { endpointConfig, scenarioFrom, uniqueId } from '../scenario-kit';
import type { TcpScenarioDefinition } from '../scenario-definition';
import { runSimulation } from '../simulator';
import { buildStepsFromTrace } from '../trace-steps';
import { describeByState } from './state-steps';

const ID = 'simultaneous-close';

const PARAMETERS: readonly ParameterSpec[] = [MSL_PARAMETER, RTT_PARAMETER];

export function buildSimultaneousClose(
  parameters: Readonly<Record<string, unknown>>,
  seed: number,
): Scenario {
  const values = checkParameters(ID, PARAMETERS, parameters);
  const rttMs = numberParameter(values, 'rttMs');
  const mslMs = numberParameter(values, 'mslSeconds') * 1000;

  const result = runSimulation({
    seed,
    client: endpointConfig('client', seed, { mslMs }),
    server: endpointConfig('server', seed, { mslMs }),
    link: { oneWayDelayMs: rttMs / 2, bandwidthBitsPerSecond: Infinity },
    calls: [
      { at: 0, actor: 'client', call: { kind: 'close' } },
      { at: 0, actor: 'server', call: { kind: 'close' } },
    ],
    startEstablished: true,
    untilMs: 4 * mslMs + 10_000,
  });

  const describe = describeByState({
    extra: (entry, _result, taken) =>
      entry.cause.kind === 'start'
        ? {
            id: uniqueId('established', taken),
            title: 'Both sides are ESTABLISHED',
            narration:
              'The connection is open and idle. Both applications are about to call close() at the same instant, so neither FIN can be acknowledged before the other is sent.',
            reference: 'RFC 9293 §3.6',
          }
        : undefined,
  });
  return scenarioFrom(simultaneousCloseScenario, seed, buildStepsFromTrace(result, describe));
}

export const simultaneousCloseScenario: TcpScenarioDefinition = {
  id: ID,
  title: 'Simultaneous close',
  summary:
    'Both sides send FIN at once: the FINs cross, both pass through CLOSING, and both wait in TIME-WAIT.',
  parameters: PARAMETERS,
  build: buildSimultaneousClose,
};
