// RSA key transport in TLS 1.2 (RFC 5246 §7.4.7.1): the client picks a 48-byte
// premaster secret and encrypts it to the server's certificate key with
// RSAES-PKCS1-v1_5 (RFC 8017 §7.2). node-forge encrypts and decrypts, padding
// included; its padding string PS comes from the seed, so the run replays, and
// the encryption block EB = 00 || 02 || PS || 00 || M is also laid out here
// with a span per part, so every byte of it can be shown.

import forge from 'node-forge';
import { concatBytes, toHex } from '../../bytes';
import type { SeededRandom } from '../../seeded-random';
import { RecentResults } from './recent-results';
import { SpanWriter, type EncodedBytes } from './span-writer';
import { Tls12Error } from './errors';

/** RFC 5246 §7.4.7.1: client_version (2 bytes) + random (46 bytes). */
export const PREMASTER_SECRET_LENGTH = 48;

/** RFC 8017 §7.2.1: PS is at least 8 bytes, so a message fits in k - 11 bytes. */
export const MINIMUM_PADDING_LENGTH = 8;

/** client_version in the premaster secret: the latest version the client offered, TLS 1.2. */
const CLIENT_VERSION = new Uint8Array([0x03, 0x03]);

/** Generates a premaster secret: client_version 0x0303 followed by 46 random bytes. */
export function generatePreMasterSecret(random: SeededRandom): Uint8Array {
  return concatBytes(
    CLIENT_VERSION,
    random.nextBytes(PREMASTER_SECRET_LENGTH - CLIENT_VERSION.length),
  );
}

/**
 * Generates the padding string PS of RFC 8017 §7.2.1 step 2b: `length`
 * pseudo-random nonzero bytes. A zero byte is drawn again, because a zero
 * inside PS would end the padding early.
 */
export function generatePaddingString(random: SeededRandom, length: number): Uint8Array {
  const padding = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    let byte = 0;
    while (byte === 0) byte = random.nextBytes(1)[0]!;
    padding[i] = byte;
  }
  return padding;
}

/** Returns the length of PS for a message of `messageLength` bytes and a modulus of `modulusLength` bytes. */
export function paddingLengthFor(modulusLength: number, messageLength: number): number {
  return modulusLength - messageLength - 3;
}

/** Encodes EB = 0x00 || 0x02 || PS || 0x00 || M (RFC 8017 §7.2.1 step 2c) with a span per part. */
export function encodeEncryptionBlock(
  message: Uint8Array,
  paddingString: Uint8Array,
  modulusLength: number,
): EncodedBytes {
  const expectedPadding = paddingLengthFor(modulusLength, message.length);
  if (expectedPadding < MINIMUM_PADDING_LENGTH) {
    throw new RangeError(
      `"message" must be at most ${modulusLength - 11} bytes for an RSA modulus of ${modulusLength} bytes, got ${message.length}`,
    );
  }
  if (paddingString.length !== expectedPadding) {
    throw new RangeError(
      `"paddingString" must be ${expectedPadding} bytes, got ${paddingString.length}`,
    );
  }
  const zeroAt = paddingString.indexOf(0);
  if (zeroAt >= 0) {
    throw new RangeError(`"paddingString" must contain no zero byte, found one at index ${zeroAt}`);
  }

  return new SpanWriter()
    .uint('leading 0x00', 0x00, 1)
    .uint('block type 0x02 (public-key encryption)', 0x02, 1, 'blockType')
    .field(
      `padding string PS (${paddingString.length} nonzero random bytes)`,
      paddingString,
      'paddingString',
    )
    .uint('separator 0x00', 0x00, 1)
    .field('client_version 0x0303', message.subarray(0, 2), 'clientVersion')
    .field('random (46 bytes)', message.subarray(2), 'preMasterRandom')
    .finish();
}

/** Encrypts an already padded block with the raw RSA operation m^e mod n (node-forge). */
export function rsaEncryptBlock(publicKey: forge.pki.rsa.PublicKey, block: Uint8Array): Uint8Array {
  const ciphertext = publicKey.encrypt(forge.util.binary.raw.encode(block), 'RAW');
  return forge.util.binary.raw.decode(ciphertext);
}

export interface EncryptedPreMasterSecret {
  /** The encryption block EB before RSA, with its spans. */
  readonly block: EncodedBytes;
  /** RSAES-PKCS1-v1_5 ciphertext, as long as the modulus. */
  readonly ciphertext: Uint8Array;
}

/**
 * Runs `encrypt` while node-forge's random source returns `paddingString`.
 * node-forge draws PS from forge.random.getBytes and offers no argument for it;
 * the override lasts for one synchronous call and is restored in all cases.
 */
function withPaddingString<T>(paddingString: Uint8Array, encrypt: () => T): T {
  const original = forge.random.getBytes;
  let served = false;
  forge.random.getBytes = (count: number) => {
    // PS has no zero byte, so node-forge requests it once, at exactly its length.
    if (served || count !== paddingString.length) {
      throw new RangeError(
        `node-forge asked for ${count} padding bytes, expected ${paddingString.length}`,
      );
    }
    served = true;
    return forge.util.binary.raw.encode(paddingString);
  };
  try {
    return encrypt();
  } finally {
    forge.random.getBytes = original;
  }
}

