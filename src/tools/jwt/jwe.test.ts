import { CompactEncrypt, importJWK, importSPKI, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeToken, type DecodedJwe } from './decode';
import { decryptJwe, describeJwe } from './jwe';
import {
  base64url,
  ecKeyPair,
  rsaKeyPair,
  x25519KeyPair,
  type TestKeyPair,
} from './key-pairs.fixture';
import { commonHS256 } from './vectors.fixture';

const plaintext = new TextEncoder().encode('{"sub":"alice"}');
const key128 = Uint8Array.from({ length: 16 }, (_, i) => i);
const key256 = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);

function decodeJwe(token: string): DecodedJwe {
  const decoded = decodeToken(token);
  if (decoded.kind !== 'jwe') throw new Error('expected a JWE');
  return decoded;
}

async function encrypt(
  header: { alg: string; enc: string; cty?: string; kid?: string },
  key: Uint8Array | CryptoKey,
  content: Uint8Array = plaintext,
): Promise<string> {
  return new CompactEncrypt(content).setProtectedHeader(header).encrypt(key);
}

describe('describeJwe', () => {
  it('part lengths for dir with A128GCM', async () => {
    const summary = describeJwe(decodeJwe(await encrypt({ alg: 'dir', enc: 'A128GCM' }, key128)));

    expect(summary.keyManagementMode).toBe('direct-encryption');
    expect(summary.partLengths).toMatchObject({
      encryptedKey: 0,
      iv: 12,
      ciphertext: plaintext.length,
      tag: 16,
    });
    expect(summary.notes).toEqual([]);
  });

  it('part lengths for A256KW with A256CBC-HS512', async () => {
    const summary = describeJwe(
      decodeJwe(await encrypt({ alg: 'A256KW', enc: 'A256CBC-HS512' }, key256)),
    );

    expect(summary.keyManagementMode).toBe('key-wrapping');
    expect(summary.partLengths.encryptedKey).toBe(72);
    expect(summary.partLengths.iv).toBe(16);
    expect(summary.partLengths.tag).toBe(32);
  });

  it('lengths that do not fit the algorithms are noted', () => {
    const header = base64url('{"alg":"dir","enc":"A128GCM"}');
    const summary = describeJwe(decodeJwe(`${header}.AAAA.AAAA.AAAA.AAAA`));

    expect(summary.notes).toHaveLength(3);
  });
});

describe('decryptJwe with symmetric keys', () => {
  it('dir with a hex secret', async () => {
    const token = await encrypt({ alg: 'dir', enc: 'A128GCM' }, key128);
    const result = await decryptJwe(decodeJwe(token), {
      key: Buffer.from(key128).toString('hex'),
      secretEncoding: 'hex',
    });

    expect(result.status).toBe('decrypted');
    expect(result.plaintextText).toBe('{"sub":"alice"}');
    expect(result.key?.bits).toBe(128);
  });

  it('dir with an oct JWK', async () => {
    const token = await encrypt({ alg: 'dir', enc: 'A128GCM' }, key128);
    const result = await decryptJwe(decodeJwe(token), {
      key: JSON.stringify({ kty: 'oct', k: base64url(key128) }),
    });

    expect(result.status).toBe('decrypted');
  });

  it('A256KW with a base64url secret', async () => {
    const token = await encrypt({ alg: 'A256KW', enc: 'A256GCM' }, key256);
    const result = await decryptJwe(decodeJwe(token), {
      key: base64url(key256),
      secretEncoding: 'base64url',
    });

    expect(result.status).toBe('decrypted');
  });

  it('wrong encoding names the one that works', async () => {
    const token = await encrypt({ alg: 'A256KW', enc: 'A256GCM' }, key256);
    const result = await decryptJwe(decodeJwe(token), {
      key: base64url(key256),
      secretEncoding: 'utf8',
    });

    expect(result.status).toBe('failed');
    expect(result.workingEncoding).toBe('base64url');
    expect(result.problem?.code).toBe('jwt/jwe-decryption-failed');
    expect(result.problem?.explanation.fix).toContain('base64url');
  });

  it('wrong key fails', async () => {
    const token = await encrypt({ alg: 'dir', enc: 'A128GCM' }, key128);
    const other = Buffer.from(key128.map((byte) => byte ^ 1)).toString('hex');
    const result = await decryptJwe(decodeJwe(token), { key: other, secretEncoding: 'hex' });

    expect(result.status).toBe('failed');
    expect(result.problem?.code).toBe('jwt/jwe-decryption-failed');
  });

  it('changed ciphertext fails', async () => {
    const token = await encrypt({ alg: 'dir', enc: 'A128GCM' }, key128);
    const parts = token.split('.');
    const ciphertext = Buffer.from(parts[3] ?? '', 'base64url');
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 1;
    parts[3] = ciphertext.toString('base64url');
    const result = await decryptJwe(decodeJwe(parts.join('.')), {
      key: Buffer.from(key128).toString('hex'),
      secretEncoding: 'hex',
    });

    expect(result.status).toBe('failed');
  });
});

