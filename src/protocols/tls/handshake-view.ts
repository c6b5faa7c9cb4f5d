// Shared pieces of the handshake scenario's steps: the view over a computed
// trace, per-side schedule lookups, transcript hashes, the wire messages of
// plaintext and protected records, and helpers that merge actor updates.

import { bytesEqual } from '../bytes';
import type { Computation, NamedValue, WireMessage } from '../scenario';
import { plaintextHandshakeRecord, type EncodedMessage } from './messages';
import { hexValue, recordComputations, transcriptHashComputation } from './computation-views';
import type { RecordTransfer, Side, SideSchedule, TlsHandshakeTrace } from './handshake-trace';
import type { StepSpec } from './step-specs';
import { scheduleBugSentence, type ScheduleStepUse } from './bug-narration';

export interface HandshakeView {
  readonly trace: TlsHandshakeTrace;
  /**
   * Set when the client's bug changes its key schedule: key-schedule steps then show the
   * server's correct value beside the client's.
   */
  readonly showServerSchedule: boolean;
}

export const other = (side: Side): Side => (side === 'client' ? 'server' : 'client');

/** The id of a schedule computation for `side`: the client's keeps the base id. */
export const sideId = (base: string, side: Side): string =>
  side === 'client' ? base : `${base}-server`;

export function schedule(view: HandshakeView, side: Side): SideSchedule {
  return side === 'client' ? view.trace.client : view.trace.server;
}

export function perSide(view: HandshakeView, make: (side: Side) => Computation): Computation[] {
  return view.showServerSchedule ? [make('client'), make('server')] : [make('client')];
}

export function perSideList(
  view: HandshakeView,
  make: (side: Side) => Computation[],
): Computation[] {
  return view.showServerSchedule ? [...make('client'), ...make('server')] : make('client');
}

export function hashName(view: HandshakeView): string {
  return view.trace.suite.hash.name;
}

export function transcriptMessages(view: HandshakeView, upTo: number) {
  const m = view.trace.messages;
  const all = [
    { name: 'ClientHello', message: m.clientHello },
    { name: 'ServerHello', message: m.serverHello },
    { name: 'EncryptedExtensions', message: m.encryptedExtensions },
    { name: 'Certificate', message: m.certificate },
    { name: 'CertificateVerify', message: m.certificateVerify },
    { name: 'server Finished', message: m.serverFinished },
    { name: 'client Finished', message: m.clientFinished },
  ];
  return all.slice(0, upTo);
}

export function transcriptComputation(
  view: HandshakeView,
  id: string,
  upTo: number,
  output: Uint8Array,
  actorId: Side,
): Computation {
  const messages = transcriptMessages(view, upTo);
  const last = messages[messages.length - 1]!.name;
  return transcriptHashComputation({
    id,
    actorId,
    label: `Transcript-Hash(ClientHello..${last})`,
    outputName: `Transcript-Hash(ClientHello..${last})`,
    hashName: hashName(view),
    messages,
    output,
  });
}

export function plaintextWireMessage(
  id: string,
  from: Side,
  message: EncodedMessage,
  recordVersion: number,
): WireMessage {
  const record = plaintextHandshakeRecord(message, recordVersion);
  return {
    id,
    from,
    to: other(from),
    label: message.name,
    fate: 'delivered',
    fields: record.fields,
    bytes: record.bytes,
    spans: record.spans,
  };
}

export function recordWireMessage(
  id: string,
  label: string,
  transfer: RecordTransfer,
  content: string,
): WireMessage {
  const sealed = transfer.sealed;
  return {
    id,
    from: transfer.sender,
    to: other(transfer.sender),
    label,
    fate: 'delivered',
    fields: [
      {
        name: 'record type',
        value: 'application_data (23); the real content type is encrypted inside',
      },
      { name: 'record version', value: '0x0303' },
      { name: 'record length', value: `${sealed.encryptedRecord.length} bytes` },
      hexValue(
        'encrypted_record',
        sealed.encryptedRecord,
        `${content}, encrypted, then the 16-byte tag`,
      ),
    ],
    bytes: sealed.record,
    spans: sealed.spans,
  };
}

