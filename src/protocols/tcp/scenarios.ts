// The registry of TCP scenarios, in the order the lab lists them, and the
// normalization of raw URL values into valid parameters for one of them.

import type { Scenario } from '../scenario';
import { abortScenario } from './builders/abort';
import { closeScenario } from './builders/close';
import { congestionScenario } from './builders/congestion';
import { dataScenario } from './builders/data';
import { fastRetransmitScenario } from './builders/fast-retransmit';
import { handshakeScenario } from './builders/handshake';
import { nagleScenario } from './builders/nagle';
import { resetScenario } from './builders/reset';
import { simultaneousCloseScenario } from './builders/simultaneous-close';
import { simultaneousOpenScenario } from './builders/simultaneous-open';
import { synLossScenario } from './builders/syn-loss';
import { tcpVsUdpScenario } from './builders/tcp-vs-udp';
import { zeroWindowScenario } from './builders/zero-window';
import { tcpError } from './errors';
import { normalizeParameters } from '../parameters';
import type { ParameterValues } from './parameters';
import type { TcpScenarioDefinition } from './scenario-definition';

export const TCP_SCENARIO_IDS = [
  'handshake',
  'data',
  'close',
  'simultaneous-close',
  'simultaneous-open',
  'reset',
  'abort',
  'syn-loss',
  'fast-retransmit',
  'zero-window',
  'congestion',
  'nagle',
  'tcp-vs-udp',
] as const;

export type TcpScenarioId = (typeof TCP_SCENARIO_IDS)[number];

/** Every TCP scenario by id; iteration follows TCP_SCENARIO_IDS. */
export const tcpScenarios: Readonly<Record<TcpScenarioId, TcpScenarioDefinition>> = {
  handshake: handshakeScenario,
  data: dataScenario,
  close: closeScenario,
  'simultaneous-close': simultaneousCloseScenario,
  'simultaneous-open': simultaneousOpenScenario,
  reset: resetScenario,
  abort: abortScenario,
  'syn-loss': synLossScenario,
  'fast-retransmit': fastRetransmitScenario,
  'zero-window': zeroWindowScenario,
  congestion: congestionScenario,
  nagle: nagleScenario,
  'tcp-vs-udp': tcpVsUdpScenario,
};

export function isTcpScenarioId(value: unknown): value is TcpScenarioId {
  return typeof value === 'string' && (TCP_SCENARIO_IDS as readonly string[]).includes(value);
}

/** Returns the scenario with `id`; throws `tcp/unknown-scenario` for an id not in the registry. */
export function getTcpScenario(id: string): TcpScenarioDefinition {
  if (!isTcpScenarioId(id)) {
    throw tcpError('tcp/unknown-scenario', `unknown TCP scenario "${id}"`, { scenario: id });
  }
  return tcpScenarios[id];
}

/**
 * Normalizes raw values from the URL or a form for scenario `id`: numbers are clamped and
 * snapped to their step, unreadable values fall back to their defaults, unknown names are dropped.
 * Throws `tcp/unknown-scenario` for an unknown id.
 */
export function normalizeTcpParameters(
  id: string,
  raw: Readonly<Record<string, unknown>>,
): ParameterValues {
  return normalizeParameters(getTcpScenario(id).parameters, raw).values;
}

/** Builds scenario `id` from raw values, normalizing them first, as a deep link would. */
export function buildTcpScenario(
  id: string,
  raw: Readonly<Record<string, unknown>>,
  seed: number,
): Scenario {
  return getTcpScenario(id).build(normalizeTcpParameters(id, raw), seed);
}
