// The sentences a user reads for each JWT inspector error: what failed, where,
// and what to try. Positions in `details` count from 0; sentences count
// characters from 1, as editors do.

import type { ErrorExplanation, ErrorTable, LabErrorDetails } from '../../core/lab-error';
import { describeAlgorithmName, type AlgorithmSupportId } from './algorithm-support';
import { serializeJwtError, type JwtErrorCode, type SerializedJwtError } from './errors';

/** An error as plain data with its explanation, ready to post from a Web Worker. */
export interface JwtProblem extends SerializedJwtError {
  readonly explanation: ErrorExplanation;
}

const SEGMENT_LABELS: Readonly<Record<string, string>> = {
  header: 'header',
  payload: 'payload',
  signature: 'signature',
  encryptedKey: 'encrypted key',
  iv: 'initialization vector',
  ciphertext: 'ciphertext',
  tag: 'authentication tag',
};

function segment(details: LabErrorDetails): string {
  return SEGMENT_LABELS[String(details.segment)] ?? 'token';
}

function at(details: LabErrorDetails): string | undefined {
  const position = details.position;
  if (typeof position !== 'number') return `In the ${segment(details)}.`;
  return `In the ${segment(details)}, at character ${position + 1} of the token.`;
}

const ENCODING_NAMES: Readonly<Record<string, string>> = {
  utf8: 'UTF-8 text',
  base64: 'base64',
  base64url: 'base64url',
  hex: 'hex',
};

function encodingName(value: unknown): string {
  return ENCODING_NAMES[String(value)] ?? String(value);
}

const CRIT_PROBLEMS: Readonly<Record<string, string>> = {
  'not-array': 'is not a non-empty array of names',
  duplicate: 'lists a name twice',
  'missing-parameter': 'lists a name the header lacks',
};

/** The fix for each reason that "alg" cannot be verified; the others get a general fix. */
const ALG_UNSUPPORTED_FIXES: Partial<Record<AlgorithmSupportId, string>> = {
  'none-case-variant':
    'Reject the token, and check that your verifier compares "alg" exactly as written, without changing its case.',
  'case-variant': 'Reject the token, or have the issuer write "alg" exactly as RFC 7518 spells it.',
  'encryption-algorithm':
    "Check that the whole token was copied. A JWE has 5 parts and is decrypted with the recipient's key, not verified.",
  unsupported: 'Verify the token with a library that implements this algorithm.',
};

const ALG_CONFUSION =
  'This is the algorithm confusion attack: a verifier that lets "alg" choose the algorithm would use the public key, which anyone can read, as the HMAC secret, so anyone could forge tokens.';