export function sequenceUpdates(transfer: RecordTransfer, keyName: string) {
  const receiver = other(transfer.sender);
  return {
    [transfer.sender]: {
      fields: [
        {
          name: 'last write sequence number',
          value: `${transfer.sealed.sequenceNumber} (${keyName})`,
        },
      ],
    },
    [receiver]: {
      fields: [
        { name: 'last read sequence number', value: `${transfer.readSequenceNumber} (${keyName})` },
      ],
    },
  };
}

/**
 * Returns the narration sentence for a record that its receiver cannot open, or undefined
 * when it opens. The sentence names what differs: the keys, the sequence numbers or both.
 */
export function openFailureSentence(transfer: RecordTransfer): string | undefined {
  if (transfer.opened.ok) return undefined;
  const sender = transfer.sender;
  const receiver = other(sender);
  const written = transfer.sealed.sequenceNumber;
  const read = transfer.readSequenceNumber;
  const keyDiffers = !bytesEqual(transfer.senderKey, transfer.receiverKey);
  const ivDiffers = !bytesEqual(transfer.senderIv, transfer.receiverIv);
  const keyParts = [keyDiffers ? 'key' : '', ivDiffers ? 'IV' : ''].filter(Boolean);
  const outcome = `so the tag does not verify and the ${receiver} would answer with a bad_record_mac alert`;

  const keys = keyParts.join(' and ');
  const keysDiffer = `The ${receiver}'s ${keys} for this record ${keyParts.length > 1 ? 'differ' : 'differs'} from the ${sender}'s`;

  if (read !== written && keyParts.length > 0) {
    return `${keysDiffer}, and it expects sequence number ${read} where the ${sender} used ${written}, ${outcome}.`;
  }
  if (read !== written) {
    return `The ${receiver} opens this record with sequence number ${read}, but the ${sender} sealed it with ${written}, ${outcome}.`;
  }
  if (keyParts.length > 0) return `${keysDiffer}, ${outcome}.`;
  return `The ${receiver} cannot open this record, ${outcome}.`;
}

/** Returns the sentence for a Finished whose verify_data the receiver rejects (RFC 8446 §4.4.4). */
export function finishedRejectedSentence(receiver: Side): string {
  return `The ${receiver}'s own verify_data differs, so it would send a decrypt_error alert and close the connection.`;
}

/**
 * Joins a step's narration from its lead sentence and one more: what went wrong when
 * something did, and the step's detail sentence otherwise, so it stays at two sentences.
 */
export function narrate(lead: string, detail?: string, problem?: string): string {
  const second = problem ?? detail;
  return second ? `${lead} ${second}` : lead;
}

/** The actor field that names the alert a receiver would send, and the step highlight that points at it. */
export const ALERT_FIELD = 'alert';

interface ReceiverAlert {
  readonly name: string;
  readonly reference: string;
  readonly reason: string;
  /** The id of the computation that failed. */
  readonly failed: string;
}

/** Returns the alert a record's receiver would send, or undefined when it accepts the record. */
function receiverAlert(
  transfer: RecordTransfer,
  record: { readonly prefix: string; readonly content: string; readonly checkPassed?: boolean },
): ReceiverAlert | undefined {
  if (!transfer.opened.ok) {
    return {
      name: 'bad_record_mac',
      reference: 'RFC 8446 §5.2',
      reason: `the ${record.content} record did not open`,
      failed: `${record.prefix}-open`,
    };
  }
  if (record.checkPassed === false) {
    return {
      name: 'decrypt_error',
      reference: 'RFC 8446 §4.4.4',
      reason: `the ${record.content} verify_data did not match`,
      failed: `${record.prefix}-check`,
    };
  }
  return undefined;
}

/**
 * Adds the alert a receiver would send to a record step whose record does not open, or whose
 * Finished fails the verify_data check. The alert goes into the receiver's headline and an
 * "alert" field, and the step highlights that field and the failed computation.
 */
