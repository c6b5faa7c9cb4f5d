// The TLS 1.3 key schedule (RFC 8446 §7.1) and the keys derived from it
// (§7.3 traffic keys, §4.4.4 Finished). Each HKDF-Expand-Label derivation
// returns its encoded HkdfLabel beside its output, so that a view can show the
// exact bytes that went into HKDF-Expand. HKDF and HMAC come from @noble/hashes.

import { extract, expand } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import type { ByteSpan } from '../scenario';
import type { CipherSuite, TlsHash } from './suites';
import { layoutBytes, piece, uintPiece, type Layout } from './wire-layout';

const encoder = new TextEncoder();

/** RFC 8446 §7.1: every label is prefixed with "tls13 ". */
export const LABEL_PREFIX = 'tls13 ';

/** The span `field` names of an HkdfLabel, matching the inputs of its computation. */
export const hkdfLabelFields = { length: 'Length', label: 'Label', context: 'Context' } as const;

/** The bytes of `struct HkdfLabel` with spans for its three fields. */
export interface EncodedHkdfLabel {
  readonly bytes: Uint8Array;
  readonly spans: readonly ByteSpan[];
  /** The full label including "tls13 ". */
  readonly fullLabel: string;
}

/** The value of one derivation and, for HKDF-Expand-Label, the HkdfLabel that fed it. */
export interface Derivation {
  readonly output: Uint8Array;
  readonly hkdfLabel?: EncodedHkdfLabel;
}

/**
 * The encoding choices of the key schedule. `rfc8446Rules` follows the RFC;
 * deliberate-bugs.ts contains the broken variants that the bug toggles use.
 */
export interface KeyScheduleRules {
  encodeHkdfLabel(length: number, label: string, context: Uint8Array): EncodedHkdfLabel;
  /** The context of Derive-Secret(., "derived", ""), which the RFC defines as Hash(""). */
  derivedContext(hash: TlsHash): Uint8Array;
}

/**
 * Lays out `struct { uint16 length; opaque label<7..255>; opaque context<0..255>; }`
 * with `vectorLengthBytes` bytes in front of each opaque vector.
 */
export function layOutHkdfLabel(
  length: number,
  label: string,
  context: Uint8Array,
  vectorLengthBytes: number,
): EncodedHkdfLabel {
  const fullLabel = LABEL_PREFIX + label;
  const labelBytes = encoder.encode(fullLabel);
  const layout: Layout = [
    uintPiece(`length ${length}`, length, 2, hkdfLabelFields.length),
    uintPiece('label length', labelBytes.length, vectorLengthBytes, hkdfLabelFields.label),
    piece(`label "${fullLabel}"`, labelBytes, hkdfLabelFields.label),
    uintPiece('context length', context.length, vectorLengthBytes, hkdfLabelFields.context),
    piece('context', context, hkdfLabelFields.context),
  ];
  return { ...layoutBytes(layout), fullLabel };
}

export const rfc8446Rules: KeyScheduleRules = {
  // RFC 8446 §7.1: both opaque vectors have a ceiling of 255, so one length byte each.
  encodeHkdfLabel: (length, label, context) => layOutHkdfLabel(length, label, context, 1),
  derivedContext: (hash) => hash.digest(new Uint8Array(0)),
};

/** HKDF-Extract(salt, IKM) (RFC 5869 §2.2). */
export function hkdfExtract(hash: TlsHash, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return extract(hash.hash, ikm, salt);
}

/** RFC 8446 §7.1: HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length). */
export function hkdfExpandLabel(
  hash: TlsHash,
  secret: Uint8Array,
  label: string,
  context: Uint8Array,
  length: number,
  rules: KeyScheduleRules = rfc8446Rules,
): Derivation {
  const hkdfLabel = rules.encodeHkdfLabel(length, label, context);
  return { output: expand(hash.hash, secret, hkdfLabel.bytes, length), hkdfLabel };
}

/**
 * RFC 8446 §7.1: Derive-Secret(Secret, Label, Messages) =
 * HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length).
 * Takes the transcript hash, not the messages.
 */
export function deriveSecret(
  hash: TlsHash,
  secret: Uint8Array,
  label: string,
  transcriptHash: Uint8Array,
  rules: KeyScheduleRules = rfc8446Rules,
): Derivation {
  return hkdfExpandLabel(hash, secret, label, transcriptHash, hash.length, rules);
}

/** Derive-Secret(secret, "derived", ""), the salt of the next HKDF-Extract (RFC 8446 §7.1). */
export function deriveDerivedSecret(
  hash: TlsHash,
  secret: Uint8Array,
  rules: KeyScheduleRules = rfc8446Rules,
): Derivation {
  return deriveSecret(hash, secret, 'derived', rules.derivedContext(hash), rules);
}

/** Hash.length zero bytes: the "0" of RFC 8446 §7.1 used as salt and as IKM. */
export function zeros(hash: TlsHash): Uint8Array {
  return new Uint8Array(hash.length);
}

/** Early Secret = HKDF-Extract(0, PSK), with PSK = 0 when no pre-shared key is in use. */
export function computeEarlySecret(hash: TlsHash, psk?: Uint8Array): Uint8Array {
  return hkdfExtract(hash, zeros(hash), psk ?? zeros(hash));
}