/** Encrypts the premaster secret with node-forge's RSAES-PKCS1-v1_5, taking the padding string as an argument. */
export function encryptPreMasterSecret(
  preMasterSecret: Uint8Array,
  publicKey: forge.pki.rsa.PublicKey,
  paddingString: Uint8Array,
): EncryptedPreMasterSecret {
  if (preMasterSecret.length !== PREMASTER_SECRET_LENGTH) {
    throw new RangeError(
      `"preMasterSecret" must be ${PREMASTER_SECRET_LENGTH} bytes, got ${preMasterSecret.length}`,
    );
  }

  const modulusLength = Math.ceil(publicKey.n.bitLength() / 8);
  const block = encodeEncryptionBlock(preMasterSecret, paddingString, modulusLength);
  const ciphertext = withPaddingString(paddingString, () =>
    publicKey.encrypt(forge.util.binary.raw.encode(preMasterSecret), 'RSAES-PKCS1-V1_5'),
  );
  return { block, ciphertext: forge.util.binary.raw.decode(ciphertext) };
}

// The server and, after the leak, the eavesdropper decrypt the same ciphertext.
const recentDecryptions = new RecentResults<Uint8Array>(8);
const recentMessages = new RecentResults<Uint8Array>(8);

/** Decrypts with the raw RSA operation c^d mod n (node-forge), returning the encryption block EB. */
export function rsaDecryptBlock(
  privateKey: forge.pki.rsa.PrivateKey,
  ciphertext: Uint8Array,
): Uint8Array {
  const modulusLength = Math.ceil(privateKey.n.bitLength() / 8);
  if (ciphertext.length !== modulusLength) {
    throw new RangeError(`"ciphertext" must be ${modulusLength} bytes, got ${ciphertext.length}`);
  }

  const block = recentDecryptions.getOrCompute(
    `${privateKey.n.toString(16)}:${toHex(ciphertext)}`,
    () => {
      const decrypted = privateKey.decrypt(forge.util.binary.raw.encode(ciphertext), 'RAW');
      // node-forge returns the integer's minimal big-endian form, so EB's leading 0x00 goes missing.
      const padded = new Uint8Array(modulusLength);
      const bytes = forge.util.binary.raw.decode(decrypted);
      padded.set(bytes, modulusLength - bytes.length);
      return padded;
    },
  );
  return block.slice();
}

export interface DecodedPreMasterBlock {
  readonly preMasterSecret: Uint8Array;
  readonly paddingString: Uint8Array;
  /** The block with its spans, for display. */
  readonly block: EncodedBytes;
}

function invalidBlock(reason: string, offset: number): Tls12Error {
  return new Tls12Error('invalid-premaster-block', `invalid PKCS #1 v1.5 block: ${reason}`, {
    reason,
    offset,
  });
}

/**
 * Checks and decodes EB (RFC 8017 §7.2.2 step 3) and the premaster secret's
 * length and version (RFC 5246 §7.4.7.1). Throws Tls12Error
 * 'invalid-premaster-block' naming the failed check. A real server must not
 * reveal which check failed, because that reply is Bleichenbacher's padding
 * oracle. RFC 5246 §7.4.7.1 has it continue with a random premaster instead.
 */
export function decodePreMasterBlock(block: Uint8Array): DecodedPreMasterBlock {
  if (block[0] !== 0x00) throw invalidBlock('the first byte is not 0x00', 0);
  if (block[1] !== 0x02) throw invalidBlock('the block type is not 0x02', 1);

  const separator = block.indexOf(0x00, 2);
  if (separator < 0) throw invalidBlock('no 0x00 byte ends the padding string', 2);
  if (separator - 2 < MINIMUM_PADDING_LENGTH) {
    throw invalidBlock(
      `the padding string is shorter than ${MINIMUM_PADDING_LENGTH} bytes`,
      separator,
    );
  }

  const preMasterSecret = block.slice(separator + 1);
  if (preMasterSecret.length !== PREMASTER_SECRET_LENGTH) {
    throw invalidBlock(
      `the message is ${preMasterSecret.length} bytes, not ${PREMASTER_SECRET_LENGTH}`,
      separator + 1,
    );
  }
  if (preMasterSecret[0] !== CLIENT_VERSION[0] || preMasterSecret[1] !== CLIENT_VERSION[1]) {
    throw invalidBlock('client_version in the premaster secret is not 0x0303', separator + 1);
  }

  const paddingString = block.slice(2, separator);
  return {
    preMasterSecret,
    paddingString,
    block: encodeEncryptionBlock(preMasterSecret, paddingString, block.length),
  };
}

/**
 * Decrypts an RSAES-PKCS1-v1_5 EncryptedPreMasterSecret with the server's private key.
 * node-forge decides whether the padding is valid (RFC 8017 §7.2.2); the raw block is
 * then split only to show its parts.
 */
export function decryptPreMasterSecret(
  privateKey: forge.pki.rsa.PrivateKey,
  ciphertext: Uint8Array,
): DecodedPreMasterBlock {
  const message = recentMessages.getOrCompute(
    `${privateKey.n.toString(16)}:${toHex(ciphertext)}`,
    () => {
      try {
        const decrypted = privateKey.decrypt(
          forge.util.binary.raw.encode(ciphertext),
          'RSAES-PKCS1-V1_5',
        );
        return forge.util.binary.raw.decode(decrypted);
      } catch (error) {
        throw new Tls12Error(
          'invalid-premaster-block',
          `node-forge rejected the PKCS #1 v1.5 block: ${error instanceof Error ? error.message : String(error)}`,
          { reason: 'node-forge rejected the padding', offset: 0 },
        );
      }
    },
  );
  const decoded = decodePreMasterBlock(rsaDecryptBlock(privateKey, ciphertext));
  if (toHex(decoded.preMasterSecret) !== toHex(message)) {
    throw new Tls12Error(
      'invalid-premaster-block',
      'the block and node-forge disagree on the message',
      {
        reason: 'the split block differs from the decrypted message',
        offset: 0,
      },
    );
  }
  return decoded;
}
