// Resumption scenario steps up to the binder: the ticket from the earlier
// handshake, the PSK derived from it, the Early Secret, the binder key and the
// binder over the truncated ClientHello (RFC 8446 §4.2.11.2, §4.6.1).

import { plaintextHandshakeRecord } from './messages';
import { extensionTypes, findExtension, parseEarlyDataMaxSize } from './extensions';
import { zeros } from './key-schedule';
import {
  expandLabelComputation,
  extractComputation,
  hexValue,
  recordComputations,
  type RecordView,
} from './computation-views';
import type { ResumptionTrace } from './resumption-trace';
import type { StepSpec } from './step-specs';

function maxEarlyData(trace: ResumptionTrace): number {
  const extension = findExtension(trace.ticket.extensions, extensionTypes.early_data);
  return extension ? parseEarlyDataMaxSize(extension.data) : 0;
}

export function ticketSteps(trace: ResumptionTrace): StepSpec[] {
  const { firstConnection: first, suite } = trace;
  const hash = suite.hash;
  const nst = first.records.newSessionTicket;
  const single = trace.parameters.antiReplay === 'single-use-ticket';
  const ticketRecord: RecordView = {
    prefix: 'new-session-ticket',
    receiverId: 'client',
    transfer: nst,
    message: first.messages.newSessionTicket,
    contentName: 'NewSessionTicket',
    keyName: 'server_write_key (application)',
    // The application keys were derived in the earlier handshake, which this scenario does not repeat.
    keyComputations: [],
  };

  return [
    {
      id: 'earlier-session',
      title: 'An earlier full handshake',
      kind: 'state',
      narration: `The client and the server finished a full handshake${trace.parameters.mode === 'rfc8448' ? ' (RFC 8448 §3)' : ''} and both hold its resumption_master_secret. A resumed connection reuses that authentication instead of sending the certificate again.`,
      reference: 'RFC 8446 §2.2',
      updates: {
        client: {
          headline: 'connected',
          fields: [hexValue('resumption_master_secret', trace.resumptionMasterSecret)],
        },
        server: {
          headline: 'connected',
          fields: [
            hexValue('resumption_master_secret', trace.resumptionMasterSecret),
            { name: 'anti-replay', value: single ? 'single-use tickets' : 'none' },
            { name: 'orders processed', value: '0' },
          ],
        },
        attacker: { headline: 'watching the network' },
      },
    },
    {
      id: 'new-session-ticket',
      title: 'NewSessionTicket',
      kind: 'message',
      narration: `The server sends a ticket under its application key. The ticket is opaque to the client; the ticket_nonce makes each ticket's PSK different, and the early_data extension allows up to ${maxEarlyData(trace)} bytes of 0-RTT data.`,
      reference: 'RFC 8446 §4.6.1',
      messages: [
        {
          id: 'new-session-ticket',
          from: 'server',
          to: 'client',
          label: 'NewSessionTicket',
          fate: 'delivered',
          fields: [
            {
              name: 'record type',
              value: 'application_data (23); the real content type is encrypted inside',
            },
            { name: 'record version', value: '0x0303' },
            { name: 'record length', value: `${nst.sealed.encryptedRecord.length} bytes` },
            hexValue(
              'encrypted_record',
              nst.sealed.encryptedRecord,
              'NewSessionTicket, encrypted, then the 16-byte tag',
            ),
          ],
          bytes: nst.sealed.record,
          spans: nst.sealed.spans,
        },
      ],
      computations: recordComputations(ticketRecord),
      highlight: ['ticket', 'ticket_nonce', 'ticket_age_add'],
      updates: {
        client: {
          fields: [
            hexValue('ticket', trace.ticket.ticket),
            hexValue('ticket_nonce', trace.ticket.ticketNonce),
          ],
        },
        server: {
          fields: [
            {
              name: 'ticket store',
              value: single ? 'ticket issued, not yet used' : 'tickets are not tracked',
            },
          ],
        },
      },
    },
    {
      id: 'resumption-psk',
      title: 'PSK from the ticket',
      kind: 'computation',
      narration:
        'Both sides derive the pre-shared key from the resumption master secret and the ticket nonce. The ticket itself never carries the key, so an eavesdropper who copies the ticket cannot compute it.',
      reference: 'RFC 8446 §4.6.1',
      computations: [
        expandLabelComputation({
          id: 'resumption-psk',
          actorId: 'client',
          label: 'resumption PSK',
          outputName: 'PSK',
          secretName: 'resumption_master_secret',
          secret: trace.resumptionMasterSecret,
          hkdfLabel: 'resumption',
          contextName: 'ticket_nonce',
          context: trace.ticket.ticketNonce,
          length: hash.length,
          derivation: trace.psk,
        }),
      ],
      highlight: ['PSK'],
      updates: {
        client: { headline: 'holding a ticket', fields: [hexValue('PSK', trace.psk.output)] },
        server: { fields: [hexValue('PSK', trace.psk.output)] },
      },
    },
  ];
}

