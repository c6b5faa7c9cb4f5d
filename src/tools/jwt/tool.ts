// The JWT inspector as a tool: named inputs and outputs that drive its form,
// a synchronous inspectToken() for instant decoding while the user types, and
// an async run() that also verifies or decrypts. Results are plain data
// (Uint8Array allowed), so a Web Worker can post them; a test checks they
// survive structuredClone. Errors are returned as data rather than thrown.

import { describeAlgorithmSupport, type AlgorithmSupport } from './algorithm-support';
import { describeClaims, type ClaimsReport } from './claims';
import { decodeToken, type DecodedToken } from './decode';
import { extractToken, type Extraction } from './extract';
import { decryptJwe, describeJwe, type JweDecryption, type JweSummary } from './jwe';
import { SECRET_ENCODINGS, type SecretEncoding } from './keys';
import { checkInputSize } from './limits';
import { toJwtProblem, type JwtProblem } from './messages';
import { reviewToken, type Finding } from './review';
import { verifyToken, type VerificationResult } from './verify';

export interface JwtInspectorInputs {
  /** The pasted text; wrappers such as "Bearer " are removed by extractToken. */
  readonly token: string;
  /** A secret, PEM, JWK or JWK Set; empty means no verification or decryption. */
  readonly key?: string;
  readonly secretEncoding?: SecretEncoding;
  /** UTF-8 payload for a JWS whose payload segment is empty (RFC 7515 Appendix F, RFC 7797). */
  readonly detachedPayload?: string;
}

export interface JwtRunContext {
  /** The time that expiry and validity are judged at; the inspector never reads the clock. */
  readonly now: Date;
  /** IANA time zone for local times; defaults to the runtime's zone. */
  readonly timeZone?: string;
}

/** The result of inspectToken: everything that needs no key. */
export interface JwtInspection {
  readonly ok: boolean;
  readonly extraction: Extraction | undefined;
  readonly token: DecodedToken | undefined;
  readonly jwe: JweSummary | undefined;
  /**
   * For a JWS: whether a key would let the inspector verify its "alg", and if
   * not, why. Undefined for a JWE or when decoding failed.
   */
  readonly algorithmSupport: AlgorithmSupport | undefined;
  readonly claims: ClaimsReport | undefined;
  readonly findings: readonly Finding[];
  /** The reason extraction or decoding failed; undefined when `ok`. */
  readonly error: JwtProblem | undefined;
}

export interface JwtInspectorResult extends JwtInspection {
  /**
   * Undefined for a JWE, or for a JWS with a verifiable "alg" when no key was
   * entered. An "alg" that no key can verify gives an 'error' result without a key.
   */
  readonly verification: VerificationResult | undefined;
  /** Undefined for a JWS, or for a JWE when no key was entered. */
  readonly decryption: JweDecryption | undefined;
  /** The inspection of the inner token of a nested JWT (RFC 7519 §5.2), without a key. */
  readonly nested: JwtInspectorResult | undefined;
}

/** Nested JWTs deeper than this are left undecoded, so a crafted token cannot loop. */
export const MAX_NESTING_DEPTH = 3;

/** Extracts, decodes, explains the claims and reviews the token, without any key. */
export function inspectToken(
  input: string,
  context: JwtRunContext & { readonly detachedPayload?: string },
): JwtInspection {
  try {
    const extraction = extractToken(input);
    if (context.detachedPayload !== undefined)
      checkInputSize(context.detachedPayload, 'detachedPayload');

    const token = decodeToken(extraction.token, { detachedPayload: context.detachedPayload });
    const payload =
      token.kind === 'jws' && token.payload.content.kind === 'json'
        ? token.payload.content.json.node
        : undefined;
    const claims = describeClaims(payload, { now: context.now, timeZone: context.timeZone });
    const jwe = token.kind === 'jwe' ? describeJwe(token) : undefined;
    const algorithmSupport =
      token.kind === 'jws' ? describeAlgorithmSupport(token.headerJson) : undefined;
    const findings = reviewToken({ decoded: token, claims }, context.now);
    return {
      ok: true,
      extraction,
      token,
      jwe,
      algorithmSupport,
      claims,
      findings,
      error: undefined,
    };
  } catch (error) {
    return failedInspection(error);
  }
}

/** Inspects the token and, when a key is given, verifies a JWS or decrypts a JWE. */
export async function runJwtInspector(
  inputs: JwtInspectorInputs,
  context: JwtRunContext,
): Promise<JwtInspectorResult> {
  return runAtDepth(inputs, context, 0);
}