export const jwtErrorMessages: ErrorTable<JwtErrorCode> = {
  'jwt/empty-input': () => ({
    what: 'There is no token to inspect.',
    fix: 'Paste a JWT, a JWE, an Authorization header or a JSON token response.',
  }),
  'jwt/input-too-large': (d) => ({
    what: describeInputSize(d),
    fix: 'Paste only the token or key; real tokens are a few kilobytes at most.',
  }),
  'jwt/no-token-in-json': (d) => ({
    what:
      d.reason === 'not-json'
        ? 'The input starts with "{" but is not valid JSON.'
        : 'The JSON has no member that holds a JWT or JWE.',
    fix: 'Paste the token itself, or a JSON object whose "access_token" or "id_token" member holds it.',
  }),
  'jwt/wrong-part-count': (d) => ({
    what: `The token has ${String(d.partCount)} ${d.partCount === 1 ? 'part' : 'parts'} separated by dots, but a JWS has 3 and a JWE has 5.`,
    fix:
      d.partCount === 2
        ? 'An unsecured JWT still ends with a dot after the payload; check that the end of the token was copied.'
        : 'Check that the whole token was copied, without text before or after it. An opaque access token is not a JWT and cannot be decoded.',
  }),
  'jwt/invalid-base64url': (d) => ({
    what:
      d.reason === 'padding'
        ? `The ${segment(d)} has "=" where base64 padding cannot be.`
        : `The ${segment(d)} contains ${JSON.stringify(d.character)} (${String(d.codePoint)}), which is not a base64url character.`,
    where: at(d),
    fix: 'Base64url uses only A-Z, a-z, 0-9, "-" and "_". Remove the character, or copy the token again.',
  }),
  'jwt/invalid-base64url-length': (d) => ({
    what: `The ${segment(d)} has ${String(d.length)} characters, a length no base64url text can have (4n+1).`,
    where: at(d),
    fix: 'A character is missing or extra; the token was probably cut off while copying.',
  }),
  'jwt/header-not-utf8': (d) => ({
    what: `The header's bytes are not UTF-8 (byte ${String(d.byteOffset)} starts an invalid sequence).`,
    where: at(d),
    fix: 'A JOSE header is JSON text in UTF-8; check that this segment is a header.',
  }),
  'jwt/header-standard-base64': (d) => ({
    what: `The header contains ${JSON.stringify(d.character)} at character ${Number(d.position) + 1} of the token, a standard base64 character, and base64url uses "-" and "_" in place of "+" and "/". Decoded as standard base64, the header ${describeHeaderFailure(d)}.`,
    where: at(d),
    fix: 'Check that character, which may have been changed while copying, or copy the token again from where it was issued.',
  }),
  'jwt/header-not-json': (d) => ({
    what: `The header is not valid JSON: ${String(d.reason)}.`,
    where: at(d),
    fix: 'The header segment may be cut off or changed; copy the token again.',
  }),
  'jwt/header-not-object': (d) => ({
    what: `The header is a JSON ${String(d.jsonType)}, but a JOSE header must be a JSON object (RFC 7515 §4).`,
    where: 'In the header.',
    fix: 'Check that the first segment of the token is its header.',
  }),
  'jwt/invalid-time-zone': (d) => ({
    what: `${JSON.stringify(d.timeZone)} is not a time zone this browser knows.`,
    fix: 'Choose an IANA time zone name, such as Europe/Paris or UTC.',
  }),
  'jwt/key-missing': () => ({
    what: 'No key was entered, so the signature was not checked.',
    fix: 'Enter the shared secret, or the public key as PEM, JWK or JWK Set.',
  }),
  'jwt/key-unreadable': (d) => ({
    what: describeUnreadableKey(d),
    where: 'In the key.',
    fix: 'Paste a PEM block with its BEGIN and END lines, a JWK, a JWK Set, or a secret.',
  }),
  'jwt/key-unsupported': (d) => ({
    what: describeUnsupportedKey(d),
    where: 'In the key.',
    fix:
      d.reason === 'encrypted-pem'
        ? 'Decrypt the key first, for example with "openssl pkey -in key.pem -out plain.pem".'
        : 'Use an RSA, P-256, P-384, P-521, Ed25519 or X25519 key, or a shared secret.',
  }),
  'jwt/key-type-mismatch': (d) => {
    const allowed = d.allowed
      ? `can only be used with ${String(d.allowed)}`
      : 'cannot be used with any JWS algorithm';
    return {
      what: `The token uses ${String(d.alg)}, but the key is ${keyInSentence(d.key)}, which ${allowed}.`,
      fix: 'The key decides the algorithm, never the token. Enter the key the issuer used for this algorithm.',
    };
  },
  'jwt/hmac-with-public-key': (d) => ({
    what: `The token uses ${String(d.alg)}, an HMAC algorithm, but the key is ${keyInSentence(d.key)}, not a shared secret. ${ALG_CONFUSION}${d.forged === true ? ' This token verifies with the public key text as the HMAC secret, so it was forged this way.' : ''}`,
    fix: 'Reject the token. A verifier must take the algorithm from its key configuration, never from the token header.',
  }),
  'jwt/secret-encoding-invalid': (d) => ({
    what: `The secret is not valid ${encodingName(d.encoding)}: ${String(d.reason)}.`,
    where:
      typeof d.position === 'number'
        ? `In the secret, at character ${d.position + 1}.`
        : 'In the secret.',
    fix: `Choose the encoding the secret is written in${d.verifyingEncoding ? `; it verifies when read as ${encodingName(d.verifyingEncoding)}` : ''}.`,
  }),
  'jwt/jwks-empty': (d) => ({
    what: `The JWK Set has no key this tool can use${d.skipped ? ` (${String(d.skipped)})` : ''}.`,
    fix: 'Check the "keys" array: each key needs "kty" and the members of its type.',
  }),
  'jwt/jwks-no-matching-key': (d) => ({
    what:
      d.reason === 'kid'
        ? `No key in the JWK Set has the "kid" ${JSON.stringify(d.kid)} from the token header; the set has ${String(d.available || 'no kid values')}.`
        : `No key in the JWK Set can ${d.operation === 'decrypt' ? 'decrypt' : 'verify'} ${String(d.alg)}; the keys with a fitting "kid" are: ${String(d.available)}.`,
    fix: 'Fetch the current JWK Set from the issuer: keys rotate, and an old set lacks new keys.',
  }),
  'jwt/alg-missing': (d) => ({
    what:
      d.reason === 'alg-not-string'
        ? `"alg" is a JSON ${String(d.jsonType)}, but every JWS must name its algorithm as a string (RFC 7515 §4.1.1).`
        : 'The header has no "alg", which every JWS must have (RFC 7515 §4.1.1).',
    where: 'In the header.',
    fix: 'Reject the token: without "alg" there is no defined way to check it.',
  }),
  'jwt/alg-unsupported': (d) => {
    const support = describeAlgorithmName(String(d.alg));
    return {
      what: support.text,
      where: 'In the header, "alg".',
      fix:
        ALG_UNSUPPORTED_FIXES[support.id] ??
        'Check the spelling of "alg", which is case-sensitive, or verify the token with a library that implements this algorithm.',
    };
  },
  'jwt/not-a-jws': () => ({
    what: 'The token is a JWE, which is decrypted, not verified.',
    fix: 'Enter the decryption key instead.',
  }),
  'jwt/detached-payload-missing': () => ({
    what: 'The payload segment is empty and no detached payload was entered, so there is nothing to check the signature over.',
    where: 'In the payload.',
    fix: 'Enter the detached payload exactly as it was signed.',
  }),
  'jwt/b64-without-crit': () => ({
    what: 'The header sets "b64" to false without listing "b64" in "crit", which RFC 7797 §6 requires; verifiers disagree on what such a token signs.',
    where: 'In the header.',
    fix: 'Reject the token, or have the issuer add "crit": ["b64"].',
  }),
  'jwt/crit-invalid': (d) => ({
    what: `The header's "crit" ${CRIT_PROBLEMS[String(d.reason)] ?? 'is invalid'}, so the token must be rejected (RFC 7515 §4.1.11).`,
    where: 'In the header, "crit".',
    fix: '"crit" must be a non-empty array of distinct names, each present in the header.',
  }),
  'jwt/crit-unsupported': (d) => ({
    what: `The header lists ${JSON.stringify(d.parameter)} in "crit", an extension this tool does not understand, so it must reject the token (RFC 7515 §4.1.11).`,
    where: 'In the header, "crit".',
    fix: 'Only a verifier that implements that extension can accept the token.',
  }),
  'jwt/jws-rejected': (d) => ({
    what: `The jose library rejected the token: ${String(d.message)}.`,
    fix: 'Check the header and payload against RFC 7515.',
  }),
  'jwt/signature-invalid': (d) => ({
    what: `The ${String(d.alg)} signature does not match the token with this key.`,
    where: 'In the signature.',
    fix: d.verifyingEncoding
      ? `The secret verifies when read as ${encodingName(d.verifyingEncoding)}: choose that encoding.`
      : 'The token was changed after signing, or this is not the key that signed it.',
  }),
  'jwt/signature-length': (d) => ({
    what: `The signature is ${String(d.length)} bytes, but ${String(d.alg)} signatures are ${String(d.expectedLength)} bytes.`,
    where: 'In the signature.',
    fix: 'The signature was cut off or belongs to another algorithm or key; copy the token again.',
  }),
  'jwt/signature-over-base64url-form': () => ({
    what: 'The signature does not match the characters received, but it matches once "+", "/" and "=" are rewritten as base64url, so the token was re-encoded after signing.',
    where: 'In every segment.',
    fix: 'Find where the token is converted to standard base64 and send it unchanged.',
  }),
  'jwt/ecdsa-signature-der': (d) => ({
    what: `The ${String(d.alg)} signature is ${String(d.length)} bytes of ASN.1 DER, but JWS uses the ${String(d.expectedLength)}-byte raw R‖S form (RFC 7518 §3.4).${derOutcome(d)}`,
    where: 'In the signature.',
    fix: "The signer used a crypto library's DER output; it must convert r and s to fixed-length big-endian bytes and concatenate them.",
  }),
  'jwt/ecdsa-signature-zero': (d) => ({
    what: `The ${String(d.alg)} signature has ${d.component === 'both' ? 'r = s = 0' : `${String(d.component)} = 0`}. This is the CVE-2022-21449 "psychic signature", which a flawed ECDSA check in Java accepted for any message and any key.`,
    where: 'In the signature.',
    fix: 'Reject the token: a valid ECDSA signature has r and s between 1 and n-1.',
  }),
  'jwt/ecdsa-signature-out-of-range': (d) => ({
    what: `The ${String(d.alg)} signature has ${String(d.component)} not less than the curve order n.`,
    where: 'In the signature.',
    fix: 'Reject the token: a valid ECDSA signature has r and s between 1 and n-1.',
  }),
  'jwt/not-a-jwe': () => ({
    what: 'The token is a JWS, which is verified, not decrypted.',
    fix: 'Enter the verification key instead.',
  }),
  'jwt/private-key-required': (d) => ({
    what: `Decrypting ${String(d.alg)} needs the recipient's private key, but the key entered is public.`,
    fix: 'Enter the private key as PEM (PKCS#8) or a JWK with "d".',
  }),
  'jwt/jwe-alg-unsupported': (d) => ({
    what: `The JWE uses ${JSON.stringify(d.alg)} with ${JSON.stringify(d.enc)}, which this tool does not decrypt.`,
    where: 'In the header.',
    fix:
      d.alg === 'RSA1_5'
        ? 'The jose library does not implement RSA1_5, which is open to padding-oracle attacks; ask the sender for RSA-OAEP-256 or ECDH-ES.'
        : 'Supported: dir, AES key wrap, AES-GCM key wrap, RSA-OAEP, ECDH-ES and PBES2, with A128GCM to A256GCM or A128CBC-HS256 to A256CBC-HS512.',
  }),
  'jwt/jwe-decryption-failed': (d) => ({
    what: `Decryption failed${d.message ? `: ${String(d.message)}` : ''}.`,
    fix: d.verifyingEncoding
      ? `The secret works when read as ${encodingName(d.verifyingEncoding)}: choose that encoding.`
      : "Check that this is the recipient's key and that the token was not changed.",
  }),
  'jwt/unexpected': (d) => ({
    what: `Something went wrong in the inspector: ${String(d.message)}.`,
    fix: 'This is a bug; please report it with the steps that led to it, but never with a real token or key.',
  }),
};

