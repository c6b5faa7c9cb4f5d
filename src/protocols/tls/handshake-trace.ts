// The computation behind the TLS 1.3 handshake scenario: every key, message
// and record of a full 1-RTT handshake (RFC 8446 §2), from the parameters and
// a seed, with no formatting for the screen. In 'rfc8448' mode the inputs are
// RFC 8448 §3's; in 'fresh' mode they come from the seed or the typed keys.
// A bug toggle makes the client compute with a deliberate mistake while the
// server stays correct, as when a buggy client meets a correct server.

import { x25519 } from '@noble/curves/ed25519.js';
import { bytesEqual, concatBytes, fromHex } from '../bytes';
import { createSeededRandom } from '../seeded-random';
import { rfc8448 } from './rfc8448.fixture';
import { teachingCertificate } from './teaching-certificate.fixture';
import { cipherSuites, type CipherSuite } from './suites';
import {
  computeApplicationSecrets,
  computeHandshakeSecrets,
  computeResumptionMasterSecret,
  computeVerifyData,
  deriveFinishedKey,
  deriveTrafficKeys,
  rfc8446Rules,
  type ApplicationSecrets,
  type Derivation,
  type HandshakeSecrets,
  type KeyScheduleRules,
  type TrafficKeyDerivations,
} from './key-schedule';
import { emptyDerivedContextRules, twoByteLabelLengthRules } from './deliberate-bugs';
import {
  encodeCertificate,
  encodeCertificateVerify,
  encodeClientHello,
  encodeEncryptedExtensions,
  encodeFinished,
  encodeNewSessionTicket,
  encodeServerHello,
  parseCertificateVerify,
  parseNewSessionTicket,
  type EncodedMessage,
} from './messages';
import {
  ED25519_SCHEME,
  encodeCertificateVerifyContent,
  parseCertificateDer,
  signEd25519,
  verifyCertificateVerifySignature,
  type ParsedCertificate,
} from './certificate';
import {
  FRESH_SIGNATURE_SCHEMES,
  RFC8448_SIGNATURE_SCHEMES,
  buildClientHello,
  buildEncryptedExtensions,
  buildNewSessionTicket,
  buildServerHello,
} from './handshake-messages';
import {
  contentTypes,
  sealRecord,
  tryOpenRecord,
  type OpenResult,
  type SealedRecord,
} from './record';
import { validateTlsHandshakeParameters } from './handshake-parameters';
import type { TlsBug, TlsHandshakeParameters } from './handshake-parameters';

export type Side = 'client' | 'server';

/** The origin of a private key, which a step names in the key's input note. */
export type KeySource = 'rfc8448' | 'seed' | 'typed';

export interface KeyShare {
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly source: KeySource;
}

/** One side's key schedule; with a bug the client's differs from the server's. */
export interface SideSchedule {
  readonly rules: KeyScheduleRules;
  readonly sharedSecret: Uint8Array;
  readonly handshake: HandshakeSecrets;
  readonly serverHandshakeKeys: TrafficKeyDerivations;
  readonly clientHandshakeKeys: TrafficKeyDerivations;
  readonly serverFinishedKey: Derivation;
  readonly clientFinishedKey: Derivation;
  readonly application: ApplicationSecrets;
  readonly serverApplicationKeys: TrafficKeyDerivations;
  readonly clientApplicationKeys: TrafficKeyDerivations;
  readonly resumptionMasterSecret: Derivation;
}

/** A record from sealing by its sender to opening by its receiver. */
export interface RecordTransfer {
  readonly sender: Side;
  readonly content: Uint8Array;
  readonly contentType: number;
  readonly sealed: SealedRecord;
  readonly senderKey: Uint8Array;
  readonly senderIv: Uint8Array;
  /** The keys the receiver used, which differ from the sender's when a bug broke its schedule. */
  readonly receiverKey: Uint8Array;
  readonly receiverIv: Uint8Array;
  readonly readSequenceNumber: bigint;
  readonly opened: OpenResult;
}

