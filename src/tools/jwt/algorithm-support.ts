// Decides from a JWS header alone whether the inspector can verify the
// token's "alg", and if not, why. The result needs no key, so a view can show
// it at once and request a key only when a key can help. "alg" values are
// case-sensitive (RFC 7515 §4.1.1).

import { getMember, type JsonObject } from './json';
import { SUPPORTED_SIGNATURE_ALGORITHMS } from './keys';

export type AlgorithmSupportId =
  /** The inspector verifies this algorithm once a key is entered. */
  | 'verifiable'
  /** Exactly "none": an unsecured JWT (RFC 7519 §6) has no signature to check. */
  | 'unsecured'
  | 'alg-missing'
  | 'alg-not-string'
  /** "None", "NONE" and other spellings of "none" in another case. */
  | 'none-case-variant'
  /** A supported algorithm in another case, such as "hs256". */
  | 'case-variant'
  /** A JWE key management or content encryption algorithm in a 3-part token. */
  | 'encryption-algorithm'
  /** A JWS algorithm whose keys the inspector cannot read, such as ES256K. */
  | 'unsupported'
  | 'unknown';

/** The inspector's ability to verify a JWS, and the reason when it cannot, as plain data for the view. */
export interface AlgorithmSupport {
  readonly id: AlgorithmSupportId;
  /** True only for 'verifiable': entering the right key lets the inspector check the signature. */
  readonly verifiable: boolean;
  /** The "alg" value when it is a string. */
  readonly alg: string | undefined;
  /** One to three short sentences for the user, which make sense without a key. */
  readonly text: string;
}

/** RFC 7518 §4.1, plus RSA-OAEP-384 and RSA-OAEP-512, which jose 6 also implements. */
const KEY_MANAGEMENT_ALGORITHMS = new Set([
  'RSA1_5',
  'RSA-OAEP',
  'RSA-OAEP-256',
  'RSA-OAEP-384',
  'RSA-OAEP-512',
  'A128KW',
  'A192KW',
  'A256KW',
  'dir',
  'ECDH-ES',
  'ECDH-ES+A128KW',
  'ECDH-ES+A192KW',
  'ECDH-ES+A256KW',
  'A128GCMKW',
  'A192GCMKW',
  'A256GCMKW',
  'PBES2-HS256+A128KW',
  'PBES2-HS384+A192KW',
  'PBES2-HS512+A256KW',
]);

/** RFC 7518 §5.1: the "enc" values of a JWE. */
const CONTENT_ENCRYPTION_ALGORITHMS = new Set([
  'A128CBC-HS256',
  'A192CBC-HS384',
  'A256CBC-HS512',
  'A128GCM',
  'A192GCM',
  'A256GCM',
]);

/**
 * JWS algorithms defined outside RFC 7518 whose keys keys.ts does not read:
 * ES256K on secp256k1 (RFC 8812 §3.2), Ed448 (RFC 9864), and ML-DSA, which
 * jose 6.2 verifies with "AKP" keys.
 */
const UNSUPPORTED_SIGNATURE_ALGORITHMS = new Set([
  'ES256K',
  'Ed448',
  'ML-DSA-44',
  'ML-DSA-65',
  'ML-DSA-87',
]);

const SUPPORTED_LIST = SUPPORTED_SIGNATURE_ALGORITHMS.join(', ');

/**
 * Describes whether the inspector can verify a JWS with this protected header.
 * Meant for a JWS: a JWE's "alg" names key management, which is decrypted, not verified.
 */
export function describeAlgorithmSupport(header: JsonObject): AlgorithmSupport {
  const alg = getMember(header, 'alg');
  if (alg === undefined) {
    return {
      id: 'alg-missing',
      verifiable: false,
      alg: undefined,
      text: 'The header has no "alg", which every JWS must have (RFC 7515 §4.1.1), so no key can verify the token.',
    };
  }

  if (alg.kind !== 'string') {
    return {
      id: 'alg-not-string',
      verifiable: false,
      alg: undefined,
      text: `"alg" is a JSON ${alg.kind}, but it must be a string (RFC 7515 §4.1.1), so no key can verify the token.`,
    };
  }

  return describeAlgorithmName(alg.value);
}

/** Describes whether the inspector can verify a JWS whose "alg" is the string `alg`. */
export function describeAlgorithmName(alg: string): AlgorithmSupport {
  const quoted = JSON.stringify(alg);
  const support = (id: AlgorithmSupportId, text: string): AlgorithmSupport => ({
    id,
    verifiable: id === 'verifiable',
    alg,
    text,
  });

  if (SUPPORTED_SIGNATURE_ALGORITHMS.includes(alg)) {
    return support(
      'verifiable',
      `The inspector verifies ${alg} signatures with ${verificationKeyFor(alg)}, so enter it to check this one.`,
    );
  }

  if (alg === 'none') {
    return support(
      'unsecured',
      'The token is unsecured ("alg" is "none", RFC 7519 §6), so it has no signature to check and needs no key.',
    );
  }

  if (alg.toLowerCase() === 'none') {
    return support(
      'none-case-variant',
      `"alg" is ${quoted}, not "none". "alg" is case-sensitive (RFC 7515 §4.1.1) and RFC 7518 §3.6 defines only the lower-case "none", so no key can verify this token and a verifier must reject it. A verifier that lower-cases "alg" before comparing accepts it with no signature at all, which is a known attack.`,
    );
  }

  const sameLetters = SUPPORTED_SIGNATURE_ALGORITHMS.find(
    (supported) => supported.toLowerCase() === alg.toLowerCase(),
  );
  if (sameLetters !== undefined) {
    return support(
      'case-variant',
      `"alg" is ${quoted}, not "${sameLetters}". "alg" is case-sensitive (RFC 7515 §4.1.1), so a verifier must reject the token and no key can verify it here.`,
    );
  }

  if (KEY_MANAGEMENT_ALGORITHMS.has(alg) || CONTENT_ENCRYPTION_ALGORITHMS.has(alg)) {
    const role = KEY_MANAGEMENT_ALGORITHMS.has(alg)
      ? 'a JWE key management algorithm (RFC 7518 §4.1)'
      : 'a JWE content encryption algorithm (RFC 7518 §5.1)';
    return support(
      'encryption-algorithm',
      `${quoted} is ${role}, but the token has the 3 parts of a JWS, not the 5 of a JWE. An encryption algorithm has no signature that a key could verify.`,
    );
  }

  if (UNSUPPORTED_SIGNATURE_ALGORITHMS.has(alg)) {
    return support(
      'unsupported',
      `${quoted} is a JWS algorithm that this inspector does not verify, because it does not read keys of that type. It verifies ${SUPPORTED_LIST}.`,
    );
  }

  return support(
    'unknown',
    `${quoted} is not a JWS algorithm that this inspector or the jose library knows, so no key can verify the token here. The inspector verifies ${SUPPORTED_LIST}.`,
  );
}

function verificationKeyFor(alg: string): string {
  if (alg.startsWith('HS')) return 'the shared secret';
  if (alg.startsWith('RS') || alg.startsWith('PS')) return 'the RSA public key';
  if (alg === 'ES256') return 'the P-256 public key';
  if (alg === 'ES384') return 'the P-384 public key';
  if (alg === 'ES512') return 'the P-521 public key';
  return 'the Ed25519 public key';
}
