// Shared pieces of the handshake scenario's steps: the view over a computed
// trace, per-side schedule lookups, transcript hashes, the wire messages of
// plaintext and protected records, and helpers that merge actor updates.

import { bytesEqual } from '../bytes';
import type { Computation, NamedValue, WireMessage } from '../scenario';
import { plaintextHandshakeRecord, type EncodedMessage } from './messages';
import { hexValue, recordComputations, transcriptHashComputation } from './computation-views';
import type { RecordTransfer, Side, SideSchedule, TlsHandshakeTrace } from './handshake-trace';
import type { StepSpec } from './step-specs';

export interface HandshakeView {
  readonly trace: TlsHandshakeTrace;
  /** With a bug, key-schedule steps show the server's (correct) value beside the client's. */
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

export function openFailureSentence(transfer: RecordTransfer): string {
  if (transfer.opened.ok) return '';
  const receiver = other(transfer.sender);
  return ` The ${receiver} cannot open this record: the tag does not verify with the ${receiver}'s key and sequence number, so a real ${receiver} would send a bad_record_mac alert and close the connection. The lab goes on to show what the ${receiver} would compute next.`;
}

export function bothUpdate(
  view: HandshakeView,
  headline: string | undefined,
  fields: (side: Side) => NamedValue[],
) {
  const make = (side: Side) => ({ ...(headline ? { headline } : {}), fields: fields(side) });
  return { client: make('client'), server: make('server') };
}

export function bothNote(view: HandshakeView): string {
  return view.showServerSchedule
    ? " The client's bug applies here, so the step shows the client's value and the server's correct one."
    : ' Both sides compute the same value; the step shows it once.';
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
