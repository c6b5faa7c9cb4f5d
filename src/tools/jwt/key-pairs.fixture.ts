// Keys and tokens made fresh for tests with Node's crypto module, jose and
// node-forge. It needs Node, so only tests import it.

import { constants, generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { CompactSign, importPKCS8 } from 'jose';
import forge from 'node-forge';

export interface TestKeyPair {
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
  readonly spkiPem: string;
  readonly pkcs8Pem: string;
  readonly publicJwk: Record<string, unknown>;
  readonly privateJwk: Record<string, unknown>;
}

function wrap(publicKey: KeyObject, privateKey: KeyObject): TestKeyPair {
  return {
    publicKey,
    privateKey,
    spkiPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    pkcs8Pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicJwk: publicKey.export({ format: 'jwk' }) as Record<string, unknown>,
    privateJwk: privateKey.export({ format: 'jwk' }) as Record<string, unknown>,
  };
}

export function rsaKeyPair(modulusLength = 2048): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength });
  return wrap(publicKey, privateKey);
}

/** Generates an RSA key whose SPKI names id-RSASSA-PSS, so it may be used only for PS256/384/512. */
export function rsaPssKeyPair(): { publicKey: KeyObject; privateKey: KeyObject; spkiPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa-pss', { modulusLength: 2048 });
  return {
    publicKey,
    privateKey,
    spkiPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function ecKeyPair(namedCurve: 'P-256' | 'P-384' | 'P-521'): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve });
  return wrap(publicKey, privateKey);
}

export function ed25519KeyPair(): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return wrap(publicKey, privateKey);
}

export function x25519KeyPair(): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return wrap(publicKey, privateKey);
}

const encoder = new TextEncoder();

/** Signs `payload` as a compact JWS with jose. */
export async function signCompact(
  pair: TestKeyPair,
  header: Record<string, unknown> & { alg: string },
  payload: string,
): Promise<string> {
  const key = await importPKCS8(pair.pkcs8Pem, header.alg);
  return new CompactSign(encoder.encode(payload)).setProtectedHeader(header).sign(key);
}

/**
 * Signs with Node directly, for what jose refuses to produce: RSA keys under
 * 2048 bits and ECDSA signatures in ASN.1 DER.
 */
export function signWithNode(
  privateKey: KeyObject,
  header: Record<string, unknown>,
  payload: string,
  options: {
    hash: 'sha256' | 'sha384' | 'sha512';
    dsaEncoding?: 'der' | 'ieee-p1363';
    /** RFC 7518 §3.5: RSASSA-PSS with a salt as long as the hash. */
    pssSaltLength?: number;
  },
): string {
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(payload)}`;
  const signature = nodeSign(options.hash, Buffer.from(signingInput), {
    key: privateKey,
    dsaEncoding: options.dsaEncoding ?? 'ieee-p1363',
    ...(options.pssSaltLength === undefined
      ? {}
      : { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: options.pssSaltLength }),
  });
  return `${signingInput}.${signature.toString('base64url')}`;
}

export function base64url(text: string | Uint8Array): string {
  return Buffer.from(typeof text === 'string' ? encoder.encode(text) : text).toString('base64url');
}

/** Creates a self-signed X.509 certificate for `pair` with node-forge. */
export function selfSignedCertificate(
  pair: TestKeyPair,
  commonName: string,
  notAfter: Date,
): string {
  const privateKey = forge.pki.privateKeyFromPem(
    pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  );
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(pair.spkiPem);
  certificate.serialNumber = '01';
  certificate.validity.notBefore = new Date('2024-01-01T00:00:00Z');
  certificate.validity.notAfter = notAfter;
  const name = [{ name: 'commonName', value: commonName }];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.sign(privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(certificate);
}
