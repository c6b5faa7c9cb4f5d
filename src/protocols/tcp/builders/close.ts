// The four-way close (RFC 9293 §3.6): FIN-WAIT-1, CLOSE-WAIT, FIN-WAIT-2,
// LAST-ACK and TIME-WAIT with its 2·MSL timer, and optionally a lost final ACK
// that shows why TIME-WAIT exists.

import type { Scenario } from '../../scenario';
import {
  booleanParameter,
  checkParameters,
  MSL_PARAMETER,
  numberParameter,
  RTT_PARAMETER,
  type ParameterSpec,
} from '../parameters';
import { endpointConfig, formatMs, scenarioFrom, uniqueId } from '../scenario-kit';
import type { TcpScenarioDefinition } from '../scenario-definition';
import { drawIss, runSimulation } from '../simulator';
import { relative, buildStepsFromTrace } from '../trace-steps';
import { describeByState, type ExtraLabel } from './state-steps';

const ID = 'close';

const PARAMETERS: readonly ParameterSpec[] = [
  MSL_PARAMETER,
  {
    name: 'serverCloseDelayMs',
    label: 'Server application closes after',
    kind: 'number',
    default: 100,
    min: 0,
    max: 5000,
    step: 10,
    unit: 'ms',
  },
  { name: 'loseFinalAck', label: 'Lose the final ACK', kind: 'boolean', default: false },
  RTT_PARAMETER,
];

const extra: ExtraLabel = (entry, result, taken) => {
  if (entry.cause.kind === 'start') {
    return {
      id: uniqueId('established', taken),
      title: 'Both sides are ESTABLISHED',
      narration:
        'The connection is open and all data has been acknowledged. The client will close first, so it is the side that ends up in TIME-WAIT.',
      reference: 'RFC 9293 §3.6',
    };
  }

  if (entry.cause.kind === 'timer' && entry.cause.timer === 'retransmission') {
    return {
      id: uniqueId('fin-retransmitted', taken),
      title: 'Server retransmits its FIN',
      narration: `No ACK for the server's FIN came back within the RTO, so the server sends the FIN again and doubles its RTO to ${formatMs(entry.snapshots.server.rtoMs)}.`,
      reference: 'RFC 6298 §5.4–§5.6',
    };
  }

  return undefined;
};

export function buildClose(parameters: Readonly<Record<string, unknown>>, seed: number): Scenario {
  const values = checkParameters(ID, PARAMETERS, parameters);
  const rttMs = numberParameter(values, 'rttMs');
  const mslMs = numberParameter(values, 'mslSeconds') * 1000;
  const loseFinalAck = booleanParameter(values, 'loseFinalAck');
  const serverIss = drawIss(seed, 'server');
  let finalAckLost = false;

  const result = runSimulation({
    seed,
    client: endpointConfig('client', seed, { mslMs }),
    server: endpointConfig('server', seed, { mslMs }),
    link: {
      oneWayDelayMs: rttMs / 2,
      bandwidthBitsPerSecond: Infinity,
      lose: (segment) => {
        // The client's ACK of the server's FIN, which acknowledges relative 2: the FIN took number 1.
        const acksServerFin =
          segment.from === 'client' && segment.purpose === 'ack' && segment.header.flags.ack;
        if (!loseFinalAck || finalAckLost || !acksServerFin) return false;
        finalAckLost = relative(segment.header.acknowledgmentNumber, serverIss) === 2;
        return finalAckLost;
      },
    },
    calls: [
      { at: 0, actor: 'client', call: { kind: 'close' } },
      {
        at: rttMs / 2 + numberParameter(values, 'serverCloseDelayMs'),
        actor: 'server',
        call: { kind: 'close' },
      },
    ],
    startEstablished: true,
    untilMs: 4 * mslMs + 120_000,
  });

  const describe = describeByState({
    extra,
    ids: { 'client:TIME-WAIT>TIME-WAIT': 'time-wait-restarted' },
    highlight: (t) =>
      t.to === 'TIME-WAIT' && t.from !== 'TIME-WAIT' ? ['TIME-WAIT timer'] : undefined,
  });
  return scenarioFrom(closeScenario, seed, buildStepsFromTrace(result, describe));
}

export const closeScenario: TcpScenarioDefinition = {
  id: ID,
  title: 'Four-way close and TIME-WAIT',
  summary:
    'Each direction closes with its own FIN and ACK; the side that closes first waits 2·MSL in TIME-WAIT.',
  parameters: PARAMETERS,
  build: buildClose,
};
