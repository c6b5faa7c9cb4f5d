import { describe, expect, it } from 'vitest';
import { X509Certificate, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { fromHex, toHex } from '../bytes';
import { findTilingProblems } from '../scenario';
import { rfc8448 } from './rfc8448.fixture';
import { teachingCertificate } from './teaching-certificate.fixture';
import { parseCertificate, parseCertificateVerify } from './messages';
import { sha256Hash } from './suites';
import {
  ED25519_SCHEME,
  RSA_PSS_RSAE_SHA256,
  encodeCertificateVerifyContent,
  isSelfSignatureValid,
  parseCertificateDer,
  signEd25519,
  verifyCertificateVerifySignature,
} from './certificate';

const rfcDer = parseCertificate(fromHex(rfc8448.certificate)).certificateList[0]!.certData;
const teachingDer = fromHex(teachingCertificate.der);
const certificateHash = sha256Hash.digest(
  fromHex(
    rfc8448.clientHello + rfc8448.serverHello + rfc8448.encryptedExtensions + rfc8448.certificate,
  ),
);

describe('RFC 8448 certificate', () => {
  const certificate = parseCertificateDer(rfcDer);

  it('reads subject, issuer and validity', () => {
    expect(certificate.subject).toBe('CN=rsa');
    expect(certificate.issuer).toBe('CN=rsa');
    expect(certificate.notBefore).toBe('2016-07-30T01:23:59.000Z');
    expect(certificate.notAfter).toBe('2026-07-30T01:23:59.000Z');
    expect(certificate.version).toBe(3);
    expect(certificate.serialNumber).toBe('02');
  });

  it('reads a 1024-bit RSA key', () => {
    expect(certificate.publicKey).toMatchObject({ algorithm: 'RSA', bits: 1024, exponent: 65537 });
    expect(certificate.signatureAlgorithm).toBe('sha256WithRSAEncryption');
  });

  it('agrees with node:crypto on the key and the dates', () => {
    const reference = new X509Certificate(rfcDer);
    expect(reference.publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
    expect(new Date(reference.validTo).toISOString()).toBe(certificate.notAfter);
    expect(toHex(new Uint8Array(reference.publicKey.export({ type: 'spki', format: 'der' })))).toBe(
      toHex(certificate.subjectPublicKeyInfo),
    );
  });

  it('has a valid self-signature', () => {
    expect(certificate.selfIssued).toBe(true);
    expect(isSelfSignatureValid(certificate)).toBe(true);
  });
});

describe('RFC 8448 CertificateVerify', () => {
  const certificate = parseCertificateDer(rfcDer);
  const message = parseCertificateVerify(fromHex(rfc8448.certificateVerify));

  it('verifies rsa_pss_rsae_sha256 over the signed content', () => {
    const content = encodeCertificateVerifyContent(certificateHash);
    expect(message.algorithm).toBe(RSA_PSS_RSAE_SHA256);
    expect(
      verifyCertificateVerifySignature(
        certificate.publicKey,
        message.algorithm,
        message.signature,
        content.bytes,
      ),
    ).toBe(true);
  });

  it('agrees with node:crypto RSA-PSS', () => {
    const content = encodeCertificateVerifyContent(certificateHash);
    const key = createPublicKey({
      key: Buffer.from(certificate.subjectPublicKeyInfo),
      format: 'der',
      type: 'spki',
    });
    const valid = nodeVerify(
      'sha256',
      content.bytes,
      { key, padding: 6, saltLength: 32 },
      message.signature,
    );
    expect(valid).toBe(true);
  });

  it('rejects the signature over another transcript', () => {
    const content = encodeCertificateVerifyContent(sha256Hash.digest(fromHex(rfc8448.clientHello)));
    expect(
      verifyCertificateVerifySignature(
        certificate.publicKey,
        message.algorithm,
        message.signature,
        content.bytes,
      ),
    ).toBe(false);
  });

  it('lays out 64 spaces, the context, 00 and the hash', () => {
    const content = encodeCertificateVerifyContent(certificateHash);
    expect(content.bytes.length).toBe(64 + 33 + 1 + 32);
    expect(toHex(content.bytes.slice(0, 64))).toBe('20'.repeat(64));
    expect(new TextDecoder().decode(content.bytes.slice(64, 97))).toBe(
      'TLS 1.3, server CertificateVerify',
    );
    expect(content.bytes[97]).toBe(0);
    expect(toHex(content.bytes.slice(98))).toBe(toHex(certificateHash));
    expect(findTilingProblems(content.bytes.length, content.spans)).toEqual([]);
  });

  it('rejects an unsupported scheme', () => {
    expect(() =>
      verifyCertificateVerifySignature(
        certificate.publicKey,
        0x0403,
        message.signature,
        new Uint8Array(1),
      ),
    ).toThrow(expect.objectContaining({ code: 'unsupported-signature-scheme' }));
  });

  it('names the scheme and key in the unsupported-scheme error', () => {
    expect(() =>
      verifyCertificateVerifySignature(
        certificate.publicKey,
        0x0403,
        message.signature,
        new Uint8Array(1),
      ),
    ).toThrow("cannot verify signature scheme 0x0403 with the certificate's RSA key");
  });
});

describe('teaching certificate', () => {
  const certificate = parseCertificateDer(teachingDer);

  it('holds the Ed25519 key derived from its private key', () => {
    expect(certificate.publicKey.algorithm).toBe('Ed25519');
    const key = certificate.publicKey as { raw: Uint8Array };
    expect(toHex(key.raw)).toBe(teachingCertificate.publicKey);
    expect(toHex(ed25519.getPublicKey(fromHex(teachingCertificate.privateKey)))).toBe(
      teachingCertificate.publicKey,
    );
  });

  it('reads CN=server and its validity', () => {
    expect(certificate.subject).toBe(teachingCertificate.subject);
    expect(certificate.notBefore).toBe(teachingCertificate.notBefore);
    expect(certificate.notAfter).toBe(teachingCertificate.notAfter);
    expect(certificate.signatureAlgorithm).toBe('Ed25519');
  });

  it('has a self-signature that node:crypto accepts', () => {
    expect(isSelfSignatureValid(certificate)).toBe(true);
    const reference = new X509Certificate(teachingDer);
    expect(reference.verify(reference.publicKey)).toBe(true);
  });

  it('signs and verifies CertificateVerify content', () => {
    const content = encodeCertificateVerifyContent(certificateHash).bytes;
    const signature = signEd25519(fromHex(teachingCertificate.privateKey), content);
    expect(
      verifyCertificateVerifySignature(certificate.publicKey, ED25519_SCHEME, signature, content),
    ).toBe(true);
    const key = createPublicKey({
      key: Buffer.from(certificate.subjectPublicKeyInfo),
      format: 'der',
      type: 'spki',
    });
    expect(nodeVerify(null, content, key, signature)).toBe(true);
    signature[0]! ^= 1;
    expect(
      verifyCertificateVerifySignature(certificate.publicKey, ED25519_SCHEME, signature, content),
    ).toBe(false);
  });
});

describe('certificate errors', () => {
  it('rejects bytes that are not DER', () => {
    expect(() => parseCertificateDer(fromHex('3003020101ff'))).toThrow(
      expect.objectContaining({ code: 'invalid-certificate' }),
    );
    expect(() => parseCertificateDer(rfcDer.slice(0, 100))).toThrow(
      expect.objectContaining({ code: 'invalid-certificate' }),
    );
  });
});
