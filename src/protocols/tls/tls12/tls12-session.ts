// One TLS 1.2 connection with RSA key transport
// (TLS_RSA_WITH_AES_128_GCM_SHA256, RFC 5246 §7.3 full handshake) carrying one
// request, and what an eavesdropper who later obtains the server's private key
// can do with a recording of it. No extensions and no session resumption.

import type forge from 'node-forge';
import type { SeededRandom } from '../../seeded-random';
import { concatBytes } from '../../bytes';
import { Tls12Error } from './errors';
import { encodeFinished, HandshakeType } from './handshake';
import {
  computeKeyBlock,
  computeMasterSecret,
  computeVerifyData,
  RANDOM_LENGTH,
  splitKeyBlock,
  type Tls12KeyMaterial,
} from './prf';
import {
  ContentType,
  encodePlaintextRecord,
  openRecord,
  sealRecord,
  type OpenedRecord,
  type SealedRecord,
} from './record';
import {
  PREMASTER_SECRET_LENGTH,
  decryptPreMasterSecret,
  encryptPreMasterSecret,
  generatePaddingString,
  generatePreMasterSecret,
  paddingLengthFor,
  type DecodedPreMasterBlock,
  type EncryptedPreMasterSecret,
} from './rsa-key-exchange';
import type { EncodedBytes } from './span-writer';
import type { TeachingKeyPair } from './teaching-key-pair';
import {
  encodeCertificate12,
  encodeChangeCipherSpec,
  encodeClientHello12,
  encodeClientKeyExchange,
  encodeServerHello12,
  encodeServerHelloDone,
} from './tls12-messages';

/** Handshake messages without record headers, in the order they enter the Finished hash. */
export interface Tls12HandshakeMessages {
  readonly clientHello: EncodedBytes;
  readonly serverHello: EncodedBytes;
  readonly certificate: EncodedBytes;
  readonly serverHelloDone: EncodedBytes;
  readonly clientKeyExchange: EncodedBytes;
  readonly clientFinished: EncodedBytes;
  readonly serverFinished: EncodedBytes;
}

/** The records on the wire, which an eavesdropper can capture. */
export interface Tls12Records {
  readonly clientHello: EncodedBytes;
  readonly serverHello: EncodedBytes;
  readonly certificate: EncodedBytes;
  readonly serverHelloDone: EncodedBytes;
  readonly clientKeyExchange: EncodedBytes;
  readonly clientChangeCipherSpec: EncodedBytes;
  /** Client write keys, sequence number 0. */
  readonly clientFinished: SealedRecord;
  readonly serverChangeCipherSpec: EncodedBytes;
  /** Server write keys, sequence number 0. */
  readonly serverFinished: SealedRecord;
  /** Client write keys, sequence number 1. */
  readonly applicationData: SealedRecord;
}

export interface Tls12Session {
  readonly clientRandom: Uint8Array;
  readonly serverRandom: Uint8Array;
  readonly preMasterSecret: Uint8Array;
  readonly encryptedPreMasterSecret: EncryptedPreMasterSecret;
  /** The result of the server's RSA decryption of ClientKeyExchange. */
  readonly serverDecryption: DecodedPreMasterBlock;
  readonly masterSecret: Uint8Array;
  readonly keyBlock: Uint8Array;
  readonly keys: Tls12KeyMaterial;
  readonly clientVerifyData: Uint8Array;
  readonly serverVerifyData: Uint8Array;
  readonly handshake: Tls12HandshakeMessages;
  readonly records: Tls12Records;
  readonly request: Uint8Array;
}

/** The sequence number of the client's first application record: its Finished used 0. */
export const TLS12_APPLICATION_SEQUENCE_NUMBER = 1;

export interface Tls12SessionInput {
  readonly clientRandom: SeededRandom;
  readonly serverRandom: SeededRandom;
  readonly keyPair: TeachingKeyPair;
  readonly request: Uint8Array;
}

