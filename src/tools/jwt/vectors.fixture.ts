// Published JOSE test vectors, copied here so that unit and end-to-end tests
// run without reading anything outside the repository. Sources: RFC 7515
// Appendix A.1 and A.3, RFC 7519 §6.1, RFC 7520 §4.4, RFC 7797 §4.1 and §4.2,
// and the HS256 example token that most JWT tutorials show.

/** RFC 7515 Appendix A.1: HS256 over a header whose bytes contain CR LF and a space. */
export const rfc7515HS256 = {
  jwk: {
    kty: 'oct',
    k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow',
  },
  /** The exact protected header bytes: re-serialising them breaks the signature. */
  headerText: '{"typ":"JWT",\r\n "alg":"HS256"}',
  token:
    'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9' +
    '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
    '.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  payloadText: '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}',
  /** `exp` 1300819380 is 2011-03-22T18:43:00Z. */
  expIso: '2011-03-22T18:43:00.000Z',
} as const;

/** RFC 7515 Appendix A.3: ES256 on P-256, signature as raw R‖S (64 bytes). */
export const rfc7515ES256 = {
  publicJwk: {
    kty: 'EC',
    crv: 'P-256',
    x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
    y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
  },
  privateJwk: {
    kty: 'EC',
    crv: 'P-256',
    x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
    y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI',
  },
  token:
    'eyJhbGciOiJFUzI1NiJ9' +
    '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
    '.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q',
} as const;

/** RFC 7519 §6.1: an unsecured JWT. The trailing dot is required because the signature is empty. */
export const rfc7519Unsecured = {
  token:
    'eyJhbGciOiJub25lIn0' +
    '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
    '.',
} as const;

/** RFC 7520 §4.4: HS256 over a payload that is UTF-8 prose, not JSON. */
export const rfc7520HS256Text = {
  jwk: {
    kty: 'oct',
    kid: '018c0ae5-4d9b-471b-bfd6-eef314bc7037',
    k: 'hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg',
  },
  token:
    'eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9' +
    '.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4' +
    '.s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0',
  payloadText:
    "It\u2019s a dangerous business, Frodo, going out your door. You step onto the road, and if you don't keep your feet, there\u2019s no knowing where you might be swept off to.",
} as const;

/** RFC 7797 §4.1 and §4.2, both signed with the RFC 7515 Appendix A.1 key. */
export const rfc7797 = {
  jwk: rfc7515HS256.jwk,
  payloadText: '$.02',
  /** §4.1: `b64` true, an ordinary JWS. */
  encodedToken: 'eyJhbGciOiJIUzI1NiJ9.JC4wMg.5mvfOroL-g7HyqJoozehmsaqmvTYGEq5jTI1gVvoEoQ',
  /** §4.2: `b64` false with the payload detached, so the middle segment is empty. */
  headerText: '{"alg":"HS256","b64":false,"crit":["b64"]}',
  unencodedDetachedToken:
    'eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY',
} as const;

/**
 * The HS256 token shown by most JWT tutorials. Its secret is 19 bytes, shorter
 * than the 256 bits that RFC 7518 §3.2 requires for HS256.
 */
export const commonHS256 = {
  secret: 'your-256-bit-secret',
  token:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' +
    '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ' +
    '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
} as const;

/** The CVE-2022-21449 "psychic signature" (r = s = 0) as raw R‖S and as DER. */
export const psychicSignature = {
  rawBase64url: 'A'.repeat(86),
  derHex: '3006020100020100',
} as const;