export interface HandshakeMessages {
  readonly clientHello: EncodedMessage;
  readonly serverHello: EncodedMessage;
  readonly encryptedExtensions: EncodedMessage;
  readonly certificate: EncodedMessage;
  readonly certificateVerify: EncodedMessage;
  readonly serverFinished: EncodedMessage;
  readonly clientFinished: EncodedMessage;
  readonly newSessionTicket: EncodedMessage;
}

export interface TranscriptHashes {
  /** ClientHello..ServerHello */
  readonly hello: Uint8Array;
  /** ClientHello..Certificate, signed in CertificateVerify */
  readonly certificate: Uint8Array;
  /** ClientHello..CertificateVerify, the input of the server Finished */
  readonly certificateVerify: Uint8Array;
  /** ClientHello..server Finished */
  readonly serverFinished: Uint8Array;
  /** ClientHello..client Finished */
  readonly clientFinished: Uint8Array;
}

export interface HandshakeRecords {
  readonly encryptedExtensions: RecordTransfer;
  readonly certificate: RecordTransfer;
  readonly certificateVerify: RecordTransfer;
  readonly serverFinished: RecordTransfer;
  readonly clientFinished: RecordTransfer;
  readonly newSessionTicket: RecordTransfer;
  readonly clientApplicationData: RecordTransfer;
  readonly serverApplicationData: RecordTransfer;
}

export interface CertificateVerifyTrace {
  readonly scheme: number;
  readonly content: ReturnType<typeof encodeCertificateVerifyContent>;
  readonly signature: Uint8Array;
  /** True when the signature was made here (Ed25519); false when it is the RFC's published RSA-PSS one. */
  readonly signedHere: boolean;
  readonly valid: boolean;
}

export interface TlsHandshakeTrace {
  readonly parameters: TlsHandshakeParameters;
  readonly seed: number;
  readonly suite: CipherSuite;
  readonly clientRandom: Uint8Array;
  readonly serverRandom: Uint8Array;
  readonly clientKeyShare: KeyShare;
  readonly serverKeyShare: KeyShare;
  readonly messages: HandshakeMessages;
  readonly transcript: TranscriptHashes;
  readonly client: SideSchedule;
  readonly server: SideSchedule;
  readonly certificate: ParsedCertificate;
  readonly certificateVerify: CertificateVerifyTrace;
  /** verify_data the server sent and the value the client expected. */
  readonly serverVerifyData: Uint8Array;
  readonly clientExpectedServerVerifyData: Uint8Array;
  /** verify_data the client sent and the value the server expected. */
  readonly clientVerifyData: Uint8Array;
  readonly serverExpectedClientVerifyData: Uint8Array;
  readonly records: HandshakeRecords;
  readonly clientApplicationData: Uint8Array;
  readonly serverApplicationData: Uint8Array;
}

const encoder = new TextEncoder();

/** The application data the fresh mode's client and server send once the handshake is done. */
export const FRESH_CLIENT_REQUEST = 'GET / HTTP/1.1\r\nHost: server\r\n\r\n';
export const FRESH_SERVER_RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';

function rulesFor(bug: TlsBug): KeyScheduleRules {
  if (bug === 'two-byte-label-length') return twoByteLabelLengthRules;
  if (bug === 'empty-derived-context') return emptyDerivedContextRules;
  return rfc8446Rules;
}

function keyShare(privateKey: Uint8Array, source: KeySource): KeyShare {
  return { privateKey, publicKey: x25519.getPublicKey(privateKey), source };
}

