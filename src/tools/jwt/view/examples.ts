// Example tokens offered on the page, each with the key that verifies it.
// They are the published vectors the unit tests use.

import type { SecretEncoding } from '../keys';
import {
  commonHS256,
  rfc7515ES256,
  rfc7515HS256,
  rfc7519Unsecured,
  rfc7520HS256Text,
  rfc7797,
} from '../vectors.fixture';

export interface JwtExample {
  readonly id: string;
  readonly label: string;
  readonly token: string;
  readonly key: string;
  readonly secretEncoding: SecretEncoding;
  readonly detachedPayload?: string;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

export const jwtExamples: readonly JwtExample[] = [
  {
    id: 'common-hs256',
    label: 'HS256 tutorial token',
    token: commonHS256.token,
    key: commonHS256.secret,
    secretEncoding: 'utf8',
  },
  {
    id: 'rfc7515-hs256',
    label: 'RFC 7515 A.1 (HS256)',
    token: rfc7515HS256.token,
    key: json(rfc7515HS256.jwk),
    secretEncoding: 'utf8',
  },
  {
    id: 'rfc7515-es256',
    label: 'RFC 7515 A.3 (ES256)',
    token: rfc7515ES256.token,
    key: json(rfc7515ES256.publicJwk),
    secretEncoding: 'utf8',
  },
  {
    id: 'rfc7519-unsecured',
    label: 'RFC 7519 unsecured',
    token: rfc7519Unsecured.token,
    key: '',
    secretEncoding: 'utf8',
  },
  {
    id: 'rfc7520-text',
    label: 'RFC 7520 §4.4 (text payload)',
    token: rfc7520HS256Text.token,
    key: json(rfc7520HS256Text.jwk),
    secretEncoding: 'utf8',
  },
  {
    id: 'rfc7797-detached',
    label: 'RFC 7797 §4.2 (b64: false)',
    token: rfc7797.unencodedDetachedToken,
    key: json(rfc7797.jwk),
    secretEncoding: 'utf8',
    detachedPayload: rfc7797.payloadText,
  },
];
