// TLS 1.2 (RFC 5246) against TLS 1.3 (RFC 8446) as plain data for the version
// comparison view: round trips, key exchange, what is encrypted, and what
// TLS 1.3 removed and why. RFC 8446 §1.2 lists the major differences.

export type TlsVersion = 'TLS 1.2' | 'TLS 1.3';

/** Round trips of each phase before the first byte of an HTTP response, without loss. */
export interface RoundTripBreakdown {
  readonly tcp: number;
  readonly handshake: number;
  /** The request and the first byte of its response. */
  readonly request: number;
  readonly total: number;
}

/** A TCP three-way handshake costs one round trip before the client may send data. */
export const TCP_HANDSHAKE_ROUND_TRIPS = 1;

/**
 * Full-handshake round trips before the client may send application data:
 * TLS 1.2 needs two flights each way (RFC 5246 §7.3), TLS 1.3 one, because the
 * client sends its key share in ClientHello (RFC 8446 §2).
 */
export const HANDSHAKE_ROUND_TRIPS: Readonly<Record<TlsVersion, number>> = {
  'TLS 1.2': 2,
  'TLS 1.3': 1,
};

export function countRoundTrips(
  version: TlsVersion,
  options: { readonly tcp: boolean },
): RoundTripBreakdown {
  const tcp = options.tcp ? TCP_HANDSHAKE_ROUND_TRIPS : 0;
  const handshake = HANDSHAKE_ROUND_TRIPS[version];
  return { tcp, handshake, request: 1, total: tcp + handshake + 1 };
}

export interface VersionDifference {
  readonly id: string;
  readonly topic: string;
  readonly tls12: string;
  readonly tls13: string;
  readonly reference: string;
}

export const versionDifferences: readonly VersionDifference[] = [
  {
    id: 'round-trips',
    topic: 'Round trips to the first response byte',
    tls12: '2 round trips of handshake, so 4 in all with TCP and the request',
    tls13: '1 round trip of handshake, so 3 in all with TCP and the request',
    reference: 'RFC 5246 §7.3, RFC 8446 §2',
  },
  {
    id: 'key-exchange',
    topic: 'Key exchange',
    tls12:
      'RSA key transport, static DH or ECDH, or ephemeral DHE or ECDHE, fixed by the cipher suite',
    tls13: 'Ephemeral DHE or ECDHE only, optionally combined with a pre-shared key',
    reference: 'RFC 8446 §1.2',
  },
  {
    id: 'forward-secrecy',
    topic: 'Forward secrecy',
    tls12:
      'Only with the DHE and ECDHE suites: with RSA key transport a leaked server key decrypts recorded sessions',
    tls13:
      'Every public-key key exchange provides it; only PSK-only resumption (psk_ke) goes without',
    reference: 'RFC 8446 §1.2, §4.2.9',
  },
  {
    id: 'server-authentication',
    topic: 'How the server proves it holds the certificate key',
    tls12:
      'By decrypting the premaster secret (RSA) or by signing its key exchange parameters in ServerKeyExchange',
    tls13: 'By signing the handshake transcript in CertificateVerify, with RSA-PSS for RSA keys',
    reference: 'RFC 5246 §7.4.3, RFC 8446 §4.4.3',
  },
  {
    id: 'certificate-visibility',
    topic: 'Server certificate on the wire',
    tls12: 'Sent in the clear: a passive observer learns which certificate the server presented',
    tls13: 'Encrypted under the handshake keys, like every handshake message after ServerHello',
    reference: 'RFC 8446 §1.2',
  },
  {
    id: 'cipher-suites',
    topic: 'What a cipher suite names',
    tls12:
      'Key exchange, authentication, cipher and MAC, as in TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    tls13:
      'Only the AEAD and the hash, as in TLS_AES_128_GCM_SHA256; groups and signatures are negotiated in extensions',
    reference: 'RFC 8446 §1.2',
  },
  {
    id: 'record-protection',
    topic: 'Record protection',
    tls12: 'AEAD, CBC with MAC-then-encrypt, or a stream cipher',
    tls13: 'AEAD only',
    reference: 'RFC 8446 §1.2, §5.2',
  },
  {
    id: 'key-derivation',
    topic: 'Key derivation',
    tls12:
      'The PRF (P_SHA256 over HMAC) turns the premaster secret into one master secret and a key block',
    tls13: 'HKDF with a key schedule that derives a separate secret for each purpose and direction',
    reference: 'RFC 5246 §5, RFC 8446 §7.1',
  },
  {
    id: 'version-negotiation',
    topic: 'Version negotiation',
    tls12: 'The client_version field of ClientHello',
    tls13: 'The supported_versions extension, with legacy_version frozen at 0x0303',
    reference: 'RFC 8446 §4.2.1',
  },
  {
    id: 'zero-rtt',
    topic: 'Data in the first flight',
    tls12: 'Not possible',
    tls13: '0-RTT early data on resumption, which an attacker can replay',
    reference: 'RFC 8446 §2.3',
  },
];