function derOutcome(d: LabErrorDetails): string {
  if (d.zeroValues === true)
    return ' It also has r or s equal to 0, the CVE-2022-21449 "psychic signature".';
  if (d.convertedVerifies === true)
    return ' Converted to R‖S it verifies, so only its encoding is wrong.';
  if (d.convertedVerifies === false) return ' Converted to R‖S it does not verify either.';
  return '';
}

function describeUnreadableKey(d: LabErrorDetails): string {
  switch (d.reason) {
    case 'not-json':
      return 'The key starts with "{" but is not valid JSON.';
    case 'not-jwk':
      return 'The JSON is neither a JWK (it needs "kty") nor a JWK Set (it needs "keys").';
    case 'no-kty':
      return 'A JWK has no "kty" member.';
    case 'missing-member':
      return `A JWK lacks its "${String(d.member)}" member.`;
    case 'pem-incomplete':
      return 'The PEM text has no complete BEGIN ... END block.';
    case 'pem-not-base64':
      return `The body of the ${String(d.format)} block is not base64.`;
    case 'invalid-der':
      return `The ${String(d.format)} block does not contain what its label says.`;
    case 'invalid-point':
      return `The ${String(d.curve)} public point has the wrong length.`;
    case 'import-failed':
      return `The key could not be imported: ${String(d.message)}.`;
    default:
      return 'The key could not be read.';
  }
}