interface Inputs {
  readonly suite: CipherSuite;
  readonly clientRandom: Uint8Array;
  readonly serverRandom: Uint8Array;
  readonly client: KeyShare;
  readonly server: KeyShare;
  readonly signatureSchemes: readonly number[];
  readonly certificateDer: Uint8Array;
  readonly sign: (content: Uint8Array) => {
    scheme: number;
    signature: Uint8Array;
    signedHere: boolean;
  };
  readonly ticket: EncodedMessage;
  readonly clientApplicationData: Uint8Array;
  readonly serverApplicationData: Uint8Array;
}

function rfc8448Inputs(): Inputs {
  const certificateVerify = parseCertificateVerify(fromHex(rfc8448.certificateVerify));
  const ticket = parseNewSessionTicket(fromHex(rfc8448.newSessionTicket));
  const certificateMessage = fromHex(rfc8448.certificate);
  return {
    suite: cipherSuites.TLS_AES_128_GCM_SHA256,
    clientRandom: fromHex(rfc8448.clientRandom),
    serverRandom: fromHex(rfc8448.serverRandom),
    client: keyShare(fromHex(rfc8448.clientPrivateKey), 'rfc8448'),
    server: keyShare(fromHex(rfc8448.serverPrivateKey), 'rfc8448'),
    signatureSchemes: RFC8448_SIGNATURE_SCHEMES,
    // Certificate message: 1-byte context length, 3-byte list length, 3-byte cert_data length.
    certificateDer: certificateMessage.slice(4 + 1 + 3 + 3, certificateMessage.length - 2),
    // NOTE: RSA-PSS signing draws a random salt, so the RFC's signature cannot be
    // recomputed here. The lab sends the published signature and verifies it.
    sign: () => ({
      scheme: certificateVerify.algorithm,
      signature: certificateVerify.signature,
      signedHere: false,
    }),
    ticket: encodeNewSessionTicket(
      buildNewSessionTicket({
        lifetime: ticket.ticketLifetime,
        ageAdd: ticket.ticketAgeAdd,
        nonce: ticket.ticketNonce,
        ticket: ticket.ticket,
        maxEarlyDataSize: 1024,
      }),
    ),
    clientApplicationData: fromHex(rfc8448.applicationData),
    serverApplicationData: fromHex(rfc8448.applicationData),
  };
}

/** Draws the key first and the random second, so typing a key leaves the random unchanged. */
function freshSide(seed: number, label: string, typedKey: string | undefined) {
  const random = createSeededRandom(seed, label);
  const seededKey = random.nextBytes(32);
  const helloRandom = random.nextBytes(32);
  const share = typedKey ? keyShare(fromHex(typedKey), 'typed') : keyShare(seededKey, 'seed');
  return { share, helloRandom, random };
}

function freshInputs(parameters: TlsHandshakeParameters, seed: number): Inputs {
  const client = freshSide(seed, 'tls13 client', parameters.clientPrivateKey);
  const server = freshSide(seed, 'tls13 server', parameters.serverPrivateKey);
  const ageAdd = server.random.nextUint32();
  // NOTE: a real server encrypts its session state into the ticket under a ticket
  // key. The lab sends random bytes, and the client treats a ticket as opaque either way.
  const ticketBytes = server.random.nextBytes(48);
  const signingKey = fromHex(teachingCertificate.privateKey);

  return {
    suite: cipherSuites[parameters.cipherSuite],
    clientRandom: client.helloRandom,
    serverRandom: server.helloRandom,
    client: client.share,
    server: server.share,
    signatureSchemes: FRESH_SIGNATURE_SCHEMES,
    certificateDer: fromHex(teachingCertificate.der),
    sign: (content) => ({
      scheme: ED25519_SCHEME,
      signature: signEd25519(signingKey, content),
      signedHere: true,
    }),
    ticket: encodeNewSessionTicket(
      buildNewSessionTicket({
        lifetime: 7200,
        ageAdd,
        nonce: new Uint8Array([0, 0]),
        ticket: ticketBytes,
        maxEarlyDataSize: 1024,
      }),
    ),
    clientApplicationData: encoder.encode(FRESH_CLIENT_REQUEST),
    serverApplicationData: encoder.encode(FRESH_SERVER_RESPONSE),
  };
}

