// One signature check with one key. jose does the check when it can. In two
// cases jose rejects the token before checking, so WebCrypto checks the exact
// signing input instead: segments in standard base64 ("+", "/", "="), which
// jose does not decode, and RSA keys under 2048 bits (RFC 7518 §3.3).

import {
  compactVerify,
  errors,
  flattenedVerify,
  importJWK,
  importSPKI,
  importX509,
  type CryptoKey,
  type JWK,
  type JWSAlgorithm,
} from 'jose';
import { encodeBase64url } from './base64url';
import type { DecodedJws } from './decode';
import { jwtError } from './errors';
import type { KeyEntry } from './keys';

export type VerificationKey =
  | { readonly kind: 'secret'; readonly bytes: Uint8Array }
  | { readonly kind: 'public'; readonly entry: KeyEntry };

export interface CheckOptions {
  /** Return false instead of throwing when the check cannot run. */
  readonly ignoreErrors?: boolean;
}

/**
 * Returns whether the signature verifies. Throws a JwtError when the check
 * cannot run (an unsupported "crit", a key jose cannot import), unless
 * `ignoreErrors` is set.
 */
export async function checkSignature(
  decoded: DecodedJws,
  alg: string,
  key: VerificationKey,
  options: CheckOptions = {},
): Promise<boolean> {
  try {
    if (decoded.standardBase64 || isShortRsaKey(key)) {
      return await verifyWithWebCrypto(decoded.signingInput, decoded.signature.bytes, alg, key);
    }
    return await verifyWithJose(decoded, alg, key);
  } catch (error) {
    if (options.ignoreErrors) return false;
    throw error;
  }
}

async function verifyWithJose(
  decoded: DecodedJws,
  alg: string,
  key: VerificationKey,
): Promise<boolean> {
  const joseKey = key.kind === 'secret' ? key.bytes : await importPublicKey(key.entry, alg);
  const options = { algorithms: [alg as JWSAlgorithm] };

  try {
    // flattenedVerify takes the payload apart from the token, as an unencoded
    // payload (RFC 7797) and a detached one (RFC 7515 Appendix F) need.
    if (!decoded.b64 || decoded.detachedPayload) {
      const payload = decoded.b64 ? encodeBase64url(decoded.payload.bytes) : decoded.payload.bytes;
      await flattenedVerify(
        { protected: decoded.header.text, payload, signature: decoded.signature.text },
        joseKey,
        options,
      );
    } else {
      await compactVerify(decoded.token, joseKey, options);
    }
    return true;
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return false;
    throw toJwtError(error);
  }
}

/** Verifies `signature` over `signingInput` exactly as given, with WebCrypto. */
export async function verifyWithWebCrypto(
  signingInput: Uint8Array,
  signature: Uint8Array,
  alg: string,
  key: VerificationKey,
): Promise<boolean> {
  const cryptoKey =
    key.kind === 'secret'
      ? await crypto.subtle.importKey(
          'raw',
          copy(key.bytes),
          { name: 'HMAC', hash: hashName(alg) },
          false,
          ['verify'],
        )
      : await importPublicKey(key.entry, alg);
  return crypto.subtle.verify(
    signingParameters(alg),
    cryptoKey,
    copy(signature),
    copy(signingInput),
  );
}

/** Imports with jose: SPKI and certificates from their PEM text, everything else from its JWK. */
export async function importPublicKey(entry: KeyEntry, alg: string): Promise<CryptoKey> {
  try {
    if (entry.pemImport === 'spki' && entry.pemText !== undefined)
      return await importSPKI(entry.pemText, alg);
    if (entry.pemImport === 'x509' && entry.pemText !== undefined)
      return await importX509(entry.pemText, alg);

    const imported = await importJWK(publicMembers(entry.jwk), alg);
    if (imported instanceof Uint8Array) throw new TypeError('expected an asymmetric key');
    return imported;
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw jwtError(
      'jwt/key-unreadable',
      `jose could not import the key for ${alg}`,
      {
        reason: 'import-failed',
        message,
        alg,
      },
      cause,
    );
  }
}

/** Keeps the members that define a public key (RFC 7638 §3.2), dropping "use", "key_ops" and "alg". */
function publicMembers(jwk: JWK): JWK {
  const { kty, crv, x, y, n, e } = jwk;
  const members: JWK = { kty };
  if (crv !== undefined) members.crv = crv;
  if (x !== undefined) members.x = x;
  if (y !== undefined) members.y = y;
  if (n !== undefined) members.n = n;
  if (e !== undefined) members.e = e;
  return members;
}

function isShortRsaKey(key: VerificationKey): boolean {
  if (key.kind !== 'public') return false;
  const { kty, bits } = key.entry.description;
  return kty === 'RSA' && bits !== undefined && bits < 2048;
}

function hashName(alg: string): string {
  return `SHA-${alg.slice(-3)}`;
}

/** WebCrypto parameters for each JWS algorithm (RFC 7518 §3.1, RFC 8037 §3.1). */
function signingParameters(alg: string): AlgorithmIdentifier | RsaPssParams | EcdsaParams {
  if (alg.startsWith('HS')) return { name: 'HMAC' };
  if (alg.startsWith('RS')) return { name: 'RSASSA-PKCS1-v1_5' };
  // RFC 7518 §3.5: the salt is as long as the hash output.
  if (alg.startsWith('PS')) return { name: 'RSA-PSS', saltLength: Number(alg.slice(-3)) / 8 };
  if (alg.startsWith('ES')) return { name: 'ECDSA', hash: hashName(alg) };
  return { name: 'Ed25519' };
}

function toJwtError(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof errors.JOSENotSupported && message.includes('Extension Header Parameter')) {
    const parameter = /"([^"]+)"/.exec(message)?.[1];
    return jwtError('jwt/crit-unsupported', message, { parameter, segment: 'header' }, error);
  }
  if (error instanceof errors.JOSEError)
    return jwtError('jwt/jws-rejected', message, { message }, error);
  return error;
}

/** Returns the token as it would be in base64url: "+" to "-", "/" to "_", no "=". */
export function toBase64urlForm(decoded: DecodedJws): DecodedJws {
  const rewrite = (text: string) =>
    text.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  const header = { ...decoded.header, text: rewrite(decoded.header.text) };
  const payloadText =
    decoded.payload.encoding === 'base64' ? rewrite(decoded.payload.text) : decoded.payload.text;
  const payload = { ...decoded.payload, text: payloadText };
  const signature = { ...decoded.signature, text: rewrite(decoded.signature.text) };

  return {
    ...decoded,
    token: `${header.text}.${payload.text}.${signature.text}`,
    header,
    payload,
    signature,
    standardBase64: false,
  };
}

/** WebCrypto takes an ArrayBuffer-backed view; a copy also keeps callers' arrays untouched. */
function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
