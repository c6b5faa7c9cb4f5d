// Handshake message framing shared by TLS 1.2 and TLS 1.3: msg_type (1 byte)
// and a 3-byte length before the body (RFC 5246 §7.4, RFC 8446 §4).

import { SpanWriter, type EncodedBytes } from './span-writer';

/** HandshakeType values (RFC 5246 §7.4, RFC 8446 §4). */
export const HandshakeType = {
  clientHello: 1,
  serverHello: 2,
  encryptedExtensions: 8,
  certificate: 11,
  serverHelloDone: 14,
  certificateVerify: 15,
  clientKeyExchange: 16,
  finished: 20,
} as const;

export type HandshakeTypeValue = (typeof HandshakeType)[keyof typeof HandshakeType];

/** Encodes a handshake message: msg_type, uint24 length, body. */
export function encodeHandshake(
  type: HandshakeTypeValue,
  name: string,
  body: EncodedBytes,
): EncodedBytes {
  return new SpanWriter()
    .uint(`msg_type: ${name} (${type})`, type, 1, 'handshakeType')
    .uint(`handshake length ${body.bytes.length}`, body.bytes.length, 3, 'handshakeLength')
    .append(body)
    .finish();
}

/** Encodes Finished: verify_data is the whole body (RFC 5246 §7.4.9, RFC 8446 §4.4.4). */
export function encodeFinished(verifyData: Uint8Array): EncodedBytes {
  const body = new SpanWriter()
    .field(`verify_data (${verifyData.length} bytes)`, verifyData, 'verifyData')
    .finish();
  return encodeHandshake(HandshakeType.finished, 'finished', body);
}
