// Resumption scenario steps from the ClientHello on: the early traffic keys,
// the 0-RTT record, the server accepting it, and an attacker replaying it to a
// server with or without single-use tickets (RFC 8446 §2.3, §8).

import type { Computation, WireMessage } from '../scenario';
import { plaintextHandshakeRecord } from './messages';
import { contentTypes, type OpenResult } from './record';
import { expandLabelComputation, hexValue, recordComputations } from './computation-views';
import type { ResumptionTrace } from './resumption-trace';
import type { RecordTransfer } from './handshake-trace';
import type { StepSpec } from './step-specs';

function describeData(bytes: Uint8Array): string {
  const text = new TextDecoder().decode(bytes);
  return /^[\x20-\x7e\r\n]*$/.test(text) ? JSON.stringify(text) : `${bytes.length} bytes`;
}

function originalOpen(trace: ResumptionTrace): OpenResult {
  // NOTE: the first arrival always carries a valid binder and an unused ticket, so the server opens it.
  if (!trace.original.opened) throw new Error('the first arrival of the early data was not opened');
  return trace.original.opened;
}

function earlyDataTransfer(trace: ResumptionTrace): RecordTransfer {
  const keys = trace.earlyKeys;
  return {
    sender: 'client',
    content: trace.earlyData,
    contentType: contentTypes.application_data,
    sealed: trace.earlyDataRecord,
    senderKey: keys.key.output,
    senderIv: keys.iv.output,
    receiverKey: keys.key.output,
    receiverIv: keys.iv.output,
    readSequenceNumber: 0n,
    opened: originalOpen(trace),
  };
}

function helloMessage(id: string, from: string, trace: ResumptionTrace): WireMessage {
  const record = plaintextHandshakeRecord(trace.clientHello, 0x0301);
  return {
    id,
    from,
    to: 'server',
    label: 'ClientHello',
    fate: 'delivered',
    fields: record.fields,
    bytes: record.bytes,
    spans: record.spans,
  };
}

function earlyDataMessage(id: string, from: string, trace: ResumptionTrace): WireMessage {
  const sealed = trace.earlyDataRecord;
  return {
    id,
    from,
    to: 'server',
    label: 'early data (0-RTT)',
    fate: 'delivered',
    fields: [
      { name: 'record type', value: 'application_data (23)' },
      { name: 'record version', value: '0x0303' },
      { name: 'record length', value: `${sealed.encryptedRecord.length} bytes` },
      hexValue(
        'encrypted_record',
        sealed.encryptedRecord,
        'early data, encrypted, then the 16-byte tag',
      ),
    ],
    bytes: sealed.record,
    spans: sealed.spans,
  };
}

