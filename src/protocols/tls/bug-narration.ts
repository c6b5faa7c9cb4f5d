// The sentence each key-schedule step of the handshake scenario adds about
// the client's deliberate bug: whether the bug reaches the step's value, and
// why. It compares the client's computed values with the server's, so the
// narration cannot claim a difference that the step does not show.

import { bytesEqual } from '../bytes';
import type { Computation } from '../scenario';
import type { TlsBug } from './handshake-parameters';
import type { SideSchedule } from './handshake-trace';

/** The kind of key-schedule operation a step runs (RFC 8446 §7.1). */
export type ScheduleOperation =
  /** HKDF-Extract, which encodes no HkdfLabel. */
  | 'extract'
  /** HKDF-Expand-Label, directly or through Derive-Secret, which encodes an HkdfLabel. */
  | 'expand-label'
  /** Derive-Secret(., "derived", ""), the salt of the next extraction. */
  | 'derive-salt';

/** A value named as the narration names it; `plural` is set for names such as "keys and IVs". */
export interface NarratedValue {
  readonly name: string;
  readonly plural?: boolean;
}

/** Operation, output and input of a key-schedule step, used to decide whether a bug reaches it. */
export interface ScheduleStepUse {
  readonly operation: ScheduleOperation;
  readonly output: NarratedValue;
  /**
   * The secret or salt the step reads from earlier steps. Absent for the Early Secret,
   * which reads only zeros.
   */
  readonly input?: NarratedValue & { readonly value: (schedule: SideSchedule) => Uint8Array };
}

function differs(value: NarratedValue, adverb = ''): string {
  return `${value.name} ${adverb}${value.plural ? 'differ' : 'differs'}`;
}

/**
 * The effect of a bug on the client's key schedule. A bug that changes the schedule names its
 * mistake in clause-sized pieces, and any other bug gives the one sentence every schedule step shows.
 */
type ScheduleEffect =
  | { readonly changesSchedule: false; readonly sentence: string }
  | {
      readonly changesSchedule: true;
      readonly usedBy: (operation: ScheduleOperation) => boolean;
      /** The reason a step that runs the broken operation gets a different value, as a because-clause. */
      readonly mistake: string;
      /** The reason a step that does not run the broken operation is not changed by it directly. */
      readonly notUsed: string;
    };

const scheduleEffects: Readonly<Record<TlsBug, ScheduleEffect>> = {
  none: {
    changesSchedule: false,
    sentence: 'Both sides compute the same value, so the step shows it once.',
  },
  'two-byte-label-length': {
    changesSchedule: true,
    usedBy: (operation) => operation !== 'extract',
    mistake: 'its HkdfLabel carries two-byte lengths',
    notUsed: 'HKDF-Extract encodes no HkdfLabel',
  },
  'empty-derived-context': {
    changesSchedule: true,
    usedBy: (operation) => operation === 'derive-salt',
    mistake: 'it uses an empty context instead of Hash("")',
    notUsed: 'The empty context only enters the "derived" steps',
  },
  'wrong-sequence-number': {
    changesSchedule: false,
    sentence:
      'The sequence-number bug does not touch key derivation, so both sides derive the same value and the step shows it once.',
  },
};

/** Returns whether `bug` makes the client derive different secrets, so steps show both sides' values. */
export function changesKeySchedule(bug: TlsBug): boolean {
  return scheduleEffects[bug].changesSchedule;
}

/** Returns the client computations that have a server counterpart named `<client id>-server`. */
function pairedClientComputations(computations: readonly Computation[]) {
  const outputs = new Map(computations.map((c) => [c.id, c.output.value]));
  return computations.flatMap((c) => {
    const server = outputs.get(`${c.id}-server`);
    return c.actorId === 'client' && server !== undefined
      ? [{ client: c.output.value, server }]
      : [];
  });
}

/**
 * Returns the sentence a key-schedule step adds about the client's bug. `computations` are
 * the step's own, with each server computation named `<client id>-server` when both are shown.
 */
export function scheduleBugSentence(
  bug: TlsBug,
  client: SideSchedule,
  server: SideSchedule,
  computations: readonly Computation[],
  use: ScheduleStepUse,
): string {
  const scheduleBug = scheduleEffects[bug];
  if (!scheduleBug.changesSchedule) return scheduleBug.sentence;

  const used = scheduleBug.usedBy(use.operation);
  const { input, output } = use;
  const inputDiffers = input !== undefined && !bytesEqual(input.value(client), input.value(server));
  const pairs = pairedClientComputations(computations);
  const clientDiffers = pairs.some((pair) => pair.client !== pair.server);

  if (!clientDiffers) {
    return used
      ? `The client's bug applies here, yet both sides derive the same ${output.name}.`
      : `${scheduleBug.notUsed}, and both sides read the same inputs here, so both derive the same ${output.name}.`;
  }
  if (used) {
    const cause = inputDiffers
      ? `${scheduleBug.mistake} and its ${differs(input, 'already ')}`
      : scheduleBug.mistake;
    return `The client's bug applies here, because ${cause}, so the client's ${differs(output)} from the server's correct ${output.plural ? 'ones' : 'one'}.`;
  }
  return inputDiffers
    ? `${scheduleBug.notUsed}, but the client's ${differs(input, 'already ')}, so its ${differs(output)} too.`
    : `The client's bug does not run in this step, yet the client's ${differs(output)} from the server's.`;
}
