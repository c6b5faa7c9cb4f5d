// RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt, the
// rsa_pss_rsae_sha256 scheme a TLS 1.3 server signs CertificateVerify with
// (RFC 8446 §4.2.3, RFC 8017 §8.1). node-forge does the work, and the salt is
// an argument so that a scenario replays the same signature for the same seed.

import forge from 'node-forge';
import { toHex } from '../../bytes';
import { RecentResults } from './recent-results';

/** RFC 8446 §4.2.3: the salt is as long as the digest. */
export const PSS_SALT_LENGTH = 32;

function createPss(salt?: Uint8Array): forge.pss.PSS {
  const options: Record<string, unknown> = {
    md: forge.md.sha256.create(),
    mgf: forge.mgf.mgf1.create(forge.md.sha256.create()),
    saltLength: PSS_SALT_LENGTH,
  };
  // node-forge draws the salt from `prng.getBytesSync` when one is given.
  if (salt) options.prng = { getBytesSync: () => forge.util.binary.raw.encode(salt) };
  return forge.pss.create(options);
}

function digest(message: Uint8Array): forge.md.MessageDigest {
  return forge.md.sha256.create().update(forge.util.binary.raw.encode(message));
}

const recentSignatures = new RecentResults<Uint8Array>(8);

/** Signs `message` with rsa_pss_rsae_sha256, using `salt` as the PSS salt. */
export function signRsaPssSha256(
  privateKey: forge.pki.rsa.PrivateKey,
  message: Uint8Array,
  salt: Uint8Array,
): Uint8Array {
  if (salt.length !== PSS_SALT_LENGTH) {
    throw new RangeError(`"salt" must be ${PSS_SALT_LENGTH} bytes, got ${salt.length}`);
  }
  const key = `${privateKey.n.toString(16)}:${toHex(salt)}:${toHex(message)}`;
  const signature = recentSignatures.getOrCompute(key, () =>
    forge.util.binary.raw.decode(privateKey.sign(digest(message), createPss(salt))),
  );
  return signature.slice();
}

/** Verifies an rsa_pss_rsae_sha256 signature over `message`. */
export function verifyRsaPssSha256(
  publicKey: forge.pki.rsa.PublicKey,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    return publicKey.verify(
      digest(message).digest().getBytes(),
      forge.util.binary.raw.encode(signature),
      createPss(),
    );
  } catch {
    // node-forge throws, rather than returning false, on some malformed encodings.
    return false;
  }
}
