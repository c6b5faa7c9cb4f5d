// The options a SYN carries and what the peer's SYN offered: MSS (RFC 9293
// §3.7.1), window scale and timestamps (RFC 7323), SACK permitted (RFC 2018).
// An option is used only when both SYNs carry it.

import type { TcpOption } from './header';

/** RFC 9293 §3.7.1: the MSS assumed when the peer sends no MSS option. */
export const DEFAULT_PEER_MSS = 536;

/** The options an endpoint is configured to offer. */
export interface OwnSynOptions {
  readonly mss: number;
  readonly windowScale?: number;
  readonly sackPermitted: boolean;
  readonly timestamps: boolean;
}

/** The options read from the peer's SYN. */
export interface PeerSynOptions {
  readonly mss: number;
  readonly windowScale?: number;
  readonly sackPermitted: boolean;
  readonly tsVal?: number;
}

/** Reads the MSS, window scale, SACK-permitted and timestamps options from a SYN. */
export function readSynOptions(options: readonly TcpOption[]): PeerSynOptions {
  let peer: PeerSynOptions = { mss: DEFAULT_PEER_MSS, sackPermitted: false };

  for (const option of options) {
    if (option.kind === 'mss') peer = { ...peer, mss: option.mss };
    if (option.kind === 'window-scale') peer = { ...peer, windowScale: option.shift };
    if (option.kind === 'sack-permitted') peer = { ...peer, sackPermitted: true };
    if (option.kind === 'timestamps') peer = { ...peer, tsVal: option.tsVal };
  }

  return peer;
}

/**
 * Lists the options of a SYN: everything `own` offers, or for a SYN, ACK only what the peer offered
 * too. The order is the one Linux uses, which keeps every option aligned without padding.
 */
export function buildSynOptions(
  own: OwnSynOptions,
  timestamp: { readonly tsVal: number; readonly tsEcr: number },
  peer?: PeerSynOptions,
): TcpOption[] {
  const scale = own.windowScale !== undefined && (peer ? peer.windowScale !== undefined : true);
  const sack = own.sackPermitted && (peer ? peer.sackPermitted : true);
  const timestamps = own.timestamps && (peer ? peer.tsVal !== undefined : true);
  const timestampOption: TcpOption = { kind: 'timestamps', ...timestamp };
  const options: TcpOption[] = [{ kind: 'mss', mss: own.mss }];

  if (sack && timestamps) options.push({ kind: 'sack-permitted' }, timestampOption);
  else if (timestamps) options.push({ kind: 'nop' }, { kind: 'nop' }, timestampOption);
  else if (sack) options.push({ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack-permitted' });

  if (scale) options.push({ kind: 'nop' }, { kind: 'window-scale', shift: own.windowScale! });
  return options;
}
