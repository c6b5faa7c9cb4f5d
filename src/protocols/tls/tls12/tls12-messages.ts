// TLS 1.2 handshake messages for an RSA key exchange with
// TLS_RSA_WITH_AES_128_GCM_SHA256 (RFC 5246 §7.4, RFC 5288). The hellos carry
// no extensions, which RFC 5246 §7.4.1.2 allows; real clients add several
// (server_name, extended_master_secret, renegotiation_info ...).

import { SpanWriter, type EncodedBytes } from './span-writer';
import { HandshakeType, encodeHandshake } from './handshake';
import { TLS12_VERSION } from './record';

/** TLS_RSA_WITH_AES_128_GCM_SHA256 (RFC 5288 §3). */
export const TLS_RSA_WITH_AES_128_GCM_SHA256 = 0x009c;

/** Encodes ClientHello: client_version, random, empty session_id, one cipher suite, null compression (RFC 5246 §7.4.1.2). */
export function encodeClientHello12(clientRandom: Uint8Array): EncodedBytes {
  const body = new SpanWriter()
    .uint('client_version 0x0303 (TLS 1.2)', TLS12_VERSION, 2, 'clientVersion')
    .field('random (32 bytes)', clientRandom, 'clientRandom')
    .uint('session_id length 0 (new session)', 0, 1, 'sessionId')
    .uint('cipher_suites length 2', 2, 2)
    .uint(
      'TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009c)',
      TLS_RSA_WITH_AES_128_GCM_SHA256,
      2,
      'cipherSuites',
    )
    .uint('compression_methods length 1', 1, 1)
    .uint('compression method: null (0)', 0, 1, 'compressionMethods')
    .finish();
  return encodeHandshake(HandshakeType.clientHello, 'client_hello', body);
}

/** Encodes ServerHello: server_version, random, empty session_id, the chosen suite, null compression (RFC 5246 §7.4.1.3). */
export function encodeServerHello12(serverRandom: Uint8Array): EncodedBytes {
  const body = new SpanWriter()
    .uint('server_version 0x0303 (TLS 1.2)', TLS12_VERSION, 2, 'serverVersion')
    .field('random (32 bytes)', serverRandom, 'serverRandom')
    .uint('session_id length 0 (not resumable)', 0, 1, 'sessionId')
    .uint(
      'cipher_suite TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009c)',
      TLS_RSA_WITH_AES_128_GCM_SHA256,
      2,
      'cipherSuite',
    )
    .uint('compression_method: null (0)', 0, 1, 'compressionMethod')
    .finish();
  return encodeHandshake(HandshakeType.serverHello, 'server_hello', body);
}

/** Encodes Certificate: certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>, here one certificate (RFC 5246 §7.4.2). */
export function encodeCertificate12(certificateDer: Uint8Array): EncodedBytes {
  const body = new SpanWriter()
    .uint(`certificate_list length ${certificateDer.length + 3}`, certificateDer.length + 3, 3)
    .uint(`certificate length ${certificateDer.length}`, certificateDer.length, 3)
    .field('X.509 certificate (DER) with the server RSA public key', certificateDer, 'certificate')
    .finish();
  return encodeHandshake(HandshakeType.certificate, 'certificate', body);
}

/** Encodes ServerHelloDone, whose body is empty (RFC 5246 §7.4.5). */
export function encodeServerHelloDone(): EncodedBytes {
  return encodeHandshake(
    HandshakeType.serverHelloDone,
    'server_hello_done',
    new SpanWriter().finish(),
  );
}

/**
 * ClientKeyExchange with an RSA EncryptedPreMasterSecret. RFC 5246 §7.4.7.1:
 * since TLS 1.0 the ciphertext is an opaque vector, so two length bytes precede it.
 */
export function encodeClientKeyExchange(encryptedPreMasterSecret: Uint8Array): EncodedBytes {
  const body = new SpanWriter()
    .uint(
      `EncryptedPreMasterSecret length ${encryptedPreMasterSecret.length}`,
      encryptedPreMasterSecret.length,
      2,
    )
    .field(
      `RSA-encrypted premaster secret (${encryptedPreMasterSecret.length} bytes)`,
      encryptedPreMasterSecret,
      'encryptedPreMasterSecret',
    )
    .finish();
  return encodeHandshake(HandshakeType.clientKeyExchange, 'client_key_exchange', body);
}

/** Encodes the ChangeCipherSpec fragment, the single byte 1 (RFC 5246 §7.1). */
export function encodeChangeCipherSpec(): EncodedBytes {
  return new SpanWriter().uint('change_cipher_spec (1)', 1, 1, 'changeCipherSpec').finish();
}