export function binderSteps(trace: ResumptionTrace): StepSpec[] {
  const hash = trace.suite.hash;
  const clientHello = trace.clientHello;
  const { spans } = truncatedSpans(trace);
  return [
    {
      id: 'early-secret-from-psk',
      title: 'Early Secret from the PSK',
      kind: 'computation',
      narration:
        "A new connection starts its key schedule from the PSK instead of zeros. Every early key depends on it, so only a holder of the ticket's PSK can compute them.",
      reference: 'RFC 8446 §7.1',
      computations: [
        extractComputation({
          id: 'early-secret-from-psk',
          actorId: 'client',
          label: 'Early Secret',
          outputName: 'Early Secret',
          saltName: '0 (Hash.length zero bytes)',
          salt: zeros(hash),
          ikmName: 'PSK',
          ikm: trace.psk.output,
          output: trace.earlySecret,
          dependsOn: ['resumption-psk'],
        }),
      ],
      highlight: ['Early Secret'],
      updates: { client: { fields: [hexValue('Early Secret', trace.earlySecret)] } },
    },
    {
      id: 'binder-key',
      title: 'Binder key',
      kind: 'computation',
      narration:
        'The binder key uses the label "res binder" for a resumption PSK ("ext binder" marks an external one), and the binder is computed like a Finished MAC with a finished_key derived from it.',
      reference: 'RFC 8446 §7.1, §4.2.11.2',
      computations: [
        expandLabelComputation({
          id: 'binder-key',
          actorId: 'client',
          label: 'binder_key',
          outputName: 'binder_key',
          secretName: 'Early Secret',
          secret: trace.earlySecret,
          hkdfLabel: 'res binder',
          contextName: 'Hash("")',
          context: hash.digest(new Uint8Array(0)),
          length: hash.length,
          derivation: trace.binderKey,
          deriveSecretMessages: '""',
          dependsOn: ['early-secret-from-psk'],
        }),
        expandLabelComputation({
          id: 'binder-finished-key',
          actorId: 'client',
          label: 'finished_key for the binder',
          outputName: 'finished_key',
          secretName: 'binder_key',
          secret: trace.binderKey.output,
          hkdfLabel: 'finished',
          contextName: '""',
          context: new Uint8Array(0),
          length: hash.length,
          derivation: trace.binderFinishedKey,
          dependsOn: ['binder-key'],
        }),
      ],
      highlight: ['binder_key', 'finished_key'],
    },
    {
      id: 'truncated-client-hello',
      title: 'Truncated ClientHello',
      kind: 'computation',
      narration:
        'The binder covers the ClientHello up to its binders list, whose lengths already count the binders. Because the binder sits inside the message it authenticates, it cannot cover itself.',
      reference: 'RFC 8446 §4.2.11.2',
      computations: [
        {
          id: 'truncated-client-hello-hash',
          actorId: 'client',
          label: 'Transcript-Hash(Truncate(ClientHello))',
          formula: `hash = ${hash.name}(ClientHello without its binders list)`,
          inputs: [
            hexValue(
              'truncated ClientHello',
              trace.truncatedClientHello,
              `${trace.truncatedClientHello.length} of ${clientHello.bytes.length} bytes`,
            ),
          ],
          output: hexValue('Transcript-Hash(Truncate(ClientHello))', trace.truncatedHash),
          bytes: trace.truncatedClientHello,
          spans,
        },
      ],
      highlight: ['Transcript-Hash(Truncate(ClientHello))'],
    },
    {
      id: 'psk-binder',
      title: 'PSK binder',
      kind: 'computation',
      narration:
        'The binder is an HMAC over the truncated ClientHello. It proves the client holds the PSK and ties the PSK to this ClientHello, so nobody can move the ticket into a different hello.',
      reference: 'RFC 8446 §4.2.11.2',
      computations: [
        {
          id: 'psk-binder',
          actorId: 'client',
          label: 'PSK binder',
          formula: `binder = HMAC-${hash.name}(finished_key, Transcript-Hash(Truncate(ClientHello)))`,
          inputs: [
            hexValue('finished_key', trace.binderFinishedKey.output),
            hexValue('truncated hash', trace.truncatedHash),
          ],
          output: hexValue('binder', trace.binder),
          dependsOn: ['binder-finished-key', 'truncated-client-hello-hash'],
        },
      ],
      highlight: ['binder'],
    },
  ];
}

function truncatedSpans(trace: ResumptionTrace) {
  const record = plaintextHandshakeRecord(trace.clientHello);
  const length = trace.truncatedClientHello.length;
  // The record adds a 5-byte header in front of the message.
  const spans = record.spans
    .filter((span) => span.start >= 5 && span.end - 5 <= length)
    .map((span) => ({
      start: span.start - 5,
      end: span.end - 5,
      label: span.label,
      field: 'truncated ClientHello',
    }));
  return { spans };
}
