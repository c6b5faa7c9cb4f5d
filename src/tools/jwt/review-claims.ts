// Review findings about the claims of a JWT: registered claims a verifier
// relies on (RFC 7519 §4.1, RFC 8725 §3.8, §3.9) and the time limits at an
// explicit `now`.

import {
  findClaim,
  formatYear,
  type ClaimsReport,
  type ClaimView,
  type NumericDateView,
} from './claims';
import type { Finding, FindingId, FindingSeverity } from './review';

export function reviewRequiredClaims(claims: ClaimsReport, findings: Finding[]): void {
  const missing: readonly [FindingId, string, FindingSeverity, string][] = [
    [
      'missing-exp',
      'exp',
      'warning',
      'Without "exp" the token never expires, so a stolen token works until the key changes.',
    ],
    [
      'missing-aud',
      'aud',
      'warning',
      'Without "aud", a token issued for one service is accepted by every other service that trusts the same issuer (RFC 8725 §3.9).',
    ],
    [
      'missing-iss',
      'iss',
      'warning',
      'Without "iss", a verifier cannot tell which issuer\'s keys and rules apply (RFC 8725 §3.8).',
    ],
    [
      'missing-iat',
      'iat',
      'info',
      'Without "iat", a verifier cannot tell how old the token is or reject tokens issued before a key was revoked.',
    ],
  ];

  for (const [id, name, severity, text] of missing) {
    if (findClaim(claims, name) !== undefined) continue;
    findings.push({
      id,
      severity,
      title: `No "${name}" claim`,
      text,
      segment: 'payload',
      member: name,
    });
  }
}

/**
 * Reviews "exp", "nbf" and "iat" at `now`. A date that looks like milliseconds
 * gets the 'date-milliseconds' finding instead, because its seconds reading,
 * thousands of years away, would make the expiry findings misleading.
 */
export function reviewTimes(claims: ClaimsReport, now: Date, findings: Finding[]): void {
  const exp = secondsReading(claims, 'exp');
  if (exp !== undefined && exp.secondsFromNow <= 0) {
    findings.push({
      id: 'expired',
      severity: 'warning',
      title: `Expired (${exp.relative})`,
      text: `"exp" is ${exp.iso}, and a verifier must reject the token on or after that time (RFC 7519 §4.1.4). This review uses ${now.toISOString()} as the current time.`,
      segment: 'payload',
      member: 'exp',
    });
  }

  const nbf = secondsReading(claims, 'nbf');
  if (nbf !== undefined && nbf.secondsFromNow > 0) {
    findings.push({
      id: 'not-yet-valid',
      severity: 'warning',
      title: `Not yet valid (${nbf.relative})`,
      text: `"nbf" is ${nbf.iso}, and a verifier must reject the token before that time (RFC 7519 §4.1.5).`,
      segment: 'payload',
      member: 'nbf',
    });
  }

  const iat = secondsReading(claims, 'iat');
  if (iat !== undefined && iat.secondsFromNow > 0) {
    findings.push({
      id: 'issued-in-future',
      severity: 'warning',
      title: `Issued in the future (${iat.relative})`,
      text: `"iat" is ${iat.iso}, later than now: the issuer's clock is wrong, or the token was made by someone else.`,
      segment: 'payload',
      member: 'iat',
    });
  }

  for (const claim of claims.claims) {
    if (claim.millisecondsTime !== undefined) {
      findings.push({
        id: 'date-milliseconds',
        severity: 'warning',
        title: `"${claim.name}" looks like milliseconds`,
        text: describeMillisecondsDate(claim, claim.millisecondsTime, now),
        segment: 'payload',
        member: claim.name,
      });
    }

    for (const problem of claim.problems) {
      if (problem.id === 'not-numeric-date') {
        findings.push({
          id: 'date-not-numeric',
          severity: 'warning',
          title: `"${claim.name}" is not a number`,
          text: `${problem.text} Verifiers skip or reject such a date, so the time limit may not apply.`,
          segment: 'payload',
          member: claim.name,
        });
      }
    }
  }
}

/** Returns the claim's date read as seconds, unless the value looks like milliseconds. */
function secondsReading(claims: ClaimsReport, name: string): NumericDateView | undefined {
  const claim = findClaim(claims, name);
  if (claim?.millisecondsTime !== undefined) return undefined;
  return claim?.time;
}

/**
 * Explains a date that looks like milliseconds: its seconds reading, its
 * milliseconds reading relative to `now`, and what each reading means for a
 * verifier of "exp", "nbf" or "iat".
 */
function describeMillisecondsDate(
  claim: ClaimView,
  milliseconds: NumericDateView,
  now: Date,
): string {
  const literal = claim.time;
  const literalText =
    literal === undefined
      ? 'beyond the dates a JavaScript Date can show'
      : formatYear(new Date(literal.seconds * 1000));
  const msPast = milliseconds.secondsFromNow <= 0;
  const sentences = [
    `"${claim.name}" is ${claim.valueText}, which read as seconds, the unit of NumericDate (RFC 7519 §2), is ${literalText}, so the issuer probably wrote milliseconds.`,
    `Read as milliseconds it is ${milliseconds.iso} (${milliseconds.relative}), which is in the ${msPast ? 'past' : 'future'} at ${now.toISOString()}, the current time of this review.`,
  ];

  // A value beyond the Date range is over 8.64e12 seconds from 1970, so its sign gives the direction.
  const literalFuture =
    literal === undefined ? milliseconds.seconds > 0 : literal.secondsFromNow > 0;
  const until = literal === undefined ? 'until after the year 275760' : `until ${literalText}`;

  if (claim.name === 'exp') {
    const meant = msPast ? 'has expired' : 'is still valid';
    const verdict = literalFuture ? `accepts it ${until}` : 'rejects it as expired';
    const link = !msPast === literalFuture ? 'and' : 'but';
    sentences.push(
      `If the issuer meant milliseconds, the token ${meant}, ${link} a verifier that reads seconds ${verdict}.`,
    );
  } else if (claim.name === 'nbf') {
    const meant = msPast ? 'is valid now' : 'is not valid yet';
    const verdict = literalFuture ? `rejects it ${until}` : 'accepts it';
    const link = msPast === !literalFuture ? 'and' : 'but';
    sentences.push(
      `If the issuer meant milliseconds, the token ${meant}, ${link} a verifier that reads seconds ${verdict}.`,
    );
  } else if (claim.name === 'iat' && !msPast) {
    sentences.push(
      "Even read as milliseconds the token was issued in the future, so the issuer's clock is wrong, or the token was made by someone else.",
    );
  }
  return sentences.join(' ');
}
