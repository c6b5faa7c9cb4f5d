// The computation behind the resumption scenario (RFC 8446 §2.3, §4.2.11,
// §4.6.1). It covers a ticket from a finished handshake, the PSK derived from
// it, the binder over the truncated ClientHello and 0-RTT early data. It then
// shows what a server does when an attacker replays that ClientHello and data.

import { x25519 } from '@noble/curves/ed25519.js';
import { fromHex } from '../bytes';
import { createSeededRandom } from '../seeded-random';
import { rfc8448Resumption } from './rfc8448.fixture';
import type { CipherSuite } from './suites';
import {
  computeEarlySecret,
  computeVerifyData,
  deriveFinishedKey,
  deriveResumptionPsk,
  deriveSecret,
  deriveTrafficKeys,
  type Derivation,
  type TrafficKeyDerivations,
} from './key-schedule';
import { bindersListLength } from './extensions';
import {
  encodeClientHello,
  parseNewSessionTicket,
  type EncodedMessage,
  type NewSessionTicket,
} from './messages';
import {
  FRESH_SIGNATURE_SCHEMES,
  RFC8448_SIGNATURE_SCHEMES,
  buildClientHello,
} from './handshake-messages';
import { computeTlsHandshake, type TlsHandshakeTrace } from './handshake-trace';
import { RFC8448_CIPHER_SUITE, type TlsMode } from './handshake-parameters';
import {
  contentTypes,
  sealRecord,
  tryOpenRecord,
  type OpenResult,
  type SealedRecord,
} from './record';
import type { CipherSuiteName } from './suites';

export type AntiReplay = 'none' | 'single-use-ticket';

export const antiReplayModes: readonly AntiReplay[] = ['none', 'single-use-ticket'];

export interface TlsResumptionParameters {
  readonly mode: TlsMode;
  readonly cipherSuite: CipherSuiteName;
  /** 'single-use-ticket' makes the server accept each ticket once (RFC 8446 §8.1). */
  readonly antiReplay: AntiReplay;
}

export const defaultTlsResumptionParameters: TlsResumptionParameters = {
  mode: 'rfc8448',
  cipherSuite: RFC8448_CIPHER_SUITE,
  antiReplay: 'none',
};

/** The fresh mode's 0-RTT request: an order, which is not idempotent. */
export const FRESH_EARLY_REQUEST =
  'POST /orders HTTP/1.1\r\nHost: server\r\nContent-Length: 11\r\n\r\nitem=coffee';

/** The fresh mode's ticket age when the client resumes, in milliseconds. */
export const FRESH_TICKET_AGE_MS = 2000;

/** The outcome of one arrival of the ClientHello and its early data at the server. */
export interface ServerArrival {
  readonly binderValid: boolean;
  /** Whether the ticket store let the PSK be used (always true without anti-replay). */
  readonly ticketAccepted: boolean;
  /** Undefined when the server rejected 0-RTT and skipped the early data without decrypting it. */
  readonly opened?: OpenResult;
  /** The order counter after this arrival. */
  readonly ordersProcessed: number;
}

export interface ResumptionTrace {
  readonly parameters: TlsResumptionParameters;
  readonly seed: number;
  readonly suite: CipherSuite;
  /** The full handshake that issued the ticket. */
  readonly firstConnection: TlsHandshakeTrace;
  readonly resumptionMasterSecret: Uint8Array;
  readonly ticket: NewSessionTicket;
  readonly psk: Derivation;
  readonly earlySecret: Uint8Array;
  readonly binderKey: Derivation;
  readonly binderFinishedKey: Derivation;
  readonly clientPrivateKey: Uint8Array;
  readonly clientPublicKey: Uint8Array;
  readonly clientRandom: Uint8Array;
  readonly ticketAgeMs: number;
  readonly obfuscatedTicketAge: number;
  /** The ClientHello up to (not including) its binders list, and the hash the binder covers. */
  readonly truncatedClientHello: Uint8Array;
  readonly truncatedHash: Uint8Array;
  readonly binder: Uint8Array;
  readonly clientHello: EncodedMessage;
  readonly clientHelloHash: Uint8Array;
  readonly clientEarlyTrafficSecret: Derivation;
  readonly earlyExporterMasterSecret: Derivation;
  readonly earlyKeys: TrafficKeyDerivations;
  readonly earlyData: Uint8Array;
  readonly earlyDataRecord: SealedRecord;
  readonly original: ServerArrival;
  readonly replay: ServerArrival;
}

function clientHelloWithBinder(
  inputs: {
    random: Uint8Array;
    keyShare: Uint8Array;
    rfc: boolean;
    ticket: Uint8Array;
    obfuscatedTicketAge: number;
  },
  binder: Uint8Array,
): EncodedMessage {
  return encodeClientHello(
    buildClientHello({
      random: inputs.random,
      keyShare: inputs.keyShare,
      signatureSchemes: inputs.rfc ? RFC8448_SIGNATURE_SCHEMES : FRESH_SIGNATURE_SCHEMES,
      resumption: {
        offerEarlyData: true,
        // RFC 8448 §4 pads its ClientHello to 512 bytes, as some implementations do (RFC 7685).
        ...(inputs.rfc ? { paddingLength: 87 } : {}),
        identities: [{ identity: inputs.ticket, obfuscatedTicketAge: inputs.obfuscatedTicketAge }],
        binders: [binder],
      },
    }),
  );
}