export function earlyDataSteps(trace: ResumptionTrace): StepSpec[] {
  const hash = trace.suite.hash;
  const earlyRecord = recordComputations({
    prefix: 'early-data',
    receiverId: 'server',
    transfer: earlyDataTransfer(trace),
    contentName: 'early data',
    keyName: 'client_early_traffic_secret key',
    keyComputations: ['early-data-key', 'early-data-iv'],
  });
  const [nonce, seal, open] = earlyRecord as [Computation, Computation, Computation];
  const keyComputation = (part: 'key' | 'iv') =>
    expandLabelComputation({
      id: `early-data-${part}`,
      actorId: 'client',
      label: `early data write ${part}`,
      outputName: `client_write_${part} (early data)`,
      secretName: 'client_early_traffic_secret',
      secret: trace.clientEarlyTrafficSecret.output,
      hkdfLabel: part,
      contextName: '""',
      context: new Uint8Array(0),
      length: part === 'key' ? trace.suite.aead.keyLength : trace.suite.aead.ivLength,
      derivation: trace.earlyKeys[part],
      dependsOn: ['client-early-traffic-secret'],
    });

  return [
    {
      id: 'client-hello',
      title: 'ClientHello with a PSK and early data',
      kind: 'message',
      narration: `The client offers the ticket in pre_shared_key, with the ticket age hidden by ticket_age_add, proves it holds the PSK with the binder, and announces early_data. It still sends an X25519 key share, so the resumed handshake gets fresh secrets (psk_dhe_ke).`,
      reference: 'RFC 8446 §4.2.9-4.2.11',
      messages: [helloMessage('client-hello', 'client', trace)],
      highlight: ['pre_shared_key', 'early_data', 'key_share'],
      updates: {
        client: {
          headline: 'sent ClientHello with early data',
          fields: [hexValue('binder', trace.binder)],
        },
        attacker: {
          headline: 'copied the ClientHello',
          fields: [
            { name: 'captured ClientHello', value: `${trace.clientHello.bytes.length} bytes` },
          ],
        },
      },
    },
    {
      id: 'client-early-traffic-secret',
      title: 'client_early_traffic_secret',
      kind: 'computation',
      narration:
        'The early traffic secret comes from the Early Secret and the whole ClientHello alone: the server has not answered yet, so no (EC)DHE share is in it. That is why 0-RTT data is not forward secret.',
      reference: 'RFC 8446 §7.1, §2.3',
      computations: [
        expandLabelComputation({
          id: 'client-early-traffic-secret',
          actorId: 'client',
          label: 'client_early_traffic_secret',
          outputName: 'client_early_traffic_secret',
          secretName: 'Early Secret',
          secret: trace.earlySecret,
          hkdfLabel: 'c e traffic',
          contextName: 'Transcript-Hash(ClientHello)',
          context: trace.clientHelloHash,
          length: hash.length,
          derivation: trace.clientEarlyTrafficSecret,
          deriveSecretMessages: 'ClientHello',
          dependsOn: ['early-secret-from-psk', 'psk-binder'],
        }),
        expandLabelComputation({
          id: 'early-exporter-master-secret',
          actorId: 'client',
          label: 'early_exporter_master_secret',
          outputName: 'early_exporter_master_secret',
          secretName: 'Early Secret',
          secret: trace.earlySecret,
          hkdfLabel: 'e exp master',
          contextName: 'Transcript-Hash(ClientHello)',
          context: trace.clientHelloHash,
          length: hash.length,
          derivation: trace.earlyExporterMasterSecret,
          deriveSecretMessages: 'ClientHello',
          dependsOn: ['early-secret-from-psk'],
        }),
        keyComputation('key'),
        keyComputation('iv'),
      ],
      highlight: ['client_early_traffic_secret'],
      updates: {
        client: {
          fields: [hexValue('client_early_traffic_secret', trace.clientEarlyTrafficSecret.output)],
        },
      },
    },
    {
      id: 'early-data',
      title: 'Early data',
      kind: 'message',
      narration: `Right behind the ClientHello, before any answer, the client sends its request under the early traffic key with sequence number 0: ${describeData(trace.earlyData)}. ${trace.parameters.mode === 'rfc8448' ? 'RFC 8448 sends six bytes; take them as an order.' : 'It places an order, which is not idempotent.'}`,
      reference: 'RFC 8446 §2.3, §4.2.10',
      messages: [earlyDataMessage('early-data', 'client', trace)],
      computations: [nonce, seal],
      highlight: ['encrypted_record'],
      updates: {
        client: { headline: 'sent early data, waiting for ServerHello' },
        attacker: {
          headline: 'copied the ClientHello and the early data',
          fields: [hexValue('captured early data record', trace.earlyDataRecord.record)],
        },
      },
    },
    serverAcceptsStep(trace, open),
  ];
}

function ticketAgeComputation(trace: ResumptionTrace, id: string): Computation {
  return {
    id,
    actorId: 'server',
    label: 'ticket age',
    formula: 'age = (obfuscated_ticket_age - ticket_age_add) mod 2^32',
    inputs: [
      {
        name: 'obfuscated_ticket_age',
        value: `0x${trace.obfuscatedTicketAge.toString(16).padStart(8, '0')}`,
      },
      {
        name: 'ticket_age_add',
        value: `0x${trace.ticket.ticketAgeAdd.toString(16).padStart(8, '0')}`,
      },
    ],
    output: {
      name: 'ticket age',
      value: `${trace.ticketAgeMs} ms`,
      note: `the ticket is valid for ${trace.ticket.ticketLifetime} s`,
    },
  };
}

function binderCheck(trace: ResumptionTrace, id: string, valid: boolean): Computation {
  return {
    id,
    actorId: 'server',
    label: 'check the PSK binder',
    formula: 'accept if HMAC(finished_key, Transcript-Hash(Truncate(ClientHello))) == binder',
    inputs: [
      hexValue('received binder', trace.binder),
      hexValue('truncated hash', trace.truncatedHash),
    ],
    output: { name: 'binder', value: valid ? 'valid' : 'invalid' },
    dependsOn: ['psk-binder'],
  };
}

