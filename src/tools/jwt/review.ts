// A security review of a decoded token: what an attacker could do with it or
// what a careful verifier would reject. It reads the header, the claims at an
// explicit `now`, and the verification result when there is one. The rules
// follow RFC 7515, RFC 7519, RFC 7797 and the JWT best practices of RFC 8725.

import type { SegmentName } from './base64url';
import type { ClaimsReport } from './claims';
import type { DecodedToken } from './decode';
import { getMember, getStringMember, type JsonNode } from './json';
import { reviewRequiredClaims, reviewTimes } from './review-claims';
import type { VerificationResult } from './verify';

export type FindingSeverity = 'danger' | 'warning' | 'info';

export type FindingId =
  | 'alg-none'
  | 'alg-none-variant'
  | 'alg-missing'
  | 'alg-confusion'
  | 'psychic-signature'
  | 'weak-hmac-key'
  | 'weak-rsa-key'
  | 'missing-exp'
  | 'missing-iat'
  | 'missing-aud'
  | 'missing-iss'
  | 'header-jku'
  | 'header-x5u'
  | 'header-jwk'
  | 'header-x5c'
  | 'header-kid'
  | 'kid-injection'
  | 'crit-not-array'
  | 'crit-unknown'
  | 'crit-missing-parameter'
  | 'crit-registered-parameter'
  | 'crit-duplicate'
  | 'b64-without-crit'
  | 'duplicate-header-member'
  | 'duplicate-claim'
  | 'expired'
  | 'not-yet-valid'
  | 'issued-in-future'
  | 'date-milliseconds'
  | 'date-not-numeric'
  | 'standard-base64'
  | 'non-canonical-base64url'
  | 'jwe-rsa1-5';

export interface Finding {
  readonly id: FindingId;
  readonly severity: FindingSeverity;
  readonly title: string;
  /** One or two sentences: what is wrong and what an attacker or verifier does with it. */
  readonly text: string;
  readonly segment?: SegmentName;
  /** The header parameter or claim the finding is about. */
  readonly member?: string;
}

export interface ReviewInput {
  readonly decoded: DecodedToken;
  readonly claims?: ClaimsReport;
  readonly verification?: VerificationResult;
}

/**
 * RFC 7515 §4.1, RFC 7516 §4.1 and RFC 7518 §4.6.1, §4.7.1, §4.8.1: header
 * parameters that RFC 7515 §4.1.11 forbids listing in "crit".
 */
const REGISTERED_HEADER_PARAMETERS = new Set([
  'alg',
  'jku',
  'jwk',
  'kid',
  'x5u',
  'x5c',
  'x5t',
  'x5t#S256',
  'typ',
  'cty',
  'crit',
  'enc',
  'zip',
  'epk',
  'apu',
  'apv',
  'iv',
  'tag',
  'p2s',
  'p2c',
]);

/** Extensions that jose recognizes by default: only "b64" (RFC 7797). */
const UNDERSTOOD_EXTENSIONS = new Set(['b64']);

