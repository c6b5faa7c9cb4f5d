// The TLS 1.2 PRF written a second time with Node's HMAC, for tests only, so
// that vectors and whole sessions are checked against two implementations.

import { createHmac } from 'node:crypto';

/** Computes PRF(secret, label, seed) = P_SHA256(secret, label + seed) with Node's HMAC (RFC 5246 §5). */
export function nodePrf(
  secret: Uint8Array,
  label: string,
  seed: Uint8Array,
  length: number,
): Uint8Array {
  const fullSeed = Buffer.concat([Buffer.from(label, 'latin1'), Buffer.from(seed)]);
  const hmac = (data: Buffer): Buffer =>
    createHmac('sha256', Buffer.from(secret)).update(data).digest();
  const chunks: Buffer[] = [];
  let a: Buffer = fullSeed;
  let produced = 0;
  while (produced < length) {
    a = hmac(a);
    const block = hmac(Buffer.concat([a, fullSeed]));
    chunks.push(block);
    produced += block.length;
  }
  return new Uint8Array(Buffer.concat(chunks).subarray(0, length));
}