async function runAtDepth(
  inputs: JwtInspectorInputs,
  context: JwtRunContext,
  depth: number,
): Promise<JwtInspectorResult> {
  const inspection = inspectToken(inputs.token, {
    ...context,
    detachedPayload: inputs.detachedPayload,
  });
  const empty = { verification: undefined, decryption: undefined, nested: undefined };
  const decoded = inspection.token;
  if (!inspection.ok || decoded === undefined) return { ...inspection, ...empty };

  try {
    const key = inputs.key ?? '';
    const secretEncoding = inputs.secretEncoding ?? 'utf8';

    if (decoded.kind === 'jws') {
      // Only a verifiable "alg" waits for a key. For "none" and for an "alg"
      // that no key can verify, verifyToken reports the outcome without one.
      const waitsForKey = inspection.algorithmSupport?.verifiable === true;
      if (waitsForKey && key.trim() === '') return { ...inspection, ...empty };

      const verification = await verifyToken(decoded, { key, secretEncoding, now: context.now });
      const findings = reviewToken(
        { decoded, claims: inspection.claims, verification },
        context.now,
      );
      return { ...inspection, ...empty, verification, findings };
    }

    if (key.trim() === '') return { ...inspection, ...empty };
    const decryption = await decryptJwe(decoded, { key, secretEncoding });
    const inner = decryption.innerToken;
    const nested =
      inner !== undefined && depth < MAX_NESTING_DEPTH
        ? await runAtDepth({ token: inner }, context, depth + 1)
        : undefined;
    return { ...inspection, ...empty, decryption, nested };
  } catch (error) {
    // verifyToken and decryptJwe return their errors; this catches only bugs.
    return { ...inspection, ...empty, ok: false, error: toJwtProblem(error) };
  }
}

function failedInspection(error: unknown): JwtInspection {
  return {
    ok: false,
    extraction: undefined,
    token: undefined,
    jwe: undefined,
    algorithmSupport: undefined,
    claims: undefined,
    findings: [],
    error: toJwtProblem(error),
  };
}

export type ToolInputType = 'text' | 'choice';

export interface ToolInput {
  readonly name: keyof JwtInspectorInputs;
  readonly label: string;
  readonly description: string;
  readonly type: ToolInputType;
  /** The forms the input accepts, in words for the form's help text. */
  readonly encodings: readonly string[];
  /** For a 'choice' input, the values to choose from. */
  readonly options?: readonly string[];
  readonly default: string;
  /** Secrets never go into the URL, storage or logs. */
  readonly sensitive: boolean;
}

export interface ToolOutput {
  readonly name: keyof Omit<JwtInspectorResult, 'ok'>;
  readonly description: string;
}

export const jwtInspectorTool = {
  id: 'jwt',
  name: 'JWT inspector',
  description:
    'Decodes a JWS, JWT or JWE, explains its header and claims, verifies its signature or decrypts it with your key, and reviews it for security problems. Nothing leaves the page.',
  inputs: [
    {
      name: 'token',
      label: 'Token',
      description: 'The token, alone or with what surrounds it when copied.',
      type: 'text',
      encodings: [
        'compact JWS or JWT (3 parts)',
        'compact JWE (5 parts)',
        'Authorization: Bearer header',
        'quoted string',
        'JSON token response (access_token, id_token)',
        'URL fragment or query (id_token=...)',
        'token broken over lines',
      ],
      default: '',
      sensitive: true,
    },
    {
      name: 'key',
      label: 'Key',
      description: 'The secret or public key that verifies a JWS, or the key that decrypts a JWE.',
      type: 'text',
      encodings: [
        'shared secret (see secret encoding)',
        'PEM public key (BEGIN PUBLIC KEY)',
        'PEM PKCS#1 public key (BEGIN RSA PUBLIC KEY)',
        'PEM X.509 certificate (BEGIN CERTIFICATE)',
        'PEM private key (BEGIN PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY)',
        'JWK',
        'JWK Set (key chosen by kid)',
      ],
      default: '',
      sensitive: true,
    },
    {
      name: 'secretEncoding',
      label: 'Secret encoding',
      description:
        'How to turn a typed secret into bytes. When it fails, the other encodings are tried and named.',
      type: 'choice',
      encodings: ['UTF-8 text', 'base64url', 'base64', 'hex'],
      options: SECRET_ENCODINGS,
      default: 'utf8',
      sensitive: false,
    },
    {
      name: 'detachedPayload',
      label: 'Detached payload',
      description: 'The payload of a JWS whose payload segment is empty, exactly as it was signed.',
      type: 'text',
      encodings: ['UTF-8 text'],
      default: '',
      sensitive: true,
    },
  ] as const satisfies readonly ToolInput[],
  outputs: [
    {
      name: 'extraction',
      description: 'The token found in the input and one sentence on what was removed around it.',
    },
    {
      name: 'token',
      description:
        'Each segment with its offsets, bytes, hex, text and lossless JSON, and decoding notes.',
    },
    { name: 'jwe', description: 'For a JWE: its algorithms and the byte length of each part.' },
    {
      name: 'algorithmSupport',
      description:
        'For a JWS: whether a key can verify its "alg", and if not, why, in one sentence.',
    },
    {
      name: 'claims',
      description: 'Each claim with its meaning, and dates in UTC, local time and relative to now.',
    },
    {
      name: 'verification',
      description:
        'Whether the signature verifies with the key, which key and encoding, and warnings.',
    },
    {
      name: 'decryption',
      description: 'For a JWE: the plaintext, and the inner token of a nested JWT.',
    },
    { name: 'nested', description: 'The inspection of a nested JWT found inside a JWE.' },
    {
      name: 'findings',
      description: 'Security findings, each with a severity, a title and an explanation.',
    },
    {
      name: 'error',
      description: 'Why the input could not be decoded: a code, its details and an explanation.',
    },
  ] as const satisfies readonly ToolOutput[],
  run: runJwtInspector,
} as const;
