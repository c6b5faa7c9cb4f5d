// Handshake scenario steps for the server's encrypted flight:
// EncryptedExtensions, Certificate, CertificateVerify and Finished, each as a
// plaintext message and as a protected record.

import { bytesEqual, fromHex, toHex } from '../bytes';
import type { Computation } from '../scenario';
import { describeSignatureScheme } from './extensions';
import {
  SERVER_CERTIFICATE_VERIFY_CONTEXT,
  isSelfSignatureValid,
  type ParsedCertificate,
} from './certificate';
import { teachingCertificate } from './teaching-certificate.fixture';
import { expandLabelComputation, hexValue } from './computation-views';
import type { StepSpec } from './step-specs';
import {
  finishedCheck,
  finishedRejectedSentence,
  merge,
  narrate,
  openFailureSentence,
  serverRecordStep,
  sideId,
  transcriptComputation,
  withReceiverAlert,
  type HandshakeView,
} from './handshake-view';

function certificateSummary(certificate: ParsedCertificate): string {
  const key = certificate.publicKey;
  const keyText =
    key.algorithm === 'other' ? `key ${key.oid}` : `${key.algorithm} ${key.bits}-bit key`;
  return `subject ${certificate.subject}; issuer ${certificate.issuer}${certificate.selfIssued ? ' (self-signed)' : ''}; valid ${certificate.notBefore} to ${certificate.notAfter}; ${keyText}; signed with ${certificate.signatureAlgorithm}`;
}

/** Returns the second sentence of the EncryptedExtensions step, used when its record opens. */
function encryptedExtensionsDetail(view: HandshakeView): string {
  return view.trace.parameters.mode === 'rfc8448'
    ? 'RFC 8448 sends EncryptedExtensions, Certificate, CertificateVerify and Finished together in this one record, but the lab gives each message its own record so that each shows its own nonce.'
    : 'The outer type says application_data whatever is inside, because the real content type travels encrypted.';
}

export function publicKeyText(certificate: ParsedCertificate): string {
  const key = certificate.publicKey;
  if (key.algorithm === 'RSA')
    return `RSA ${key.bits}-bit, e = ${key.exponent}, n = ${key.modulus}`;
  if (key.algorithm === 'Ed25519') return `Ed25519 ${toHex(key.raw)}`;
  return `unsupported key algorithm ${key.oid}`;
}

