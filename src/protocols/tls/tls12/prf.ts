// TLS 1.2 key derivation for TLS_RSA_WITH_AES_128_GCM_SHA256: the PRF built
// from HMAC-SHA256 (RFC 5246 §5), the master secret (§8.1), the key block and
// its split into write keys and implicit nonce salts (§6.3, RFC 5288 §3), and
// Finished verify_data (§7.4.9). The extended master secret of RFC 7627, which
// current TLS 1.2 stacks use, is not modelled: this is the RFC 5246 derivation.

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '../../bytes';

const encoder = new TextEncoder();

/** RFC 5246 §8.1: the master secret is always 48 bytes. */
export const MASTER_SECRET_LENGTH = 48;

/** RFC 5246 §7.4.1.2: ClientHello.random and ServerHello.random are 32 bytes. */
export const RANDOM_LENGTH = 32;

/** RFC 5246 §7.4.9: verify_data_length is 12 unless the cipher suite specifies another length. */
export const VERIFY_DATA_LENGTH = 12;

/**
 * Key material sizes of TLS_RSA_WITH_AES_128_GCM_SHA256 (RFC 5288 §3): no MAC
 * key, a 16-byte AES key, a 4-byte implicit salt and an 8-byte explicit nonce.
 */
export const AES_128_GCM_SHA256 = {
  macKeyLength: 0,
  encKeyLength: 16,
  fixedIvLength: 4,
  recordIvLength: 8,
} as const;

/** Length of the key block for AES_128_GCM_SHA256: two keys and two salts. */
export const KEY_BLOCK_LENGTH =
  2 *
  (AES_128_GCM_SHA256.macKeyLength +
    AES_128_GCM_SHA256.encKeyLength +
    AES_128_GCM_SHA256.fixedIvLength);

export interface Tls12KeyMaterial {
  readonly clientWriteKey: Uint8Array;
  readonly serverWriteKey: Uint8Array;
  /** The 4-byte implicit part of the client's GCM nonce (RFC 5288 "salt"). */
  readonly clientWriteIv: Uint8Array;
  readonly serverWriteIv: Uint8Array;
}

function checkLength(name: string, value: Uint8Array, length: number): void {
  if (value.length !== length) {
    throw new RangeError(`"${name}" must be ${length} bytes, got ${value.length}`);
  }
}

/**
 * Computes P_SHA256(secret, seed) truncated to `length` bytes (RFC 5246 §5):
 * A(0) = seed, A(i) = HMAC(secret, A(i-1)), output = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...
 */
export function pSha256(secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 0) {
    throw new RangeError(`"length" must be a non-negative integer, got ${length}`);
  }

  const output = new Uint8Array(length);
  let a = seed;
  let offset = 0;
  while (offset < length) {
    a = hmac(sha256, secret, a);
    const block = hmac(sha256, secret, concatBytes(a, seed));
    output.set(block.subarray(0, Math.min(block.length, length - offset)), offset);
    offset += block.length;
  }
  return output;
}

/** Computes PRF(secret, label, seed) = P_SHA256(secret, label + seed), the TLS 1.2 PRF (RFC 5246 §5). */
export function prf(
  secret: Uint8Array,
  label: string,
  seed: Uint8Array,
  length: number,
): Uint8Array {
  return pSha256(secret, concatBytes(encoder.encode(label), seed), length);
}

/**
 * Computes master_secret = PRF(pre_master_secret, "master secret",
 * ClientHello.random + ServerHello.random)[0..47] (RFC 5246 §8.1).
 */
export function computeMasterSecret(
  preMasterSecret: Uint8Array,
  clientRandom: Uint8Array,
  serverRandom: Uint8Array,
): Uint8Array {
  checkLength('clientRandom', clientRandom, RANDOM_LENGTH);
  checkLength('serverRandom', serverRandom, RANDOM_LENGTH);

  return prf(
    preMasterSecret,
    'master secret',
    concatBytes(clientRandom, serverRandom),
    MASTER_SECRET_LENGTH,
  );
}

/**
 * Computes key_block = PRF(master_secret, "key expansion", server_random + client_random)
 * (RFC 5246 §6.3). The randoms come in the opposite order to the master secret's seed.
 */
export function computeKeyBlock(
  masterSecret: Uint8Array,
  serverRandom: Uint8Array,
  clientRandom: Uint8Array,
): Uint8Array {
  checkLength('masterSecret', masterSecret, MASTER_SECRET_LENGTH);
  checkLength('serverRandom', serverRandom, RANDOM_LENGTH);
  checkLength('clientRandom', clientRandom, RANDOM_LENGTH);

  return prf(
    masterSecret,
    'key expansion',
    concatBytes(serverRandom, clientRandom),
    KEY_BLOCK_LENGTH,
  );
}

/**
 * Splits the key block in the order of RFC 5246 §6.3: client MAC key, server
 * MAC key (both empty for GCM), client write key, server write key, client
 * write IV, server write IV.
 */
export function splitKeyBlock(keyBlock: Uint8Array): Tls12KeyMaterial {
  checkLength('keyBlock', keyBlock, KEY_BLOCK_LENGTH);

  const { encKeyLength, fixedIvLength } = AES_128_GCM_SHA256;
  let offset = 0;
  const take = (length: number): Uint8Array => {
    const part = keyBlock.slice(offset, offset + length);
    offset += length;
    return part;
  };

  return {
    clientWriteKey: take(encKeyLength),
    serverWriteKey: take(encKeyLength),
    clientWriteIv: take(fixedIvLength),
    serverWriteIv: take(fixedIvLength),
  };
}

/**
 * Computes verify_data = PRF(master_secret, finished_label, SHA-256(handshake_messages))[0..11]
 * (RFC 5246 §7.4.9), where `handshakeMessages` are the handshake messages so
 * far without record headers.
 */
export function computeVerifyData(
  masterSecret: Uint8Array,
  finishedLabel: 'client finished' | 'server finished',
  handshakeMessages: Uint8Array,
): Uint8Array {
  checkLength('masterSecret', masterSecret, MASTER_SECRET_LENGTH);

  return prf(masterSecret, finishedLabel, sha256(handshakeMessages), VERIFY_DATA_LENGTH);
}
