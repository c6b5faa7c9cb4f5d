// The parameters of the TLS 1.3 handshake scenario: which trace to run, which
// suite, optional typed ephemeral keys and which deliberate bug to turn on.

import { cipherSuiteNames, isCipherSuiteName, type CipherSuiteName } from './suites';
import type { ParameterSpec, ParameterValue, ParameterValues } from './parameters';

export type TlsMode = 'rfc8448' | 'fresh';

export const tlsModes: readonly TlsMode[] = ['rfc8448', 'fresh'];

export const tlsBugs = [
  'none',
  'two-byte-label-length',
  'empty-derived-context',
  'wrong-sequence-number',
] as const;

export type TlsBug = (typeof tlsBugs)[number];

export interface TlsHandshakeParameters {
  /** 'rfc8448' replays RFC 8448 §3 exactly; 'fresh' draws keys and randoms from the seed. */
  readonly mode: TlsMode;
  /** Used in 'fresh' mode; 'rfc8448' mode always runs TLS_AES_128_GCM_SHA256. */
  readonly cipherSuite: CipherSuiteName;
  /** 64 hex digits that replace the seed's X25519 private key in 'fresh' mode. */
  readonly clientPrivateKey?: string;
  readonly serverPrivateKey?: string;
  readonly bug: TlsBug;
}

export const defaultTlsHandshakeParameters: TlsHandshakeParameters = {
  mode: 'rfc8448',
  cipherSuite: 'TLS_AES_128_GCM_SHA256',
  bug: 'none',
};

/** The suite RFC 8448 §3 negotiates, which 'rfc8448' mode always uses. */
export const RFC8448_CIPHER_SUITE: CipherSuiteName = 'TLS_AES_128_GCM_SHA256';

function checkPrivateKey(name: string, value: string | undefined): void {
  if (value === undefined) return;
  if (!/^[0-9a-f]{64}$/i.test(value)) {
    throw new RangeError(
      `"${name}" must be 64 hex digits (a 32-byte X25519 private key), got "${value}"`,
    );
  }
}

/** Throws a RangeError that names the first parameter outside its allowed values. */
export function validateTlsHandshakeParameters(parameters: TlsHandshakeParameters): void {
  if (!tlsModes.includes(parameters.mode)) {
    throw new RangeError(
      `"mode" must be one of ${tlsModes.join(', ')}, got "${String(parameters.mode)}"`,
    );
  }
  if (!isCipherSuiteName(parameters.cipherSuite)) {
    throw new RangeError(
      `"cipherSuite" must be one of ${cipherSuiteNames.join(', ')}, got "${String(parameters.cipherSuite)}"`,
    );
  }
  if (!tlsBugs.includes(parameters.bug)) {
    throw new RangeError(
      `"bug" must be one of ${tlsBugs.join(', ')}, got "${String(parameters.bug)}"`,
    );
  }
  checkPrivateKey('clientPrivateKey', parameters.clientPrivateKey);
  checkPrivateKey('serverPrivateKey', parameters.serverPrivateKey);
}

export const modeParameter: ParameterSpec = {
  name: 'mode',
  label: 'Trace',
  kind: 'choice',
  default: 'rfc8448',
  choices: [
    { value: 'rfc8448', label: 'RFC 8448 example (fixed keys)' },
    { value: 'fresh', label: 'Fresh keys from the seed' },
  ],
  description: 'Replay the published RFC 8448 trace, or draw new keys and randoms from the seed.',
};

export const cipherSuiteParameter: ParameterSpec = {
  name: 'cipherSuite',
  label: 'Cipher suite',
  kind: 'choice',
  default: RFC8448_CIPHER_SUITE,
  choices: cipherSuiteNames.map((name) => ({ value: name, label: name })),
  description:
    'The suite the server picks; its hash sizes every secret and its AEAD protects every record.',
  onlyWhen: { name: 'mode', value: 'fresh' },
};

export const handshakeParameterSpecs: readonly ParameterSpec[] = [
  modeParameter,
  cipherSuiteParameter,
  {
    name: 'clientPrivateKey',
    label: 'Client X25519 private key',
    kind: 'hex',
    default: '',
    byteLength: 32,
    description:
      'Replaces the client ephemeral key drawn from the seed; leave empty to use the seed.',
    onlyWhen: { name: 'mode', value: 'fresh' },
    sensitive: true,
  },
  {
    name: 'serverPrivateKey',
    label: 'Server X25519 private key',
    kind: 'hex',
    default: '',
    byteLength: 32,
    description:
      'Replaces the server ephemeral key drawn from the seed; leave empty to use the seed.',
    onlyWhen: { name: 'mode', value: 'fresh' },
    sensitive: true,
  },
  {
    name: 'bug',
    label: 'Deliberate client bug',
    kind: 'choice',
    default: 'none',
    choices: [
      { value: 'none', label: 'None' },
      { value: 'two-byte-label-length', label: 'Two-byte HkdfLabel vector lengths' },
      { value: 'empty-derived-context', label: 'Empty context in Derive-Secret(., "derived", "")' },
      { value: 'wrong-sequence-number', label: 'Sequence number not reset on a key change' },
    ],
    description: 'Makes the client compute with one mistake while the server stays correct.',
  },
];

/**
 * Reads typed handshake parameters from normalized values. In 'rfc8448' mode
 * the suite is RFC 8448's and typed keys are dropped, because that trace fixes them.
 */
export function toTlsHandshakeParameters(values: ParameterValues): TlsHandshakeParameters {
  const mode = values.mode === 'fresh' ? 'fresh' : 'rfc8448';
  const bug = tlsBugs.find((b) => b === values.bug) ?? 'none';
  if (mode === 'rfc8448') return { mode, cipherSuite: RFC8448_CIPHER_SUITE, bug };

  const cipherSuite = isCipherSuiteName(values.cipherSuite)
    ? values.cipherSuite
    : RFC8448_CIPHER_SUITE;
  const key = (value: ParameterValue | undefined) =>
    typeof value === 'string' && /^[0-9a-f]{64}$/i.test(value) ? value.toLowerCase() : undefined;
  const clientPrivateKey = key(values.clientPrivateKey);
  const serverPrivateKey = key(values.serverPrivateKey);
  return {
    mode,
    cipherSuite,
    bug,
    ...(clientPrivateKey ? { clientPrivateKey } : {}),
    ...(serverPrivateKey ? { serverPrivateKey } : {}),
  };
}