function describeUnsupportedKey(d: LabErrorDetails): string {
  switch (d.reason) {
    case 'encrypted-pem':
      return `The ${String(d.format)} block is encrypted with a password.`;
    case 'pem-label':
      return `A PEM block labelled "${String(d.format)}" is not a key this tool reads.`;
    case 'kty':
      return `Keys with "kty" ${JSON.stringify(d.kty)} are not supported.`;
    case 'multi-prime-rsa':
      return 'RSA keys with more than two primes are not supported.';
    default:
      return `Keys of type ${String(d.algorithm)} are not supported.`;
  }
}

function describeHeaderFailure(d: LabErrorDetails): string {
  if (d.failure === 'not-utf8')
    return `is not UTF-8 (byte ${String(d.byteOffset)} starts an invalid sequence)`;
  return `is not valid JSON (${String(d.reason)})`;
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  token: 'token',
  key: 'key',
  detachedPayload: 'detached payload',
};

/** Builds "The token is 2,097,153 bytes, more than the 2,097,152-byte limit (2 MiB)." */
function describeInputSize(d: LabErrorDetails): string {
  const field = FIELD_LABELS[String(d.field)] ?? 'input';
  const limit =
    typeof d.maxSize === 'number'
      ? `the ${groupDigits(d.maxSize)}-byte limit${binaryUnitSuffix(d.maxSize)}`
      : 'the limit of this tool';
  if (typeof d.size !== 'number') return `The ${field} is larger than ${limit}.`;
  return `The ${field} is ${groupDigits(d.size)} bytes, more than ${limit}.`;
}