function serverAcceptsStep(trace: ResumptionTrace, open: Computation): StepSpec {
  const single = trace.parameters.antiReplay === 'single-use-ticket';
  const processed = trace.original.opened?.ok
    ? describeData(trace.original.opened.opened.content)
    : 'nothing';
  return {
    id: 'server-accepts-early-data',
    title: 'Server accepts the early data',
    kind: 'state',
    narration: `The server finds the ticket, checks the binder and the ticket age, derives the same early keys and opens the record. It processes the request at once, before the handshake completes: order count ${trace.original.ordersProcessed}.`,
    reference: 'RFC 8446 §4.2.10, §4.2.11',
    computations: [
      binderCheck(trace, 'server-binder-check', trace.original.binderValid),
      ticketAgeComputation(trace, 'server-ticket-age'),
      open,
    ],
    highlight: ['orders processed'],
    updates: {
      server: {
        headline: 'accepted 0-RTT and processed the request',
        fields: [
          { name: 'orders processed', value: String(trace.original.ordersProcessed) },
          {
            name: 'ticket store',
            value: single ? 'ticket used once; further use refused' : 'tickets are not tracked',
          },
          { name: 'last early data processed', value: processed },
        ],
      },
    },
  };
}

export function replaySteps(trace: ResumptionTrace): StepSpec[] {
  const single = trace.parameters.antiReplay === 'single-use-ticket';
  const replay = trace.replay;
  const openOutput = replay.opened?.ok
    ? hexValue(
        'early data',
        replay.opened.opened.content,
        describeData(replay.opened.opened.content),
      )
    : {
        name: 'early data',
        value: 'skipped',
        note: 'the server rejected 0-RTT, so it discards early data without decrypting it',
      };

  return [
    {
      id: 'replay',
      title: 'Attacker replays the first flight',
      kind: 'message',
      narration:
        'The attacker cannot read the early data, but it does not need to: it sends the same ClientHello and early data record again on a new connection. Nothing in them depends on the server, so they are exactly as valid as the first time.',
      reference: 'RFC 8446 §8, §E.5',
      messages: [
        helloMessage('replayed-client-hello', 'attacker', trace),
        earlyDataMessage('replayed-early-data', 'attacker', trace),
      ],
      highlight: ['replayed-client-hello', 'replayed-early-data'],
      updates: { attacker: { headline: 'replayed the captured flight' } },
    },
    {
      id: 'server-handles-replay',
      title: single ? 'Single-use ticket rejects the replay' : 'Replayed request processed again',
      kind: 'state',
      narration: single
        ? `The binder is valid again, but the server remembers that this ticket was used and refuses it, so the order count stays ${replay.ordersProcessed}. It skips the early data and would fall back to a full handshake, which the attacker cannot finish without the client's keys.`
        : `The binder is valid, the ticket is still within its lifetime, and the early keys are the same, so the server opens the record and processes the order a second time: order count ${replay.ordersProcessed}. The client placed one order.`,
      reference: single ? 'RFC 8446 §8.1' : 'RFC 8446 §8',
      computations: [
        binderCheck(trace, 'replay-binder-check', replay.binderValid),
        {
          id: 'replay-ticket-check',
          actorId: 'server',
          label: 'look the ticket up',
          formula: single
            ? 'accept the PSK only if the ticket has not been used'
            : 'no record of used tickets',
          inputs: [hexValue('ticket', trace.ticket.ticket)],
          output: {
            name: 'ticket',
            value: replay.ticketAccepted ? 'accepted' : 'already used: PSK rejected',
          },
        },
        {
          id: 'replay-open',
          actorId: 'server',
          label: 'open the replayed early data',
          formula:
            'TLSInnerPlaintext = AEAD-Decrypt(early key, nonce for sequence number 0, record header, encrypted_record)',
          inputs: [hexValue('encrypted_record', trace.earlyDataRecord.encryptedRecord)],
          output: openOutput,
          dependsOn: ['replay-ticket-check'],
        },
      ],
      highlight: ['orders processed'],
      updates: {
        server: {
          headline: single ? 'rejected the replayed 0-RTT data' : 'processed the replayed request',
          fields: [{ name: 'orders processed', value: String(replay.ordersProcessed) }],
        },
      },
    },
    {
      id: 'why-idempotent',
      title: 'Why 0-RTT is for idempotent requests',
      kind: 'state',
      narration: `${
        trace.parameters.antiReplay === 'none'
          ? `Early data has no protection against replay across connections, so the server processed ${trace.replay.ordersProcessed} orders for the client's one.`
          : 'Here the single-use ticket stopped the replay, but a server cluster that shares tickets, or a server that forgets used tickets after a restart, can still accept a copy.'
      } Single-use tickets (§8.1), a record of ClientHellos (§8.2) and the ticket-age freshness check (§8.3) narrow the window, but a client should send in 0-RTT only requests that are safe to run twice, such as a GET.`,
      reference: 'RFC 8446 §8, §E.5',
      updates: {
        client: { headline: 'one order sent' },
        server: {
          headline: `${trace.replay.ordersProcessed} order${trace.replay.ordersProcessed === 1 ? '' : 's'} processed`,
        },
      },
    },
  ];
}