/** RFC 8446 §7.3: write key and IV, each from HKDF-Expand-Label(Secret, "key"/"iv", "", length). */
export interface TrafficKeyDerivations {
  readonly key: Derivation;
  readonly iv: Derivation;
}

export function deriveTrafficKeys(
  suite: CipherSuite,
  trafficSecret: Uint8Array,
  rules: KeyScheduleRules = rfc8446Rules,
): TrafficKeyDerivations {
  const empty = new Uint8Array(0);
  return {
    key: hkdfExpandLabel(suite.hash, trafficSecret, 'key', empty, suite.aead.keyLength, rules),
    iv: hkdfExpandLabel(suite.hash, trafficSecret, 'iv', empty, suite.aead.ivLength, rules),
  };
}

/** RFC 8446 §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length). */
export function deriveFinishedKey(
  hash: TlsHash,
  baseKey: Uint8Array,
  rules: KeyScheduleRules = rfc8446Rules,
): Derivation {
  return hkdfExpandLabel(hash, baseKey, 'finished', new Uint8Array(0), hash.length, rules);
}

/** RFC 8446 §4.4.4: verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, CertificateVerify*)). */
export function computeVerifyData(
  hash: TlsHash,
  finishedKey: Uint8Array,
  transcriptHash: Uint8Array,
): Uint8Array {
  return hmac(hash.hash, finishedKey, transcriptHash);
}

/** The secrets between the early secret and the handshake traffic secrets. */
export interface HandshakeSecrets {
  readonly earlySecret: Uint8Array;
  readonly derivedForHandshake: Derivation;
  readonly handshakeSecret: Uint8Array;
  readonly clientHandshakeTrafficSecret: Derivation;
  readonly serverHandshakeTrafficSecret: Derivation;
}

/**
 * RFC 8446 §7.1, first half: from the (EC)DHE shared secret and
 * Transcript-Hash(ClientHello..ServerHello) to both handshake traffic secrets.
 */
export function computeHandshakeSecrets(
  hash: TlsHash,
  sharedSecret: Uint8Array,
  helloHash: Uint8Array,
  options: { psk?: Uint8Array; rules?: KeyScheduleRules } = {},
): HandshakeSecrets {
  const rules = options.rules ?? rfc8446Rules;
  const earlySecret = computeEarlySecret(hash, options.psk);
  const derivedForHandshake = deriveDerivedSecret(hash, earlySecret, rules);
  const handshakeSecret = hkdfExtract(hash, derivedForHandshake.output, sharedSecret);
  return {
    earlySecret,
    derivedForHandshake,
    handshakeSecret,
    clientHandshakeTrafficSecret: deriveSecret(
      hash,
      handshakeSecret,
      'c hs traffic',
      helloHash,
      rules,
    ),
    serverHandshakeTrafficSecret: deriveSecret(
      hash,
      handshakeSecret,
      's hs traffic',
      helloHash,
      rules,
    ),
  };
}

/** The secrets that come from the master secret once the server Finished is in the transcript. */
export interface ApplicationSecrets {
  readonly derivedForMaster: Derivation;
  readonly masterSecret: Uint8Array;
  readonly clientApplicationTrafficSecret: Derivation;
  readonly serverApplicationTrafficSecret: Derivation;
  readonly exporterMasterSecret: Derivation;
}

/** RFC 8446 §7.1, second half: Transcript-Hash(ClientHello..server Finished) gives the application secrets. */
export function computeApplicationSecrets(
  hash: TlsHash,
  handshakeSecret: Uint8Array,
  serverFinishedHash: Uint8Array,
  rules: KeyScheduleRules = rfc8446Rules,
): ApplicationSecrets {
  const derivedForMaster = deriveDerivedSecret(hash, handshakeSecret, rules);
  const masterSecret = hkdfExtract(hash, derivedForMaster.output, zeros(hash));
  return {
    derivedForMaster,
    masterSecret,
    clientApplicationTrafficSecret: deriveSecret(
      hash,
      masterSecret,
      'c ap traffic',
      serverFinishedHash,
      rules,
    ),
    serverApplicationTrafficSecret: deriveSecret(
      hash,
      masterSecret,
      's ap traffic',
      serverFinishedHash,
      rules,
    ),
    exporterMasterSecret: deriveSecret(hash, masterSecret, 'exp master', serverFinishedHash, rules),
  };
}

/** resumption_master_secret = Derive-Secret(Master Secret, "res master", ClientHello..client Finished). */
export function computeResumptionMasterSecret(
  hash: TlsHash,
  masterSecret: Uint8Array,
  clientFinishedHash: Uint8Array,
  rules: KeyScheduleRules = rfc8446Rules,
): Derivation {
  return deriveSecret(hash, masterSecret, 'res master', clientFinishedHash, rules);
}

/** RFC 8446 §4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length). */
export function deriveResumptionPsk(
  hash: TlsHash,
  resumptionMasterSecret: Uint8Array,
  ticketNonce: Uint8Array,
  rules: KeyScheduleRules = rfc8446Rules,
): Derivation {
  return hkdfExpandLabel(
    hash,
    resumptionMasterSecret,
    'resumption',
    ticketNonce,
    hash.length,
    rules,
  );
}