describe('decryptJwe with key pairs', () => {
  let rsa: TestKeyPair;

  beforeAll(() => {
    rsa = rsaKeyPair();
  });

  it('RSA-OAEP-256 with a PKCS#8 PEM', async () => {
    const token = await encrypt(
      { alg: 'RSA-OAEP-256', enc: 'A256GCM' },
      await importSPKI(rsa.spkiPem, 'RSA-OAEP-256'),
    );
    const result = await decryptJwe(decodeJwe(token), { key: rsa.pkcs8Pem });

    expect(result.status).toBe('decrypted');
    expect(result.key?.source).toBe('pem-pkcs8');
  });

  it('RSA-OAEP with a private JWK', async () => {
    const token = await encrypt(
      { alg: 'RSA-OAEP', enc: 'A128CBC-HS256' },
      await importSPKI(rsa.spkiPem, 'RSA-OAEP'),
    );
    const result = await decryptJwe(decodeJwe(token), { key: JSON.stringify(rsa.privateJwk) });

    expect(result.status).toBe('decrypted');
  });

  it('public key cannot decrypt', async () => {
    const token = await encrypt(
      { alg: 'RSA-OAEP', enc: 'A128GCM' },
      await importSPKI(rsa.spkiPem, 'RSA-OAEP'),
    );
    const result = await decryptJwe(decodeJwe(token), { key: rsa.spkiPem });

    expect(result.status).toBe('error');
    expect(result.problem?.code).toBe('jwt/private-key-required');
  });

  it('RSA key for dir is a type mismatch', async () => {
    const token = await encrypt({ alg: 'dir', enc: 'A128GCM' }, key128);
    const result = await decryptJwe(decodeJwe(token), { key: rsa.pkcs8Pem });

    expect(result.problem?.code).toBe('jwt/key-type-mismatch');
  });

  it('secret for RSA-OAEP is a type mismatch', async () => {
    const token = await encrypt(
      { alg: 'RSA-OAEP', enc: 'A128GCM' },
      await importSPKI(rsa.spkiPem, 'RSA-OAEP'),
    );
    const result = await decryptJwe(decodeJwe(token), { key: 'secret' });

    expect(result.problem?.code).toBe('jwt/key-type-mismatch');
  });

  it('ECDH-ES with a private JWK', async () => {
    const pair = ecKeyPair('P-256');
    const token = await encrypt(
      { alg: 'ECDH-ES', enc: 'A128GCM' },
      await importJWK(pair.publicJwk, 'ECDH-ES'),
    );
    const result = await decryptJwe(decodeJwe(token), { key: JSON.stringify(pair.privateJwk) });

    expect(result.status).toBe('decrypted');
  });

  it('ECDH-ES+A128KW with a PKCS#8 PEM', async () => {
    const pair = ecKeyPair('P-384');
    const token = await encrypt(
      { alg: 'ECDH-ES+A128KW', enc: 'A256GCM' },
      await importJWK(pair.publicJwk, 'ECDH-ES+A128KW'),
    );
    const result = await decryptJwe(decodeJwe(token), { key: pair.pkcs8Pem });

    expect(result.status).toBe('decrypted');
  });

  it('ECDH-ES with X25519', async () => {
    const pair = x25519KeyPair();
    const token = await encrypt(
      { alg: 'ECDH-ES', enc: 'A256GCM' },
      await importJWK(pair.publicJwk, 'ECDH-ES'),
    );

    expect((await decryptJwe(decodeJwe(token), { key: pair.pkcs8Pem })).status).toBe('decrypted');
  });

  it('JWK Set key chosen by kid', async () => {
    const token = await encrypt({ alg: 'dir', enc: 'A128GCM', kid: 'b' }, key128);
    const jwks = {
      keys: [
        { kty: 'oct', kid: 'a', k: base64url(key256) },
        { kty: 'oct', kid: 'b', k: base64url(key128) },
      ],
    };
    const result = await decryptJwe(decodeJwe(token), { key: JSON.stringify(jwks) });

    expect(result.status).toBe('decrypted');
    expect(result.key?.kid).toBe('b');
  });

  it('JWK Set without the kid', async () => {
    const token = await encrypt({ alg: 'dir', enc: 'A128GCM', kid: 'c' }, key128);
    const jwks = { keys: [{ kty: 'oct', kid: 'a', k: base64url(key128) }] };
    const result = await decryptJwe(decodeJwe(token), { key: JSON.stringify(jwks) });

    expect(result.problem?.code).toBe('jwt/jwks-no-matching-key');
  });
});

describe('decryptJwe nested JWT', () => {
  it('cty JWT returns the inner token', async () => {
    const token = await encrypt(
      { alg: 'dir', enc: 'A128GCM', cty: 'JWT' },
      key128,
      new TextEncoder().encode(commonHS256.token),
    );
    const result = await decryptJwe(decodeJwe(token), {
      key: Buffer.from(key128).toString('hex'),
      secretEncoding: 'hex',
    });

    expect(result.innerToken).toBe(commonHS256.token);
    expect(result.warnings).toEqual([]);
  });

  it('inner token without cty is warned about', async () => {
    const token = await encrypt(
      { alg: 'dir', enc: 'A128GCM' },
      key128,
      new TextEncoder().encode(commonHS256.token),
    );
    const result = await decryptJwe(decodeJwe(token), {
      key: Buffer.from(key128).toString('hex'),
      secretEncoding: 'hex',
    });

    expect(result.innerToken).toBe(commonHS256.token);
    expect(result.warnings).toHaveLength(1);
  });
});

describe('decryptJwe unsupported', () => {
  it('RSA1_5 is not decrypted', async () => {
    const header = base64url('{"alg":"RSA1_5","enc":"A128GCM"}');
    const result = await decryptJwe(decodeJwe(`${header}.AAAA.AAAA.AAAA.AAAA`), { key: 'secret' });

    expect(result.problem?.code).toBe('jwt/jwe-alg-unsupported');
  });

  it('unknown enc is not decrypted', async () => {
    const header = base64url('{"alg":"dir","enc":"A128CTR"}');
    const result = await decryptJwe(decodeJwe(`${header}..AAAA.AAAA.AAAA`), { key: 'secret' });

    expect(result.problem?.code).toBe('jwt/jwe-alg-unsupported');
  });
});
