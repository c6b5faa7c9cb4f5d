// Handshake scenario steps after the server flight: the client Finished, the
// resumption master secret, the NewSessionTicket and application data both ways.

import { bytesEqual } from '../bytes';
import { expandLabelComputation, hexValue, recordComputations } from './computation-views';
import type { RecordTransfer, Side } from './handshake-trace';
import type { StepSpec } from './step-specs';
import {
  trafficSecretComputation,
  trafficSecretUpdates,
  trafficSecretUse,
} from './key-schedule-steps';
import {
  finishedCheck,
  finishedRejectedSentence,
  keyComputationIds,
  merge,
  narrate,
  openFailureSentence,
  other,
  perSide,
  recordWireMessage,
  scheduleNarration,
  sequenceUpdates,
  serverRecordStep,
  transcriptComputation,
  withReceiverAlert,
  type HandshakeView,
} from './handshake-view';

export function closingSteps(view: HandshakeView): StepSpec[] {
  const { trace } = view;
  const records = trace.records;
  const hash = trace.suite.hash;
  const serverAccepts =
    records.clientFinished.opened.ok &&
    bytesEqual(trace.clientVerifyData, trace.serverExpectedClientVerifyData);
  const clientFinished = {
    messages: [
      recordWireMessage('client-finished', 'Finished', records.clientFinished, 'client Finished'),
    ],
    computations: recordComputations({
      prefix: 'client-finished',
      receiverId: 'server',
      transfer: records.clientFinished,
      message: trace.messages.clientFinished,
      contentName: 'Finished',
      keyName: 'client_write_key (handshake)',
      keyComputations: keyComputationIds(view, 'client', 'handshake'),
      dependsOn: ['client-verify-data'],
    }),
  };
  const ticket = serverRecordStep(
    view,
    'new-session-ticket',
    trace.messages.newSessionTicket,
    records.newSessionTicket,
    'application',
  );
  const fresh = trace.parameters.mode === 'fresh';
  const dataStep = (id: string, transfer: RecordTransfer, sender: Side): StepSpec =>
    withReceiverAlert(
      {
        id,
        title: `${sender === 'client' ? 'Client' : 'Server'} application data`,
        kind: 'message',
        narration:
          sender === 'client'
            ? narrate(
                `The client's first application record uses sequence number ${transfer.sealed.sequenceNumber} under the client application key${fresh ? ': an HTTP request' : ''}.`,
                undefined,
                openFailureSentence(transfer),
              )
            : narrate(
                `The server's reply uses sequence number ${transfer.sealed.sequenceNumber} under the server application key, because the NewSessionTicket record took 0 under the same key.`,
                'A receiver that counted from 0 again would fail to open it.',
                openFailureSentence(transfer),
              ),
        reference: 'RFC 8446 §5.2, §5.3',
        messages: [recordWireMessage(id, 'application data', transfer, 'application data')],
        computations: recordComputations({
          prefix: id,
          receiverId: other(sender),
          transfer,
          contentName: 'application data',
          keyName: `${sender}_write_key (application)`,
          keyComputations: keyComputationIds(view, sender, 'application'),
        }),
        highlight: ['sequence number', 'nonce'],
        updates: sequenceUpdates(transfer, `${sender} application key`),
      },
      transfer,
      { prefix: id, content: `${sender}'s application data` },
    );

  const resumptionComputations = perSide(view, (side) =>
    trafficSecretComputation(view, side, 'resumption-master-secret'),
  );

  return [
    withReceiverAlert(
      {
        id: 'client-finished',
        title: 'Client Finished',
        kind: 'message',
        narration: narrate(
          `The client proves it saw the same handshake with its own Finished, sent under the client handshake key with sequence number ${records.clientFinished.sealed.sequenceNumber}.`,
          'The server checks it before it trusts any application data from the client.',
          openFailureSentence(records.clientFinished) ??
            (serverAccepts ? undefined : finishedRejectedSentence('server')),
        ),
        reference: 'RFC 8446 §4.4.4',
        messages: clientFinished.messages,
        computations: [
          expandLabelComputation({
            id: 'client-finished-key',
            actorId: 'client',
            label: 'client finished_key',
            outputName: 'finished_key',
            secretName: 'client_handshake_traffic_secret',
            secret: trace.client.handshake.clientHandshakeTrafficSecret.output,
            hkdfLabel: 'finished',
            contextName: '""',
            context: new Uint8Array(0),
            length: hash.length,
            derivation: trace.client.clientFinishedKey,
            dependsOn: ['client-handshake-traffic-secret'],
          }),
          {
            id: 'client-verify-data',
            actorId: 'client',
            label: 'client verify_data',
            formula: `verify_data = HMAC-${hash.name}(finished_key, Transcript-Hash(ClientHello..server Finished))`,
            inputs: [
              hexValue('finished_key', trace.client.clientFinishedKey.output),
              hexValue('transcript hash', trace.transcript.serverFinished),
            ],
            output: hexValue('verify_data', trace.clientVerifyData),
            dependsOn: ['client-finished-key', 'transcript-hash-server-finished'],
          },
          ...clientFinished.computations,
          finishedCheck(
            'client-finished-check',
            'server',
            trace.server.clientFinishedKey.output,
            trace.transcript.serverFinished,
            trace.clientVerifyData,
            trace.serverExpectedClientVerifyData,
            records.clientFinished,
            hash.name,
          ),
        ],
        highlight: ['verify_data'],
        updates: merge(sequenceUpdates(records.clientFinished, 'client handshake key'), {
          client: {
            headline: 'sent Finished; connected',
            fields: [hexValue('client verify_data', trace.clientVerifyData)],
          },
          server: {
            headline: serverAccepts
              ? 'client Finished verified; connected'
              : 'client Finished rejected',
            fields: [hexValue('client verify_data', trace.clientVerifyData)],
          },
        }),
      },
      records.clientFinished,
      { prefix: 'client-finished', content: 'client Finished', checkPassed: serverAccepts },
    ),
    {
      id: 'resumption-master-secret',
      title: 'resumption_master_secret',
      kind: 'computation',
      narration: scheduleNarration(
        view,
        'With the client Finished in the transcript, both sides derive the resumption master secret, to which every ticket the server issues on this connection is tied.',
        resumptionComputations,
        trafficSecretUse('resumption-master-secret'),
      ),
      reference: 'RFC 8446 §7.1, §4.6.1',
      computations: [
        transcriptComputation(
          view,
          'transcript-hash-client-finished',
          7,
          trace.transcript.clientFinished,
          'client',
        ),
        ...resumptionComputations,
      ],
      highlight: ['resumption_master_secret'],
      updates: trafficSecretUpdates(view, 'resumption-master-secret'),
    },
    withReceiverAlert(
      {
        id: 'new-session-ticket',
        title: 'NewSessionTicket',
        kind: 'message',
        narration: narrate(
          'The server sends a ticket that the client can present later to resume without a certificate.',
          `It is the first record under the server application key, so its sequence number is ${records.newSessionTicket.sealed.sequenceNumber}.`,
          openFailureSentence(records.newSessionTicket),
        ),
        reference: 'RFC 8446 §4.6.1',
        ...ticket,
        highlight: ['ticket', 'ticket_nonce'],
      },
      records.newSessionTicket,
      { prefix: 'new-session-ticket', content: 'NewSessionTicket' },
    ),
    dataStep('client-application-data', records.clientApplicationData, 'client'),
    dataStep('server-application-data', records.serverApplicationData, 'server'),
  ];
}
