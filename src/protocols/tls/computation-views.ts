// Turns key-schedule values, transcripts and records into the Computation
// objects a scenario step shows: formula, inputs, output, the encoded bytes
// that fed the computation (with spans) and the computations it depends on.

import { toHex } from '../bytes';
import type { ByteSpan, Computation, NamedValue } from '../scenario';
import type { Derivation } from './key-schedule';
import type { EncodedMessage } from './messages';
import { describeContentType, padSequenceNumber } from './record';
import type { RecordTransfer } from './handshake-trace';
import { layoutBytes, piece } from './wire-layout';

export function hexValue(name: string, bytes: Uint8Array, note?: string): NamedValue {
  const value = bytes.length === 0 ? '(empty)' : toHex(bytes);
  return note === undefined ? { name, value } : { name, value, note };
}

interface Base {
  readonly id: string;
  readonly actorId: string;
  readonly label: string;
  readonly dependsOn?: readonly string[];
}

function withDependencies(
  computation: Computation,
  dependsOn: readonly string[] | undefined,
): Computation {
  return dependsOn && dependsOn.length > 0 ? { ...computation, dependsOn } : computation;
}

export interface ExpandLabelView extends Base {
  readonly outputName: string;
  readonly secretName: string;
  readonly secret: Uint8Array;
  readonly label: string;
  /** The label without "tls13 ", as the RFC writes it in formulas. */
  readonly hkdfLabel: string;
  readonly contextName: string;
  readonly context: Uint8Array;
  readonly length: number;
  readonly derivation: Derivation;
  /** Writes the formula as Derive-Secret(Secret, Label, Messages) instead of HKDF-Expand-Label. */
  readonly deriveSecretMessages?: string;
}

/** Builds an HKDF-Expand-Label (or Derive-Secret) computation with its HkdfLabel bytes, whose span fields match the inputs. */
export function expandLabelComputation(view: ExpandLabelView): Computation {
  const encoded = view.derivation.hkdfLabel;
  const formula = view.deriveSecretMessages
    ? `${view.outputName} = Derive-Secret(${view.secretName}, "${view.hkdfLabel}", ${view.deriveSecretMessages}) = HKDF-Expand-Label(${view.secretName}, "${view.hkdfLabel}", ${view.contextName}, ${view.length})`
    : `${view.outputName} = HKDF-Expand-Label(${view.secretName}, "${view.hkdfLabel}", ${view.contextName}, ${view.length})`;

  const computation: Computation = {
    id: view.id,
    actorId: view.actorId,
    label: view.label,
    formula,
    inputs: [
      hexValue('Secret', view.secret, view.secretName),
      { name: 'Label', value: `"${encoded?.fullLabel ?? view.hkdfLabel}"` },
      hexValue('Context', view.context, view.contextName),
      { name: 'Length', value: `${view.length} bytes` },
      ...(encoded
        ? [hexValue('HkdfLabel', encoded.bytes, `${encoded.bytes.length} bytes fed to HKDF-Expand`)]
        : []),
    ],
    output: hexValue(view.outputName, view.derivation.output),
    ...(encoded ? { bytes: encoded.bytes, spans: encoded.spans } : {}),
  };
  return withDependencies(computation, view.dependsOn);
}

export interface ExtractView extends Base {
  readonly outputName: string;
  readonly saltName: string;
  readonly salt: Uint8Array;
  readonly ikmName: string;
  readonly ikm: Uint8Array;
  readonly output: Uint8Array;
}

/** HKDF-Extract(salt, IKM) (RFC 5869 §2.2), as RFC 8446 §7.1 draws it: salt from above, IKM from the left. */
export function extractComputation(view: ExtractView): Computation {
  return withDependencies(
    {
      id: view.id,
      actorId: view.actorId,
      label: view.label,
      formula: `${view.outputName} = HKDF-Extract(salt = ${view.saltName}, IKM = ${view.ikmName})`,
      inputs: [hexValue('salt', view.salt, view.saltName), hexValue('IKM', view.ikm, view.ikmName)],
      output: hexValue(view.outputName, view.output),
    },
    view.dependsOn,
  );
}

export interface TranscriptView extends Base {
  readonly outputName: string;
  readonly hashName: string;
  /** Messages in transcript order, each with the name its span and input carry. */
  readonly messages: readonly { readonly name: string; readonly message: EncodedMessage }[];
  readonly output: Uint8Array;
}

/** Transcript-Hash over the concatenated handshake messages (RFC 8446 §4.4.1), one span per message. */
export function transcriptHashComputation(view: TranscriptView): Computation {
  const { bytes, spans } = layoutBytes(
    view.messages.map(({ name, message }) =>
      piece(`${name} (${message.bytes.length} bytes)`, message.bytes, name),
    ),
  );
  const names = view.messages.map(({ name }) => name);
  return withDependencies(
    {
      id: view.id,
      actorId: view.actorId,
      label: view.label,
      formula: `${view.outputName} = ${view.hashName}(${names.join(' || ')})`,
      inputs: view.messages.map(({ name, message }) =>
        hexValue(name, message.bytes, `${message.bytes.length} bytes`),
      ),
      output: hexValue(view.outputName, view.output),
      bytes,
      spans,
    },
    view.dependsOn,
  );
}

