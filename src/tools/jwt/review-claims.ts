// Review findings about the claims of a JWT: registered claims a verifier
// relies on (RFC 7519 §4.1, RFC 8725 §3.8, §3.9) and the time limits at an
// explicit `now`.

import { findClaim, type ClaimsReport } from './claims';
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

export function reviewTimes(claims: ClaimsReport, now: Date, findings: Finding[]): void {
  const exp = findClaim(claims, 'exp')?.time;
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

  const nbf = findClaim(claims, 'nbf')?.time;
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

  const iat = findClaim(claims, 'iat')?.time;
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
    for (const problem of claim.problems) {
      if (problem.id === 'probably-milliseconds') {
        findings.push({
          id: 'date-milliseconds',
          severity: 'warning',
          title: `"${claim.name}" looks like milliseconds`,
          text: problem.text,
          segment: 'payload',
          member: claim.name,
        });
      }
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