/** Runs both ends of one TLS 1.2 RSA handshake and seals the client's request. */
export function runTls12Session(input: Tls12SessionInput): Tls12Session {
  const { keyPair } = input;
  const clientRandom = input.clientRandom.nextBytes(RANDOM_LENGTH);
  const serverRandom = input.serverRandom.nextBytes(RANDOM_LENGTH);

  const preMasterSecret = generatePreMasterSecret(input.clientRandom);
  const paddingString = generatePaddingString(
    input.clientRandom,
    paddingLengthFor(keyPair.modulusLength, PREMASTER_SECRET_LENGTH),
  );
  const encryptedPreMasterSecret = encryptPreMasterSecret(
    preMasterSecret,
    keyPair.publicKey,
    paddingString,
  );
  const serverDecryption = decryptPreMasterSecret(
    keyPair.privateKey,
    encryptedPreMasterSecret.ciphertext,
  );

  const masterSecret = computeMasterSecret(
    serverDecryption.preMasterSecret,
    clientRandom,
    serverRandom,
  );
  const keyBlock = computeKeyBlock(masterSecret, serverRandom, clientRandom);
  const keys = splitKeyBlock(keyBlock);
  const clientKeys = { key: keys.clientWriteKey, salt: keys.clientWriteIv };
  const serverKeys = { key: keys.serverWriteKey, salt: keys.serverWriteIv };

  const clientHello = encodeClientHello12(clientRandom);
  const serverHello = encodeServerHello12(serverRandom);
  const certificate = encodeCertificate12(keyPair.certificateDer);
  const serverHelloDone = encodeServerHelloDone();
  const clientKeyExchange = encodeClientKeyExchange(encryptedPreMasterSecret.ciphertext);

  // RFC 5246 §7.4.9: each Finished hashes every handshake message before it, without record headers.
  const beforeClientFinished = [
    clientHello,
    serverHello,
    certificate,
    serverHelloDone,
    clientKeyExchange,
  ];
  const clientVerifyData = computeVerifyData(
    masterSecret,
    'client finished',
    concatBytes(...beforeClientFinished.map((message) => message.bytes)),
  );
  const clientFinished = encodeFinished(clientVerifyData);
  const serverVerifyData = computeVerifyData(
    masterSecret,
    'server finished',
    concatBytes(...beforeClientFinished.map((message) => message.bytes), clientFinished.bytes),
  );
  const serverFinished = encodeFinished(serverVerifyData);

  const handshakeRecord = (message: EncodedBytes) =>
    encodePlaintextRecord(ContentType.handshake, message);
  const records: Tls12Records = {
    clientHello: handshakeRecord(clientHello),
    serverHello: handshakeRecord(serverHello),
    certificate: handshakeRecord(certificate),
    serverHelloDone: handshakeRecord(serverHelloDone),
    clientKeyExchange: handshakeRecord(clientKeyExchange),
    clientChangeCipherSpec: encodePlaintextRecord(
      ContentType.changeCipherSpec,
      encodeChangeCipherSpec(),
    ),
    clientFinished: sealRecord(clientKeys, 0, ContentType.handshake, clientFinished.bytes),
    serverChangeCipherSpec: encodePlaintextRecord(
      ContentType.changeCipherSpec,
      encodeChangeCipherSpec(),
    ),
    serverFinished: sealRecord(serverKeys, 0, ContentType.handshake, serverFinished.bytes),
    applicationData: sealRecord(
      clientKeys,
      TLS12_APPLICATION_SEQUENCE_NUMBER,
      ContentType.applicationData,
      input.request,
    ),
  };

  return {
    clientRandom,
    serverRandom,
    preMasterSecret,
    encryptedPreMasterSecret,
    serverDecryption,
    masterSecret,
    keyBlock,
    keys,
    clientVerifyData,
    serverVerifyData,
    handshake: {
      clientHello,
      serverHello,
      certificate,
      serverHelloDone,
      clientKeyExchange,
      clientFinished,
      serverFinished,
    },
    records,
    request: input.request,
  };
}

/** The records an eavesdropper needs from a TLS 1.2 RSA session, as captured. */
export interface Tls12Recording {
  readonly clientHello: Uint8Array;
  readonly serverHello: Uint8Array;
  readonly clientKeyExchange: Uint8Array;
  readonly applicationData: Uint8Array;
  /** Counted by the eavesdropper: the client's records since its ChangeCipherSpec. */
  readonly applicationDataSequenceNumber: number;
}