/** Processes one arrival of the ClientHello and early data at a server that may remember used tickets. */
function arrive(
  trace: Pick<ResumptionTrace, 'suite' | 'earlyKeys' | 'earlyDataRecord'>,
  binderValid: boolean,
  ticketAccepted: boolean,
  ordersBefore: number,
): ServerArrival {
  if (!binderValid || !ticketAccepted)
    return { binderValid, ticketAccepted, ordersProcessed: ordersBefore };

  const keys = { key: trace.earlyKeys.key.output, iv: trace.earlyKeys.iv.output };
  const opened = tryOpenRecord(trace.suite, keys, 0, trace.earlyDataRecord.record);
  return {
    binderValid,
    ticketAccepted,
    opened,
    ordersProcessed: ordersBefore + (opened.ok ? 1 : 0),
  };
}

/** Runs the first handshake, the ticket, the PSK, the binder, the early data and its replay. */
export function computeTlsResumption(
  parameters: TlsResumptionParameters,
  seed: number,
): ResumptionTrace {
  const rfc = parameters.mode === 'rfc8448';
  const firstConnection = computeTlsHandshake(
    {
      mode: parameters.mode,
      cipherSuite: rfc ? RFC8448_CIPHER_SUITE : parameters.cipherSuite,
      bug: 'none',
    },
    seed,
  );
  const { suite } = firstConnection;
  const hash = suite.hash;
  const ticket = parseNewSessionTicket(firstConnection.messages.newSessionTicket.bytes);
  const resumptionMasterSecret = firstConnection.client.resumptionMasterSecret.output;

  const psk = deriveResumptionPsk(hash, resumptionMasterSecret, ticket.ticketNonce);
  const earlySecret = computeEarlySecret(hash, psk.output);
  // RFC 8446 §7.1: binder_key = Derive-Secret(Early Secret, "res binder", ""), so the context is Hash("").
  const binderKey = deriveSecret(hash, earlySecret, 'res binder', hash.digest(new Uint8Array(0)));
  const binderFinishedKey = deriveFinishedKey(hash, binderKey.output);

  const random = createSeededRandom(seed, 'tls13 resumption client');
  const seededKey = random.nextBytes(32);
  const seededRandom = random.nextBytes(32);
  const clientPrivateKey = rfc ? fromHex(rfc8448Resumption.clientPrivateKey) : seededKey;
  const clientRandom = rfc ? fromHex(rfc8448Resumption.clientRandom) : seededRandom;
  const obfuscatedTicketAge = rfc
    ? parseInt(rfc8448Resumption.obfuscatedTicketAge, 16)
    : (FRESH_TICKET_AGE_MS + ticket.ticketAgeAdd) % 2 ** 32;
  const ticketAgeMs = (obfuscatedTicketAge - ticket.ticketAgeAdd + 2 ** 32) % 2 ** 32;
  const clientPublicKey = x25519.getPublicKey(clientPrivateKey);
  const helloInputs = {
    random: clientRandom,
    keyShare: clientPublicKey,
    rfc,
    ticket: ticket.ticket,
    obfuscatedTicketAge,
  };

  // RFC 8446 §4.2.11.2: the binder covers the ClientHello up to the binders list, with
  // every length field already counting the binders, so a placeholder of the right size goes in first.
  const placeholder = clientHelloWithBinder(helloInputs, new Uint8Array(hash.length));
  const truncatedClientHello = placeholder.bytes.slice(
    0,
    placeholder.bytes.length - bindersListLength([hash.length]),
  );
  const truncatedHash = hash.digest(truncatedClientHello);
  const binder = computeVerifyData(hash, binderFinishedKey.output, truncatedHash);
  const clientHello = clientHelloWithBinder(helloInputs, binder);
  const clientHelloHash = hash.digest(clientHello.bytes);

  const clientEarlyTrafficSecret = deriveSecret(hash, earlySecret, 'c e traffic', clientHelloHash);
  const earlyExporterMasterSecret = deriveSecret(
    hash,
    earlySecret,
    'e exp master',
    clientHelloHash,
  );
  const earlyKeys = deriveTrafficKeys(suite, clientEarlyTrafficSecret.output);
  const earlyData = rfc
    ? fromHex(rfc8448Resumption.earlyData)
    : new TextEncoder().encode(FRESH_EARLY_REQUEST);
  const earlyDataRecord = sealRecord(
    suite,
    { key: earlyKeys.key.output, iv: earlyKeys.iv.output },
    0,
    contentTypes.application_data,
    earlyData,
  );

  // The server recomputes the binder from its own copy of the PSK; identical bytes give an identical binder.
  const serverBinder = computeVerifyData(
    hash,
    binderFinishedKey.output,
    hash.digest(truncatedClientHello),
  );
  const binderValid = serverBinder.every((byte, i) => byte === binder[i]);
  const partial = { suite, earlyKeys, earlyDataRecord };
  const original = arrive(partial, binderValid, true, 0);
  const replay = arrive(
    partial,
    binderValid,
    parameters.antiReplay === 'none',
    original.ordersProcessed,
  );

  return {
    parameters: { ...parameters, cipherSuite: suite.name },
    seed,
    suite,
    firstConnection,
    resumptionMasterSecret,
    ticket,
    psk,
    earlySecret,
    binderKey,
    binderFinishedKey,
    clientPrivateKey,
    clientPublicKey,
    clientRandom,
    ticketAgeMs,
    obfuscatedTicketAge,
    truncatedClientHello,
    truncatedHash,
    binder,
    clientHello,
    clientHelloHash,
    clientEarlyTrafficSecret,
    earlyExporterMasterSecret,
    earlyKeys,
    earlyData,
    earlyDataRecord,
    original,
    replay,
  };
}