export interface RecordView {
  /** The id prefix, such as "encrypted-extensions": the computations get "-nonce", "-seal" and "-open". */
  readonly prefix: string;
  readonly receiverId: string;
  readonly transfer: RecordTransfer;
  /** The plaintext message, when the content is a handshake message. */
  readonly message?: EncodedMessage;
  readonly contentName: string;
  readonly keyName: string;
  /** Ids of the computations that produced the write key and IV. */
  readonly keyComputations: readonly string[];
  readonly dependsOn?: readonly string[];
}

export const recordInputNames = {
  contentType: 'content type',
  innerPlaintext: 'TLSInnerPlaintext',
} as const;

function sequenceNote(sequenceNumber: bigint, ivLength: number): string {
  return `64-bit, left-padded: ${toHex(padSequenceNumber(sequenceNumber, ivLength))}`;
}

/** Lays out the inner plaintext as the message's own spans plus the content type byte. */
function innerPlaintextSpans(view: RecordView): { bytes: Uint8Array; spans: readonly ByteSpan[] } {
  const { transfer } = view;
  const contentLayout = view.message
    ? view.message.layout
    : [piece(view.contentName, transfer.content, view.contentName)];
  const typeByte = new Uint8Array([transfer.contentType]);
  return layoutBytes([
    ...contentLayout,
    piece(
      `content type: ${describeContentType(transfer.contentType)}`,
      typeByte,
      recordInputNames.contentType,
    ),
  ]);
}

/** Nonce, seal and open computations for one record (RFC 8446 §5.2-5.3). */
export function recordComputations(view: RecordView): Computation[] {
  const { transfer, prefix } = view;
  const sealed = transfer.sealed;
  const ivLength = sealed.nonce.length;
  const inner = innerPlaintextSpans(view);
  const contentFields: NamedValue[] = view.message
    ? [...view.message.fields]
    : [hexValue(view.contentName, transfer.content, `${transfer.content.length} bytes`)];

  const nonce: Computation = withDependencies(
    {
      id: `${prefix}-nonce`,
      actorId: transfer.sender,
      label: `nonce for record ${sealed.sequenceNumber}`,
      formula: 'nonce = write_iv XOR sequence number (left-padded to the IV length)',
      inputs: [
        hexValue('write_iv', transfer.senderIv),
        {
          name: 'sequence number',
          value: String(sealed.sequenceNumber),
          note: sequenceNote(sealed.sequenceNumber, ivLength),
        },
      ],
      output: hexValue('nonce', sealed.nonce),
    },
    view.keyComputations.filter((id) => id.endsWith('-iv') || id.endsWith('-keys')),
  );

  const seal: Computation = withDependencies(
    {
      id: `${prefix}-seal`,
      actorId: transfer.sender,
      label: `seal ${view.contentName}`,
      formula:
        'encrypted_record = AEAD-Encrypt(write_key, nonce, additional_data = record header, TLSInnerPlaintext)',
      inputs: [
        hexValue('write_key', transfer.senderKey, view.keyName),
        hexValue('nonce', sealed.nonce),
        hexValue(
          'additional_data',
          sealed.header,
          'the 5-byte record header: type 23, version 0x0303, length',
        ),
        hexValue(
          recordInputNames.innerPlaintext,
          sealed.innerPlaintext,
          'content || content type || padding',
        ),
        { name: recordInputNames.contentType, value: describeContentType(transfer.contentType) },
        ...contentFields,
      ],
      output: hexValue(
        'encrypted_record',
        sealed.encryptedRecord,
        'ciphertext followed by the 16-byte tag',
      ),
      bytes: inner.bytes,
      spans: inner.spans,
    },
    [...view.keyComputations, `${prefix}-nonce`, ...(view.dependsOn ?? [])],
  );

  return [nonce, seal, openComputation(view)];
}

function openComputation(view: RecordView): Computation {
  const { transfer, prefix } = view;
  const opened = transfer.opened;
  const readNonce = opened.ok ? opened.opened.nonce : opened.nonce;
  const output = opened.ok
    ? hexValue(
        view.contentName,
        opened.opened.content,
        `content type ${describeContentType(opened.opened.contentType)}`,
      )
    : {
        name: view.contentName,
        value: 'authentication failed',
        note: 'the AEAD tag did not verify, so the receiver sends a bad_record_mac alert (RFC 8446 §5.2)',
      };
  return {
    id: `${prefix}-open`,
    actorId: view.receiverId,
    label: `open ${view.contentName}`,
    formula:
      'TLSInnerPlaintext = AEAD-Decrypt(read key, nonce, additional_data = record header, encrypted_record)',
    inputs: [
      hexValue('read key', transfer.receiverKey, view.keyName),
      hexValue('read iv', transfer.receiverIv),
      {
        name: 'sequence number',
        value: String(transfer.readSequenceNumber),
        note: sequenceNote(transfer.readSequenceNumber, readNonce.length),
      },
      hexValue('nonce', readNonce),
      hexValue('additional_data', transfer.sealed.header),
      hexValue('encrypted_record', transfer.sealed.encryptedRecord),
    ],
    output,
    dependsOn: [`${prefix}-seal`],
  };
}
