// The "Share link" format: the token, and optionally a public key, in the URL
// fragment. Browsers do not send the fragment to the server that serves the
// page, but anyone holding the link can read the token.

import type { KeyDescription } from './keys';

export interface SharedInputs {
  readonly token: string;
  readonly key?: string;
}

/** Builds the fragment (without "#") for `inputs`. */
export function encodeShareFragment(inputs: SharedInputs): string {
  const params = new URLSearchParams();
  params.set('token', inputs.token);
  if (inputs.key) params.set('key', inputs.key);
  return params.toString();
}

/** Reads a fragment (with or without "#"); returns undefined when it contains no token. */
export function decodeShareFragment(fragment: string): SharedInputs | undefined {
  const params = new URLSearchParams(fragment.startsWith('#') ? fragment.slice(1) : fragment);
  const token = params.get('token');
  if (!token) return undefined;
  const key = params.get('key');
  return key ? { token, key } : { token };
}

/**
 * Returns whether a key may go into a share link: only a public key does. Secrets and
 * private keys never do, and neither does a JWK Set, which may contain private
 * members beside the key that was used.
 */
export function isShareableKey(key: KeyDescription | undefined): boolean {
  if (!key) return false;
  return key.source !== 'secret' && key.source !== 'jwks' && !key.isPrivate;
}
