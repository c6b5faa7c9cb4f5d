// Checks of a signature's shape made before any cryptography, so that a
// rejection can explain why. JWS signatures have fixed lengths (RFC 7518
// §3.2, §3.3, §3.4, RFC 8037 §3.1). ECDSA signatures are raw R‖S, not ASN.1
// DER (RFC 7518 §3.4). And r and s must lie in 1..n-1, the check that
// CVE-2022-21449 ("psychic signatures") skipped.

import { DER } from '@noble/curves/abstract/weierstrass.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { jwtError, type JwtError } from './errors';

const HMAC_LENGTHS: Readonly<Record<string, number>> = { HS256: 32, HS384: 48, HS512: 64 };

/** Raw R‖S lengths: twice the byte length of the curve order. */
const ECDSA_CURVES: Readonly<Record<string, { length: number; order: bigint }>> = {
  ES256: { length: 64, order: p256.Point.CURVE().n },
  ES384: { length: 96, order: p384.Point.CURVE().n },
  ES512: { length: 132, order: p521.Point.CURVE().n },
};

/** Returns the signature length `alg` produces; for RSA it is the modulus length in bytes. */
export function expectedSignatureLength(
  alg: string,
  rsaModulusBits: number | undefined,
): number | undefined {
  if (alg in HMAC_LENGTHS) return HMAC_LENGTHS[alg];
  if (alg in ECDSA_CURVES) return ECDSA_CURVES[alg]?.length;
  if (alg === 'EdDSA' || alg === 'Ed25519') return 64;
  if (/^(RS|PS)\d{3}$/.test(alg) && rsaModulusBits !== undefined)
    return Math.ceil(rsaModulusBits / 8);
  return undefined;
}

/** An ECDSA signature sent as ASN.1 DER, with what it contains. */
export interface DerSignature {
  readonly r: bigint;
  readonly s: bigint;
  /** The same signature as raw R‖S, when r and s fit the curve. */
  readonly raw: Uint8Array | undefined;
}

/**
 * Returns why the signature cannot be valid for `alg`, or undefined when its
 * shape is fine. `der` receives a DER signature so the caller can try it as R‖S.
 */
export function checkSignatureShape(
  alg: string,
  signature: Uint8Array,
  rsaModulusBits: number | undefined,
): { problem: JwtError | undefined; der: DerSignature | undefined } {
  const curve = ECDSA_CURVES[alg];
  if (curve !== undefined) return checkEcdsaSignature(alg, signature, curve);

  const expected = expectedSignatureLength(alg, rsaModulusBits);
  if (expected === undefined || signature.length === expected)
    return { problem: undefined, der: undefined };

  return { problem: lengthProblem(alg, signature.length, expected), der: undefined };
}

function checkEcdsaSignature(
  alg: string,
  signature: Uint8Array,
  curve: { length: number; order: bigint },
): { problem: JwtError | undefined; der: DerSignature | undefined } {
  if (signature.length !== curve.length) {
    const der = parseDerSignature(signature, curve);
    if (der === undefined)
      return { problem: lengthProblem(alg, signature.length, curve.length), der };

    const zeroValues = der.r === 0n || der.s === 0n;
    const problem = jwtError(
      'jwt/ecdsa-signature-der',
      `the ${alg} signature is ASN.1 DER, not R‖S`,
      {
        alg,
        length: signature.length,
        expectedLength: curve.length,
        zeroValues,
      },
    );
    return { problem, der };
  }

  const half = curve.length / 2;
  const r = bytesToNumberBE(signature.subarray(0, half));
  const s = bytesToNumberBE(signature.subarray(half));
  return { problem: checkRange(alg, r, s, curve.order), der: undefined };
}

function checkRange(alg: string, r: bigint, s: bigint, order: bigint): JwtError | undefined {
  if (r === 0n || s === 0n) {
    let component = 'both';
    if (r !== 0n) component = 's';
    else if (s !== 0n) component = 'r';

    return jwtError(
      'jwt/ecdsa-signature-zero',
      `the ${alg} signature has ${component === 'both' ? 'r = s = 0' : `${component} = 0`}`,
      {
        alg,
        component,
      },
    );
  }

  if (r >= order || s >= order) {
    return jwtError(
      'jwt/ecdsa-signature-out-of-range',
      `the ${alg} signature has r or s at least the curve order`,
      {
        alg,
        component: r >= order ? 'r' : 's',
      },
    );
  }
  return undefined;
}

/** Reads SEQUENCE { INTEGER r, INTEGER s } (RFC 3279 §2.2.3); undefined when it is not that. */
function parseDerSignature(
  bytes: Uint8Array,
  curve: { length: number; order: bigint },
): DerSignature | undefined {
  if (bytes[0] !== 0x30) return undefined;

  let r: bigint;
  let s: bigint;
  try {
    ({ r, s } = DER.toSig(bytes));
  } catch {
    return undefined;
  }

  const half = curve.length / 2;
  const fits = r > 0n && s > 0n && r < curve.order && s < curve.order;
  const raw = fits
    ? new Uint8Array([...numberToBytesBE(r, half), ...numberToBytesBE(s, half)])
    : undefined;
  return { r, s, raw };
}

function lengthProblem(alg: string, length: number, expectedLength: number): JwtError {
  return jwtError(
    'jwt/signature-length',
    `the ${alg} signature is ${length} bytes, not ${expectedLength}`,
    {
      alg,
      length,
      expectedLength,
    },
  );
}