export function recordTls12Session(session: Tls12Session): Tls12Recording {
  return {
    clientHello: session.records.clientHello.bytes,
    serverHello: session.records.serverHello.bytes,
    clientKeyExchange: session.records.clientKeyExchange.bytes,
    applicationData: session.records.applicationData.record.bytes,
    applicationDataSequenceNumber: TLS12_APPLICATION_SEQUENCE_NUMBER,
  };
}

// Offsets inside a handshake record: 5-byte record header, 4-byte handshake header.
const HANDSHAKE_BODY = 9;

function checkHandshakeRecord(record: Uint8Array, type: number, name: string): void {
  if (record[0] !== ContentType.handshake || record[5] !== type) {
    throw new Tls12Error('invalid-record', `the recorded ${name} is not a ${name} record`, {
      reason: `expected a handshake record holding ${name}`,
      offset: record[0] === ContentType.handshake ? 5 : 0,
    });
  }
}

/** Reads ClientHello.random or ServerHello.random: after the 2-byte version (RFC 5246 §7.4.1.2-3). */
export function readHelloRandom(record: Uint8Array, type: number, name: string): Uint8Array {
  checkHandshakeRecord(record, type, name);
  const start = HANDSHAKE_BODY + 2;
  if (record.length < start + RANDOM_LENGTH) {
    throw new Tls12Error('invalid-record', `the recorded ${name} is too short`, {
      reason: `${name} ends before its random`,
      offset: record.length,
    });
  }
  return record.slice(start, start + RANDOM_LENGTH);
}

/** Reads the RSA ciphertext from a recorded ClientKeyExchange record. */
export function readEncryptedPreMasterSecret(record: Uint8Array): Uint8Array {
  checkHandshakeRecord(record, HandshakeType.clientKeyExchange, 'ClientKeyExchange');
  const length = (record[HANDSHAKE_BODY]! << 8) | record[HANDSHAKE_BODY + 1]!;
  const start = HANDSHAKE_BODY + 2;
  if (record.length !== start + length) {
    throw new Tls12Error('invalid-record', 'the recorded ClientKeyExchange has a wrong length', {
      reason: `the ciphertext length field says ${length} bytes but ${record.length - start} follow`,
      offset: HANDSHAKE_BODY,
    });
  }
  return record.slice(start);
}

export interface Tls12Decryption {
  readonly clientRandom: Uint8Array;
  readonly serverRandom: Uint8Array;
  readonly encryptedPreMasterSecret: Uint8Array;
  readonly premaster: DecodedPreMasterBlock;
  readonly masterSecret: Uint8Array;
  readonly keyBlock: Uint8Array;
  readonly keys: Tls12KeyMaterial;
  readonly opened: OpenedRecord;
}

/**
 * Decrypts a recorded TLS 1.2 RSA session with the server's private key, the
 * way an eavesdropper holding a leaked key does: RSA-decrypt the premaster
 * secret, rerun the PRF with the randoms from the hellos, open the record.
 */
export function decryptTls12Recording(
  recording: Tls12Recording,
  privateKey: forge.pki.rsa.PrivateKey,
): Tls12Decryption {
  const clientRandom = readHelloRandom(
    recording.clientHello,
    HandshakeType.clientHello,
    'ClientHello',
  );
  const serverRandom = readHelloRandom(
    recording.serverHello,
    HandshakeType.serverHello,
    'ServerHello',
  );
  const encryptedPreMasterSecret = readEncryptedPreMasterSecret(recording.clientKeyExchange);

  const premaster = decryptPreMasterSecret(privateKey, encryptedPreMasterSecret);
  const masterSecret = computeMasterSecret(premaster.preMasterSecret, clientRandom, serverRandom);
  const keyBlock = computeKeyBlock(masterSecret, serverRandom, clientRandom);
  const keys = splitKeyBlock(keyBlock);
  const opened = openRecord(
    { key: keys.clientWriteKey, salt: keys.clientWriteIv },
    recording.applicationDataSequenceNumber,
    recording.applicationData,
  );

  return {
    clientRandom,
    serverRandom,
    encryptedPreMasterSecret,
    premaster,
    masterSecret,
    keyBlock,
    keys,
    opened,
  };
}