/** Writes an integer with a comma between groups of three digits, such as 2,097,152. */
function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Returns " (2 MiB)" or " (64 KiB)" for a whole number of either unit, and '' otherwise. */
function binaryUnitSuffix(bytes: number): string {
  if (bytes > 0 && bytes % (1024 * 1024) === 0) return ` (${bytes / (1024 * 1024)} MiB)`;
  if (bytes > 0 && bytes % 1024 === 0) return ` (${bytes / 1024} KiB)`;
  return '';
}

/**
 * Turns a key summary such as "Symmetric key, 3 bytes (JWK)" into a phrase for
 * the middle of a sentence: "a symmetric key, 3 bytes (JWK)". A name such as
 * RSA, P-256 or Ed25519 keeps its case, and a phrase that already starts with
 * "a" or "an" is kept as it is.
 */
function keyInSentence(summary: unknown): string {
  const text = String(summary);
  if (/^an? /.test(text)) return text;

  const phrase = /^[A-Z][a-z]+\b/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  // "an" before a vowel and before letters read with a vowel sound: an RSA key, an X25519 key.
  const article = /^(?:[aeiouAEIOU]|[FHLMNRSX](?![a-z]))/.test(phrase) ? 'an' : 'a';
  return `${article} ${phrase}`;
}

export function explainJwtError(code: JwtErrorCode, details: LabErrorDetails): ErrorExplanation {
  return jwtErrorMessages[code](details);
}

/** Converts anything thrown into a JwtProblem; values that are not JwtErrors become 'jwt/unexpected'. */
export function toJwtProblem(error: unknown): JwtProblem {
  const serialized = serializeJwtError(error);
  return { ...serialized, explanation: explainJwtError(serialized.code, serialized.details) };
}
