// One TLS 1.3 connection (RFC 8446 §2, 1-RTT full handshake with X25519 and
// TLS_AES_128_GCM_SHA256) carrying one request, and an eavesdropper's attempt
// to read a recording of it with the server's leaked RSA key. The server's
// encrypted flight goes in one record, as many servers send it. The key
// schedule and record protection come from the lab's TLS 1.3 core.

import { x25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '../../bytes';
import type { SeededRandom } from '../../seeded-random';
import {
  computeApplicationSecrets,
  computeHandshakeSecrets,
  computeVerifyData,
  deriveFinishedKey,
  deriveTrafficKeys,
  type ApplicationSecrets,
  type HandshakeSecrets,
} from '../key-schedule';
import {
  contentTypes,
  sealRecord,
  tryOpenRecord,
  type OpenResult,
  type SealedRecord,
  type TrafficKeys,
} from '../record';
import { cipherSuites } from '../suites';
import { tlsError } from '../errors';
import { ByteReader } from '../wire-layout';
import { encodeFinished } from './handshake';
import { ContentType, encodePlaintextRecord } from './record';
import { PSS_SALT_LENGTH, signRsaPssSha256 } from './rsa-pss';
import { SpanWriter, type EncodedBytes } from './span-writer';
import type { TeachingKeyPair } from './teaching-key-pair';
import {
  encodeCertificate13,
  encodeCertificateVerify,
  encodeCertificateVerifyContent,
  encodeClientHello13,
  encodeEncryptedExtensions,
  encodeServerHello13,
} from './tls13-messages';

export const tls13Suite = cipherSuites.TLS_AES_128_GCM_SHA256;
const hash = tls13Suite.hash;

/** RFC 8446 §5.1: the first ClientHello's record may carry version 0x0301 for old middleboxes. */
const CLIENT_HELLO_RECORD_VERSION = 0x0301;

export interface Tls13HandshakeMessages {
  readonly clientHello: EncodedBytes;
  readonly serverHello: EncodedBytes;
  readonly encryptedExtensions: EncodedBytes;
  readonly certificate: EncodedBytes;
  readonly certificateVerify: EncodedBytes;
  readonly serverFinished: EncodedBytes;
  readonly clientFinished: EncodedBytes;
}

export interface Tls13Records {
  readonly clientHello: EncodedBytes;
  readonly serverHello: EncodedBytes;
  /** EncryptedExtensions..Finished under the server handshake keys, sequence number 0. */
  readonly serverFlight: SealedRecord;
  /** Client handshake keys, sequence number 0. */
  readonly clientFinished: SealedRecord;
  /** Client application keys, sequence number 0. */
  readonly applicationData: SealedRecord;
}

export interface Tls13Session {
  readonly clientRandom: Uint8Array;
  readonly serverRandom: Uint8Array;
  readonly clientPrivateKey: Uint8Array;
  readonly clientPublicKey: Uint8Array;
  readonly serverPrivateKey: Uint8Array;
  readonly serverPublicKey: Uint8Array;
  readonly sharedSecret: Uint8Array;
  readonly helloHash: Uint8Array;
  readonly handshakeSecrets: HandshakeSecrets;
  readonly serverHandshakeKeys: TrafficKeys;
  readonly clientHandshakeKeys: TrafficKeys;
  /** The bytes the server signs in CertificateVerify (RFC 8446 §4.4.3). */
  readonly certificateVerifyContent: EncodedBytes;
  readonly signature: Uint8Array;
  readonly serverFinishedHash: Uint8Array;
  readonly applicationSecrets: ApplicationSecrets;
  readonly clientApplicationKeys: TrafficKeys;
  readonly handshake: Tls13HandshakeMessages;
  /** The server flight's handshake messages, as they are inside the encrypted record. */
  readonly serverFlightPlaintext: EncodedBytes;
  readonly records: Tls13Records;
  readonly request: Uint8Array;
}

export interface Tls13SessionInput {
  readonly clientRandom: SeededRandom;
  readonly serverRandom: SeededRandom;
  readonly keyPair: TeachingKeyPair;
  readonly request: Uint8Array;
}

function transcriptHash(...messages: readonly EncodedBytes[]): Uint8Array {
  return hash.digest(concatBytes(...messages.map((message) => message.bytes)));
}

function trafficKeys(secret: Uint8Array): TrafficKeys {
  const derived = deriveTrafficKeys(tls13Suite, secret);
  return { key: derived.key.output, iv: derived.iv.output };
}

/** Runs both ends of one TLS 1.3 handshake and seals the client's request. */
export function runTls13Session(input: Tls13SessionInput): Tls13Session {
  const clientRandom = input.clientRandom.nextBytes(32);
  const clientPrivateKey = input.clientRandom.nextBytes(32);
  const clientPublicKey = x25519.getPublicKey(clientPrivateKey);
  const serverRandom = input.serverRandom.nextBytes(32);
  const serverPrivateKey = input.serverRandom.nextBytes(32);
  const serverPublicKey = x25519.getPublicKey(serverPrivateKey);

  const clientHello = encodeClientHello13(clientRandom, clientPublicKey);
  const serverHello = encodeServerHello13(serverRandom, serverPublicKey);
  const sharedSecret = x25519.getSharedSecret(serverPrivateKey, clientPublicKey);
  const helloHash = transcriptHash(clientHello, serverHello);
  const handshakeSecrets = computeHandshakeSecrets(hash, sharedSecret, helloHash);
  const serverHandshakeKeys = trafficKeys(handshakeSecrets.serverHandshakeTrafficSecret.output);
  const clientHandshakeKeys = trafficKeys(handshakeSecrets.clientHandshakeTrafficSecret.output);

  // RFC 8446 §4.4.3: the long-term key signs the transcript through Certificate; it encrypts nothing.
  const encryptedExtensions = encodeEncryptedExtensions();
  const certificate = encodeCertificate13(input.keyPair.certificateDer);
  const certificateVerifyContent = encodeCertificateVerifyContent(
    transcriptHash(clientHello, serverHello, encryptedExtensions, certificate),
  );
  const signature = signRsaPssSha256(
    input.keyPair.privateKey,
    certificateVerifyContent.bytes,
    input.serverRandom.nextBytes(PSS_SALT_LENGTH),
  );
  const certificateVerify = encodeCertificateVerify(signature);

  const serverFinished = encodeFinished(
    computeVerifyData(
      hash,
      deriveFinishedKey(hash, handshakeSecrets.serverHandshakeTrafficSecret.output).output,
      transcriptHash(clientHello, serverHello, encryptedExtensions, certificate, certificateVerify),
    ),
  );
  const serverFinishedHash = transcriptHash(
    clientHello,
    serverHello,
    encryptedExtensions,
    certificate,
    certificateVerify,
    serverFinished,
  );
  const clientFinished = encodeFinished(
    computeVerifyData(
      hash,
      deriveFinishedKey(hash, handshakeSecrets.clientHandshakeTrafficSecret.output).output,
      serverFinishedHash,
    ),
  );

  const applicationSecrets = computeApplicationSecrets(
    hash,
    handshakeSecrets.handshakeSecret,
    serverFinishedHash,
  );
  const clientApplicationKeys = trafficKeys(
    applicationSecrets.clientApplicationTrafficSecret.output,
  );

  const serverFlightPlaintext = new SpanWriter()
    .append(encryptedExtensions, 'encryptedExtensions')
    .append(certificate, 'certificate')
    .append(certificateVerify, 'certificateVerify')
    .append(serverFinished, 'finished')
    .finish();

  return {
    clientRandom,
    serverRandom,
    clientPrivateKey,
    clientPublicKey,
    serverPrivateKey,
    serverPublicKey,
    sharedSecret,
    helloHash,
    handshakeSecrets,
    serverHandshakeKeys,
    clientHandshakeKeys,
    certificateVerifyContent,
    signature,
    serverFinishedHash,
    applicationSecrets,
    clientApplicationKeys,
    handshake: {
      clientHello,
      serverHello,
      encryptedExtensions,
      certificate,
      certificateVerify,
      serverFinished,
      clientFinished,
    },
    serverFlightPlaintext,
    records: {
      clientHello: encodePlaintextRecord(
        ContentType.handshake,
        clientHello,
        CLIENT_HELLO_RECORD_VERSION,
      ),
      serverHello: encodePlaintextRecord(ContentType.handshake, serverHello),
      serverFlight: sealRecord(
        tls13Suite,
        serverHandshakeKeys,
        0,
        contentTypes.handshake,
        serverFlightPlaintext.bytes,
      ),
      clientFinished: sealRecord(
        tls13Suite,
        clientHandshakeKeys,
        0,
        contentTypes.handshake,
        clientFinished.bytes,
      ),
      applicationData: sealRecord(
        tls13Suite,
        clientApplicationKeys,
        0,
        contentTypes.application_data,
        input.request,
      ),
    },
    request: input.request,
  };
}

/** The records of a TLS 1.3 session that an eavesdropper captured. */
export interface Tls13Recording {
  readonly clientHello: Uint8Array;
  readonly serverHello: Uint8Array;
  readonly serverFlight: Uint8Array;
  readonly applicationData: Uint8Array;
}

export function recordTls13Session(session: Tls13Session): Tls13Recording {
  return {
    clientHello: session.records.clientHello.bytes,
    serverHello: session.records.serverHello.bytes,
    serverFlight: session.records.serverFlight.record,
    applicationData: session.records.applicationData.record,
  };
}

const KEY_SHARE_EXTENSION = 51;

/**
 * Reads the X25519 key_exchange from the key_share extension of a recorded
 * ClientHello or ServerHello record (RFC 8446 §4.2.8). Throws a TlsError:
 * 'truncated-message' when the record ends early, 'invalid-field' when it has
 * no key_share extension.
 */
export function readKeyShare(record: Uint8Array, type: 'client' | 'server'): Uint8Array {
  const name = type === 'client' ? 'ClientHello' : 'ServerHello';
  const reader = new ByteReader(record, `recorded ${name}`);
  reader.readBytes(5, 'record header');
  reader.readBytes(4, 'handshake header');
  reader.readBytes(2 + 32, 'version and random');
  reader.readVector(1, 'session id');
  if (type === 'client') {
    reader.readVector(2, 'cipher_suites');
    reader.readVector(1, 'compression_methods');
  } else {
    reader.readBytes(3, 'cipher_suite and compression_method');
  }

  const extensions = reader.readVectorReader(2, 'extensions');
  while (extensions.remaining > 0) {
    const extensionType = extensions.readUint(2, 'extension_type');
    const data = extensions.readVectorReader(2, 'extension_data');
    if (extensionType !== KEY_SHARE_EXTENSION) continue;

    // A ClientHello lists its shares in a vector; a ServerHello has exactly one.
    const entry = type === 'client' ? data.readVectorReader(2, 'client_shares') : data;
    entry.readUint(2, 'group');
    return entry.readVector(2, 'key_exchange');
  }
  throw tlsError('invalid-field', `the recorded ${name} has no key_share extension`, {
    what: `recorded ${name}`,
    field: 'key_share',
  });
}

/** Derives a 32-byte X25519 scalar from the leaked RSA key: SHA-256 of its DER encoding. */
export function scalarFromRsaKey(keyPair: TeachingKeyPair): Uint8Array {
  return sha256(keyPair.privateKeyDer);
}

export interface Tls13DecryptionAttempt {
  readonly clientPublicKey: Uint8Array;
  readonly serverPublicKey: Uint8Array;
  readonly scalar: Uint8Array;
  /** X25519(scalar, server key share): the shared secret if `scalar` were the client's private key. */
  readonly sharedSecret: Uint8Array;
  readonly helloHash: Uint8Array;
  readonly handshakeSecrets: HandshakeSecrets;
  readonly serverHandshakeKeys: TrafficKeys;
  readonly serverFlight: OpenResult;
  readonly applicationSecrets: ApplicationSecrets;
  readonly clientApplicationKeys: TrafficKeys;
  readonly applicationData: OpenResult;
}

/**
 * Tries to open a recorded TLS 1.3 session with `scalar` in place of the
 * client's ephemeral X25519 private key. The application keys also need
 * Transcript-Hash(ClientHello..server Finished), which sits inside the
 * encrypted flight, so the caller passes it in. A test checks that the client's
 * real private key opens both records through this same function.
 */
export function attemptTls13Decryption(
  recording: Tls13Recording,
  scalar: Uint8Array,
  serverFinishedHash: Uint8Array,
): Tls13DecryptionAttempt {
  const clientPublicKey = readKeyShare(recording.clientHello, 'client');
  const serverPublicKey = readKeyShare(recording.serverHello, 'server');
  const sharedSecret = x25519.getSharedSecret(scalar, serverPublicKey);

  // The transcript hashes handshake messages without their 5-byte record headers.
  const helloHash = hash.digest(
    concatBytes(recording.clientHello.subarray(5), recording.serverHello.subarray(5)),
  );
  const handshakeSecrets = computeHandshakeSecrets(hash, sharedSecret, helloHash);
  const serverHandshakeKeys = trafficKeys(handshakeSecrets.serverHandshakeTrafficSecret.output);
  const serverFlight = tryOpenRecord(tls13Suite, serverHandshakeKeys, 0, recording.serverFlight);

  const applicationSecrets = computeApplicationSecrets(
    hash,
    handshakeSecrets.handshakeSecret,
    serverFinishedHash,
  );
  const clientApplicationKeys = trafficKeys(
    applicationSecrets.clientApplicationTrafficSecret.output,
  );
  const applicationData = tryOpenRecord(
    tls13Suite,
    clientApplicationKeys,
    0,
    recording.applicationData,
  );

  return {
    clientPublicKey,
    serverPublicKey,
    scalar,
    sharedSecret,
    helloHash,
    handshakeSecrets,
    serverHandshakeKeys,
    serverFlight,
    applicationSecrets,
    clientApplicationKeys,
    applicationData,
  };
}