export function serverFlightSteps(view: HandshakeView): StepSpec[] {
  const { trace } = view;
  const records = trace.records;
  const hash = trace.suite.hash;
  const certificate = trace.certificate;
  const cv = trace.certificateVerify;
  const ee = serverRecordStep(
    view,
    'encrypted-extensions',
    trace.messages.encryptedExtensions,
    records.encryptedExtensions,
    'handshake',
  );
  const cert = serverRecordStep(
    view,
    'certificate',
    trace.messages.certificate,
    records.certificate,
    'handshake',
  );
  const verify = serverRecordStep(
    view,
    'certificate-verify',
    trace.messages.certificateVerify,
    records.certificateVerify,
    'handshake',
  );
  const finished = serverRecordStep(
    view,
    'server-finished',
    trace.messages.serverFinished,
    records.serverFinished,
    'handshake',
  );
  const clientAccepts =
    records.serverFinished.opened.ok &&
    bytesEqual(trace.serverVerifyData, trace.clientExpectedServerVerifyData);

  const contentComputation: Computation = {
    id: 'certificate-verify-content',
    actorId: 'server',
    label: 'content covered by the signature',
    formula: `content = 0x20 repeated 64 times || "${SERVER_CERTIFICATE_VERIFY_CONTEXT}" || 0x00 || Transcript-Hash(ClientHello..Certificate)`,
    inputs: [
      hexValue('padding', new Uint8Array(64).fill(0x20), '64 spaces'),
      { name: 'context string', value: `"${SERVER_CERTIFICATE_VERIFY_CONTEXT}"` },
      { name: 'separator', value: '00' },
      hexValue(
        'transcript hash',
        trace.transcript.certificate,
        'Transcript-Hash(ClientHello..Certificate)',
      ),
    ],
    output: hexValue('content', cv.content.bytes, `${cv.content.bytes.length} bytes`),
    bytes: cv.content.bytes,
    spans: cv.content.spans,
    dependsOn: ['transcript-hash-certificate'],
  };

  const signatureComputation: Computation = cv.signedHere
    ? {
        id: 'certificate-verify-signature',
        actorId: 'server',
        label: 'ed25519 signature',
        formula: 'signature = Ed25519-Sign(certificate private key, content)',
        inputs: [
          hexValue(
            'certificate private key',
            fromHex(teachingCertificate.privateKey),
            'the published teaching key',
          ),
          hexValue('content', cv.content.bytes),
        ],
        output: hexValue('signature', cv.signature),
        dependsOn: ['certificate-verify-content'],
      }
    : {
        id: 'certificate-verify-signature',
        actorId: 'server',
        label: 'rsa_pss_rsae_sha256 signature',
        formula:
          'signature = RSASSA-PSS-Sign(certificate private key, SHA-256, MGF1-SHA-256, 32-byte salt, content)',
        inputs: [hexValue('content', cv.content.bytes)],
        output: hexValue(
          'signature',
          cv.signature,
          "RFC 8448's signature: PSS draws a random salt, so the lab sends the published one",
        ),
        dependsOn: ['certificate-verify-content'],
      };

  const checkComputation: Computation = {
    id: 'certificate-verify-check',
    actorId: 'client',
    label: 'check the CertificateVerify signature',
    formula: `valid = Verify(${describeSignatureScheme(cv.scheme)}, certificate public key, content, signature)`,
    inputs: [
      { name: 'certificate public key', value: publicKeyText(certificate) },
      { name: 'algorithm', value: describeSignatureScheme(cv.scheme) },
      hexValue('content', cv.content.bytes),
      hexValue('signature', cv.signature),
    ],
    output: { name: 'signature', value: cv.valid ? 'valid' : 'invalid' },
    dependsOn: ['certificate-parse', 'certificate-verify-open'],
  };

  return [
    withReceiverAlert(
      {
        id: 'encrypted-extensions',
        title: 'EncryptedExtensions',
        kind: 'message',
        narration: narrate(
          `The server's first encrypted message lists the extensions that do not shape the key exchange, in a record under the server handshake key with sequence number ${records.encryptedExtensions.sealed.sequenceNumber}.`,
          encryptedExtensionsDetail(view),
          openFailureSentence(records.encryptedExtensions),
        ),
        reference: 'RFC 8446 §4.3.1, §5.2',
        ...ee,
        highlight: ['encrypted_record', 'nonce', 'additional_data'],
        updates: merge(ee.updates, { server: { headline: 'sending the encrypted flight' } }),
      },
      records.encryptedExtensions,
      { prefix: 'encrypted-extensions', content: 'EncryptedExtensions' },
    ),
    withReceiverAlert(
      {
        id: 'certificate',
        title: 'Certificate',
        kind: 'message',
        narration: narrate(
          `The server sends its certificate: ${certificate.subject}, ${certificate.selfIssued ? 'self-signed, so a browser would not trust it' : `issued by ${certificate.issuer}`}.`,
          'The client takes the public key from it to check the next message.',
          openFailureSentence(records.certificate),
        ),
        reference: 'RFC 8446 §4.4.2',
        messages: cert.messages,
        computations: [
          ...cert.computations!,
          {
            id: 'certificate-parse',
            actorId: 'client',
            label: 'read the X.509 certificate',
            formula: 'parse DER X.509 (RFC 5280): subject, issuer, validity, public key',
            inputs: [
              hexValue('cert_data', certificate.der, `${certificate.der.length} bytes of DER`),
            ],
            output: { name: 'certificate', value: certificateSummary(certificate) },
            dependsOn: ['certificate-open'],
          },
        ],
        highlight: ['cert_data'],
        updates: merge(cert.updates, {
          client: {
            fields: [
              { name: 'server certificate subject', value: certificate.subject },
              { name: 'server certificate issuer', value: certificate.issuer },
              {
                name: 'server certificate validity',
                value: `${certificate.notBefore} to ${certificate.notAfter}`,
              },
              { name: 'server certificate key', value: publicKeyText(certificate) },
              {
                name: 'server certificate self-signature',
                value: isSelfSignatureValid(certificate) ? 'valid' : 'invalid',
              },
            ],
          },
        }),
      },
      records.certificate,
      { prefix: 'certificate', content: 'Certificate' },
    ),
    withReceiverAlert(
      {
        id: 'certificate-verify',
        title: 'CertificateVerify',
        kind: 'message',
        narration: narrate(
          "The server signs the transcript hash with the certificate's private key, which proves it holds that key and saw the same handshake.",
          'The signed content starts with 64 spaces and a context string, so the signature cannot be reused in TLS 1.2 or as a client signature.',
          openFailureSentence(records.certificateVerify),
        ),
        reference: 'RFC 8446 §4.4.3',
        messages: verify.messages,
        computations: [
          transcriptComputation(
            view,
            'transcript-hash-certificate',
            4,
            trace.transcript.certificate,
            'server',
          ),
          contentComputation,
          signatureComputation,
          ...verify.computations!,
          checkComputation,
        ],
        highlight: ['signature', 'content'],
        updates: merge(verify.updates, {
          client: {
            fields: [
              { name: 'CertificateVerify signature', value: cv.valid ? 'valid' : 'invalid' },
            ],
          },
        }),
      },
      records.certificateVerify,
      { prefix: 'certificate-verify', content: 'CertificateVerify' },
    ),
    withReceiverAlert(
      {
        id: 'server-finished',
        title: 'Server Finished',
        kind: 'message',
        narration: narrate(
          'verify_data is an HMAC over the transcript under a finished_key derived from the server handshake traffic secret.',
          "It authenticates the whole handshake: if anyone had changed a byte of a hello, the client's own HMAC would differ.",
          openFailureSentence(records.serverFinished) ??
            (clientAccepts ? undefined : finishedRejectedSentence('client')),
        ),
        reference: 'RFC 8446 §4.4.4',
        messages: finished.messages,
        computations: [
          expandLabelComputation({
            id: 'server-finished-key',
            actorId: 'server',
            label: 'server finished_key',
            outputName: 'finished_key',
            secretName: 'server_handshake_traffic_secret',
            secret: trace.server.handshake.serverHandshakeTrafficSecret.output,
            hkdfLabel: 'finished',
            contextName: '""',
            context: new Uint8Array(0),
            length: hash.length,
            derivation: trace.server.serverFinishedKey,
            dependsOn: [
              view.showServerSchedule
                ? sideId('server-handshake-traffic-secret', 'server')
                : 'server-handshake-traffic-secret',
            ],
          }),
          transcriptComputation(
            view,
            'transcript-hash-certificate-verify',
            5,
            trace.transcript.certificateVerify,
            'server',
          ),
          {
            id: 'server-verify-data',
            actorId: 'server',
            label: 'server verify_data',
            formula: `verify_data = HMAC-${hash.name}(finished_key, Transcript-Hash(ClientHello..CertificateVerify))`,
            inputs: [
              hexValue('finished_key', trace.server.serverFinishedKey.output),
              hexValue('transcript hash', trace.transcript.certificateVerify),
            ],
            output: hexValue('verify_data', trace.serverVerifyData),
            dependsOn: ['server-finished-key', 'transcript-hash-certificate-verify'],
          },
          ...finished.computations!,
          finishedCheck(
            'server-finished-check',
            'client',
            trace.client.serverFinishedKey.output,
            trace.transcript.certificateVerify,
            trace.serverVerifyData,
            trace.clientExpectedServerVerifyData,
            records.serverFinished,
            hash.name,
          ),
        ],
        highlight: ['verify_data'],
        updates: merge(finished.updates, {
          client: {
            headline: clientAccepts ? 'server Finished verified' : 'server Finished rejected',
            fields: [hexValue('server verify_data', trace.serverVerifyData)],
          },
          server: {
            headline: "sent Finished, waiting for the client's",
            fields: [hexValue('server verify_data', trace.serverVerifyData)],
          },
        }),
      },
      records.serverFinished,
      { prefix: 'server-finished', content: 'server Finished', checkPassed: clientAccepts },
    ),
  ];
}
