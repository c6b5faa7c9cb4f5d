// The TLS 1.3 cipher suites this lab implements (RFC 8446 §B.4): each names
// the AEAD that protects records and the hash that runs HKDF and the
// transcript. The primitives come from @noble/hashes and @noble/ciphers.

import { sha256, sha384 } from '@noble/hashes/sha2.js';
import { gcm } from '@noble/ciphers/aes.js';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import type { CHash } from '@noble/hashes/utils.js';
import { tlsError } from './errors';

export type HashName = 'SHA-256' | 'SHA-384';

export interface TlsHash {
  readonly name: HashName;
  /** Hash.length in RFC 8446: the size of every secret in the key schedule. */
  readonly length: number;
  readonly hash: CHash;
  digest(data: Uint8Array): Uint8Array;
}

/** An AEAD bound to one key, nonce and additional data (RFC 5116). */
export interface AeadOperation {
  /** Returns the ciphertext followed by the 16-byte tag. */
  encrypt(plaintext: Uint8Array): Uint8Array;
  /** Throws when the tag does not verify. */
  decrypt(ciphertextAndTag: Uint8Array): Uint8Array;
}

export interface Aead {
  readonly name: 'AES-128-GCM' | 'AES-256-GCM' | 'ChaCha20-Poly1305';
  readonly keyLength: number;
  /** RFC 8446 §5.3: the per-record nonce is at least 8 bytes; all three suites use 12. */
  readonly ivLength: number;
  readonly tagLength: number;
  create(key: Uint8Array, nonce: Uint8Array, additionalData: Uint8Array): AeadOperation;
}

export type CipherSuiteName =
  'TLS_AES_128_GCM_SHA256' | 'TLS_AES_256_GCM_SHA384' | 'TLS_CHACHA20_POLY1305_SHA256';

export interface CipherSuite {
  readonly name: CipherSuiteName;
  /** The two-byte code point sent in ClientHello.cipher_suites. */
  readonly code: number;
  readonly hash: TlsHash;
  readonly aead: Aead;
}

export const sha256Hash: TlsHash = {
  name: 'SHA-256',
  length: 32,
  hash: sha256,
  digest: (data) => sha256(data),
};

export const sha384Hash: TlsHash = {
  name: 'SHA-384',
  length: 48,
  hash: sha384,
  digest: (data) => sha384(data),
};

function aesGcm(keyLength: 16 | 32): Aead {
  return {
    name: keyLength === 16 ? 'AES-128-GCM' : 'AES-256-GCM',
    keyLength,
    ivLength: 12,
    tagLength: 16,
    create: (key, nonce, additionalData) => gcm(key, nonce, additionalData),
  };
}

const chacha20Poly1305: Aead = {
  name: 'ChaCha20-Poly1305',
  keyLength: 32,
  ivLength: 12,
  tagLength: 16,
  create: (key, nonce, additionalData) => chacha20poly1305(key, nonce, additionalData),
};

/** The implemented suites by name. */
export const cipherSuites: Readonly<Record<CipherSuiteName, CipherSuite>> = {
  TLS_AES_128_GCM_SHA256: {
    name: 'TLS_AES_128_GCM_SHA256',
    code: 0x1301,
    hash: sha256Hash,
    aead: aesGcm(16),
  },
  TLS_AES_256_GCM_SHA384: {
    name: 'TLS_AES_256_GCM_SHA384',
    code: 0x1302,
    hash: sha384Hash,
    aead: aesGcm(32),
  },
  TLS_CHACHA20_POLY1305_SHA256: {
    name: 'TLS_CHACHA20_POLY1305_SHA256',
    code: 0x1303,
    hash: sha256Hash,
    aead: chacha20Poly1305,
  },
};

export const cipherSuiteNames = Object.keys(cipherSuites) as CipherSuiteName[];

export function isCipherSuiteName(value: unknown): value is CipherSuiteName {
  return typeof value === 'string' && Object.hasOwn(cipherSuites, value);
}

/** Returns the suite for a code point; throws `unknown-cipher-suite` for any other code. */
export function getCipherSuiteByCode(code: number): CipherSuite {
  const suite = cipherSuiteNames.map((name) => cipherSuites[name]).find((s) => s.code === code);
  if (!suite) {
    throw tlsError('unknown-cipher-suite', `unknown TLS 1.3 cipher suite 0x${code.toString(16)}`, {
      suite: `0x${code.toString(16).padStart(4, '0')}`,
    });
  }
  return suite;
}

/** Returns "TLS_AES_128_GCM_SHA256 (0x1301)" for known codes and the bare hex for others. */
export function describeCipherSuiteCode(code: number): string {
  const hex = `0x${code.toString(16).padStart(4, '0')}`;
  const suite = cipherSuiteNames.map((name) => cipherSuites[name]).find((s) => s.code === code);
  return suite ? `${suite.name} (${hex})` : hex;
}