function transcriptHash(suite: CipherSuite, messages: readonly EncodedMessage[]): Uint8Array {
  return suite.hash.digest(concatBytes(...messages.map((message) => message.bytes)));
}

/** Derives the part of one side's schedule that needs only the hellos. */
function handshakePhase(
  suite: CipherSuite,
  rules: KeyScheduleRules,
  sharedSecret: Uint8Array,
  helloHash: Uint8Array,
) {
  const handshake = computeHandshakeSecrets(suite.hash, sharedSecret, helloHash, { rules });
  return {
    rules,
    sharedSecret,
    handshake,
    serverHandshakeKeys: deriveTrafficKeys(
      suite,
      handshake.serverHandshakeTrafficSecret.output,
      rules,
    ),
    clientHandshakeKeys: deriveTrafficKeys(
      suite,
      handshake.clientHandshakeTrafficSecret.output,
      rules,
    ),
    serverFinishedKey: deriveFinishedKey(
      suite.hash,
      handshake.serverHandshakeTrafficSecret.output,
      rules,
    ),
    clientFinishedKey: deriveFinishedKey(
      suite.hash,
      handshake.clientHandshakeTrafficSecret.output,
      rules,
    ),
  };
}

type HandshakePhase = ReturnType<typeof handshakePhase>;

function applicationPhase(
  suite: CipherSuite,
  phase: HandshakePhase,
  serverFinishedHash: Uint8Array,
) {
  const application = computeApplicationSecrets(
    suite.hash,
    phase.handshake.handshakeSecret,
    serverFinishedHash,
    phase.rules,
  );
  return {
    ...phase,
    application,
    serverApplicationKeys: deriveTrafficKeys(
      suite,
      application.serverApplicationTrafficSecret.output,
      phase.rules,
    ),
    clientApplicationKeys: deriveTrafficKeys(
      suite,
      application.clientApplicationTrafficSecret.output,
      phase.rules,
    ),
  };
}

/**
 * RFC 8446 §5.3: each sequence number starts at 0 and resets whenever the key
 * changes. With `resetOnKeyChange` false it keeps counting across keys, the
 * wrong-sequence-number bug.
 */
function sequenceCounter(resetOnKeyChange: boolean) {
  let currentKey: string | undefined;
  let next = 0n;
  return (keyName: string): bigint => {
    if (keyName !== currentKey && resetOnKeyChange) next = 0n;
    currentKey = keyName;
    const value = next;
    next += 1n;
    return value;
  };
}

interface RecordContext {
  readonly suite: CipherSuite;
  readonly client: { write: (key: string) => bigint; read: (key: string) => bigint };
  readonly server: { write: (key: string) => bigint; read: (key: string) => bigint };
}

function transfer(
  context: RecordContext,
  sender: Side,
  keyName: string,
  senderKeys: TrafficKeyDerivations,
  receiverKeys: TrafficKeyDerivations,
  contentType: number,
  content: Uint8Array,
): RecordTransfer {
  const receiver = sender === 'client' ? context.server : context.client;
  const writeSequence = context[sender].write(keyName);
  const readSequence = receiver.read(keyName);
  const sealed = sealRecord(
    context.suite,
    { key: senderKeys.key.output, iv: senderKeys.iv.output },
    writeSequence,
    contentType,
    content,
  );
  const receiverKey = receiverKeys.key.output;
  const receiverIv = receiverKeys.iv.output;
  return {
    sender,
    content,
    contentType,
    sealed,
    senderKey: senderKeys.key.output,
    senderIv: senderKeys.iv.output,
    receiverKey,
    receiverIv,
    readSequenceNumber: readSequence,
    opened: tryOpenRecord(
      context.suite,
      { key: receiverKey, iv: receiverIv },
      readSequence,
      sealed.record,
    ),
  };
}