/** Path traversal ("../", an absolute path) or characters that end a quoted string in SQL or a shell. */
const DANGEROUS_KID = /\.\.[/\\]|^[/\\]|[\\'"`;|\0]|\bunion\s+select\b/i;

export function reviewToken(input: ReviewInput, now: Date): Finding[] {
  const findings: Finding[] = [];
  reviewAlgorithm(input, findings);
  reviewVerification(input.verification, findings);
  reviewKeyReferences(input.decoded, findings);
  reviewCrit(input.decoded, findings);
  reviewDuplicates(input.decoded, findings);
  reviewEncoding(input.decoded, findings);
  if (input.claims !== undefined && isClaimsSet(input.decoded)) {
    reviewRequiredClaims(input.claims, findings);
    reviewTimes(input.claims, now, findings);
  }
  return findings;
}

function reviewAlgorithm(input: ReviewInput, findings: Finding[]): void {
  const { decoded } = input;
  const alg = getMember(decoded.headerJson, 'alg');

  if (alg === undefined) {
    findings.push({
      id: 'alg-missing',
      severity: 'danger',
      title: 'No "alg" in the header',
      text: 'Every JWS and JWE header must name its algorithm (RFC 7515 §4.1.1); a verifier that falls back to a default can be tricked into a weaker one.',
      segment: 'header',
      member: 'alg',
    });
    return;
  }

  if (alg.kind !== 'string') return;

  if (alg.value === 'none') {
    findings.push({
      id: 'alg-none',
      severity: 'danger',
      title: 'Unsecured token ("alg": "none")',
      text: 'The token has no signature, so anyone can create or change it. A verifier must reject it unless it explicitly expects unsecured tokens (RFC 8725 §3.1).',
      segment: 'header',
      member: 'alg',
    });
  } else if (alg.value.toLowerCase() === 'none') {
    findings.push({
      id: 'alg-none-variant',
      severity: 'danger',
      title: `"alg" is ${JSON.stringify(alg.value)}`,
      text: '"alg" is case-sensitive (RFC 7515 §4.1.1) and RFC 7518 §3.6 defines only the lower-case "none", so a verifier must reject this token. A verifier that lower-cases "alg" before comparing accepts it without a signature, and attackers send such variants to get past filters that reject only the exact string "none".',
      segment: 'header',
      member: 'alg',
    });
  }

  if (alg.value === 'RSA1_5') {
    findings.push({
      id: 'jwe-rsa1-5',
      severity: 'warning',
      title: 'RSA1_5 key encryption',
      text: 'RSAES-PKCS1-v1_5 is open to padding-oracle attacks (Bleichenbacher), so RFC 8725 §3.2 advises against it; use RSA-OAEP-256 or ECDH-ES.',
      segment: 'header',
      member: 'alg',
    });
  }
}

function reviewVerification(
  verification: VerificationResult | undefined,
  findings: Finding[],
): void {
  if (verification === undefined) return;

  const code = verification.problem?.code;
  if (code === 'jwt/hmac-with-public-key') {
    findings.push({
      id: 'alg-confusion',
      severity: 'danger',
      title: 'HMAC token checked against a public key',
      text: 'A verifier that lets "alg" pick the algorithm would use the public key as the HMAC secret, and anyone can read a public key, so anyone could sign tokens (RFC 8725 §2.1).',
      segment: 'header',
      member: 'alg',
    });
  }

  if (
    code === 'jwt/ecdsa-signature-zero' ||
    (code === 'jwt/ecdsa-signature-der' && verification.problem?.details.zeroValues === true)
  ) {
    findings.push({
      id: 'psychic-signature',
      severity: 'danger',
      title: 'ECDSA signature with r or s equal to 0',
      text: 'This is the CVE-2022-21449 "psychic signature": a verifier that skips the range check of r and s accepts it for any message and any key.',
      segment: 'signature',
    });
  }

  for (const warning of verification.warnings) {
    if (warning.id === 'weak-hmac-key') {
      findings.push({
        id: 'weak-hmac-key',
        severity: 'warning',
        title: 'HMAC secret shorter than the hash',
        text: warning.text,
      });
    }
    if (warning.id === 'weak-rsa-key') {
      findings.push({
        id: 'weak-rsa-key',
        severity: 'warning',
        title: 'RSA key under 2048 bits',
        text: warning.text,
      });
    }
  }
}

function reviewKeyReferences(decoded: DecodedToken, findings: Finding[]): void {
  const header = decoded.headerJson;

  const jku = getMember(header, 'jku');
  if (jku !== undefined) {
    findings.push({
      id: 'header-jku',
      severity: 'warning',
      title: `"jku" points to a key set${jku.kind === 'string' ? `: ${jku.value}` : ''}`,
      text: 'A verifier that fetches keys from this URL lets an attacker point it at their own JWK Set and sign any token, and the fetch itself allows server-side request forgery. Take keys from configuration, or allow only listed URLs (RFC 8725 §3.10).',
      segment: 'header',
      member: 'jku',
    });
  }

  const x5u = getMember(header, 'x5u');
  if (x5u !== undefined) {
    findings.push({
      id: 'header-x5u',
      severity: 'warning',
      title: `"x5u" points to a certificate${x5u.kind === 'string' ? `: ${x5u.value}` : ''}`,
      text: 'A verifier that fetches the certificate from this URL lets an attacker serve their own, and the fetch itself allows server-side request forgery. Take keys from configuration, or allow only listed URLs and validate the chain (RFC 8725 §3.10).',
      segment: 'header',
      member: 'x5u',
    });
  }

  if (getMember(header, 'jwk') !== undefined) {
    // RFC 9449 §4.2: a DPoP proof carries its public key in "jwk" by design.
    const isDpop = getStringMember(header, 'typ')?.toLowerCase() === 'dpop+jwt';
    findings.push({
      id: 'header-jwk',
      severity: isDpop ? 'info' : 'danger',
      title: 'The header embeds its own key ("jwk")',
      text: isDpop
        ? 'A DPoP proof carries the public key it is signed with; the server must check that this key is the one the access token is bound to.'
        : 'A verifier that checks the signature with this key accepts any token an attacker signs with their own key. Only a key from configuration proves who signed.',
      segment: 'header',
      member: 'jwk',
    });
  }

  if (getMember(header, 'x5c') !== undefined) {
    findings.push({
      id: 'header-x5c',
      severity: 'warning',
      title: 'The header embeds a certificate chain ("x5c")',
      text: "The chain proves nothing unless the verifier validates it up to a root it trusts and checks the subject; using its key directly accepts an attacker's self-signed certificate.",
      segment: 'header',
      member: 'x5c',
    });
  }

  const kid = getMember(header, 'kid');
  if (kid !== undefined) reviewKid(kid, findings);
}

function reviewKid(kid: JsonNode, findings: Finding[]): void {
  const value = kid.kind === 'string' ? kid.value : '';
  if (DANGEROUS_KID.test(value)) {
    findings.push({
      id: 'kid-injection',
      severity: 'danger',
      title: `"kid" looks like an injection: ${JSON.stringify(value)}`,
      text: 'It contains path or SQL characters. A verifier that puts "kid" into a file path or a query can be made to load a key the attacker knows, such as an empty file.',
      segment: 'header',
      member: 'kid',
    });
    return;
  }

  findings.push({
    id: 'header-kid',
    severity: 'info',
    title: '"kid" selects the key',
    text: 'The attacker chooses this value. A verifier must look it up in a fixed key set, never use it in a file path (path traversal) or an SQL query (injection).',
    segment: 'header',
    member: 'kid',
  });
}

/** RFC 7515 §4.1.11 and RFC 7797 §6. */
function reviewCrit(decoded: DecodedToken, findings: Finding[]): void {
  const header = decoded.headerJson;
  const crit = getMember(header, 'crit');
  const b64 = getMember(header, 'b64');

  if (crit === undefined) {
    if (b64 !== undefined) {
      findings.push({
        id: 'b64-without-crit',
        severity: 'danger',
        title: '"b64" without "crit"',
        text: 'RFC 7797 §6 requires "crit" to list "b64"; otherwise a verifier that does not know the extension reads the payload differently from the signer.',
        segment: 'header',
        member: 'b64',
      });
    }
    return;
  }

  const names = crit.kind === 'array' ? crit.items : [];
  if (
    crit.kind !== 'array' ||
    names.length === 0 ||
    names.some((item) => item.kind !== 'string' || item.value === '')
  ) {
    findings.push({
      id: 'crit-not-array',
      severity: 'danger',
      title: '"crit" is not a non-empty list of names',
      text: '"crit" must be a non-empty array of header parameter names (RFC 7515 §4.1.11), so a verifier must reject this token.',
      segment: 'header',
      member: 'crit',
    });
    return;
  }

  const strings = names.map((item) => (item.kind === 'string' ? item.value : ''));
  reviewCritNames(strings, decoded, findings);

  if (b64 !== undefined && !strings.includes('b64')) {
    findings.push({
      id: 'b64-without-crit',
      severity: 'danger',
      title: '"b64" without "b64" in "crit"',
      text: 'RFC 7797 §6 requires "crit" to list "b64"; otherwise a verifier that does not know the extension reads the payload differently from the signer.',
      segment: 'header',
      member: 'b64',
    });
  }
}

function reviewCritNames(
  names: readonly string[],
  decoded: DecodedToken,
  findings: Finding[],
): void {
  const duplicates = names.filter((name, index) => names.indexOf(name) !== index);
  if (duplicates.length > 0) {
    findings.push({
      id: 'crit-duplicate',
      severity: 'danger',
      title: `"crit" lists ${JSON.stringify(duplicates[0])} more than once`,
      text: '"crit" must not contain duplicates (RFC 7515 §4.1.11), so a verifier must reject this token.',
      segment: 'header',
      member: 'crit',
    });
  }

  for (const name of new Set(names)) {
    if (REGISTERED_HEADER_PARAMETERS.has(name)) {
      findings.push({
        id: 'crit-registered-parameter',
        severity: 'danger',
        title: `"crit" lists the registered parameter ${JSON.stringify(name)}`,
        text: '"crit" is for extensions; listing a parameter that RFC 7515, 7516 or 7518 defines is not allowed (RFC 7515 §4.1.11), so a verifier must reject this token.',
        segment: 'header',
        member: 'crit',
      });
      continue;
    }

    if (getMember(decoded.headerJson, name) === undefined) {
      findings.push({
        id: 'crit-missing-parameter',
        severity: 'danger',
        title: `"crit" lists ${JSON.stringify(name)}, which the header lacks`,
        text: 'Every name in "crit" must be present in the header (RFC 7515 §4.1.11), so a verifier must reject this token.',
        segment: 'header',
        member: 'crit',
      });
      continue;
    }

    if (!UNDERSTOOD_EXTENSIONS.has(name)) {
      findings.push({
        id: 'crit-unknown',
        severity: 'warning',
        title: `"crit" requires the extension ${JSON.stringify(name)}`,
        text: 'Only a verifier that implements this extension may accept the token; any other must reject it (RFC 7515 §4.1.11). A verifier that ignores "crit" accepts it without the extension\'s checks.',
        segment: 'header',
        member: 'crit',
      });
    }
  }
}

function reviewDuplicates(decoded: DecodedToken, findings: Finding[]): void {
  const header = decoded.header.content;
  if (header.kind === 'json') {
    for (const duplicate of header.json.duplicates) {
      findings.push({
        id: 'duplicate-header-member',
        severity: 'danger',
        title: `The header has "${duplicate.name}" ${duplicate.positions.length} times`,
        text: 'Parsers disagree on which value counts: JSON.parse keeps the last, others keep the first or reject. With two "alg" values, a filter and the verifier can see different algorithms.',
        segment: 'header',
        member: duplicate.name,
      });
    }
  }

  if (decoded.kind !== 'jws' || decoded.payload.content.kind !== 'json') return;
  for (const duplicate of decoded.payload.content.json.duplicates) {
    findings.push({
      id: 'duplicate-claim',
      severity: 'warning',
      title: `The payload has "${duplicate.name}" ${duplicate.positions.length} times`,
      text: 'RFC 7519 §4 asks parsers to reject duplicate claim names or keep the last. Parsers that keep the first see a different claim, for example a different "sub" or "exp".',
      segment: 'payload',
      member: duplicate.name,
    });
  }
}

function reviewEncoding(decoded: DecodedToken, findings: Finding[]): void {
  if (decoded.standardBase64) {
    findings.push({
      id: 'standard-base64',
      severity: 'warning',
      title: 'Standard base64 instead of base64url',
      text: 'Some segments use "+", "/" or "=", which base64url does not. Strict libraries reject the token, and the signature covers the characters exactly as received.',
    });
  }

  if (decoded.notes.some((note) => note.id === 'non-canonical-base64url')) {
    findings.push({
      id: 'non-canonical-base64url',
      severity: 'info',
      title: 'Non-canonical base64url',
      text: 'A segment ends in a character with non-zero unused bits, so several strings decode to the same bytes. A system that compares or blocks tokens as text can be bypassed this way.',
    });
  }
}

/**
 * Claim checks apply only to a JWS whose payload is a JSON object. A JWE's claims
 * are inside its ciphertext, so the inspection of the nested token reviews them.
 */
function isClaimsSet(decoded: DecodedToken): boolean {
  return (
    decoded.kind === 'jws' &&
    decoded.payload.content.kind === 'json' &&
    decoded.payload.content.json.node.kind === 'object'
  );
}