export interface RemovedFeature {
  readonly id: string;
  readonly name: string;
  /** One sentence: why TLS 1.3 dropped it. */
  readonly reason: string;
  readonly reference: string;
}

export const removedInTls13: readonly RemovedFeature[] = [
  {
    id: 'rsa-key-transport',
    name: 'RSA key transport',
    reason:
      "Whoever later obtains the server's private key can decrypt every recorded session, and the PKCS #1 v1.5 padding check keeps turning into Bleichenbacher padding oracles (ROBOT, 2017).",
    reference: 'RFC 8446 §1.2',
  },
  {
    id: 'static-dh',
    name: 'Static Diffie-Hellman (DH and ECDH)',
    reason:
      "The server's Diffie-Hellman key is long-term, so as with RSA key transport a single leaked key exposes every recorded session.",
    reference: 'RFC 8446 §1.2',
  },
  {
    id: 'rc4',
    name: 'RC4',
    reason:
      'Biases in the RC4 keystream let an attacker recover plaintext that is sent many times, such as a cookie.',
    reference: 'RFC 8446 §1.2, RFC 7465 §2',
  },
  {
    id: '3des',
    name: '3DES',
    reason:
      'Its 64-bit blocks start to collide after about 2^32 blocks (32 GiB) under one key, which leaks plaintext on long connections (Sweet32, 2016).',
    reference: 'RFC 8446 §1.2',
  },
  {
    id: 'md5',
    name: 'MD5 in signatures',
    reason:
      'MD5 collisions are cheap to compute, so a signature over an MD5 hash can be carried over to a forged handshake (SLOTH, 2016).',
    reference: 'RFC 8446 §4.2.3',
  },
  {
    id: 'sha1-signatures',
    name: 'SHA-1 in handshake signatures',
    reason:
      'SHA-1 collisions have been computed (SHAttered, 2017), so TLS 1.3 accepts SHA-1 only in legacy certificate signatures and never in CertificateVerify.',
    reference: 'RFC 8446 §4.2.3',
  },
  {
    id: 'compression',
    name: 'Compression',
    reason:
      'Compressing a secret together with attacker-chosen data makes the ciphertext length reveal the secret (CRIME, 2012).',
    reference: 'RFC 8446 §1.2, §4.1.2',
  },
  {
    id: 'renegotiation',
    name: 'Renegotiation',
    reason:
      "It let an attacker splice its own request in front of a victim's session (the 2009 renegotiation attack that RFC 5746 patched), and KeyUpdate and post-handshake authentication now cover its uses.",
    reference: 'RFC 8446 §4.1.2, §4.6',
  },
  {
    id: 'non-aead',
    name: 'Non-AEAD ciphers (CBC with MAC-then-encrypt)',
    reason:
      'Checking the padding before the MAC leaks through errors and timing whether the padding was valid, which gave padding-oracle attacks such as Lucky Thirteen (2013) and POODLE (2014, against SSL 3.0).',
    reference: 'RFC 8446 §1.2',
  },
];

export type Visibility = 'plaintext' | 'encrypted' | 'not sent';

/** Visibility of one handshake message to a passive observer, in a full handshake with a certificate. */
export interface MessageVisibility {
  readonly message: string;
  readonly tls12: Visibility;
  readonly tls13: Visibility;
  readonly note?: string;
}

export const handshakeVisibility: readonly MessageVisibility[] = [
  {
    message: 'ClientHello',
    tls12: 'plaintext',
    tls13: 'plaintext',
    note: 'including the server name (SNI) in both',
  },
  { message: 'ServerHello', tls12: 'plaintext', tls13: 'plaintext' },
  { message: 'EncryptedExtensions', tls12: 'not sent', tls13: 'encrypted' },
  { message: 'Certificate', tls12: 'plaintext', tls13: 'encrypted' },
  {
    message: 'ServerKeyExchange',
    tls12: 'plaintext',
    tls13: 'not sent',
    note: 'TLS 1.2 sends it for DHE and ECDHE only',
  },
  { message: 'CertificateVerify (server)', tls12: 'not sent', tls13: 'encrypted' },
  { message: 'ServerHelloDone', tls12: 'plaintext', tls13: 'not sent' },
  {
    message: 'ClientKeyExchange',
    tls12: 'plaintext',
    tls13: 'not sent',
    note: 'its RSA ciphertext or DH share is public data',
  },
  {
    message: 'ChangeCipherSpec',
    tls12: 'plaintext',
    tls13: 'not sent',
    note: 'a TLS 1.3 peer may still send a dummy one for middlebox compatibility',
  },
  { message: 'Finished', tls12: 'encrypted', tls13: 'encrypted' },
];
