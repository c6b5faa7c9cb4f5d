// One-off generator for the teaching RSA key pair and its self-signed
// certificate, written to teaching-key.fixture.ts beside this file. Run it once with
// `npx tsx src/protocols/tls/tls12/generate-teaching-key.ts`. Rerunning it
// replaces the key, so every RSA ciphertext and signature in the lab changes.
// Node-only: the app never imports this file.

import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import forge from 'node-forge';

const outputPath = fileURLToPath(new URL('./teaching-key.fixture.ts', import.meta.url));

function generatePrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  return privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
}

// A self-signed certificate for server.example (a name reserved for examples
// by RFC 2606), with fixed dates and serial so that rerunning the script only
// changes the key and the signature.
function createCertificatePem(privateKeyPem: string): string {
  const privateKey = forge.pki.privateKeyFromPem(privateKeyPem);
  const certificate = forge.pki.createCertificate();
  const subject = [
    { name: 'commonName', value: 'server.example' },
    { name: 'organizationName', value: 'Protocol Lab teaching key (protects nothing)' },
  ];

  certificate.publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  certificate.serialNumber = '01';
  certificate.validity.notBefore = new Date('2025-01-01T00:00:00Z');
  certificate.validity.notAfter = new Date('2035-01-01T00:00:00Z');
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: 'server.example' }] },
  ]);
  certificate.sign(privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(certificate);
}

function renderModule(privateKeyPem: string, certificatePem: string): string {
  return `// TEACHING KEY: this RSA key pair protects nothing. It was generated once by
// generate-teaching-key.ts and is published so that every RSA ciphertext and
// signature in the TLS 1.2 lab can be reproduced byte for byte. Never use it
// for anything real.

/** PKCS #1 RSAPrivateKey (2048-bit modulus, e = 65537) of the lab's server. */
export const TEACHING_RSA_PRIVATE_KEY_PEM = \`${privateKeyPem.trim()}
\`;

/** Self-signed X.509 certificate for server.example over the key above. */
export const TEACHING_CERTIFICATE_PEM = \`${certificatePem.trim()}
\`;
`;
}

const privateKeyPem = generatePrivateKeyPem();
writeFileSync(outputPath, renderModule(privateKeyPem, createCertificatePem(privateKeyPem)));
process.stdout.write(`wrote ${outputPath}\n`);
