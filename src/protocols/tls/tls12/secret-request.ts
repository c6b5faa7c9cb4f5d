// The HTTP request both recorded sessions carry: a small request with a secret
// in it, so that a successful decryption is plain to see.

import { toHex } from '../../bytes';
import type { SeededRandom } from '../../seeded-random';

export type SecretRequestKind = 'login' | 'cookie' | 'card';

export const secretRequestKinds: readonly {
  readonly value: SecretRequestKind;
  readonly label: string;
}[] = [
  { value: 'login', label: 'Login form with a password' },
  { value: 'cookie', label: 'Request with a session cookie' },
  { value: 'card', label: 'Payment with a card number' },
];

export function isSecretRequestKind(value: unknown): value is SecretRequestKind {
  return secretRequestKinds.some((kind) => kind.value === value);
}

function withBody(head: string, contentType: string, body: string): string {
  return `${head}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
}

/**
 * Builds the request text. The cookie value comes from `random`, and the card
 * number is 4111 1111 1111 1111, a Visa number that payment processors publish for tests.
 */
export function buildSecretRequest(kind: SecretRequestKind, random: SeededRandom): string {
  switch (kind) {
    case 'login':
      return withBody(
        'POST /login HTTP/1.1\r\nHost: server.example',
        'application/x-www-form-urlencoded',
        'user=alice&password=correct-horse-battery',
      );
    case 'cookie':
      return `GET /inbox HTTP/1.1\r\nHost: server.example\r\nCookie: session=${toHex(random.nextBytes(16))}\r\n\r\n`;
    case 'card':
      return withBody(
        'POST /pay HTTP/1.1\r\nHost: server.example',
        'application/json',
        '{"card":"4111 1111 1111 1111","cvc":"123"}',
      );
  }
}