export function withReceiverAlert(
  spec: StepSpec,
  transfer: RecordTransfer,
  record: { readonly prefix: string; readonly content: string; readonly checkPassed?: boolean },
): StepSpec {
  const alert = receiverAlert(transfer, record);
  if (!alert) return spec;

  const receiver = other(transfer.sender);
  const update: Updates = {
    [receiver]: {
      headline: `${alert.name}: ${alert.reason}`,
      fields: [
        {
          name: ALERT_FIELD,
          value: `${alert.name} (${alert.reference})`,
          note: `sent because ${alert.reason}, and a real ${receiver} closes the connection with it`,
        },
      ],
    },
  };
  const highlight = [...new Set([...(spec.highlight ?? []), ALERT_FIELD, alert.failed])];
  return { ...spec, updates: merge(spec.updates ?? {}, update), highlight };
}

export function bothUpdate(
  view: HandshakeView,
  headline: string | undefined,
  fields: (side: Side) => NamedValue[],
) {
  const make = (side: Side) => ({ ...(headline ? { headline } : {}), fields: fields(side) });
  return { client: make('client'), server: make('server') };
}

/** Joins a key-schedule step's explanation and the sentence on whether the client's bug reaches it. */
export function scheduleNarration(
  view: HandshakeView,
  lead: string,
  computations: readonly Computation[],
  use: ScheduleStepUse,
): string {
  const { parameters, client, server } = view.trace;
  return `${lead} ${scheduleBugSentence(parameters.bug, client, server, computations, use)}`;
}

export function serverRecordStep(
  view: HandshakeView,
  id: string,
  message: EncodedMessage,
  transfer: RecordTransfer,
  sequenceKey: string,
): Pick<StepSpec, 'messages' | 'computations'> & { updates: NonNullable<StepSpec['updates']> } {
  return {
    messages: [recordWireMessage(id, message.name, transfer, message.name)],
    computations: recordComputations({
      prefix: id,
      receiverId: other(transfer.sender),
      transfer,
      message,
      contentName: message.name,
      keyName: `${transfer.sender}_write_key (${sequenceKey})`,
      keyComputations: keyComputationIds(view, transfer.sender, sequenceKey),
    }),
    updates: sequenceUpdates(transfer, `${transfer.sender} ${sequenceKey} key`),
  };
}

/** Returns the ids of the computations of the sender's own write key and IV for `phase`. */
export function keyComputationIds(view: HandshakeView, sender: Side, phase: string): string[] {
  const side = view.showServerSchedule ? sender : 'client';
  return [sideId(`${sender}-${phase}-key`, side), sideId(`${sender}-${phase}-iv`, side)];
}

export function finishedCheck(
  id: string,
  actorId: Side,
  finishedKey: Uint8Array,
  transcriptHash: Uint8Array,
  received: Uint8Array,
  expected: Uint8Array,
  transfer: RecordTransfer,
  hashName: string,
): Computation {
  const verdict = !transfer.opened.ok
    ? 'not checked: the record did not open'
    : bytesEqual(received, expected)
      ? 'matches'
      : 'does not match';
  return {
    id,
    actorId,
    label: `${actorId} checks verify_data`,
    formula: `expected = HMAC-${hashName}(finished_key, transcript hash); accept if expected == received verify_data`,
    inputs: [
      hexValue('finished_key', finishedKey, `the ${actorId}'s own`),
      hexValue('transcript hash', transcriptHash),
      hexValue('expected verify_data', expected),
      hexValue('received verify_data', received),
    ],
    output: { name: 'verify_data check', value: verdict },
    dependsOn: [`${id.replace('-check', '')}-open`],
  };
}

export type Updates = NonNullable<StepSpec['updates']>;

/** Merges actor updates: headlines from `extra` win, fields are appended. */
export function merge(base: Updates, extra: Updates): Updates {
  const out: Record<string, { headline?: string; fields?: NamedValue[] }> = {};
  for (const [actor, update] of [...Object.entries(base), ...Object.entries(extra)]) {
    const current = out[actor] ?? {};
    out[actor] = {
      ...current,
      ...(update.headline !== undefined ? { headline: update.headline } : {}),
      fields: [...(current.fields ?? []), ...(update.fields ?? [])],
    };
  }
  return out;
}