/**
 * Runs the whole handshake: key shares, hellos, both key schedules,
 * certificate, signature, Finished messages, ticket and application data.
 * This is the benchmark's entry point; it is synchronous and deterministic.
 */
export function computeTlsHandshake(
  parameters: TlsHandshakeParameters,
  seed: number,
): TlsHandshakeTrace {
  validateTlsHandshakeParameters(parameters);
  const inputs = parameters.mode === 'rfc8448' ? rfc8448Inputs() : freshInputs(parameters, seed);
  const { suite } = inputs;
  const clientRules = rulesFor(parameters.bug);

  const clientHello = encodeClientHello(
    buildClientHello({
      random: inputs.clientRandom,
      keyShare: inputs.client.publicKey,
      signatureSchemes: inputs.signatureSchemes,
    }),
  );
  const serverHello = encodeServerHello(
    buildServerHello(inputs.serverRandom, suite.code, inputs.server.publicKey),
  );
  const helloHash = transcriptHash(suite, [clientHello, serverHello]);

  const clientShared = x25519.getSharedSecret(inputs.client.privateKey, inputs.server.publicKey);
  const serverShared = x25519.getSharedSecret(inputs.server.privateKey, inputs.client.publicKey);
  const clientPhase = handshakePhase(suite, clientRules, clientShared, helloHash);
  const serverPhase = handshakePhase(suite, rfc8446Rules, serverShared, helloHash);

  const encryptedExtensions = encodeEncryptedExtensions(buildEncryptedExtensions());
  const certificate = encodeCertificate({
    certificateRequestContext: new Uint8Array(0),
    certificateList: [{ certData: inputs.certificateDer, extensions: [] }],
  });
  const certificateHash = transcriptHash(suite, [
    clientHello,
    serverHello,
    encryptedExtensions,
    certificate,
  ]);
  const content = encodeCertificateVerifyContent(certificateHash);
  const signed = inputs.sign(content.bytes);
  const certificateVerify = encodeCertificateVerify({
    algorithm: signed.scheme,
    signature: signed.signature,
  });
  const parsedCertificate = parseCertificateDer(inputs.certificateDer);

  const serverFlight = [
    clientHello,
    serverHello,
    encryptedExtensions,
    certificate,
    certificateVerify,
  ];
  const certificateVerifyHash = transcriptHash(suite, serverFlight);
  const serverVerifyData = computeVerifyData(
    suite.hash,
    serverPhase.serverFinishedKey.output,
    certificateVerifyHash,
  );
  const clientExpectedServerVerifyData = computeVerifyData(
    suite.hash,
    clientPhase.serverFinishedKey.output,
    certificateVerifyHash,
  );
  const serverFinished = encodeFinished({ verifyData: serverVerifyData });
  const serverFinishedHash = transcriptHash(suite, [...serverFlight, serverFinished]);

  const clientApplication = applicationPhase(suite, clientPhase, serverFinishedHash);
  const serverApplication = applicationPhase(suite, serverPhase, serverFinishedHash);
  const clientVerifyData = computeVerifyData(
    suite.hash,
    clientPhase.clientFinishedKey.output,
    serverFinishedHash,
  );
  const serverExpectedClientVerifyData = computeVerifyData(
    suite.hash,
    serverPhase.clientFinishedKey.output,
    serverFinishedHash,
  );
  const clientFinished = encodeFinished({ verifyData: clientVerifyData });
  const clientFinishedHash = transcriptHash(suite, [
    ...serverFlight,
    serverFinished,
    clientFinished,
  ]);

  const client: SideSchedule = {
    ...clientApplication,
    resumptionMasterSecret: computeResumptionMasterSecret(
      suite.hash,
      clientApplication.application.masterSecret,
      clientFinishedHash,
      clientRules,
    ),
  };
  const server: SideSchedule = {
    ...serverApplication,
    resumptionMasterSecret: computeResumptionMasterSecret(
      suite.hash,
      serverApplication.application.masterSecret,
      clientFinishedHash,
    ),
  };

  const correctSequences = parameters.bug !== 'wrong-sequence-number';
  const context: RecordContext = {
    suite,
    client: { write: sequenceCounter(correctSequences), read: sequenceCounter(correctSequences) },
    server: { write: sequenceCounter(true), read: sequenceCounter(true) },
  };
  const handshakeType = contentTypes.handshake;
  const serverHs = (message: EncodedMessage) =>
    transfer(
      context,
      'server',
      'server handshake',
      server.serverHandshakeKeys,
      client.serverHandshakeKeys,
      handshakeType,
      message.bytes,
    );

  const records: HandshakeRecords = {
    encryptedExtensions: serverHs(encryptedExtensions),
    certificate: serverHs(certificate),
    certificateVerify: serverHs(certificateVerify),
    serverFinished: serverHs(serverFinished),
    clientFinished: transfer(
      context,
      'client',
      'client handshake',
      client.clientHandshakeKeys,
      server.clientHandshakeKeys,
      handshakeType,
      clientFinished.bytes,
    ),
    newSessionTicket: transfer(
      context,
      'server',
      'server application',
      server.serverApplicationKeys,
      client.serverApplicationKeys,
      handshakeType,
      inputs.ticket.bytes,
    ),
    clientApplicationData: transfer(
      context,
      'client',
      'client application',
      client.clientApplicationKeys,
      server.clientApplicationKeys,
      contentTypes.application_data,
      inputs.clientApplicationData,
    ),
    serverApplicationData: transfer(
      context,
      'server',
      'server application',
      server.serverApplicationKeys,
      client.serverApplicationKeys,
      contentTypes.application_data,
      inputs.serverApplicationData,
    ),
  };

  return {
    parameters: { ...parameters, cipherSuite: suite.name },
    seed,
    suite,
    clientRandom: inputs.clientRandom,
    serverRandom: inputs.serverRandom,
    clientKeyShare: inputs.client,
    serverKeyShare: inputs.server,
    messages: {
      clientHello,
      serverHello,
      encryptedExtensions,
      certificate,
      certificateVerify,
      serverFinished,
      clientFinished,
      newSessionTicket: inputs.ticket,
    },
    transcript: {
      hello: helloHash,
      certificate: certificateHash,
      certificateVerify: certificateVerifyHash,
      serverFinished: serverFinishedHash,
      clientFinished: clientFinishedHash,
    },
    client,
    server,
    certificate: parsedCertificate,
    certificateVerify: {
      scheme: signed.scheme,
      content,
      signature: signed.signature,
      signedHere: signed.signedHere,
      valid: verifyCertificateVerifySignature(
        parsedCertificate.publicKey,
        signed.scheme,
        signed.signature,
        content.bytes,
      ),
    },
    serverVerifyData,
    clientExpectedServerVerifyData,
    clientVerifyData,
    serverExpectedClientVerifyData,
    records,
    clientApplicationData: inputs.clientApplicationData,
    serverApplicationData: inputs.serverApplicationData,
  };
}

/** Returns whether the client's check of the server Finished passes (RFC 8446 §4.4.4). */
export function isServerFinishedAccepted(trace: TlsHandshakeTrace): boolean {
  return (
    trace.records.serverFinished.opened.ok &&
    bytesEqual(trace.serverVerifyData, trace.clientExpectedServerVerifyData)
  );
}

/** Returns whether the server's check of the client Finished passes. */
export function isClientFinishedAccepted(trace: TlsHandshakeTrace): boolean {
  return (
    trace.records.clientFinished.opened.ok &&
    bytesEqual(trace.clientVerifyData, trace.serverExpectedClientVerifyData)
  );
}
