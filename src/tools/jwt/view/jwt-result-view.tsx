// Everything the inspector found in one token: the token coloured by segment,
// each segment decoded, the claims, the verification or decryption details and
// the security review. A nested JWT inside a JWE renders the same view again.

import { useId } from 'react';
import type { ClaimsReport } from '../claims';
import type { DecodedSegment, DecodedToken } from '../decode';
import { segmentLabel } from '../decode';
import type { Finding } from '../review';
import type { JwtInspectorResult } from '../tool';
import type { VerificationResult } from '../verify';
import type { JweDecryption, JweSummary } from '../jwe';

/** Characters of a segment drawn in the coloured token; the rest is summarised. */
const maxSegmentCharacters = 1200;
/** Bytes drawn as hex per segment; the rest is summarised. */
const maxHexBytes = 2048;
/** Characters of decoded text or JSON drawn per view, so a 1 MB payload does not stall the page. */
const maxTextCharacters = 20_000;

function clip(text: string): string {
  if (text.length <= maxTextCharacters) return text;
  return `${text.slice(0, maxTextCharacters)}\n… ${text.length - maxTextCharacters} more characters not shown`;
}

const segmentTone: Record<string, string> = {
  header: 'seg-header',
  payload: 'seg-payload',
  signature: 'seg-signature',
  encryptedKey: 'seg-payload',
  iv: 'seg-extra',
  ciphertext: 'seg-signature',
  tag: 'seg-extra2',
};

function segmentsOf(token: DecodedToken): DecodedSegment[] {
  return token.kind === 'jws'
    ? [token.header, token.payload, token.signature]
    : [token.header, token.encryptedKey, token.iv, token.ciphertext, token.tag];
}

function title(name: string): string {
  const label = segmentLabel(name as DecodedSegment['name']);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

const controlNames: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

/** Shows CR, LF and tab as marked escapes, keeping a real line break after each LF. */
function VisibleText({ text }: { text: string }) {
  const parts = text.split(/([\r\n\t])/);
  return (
    <>
      {parts.map((part, index) =>
        controlNames[part] ? (
          <span key={index} className="control-char">
            {controlNames[part]}
            {part === '\n' ? '\n' : ''}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

function hexRows(segment: DecodedSegment): string {
  const shown = segment.hex.slice(0, maxHexBytes * 2);
  const pairs = shown.match(/.{1,2}/g) ?? [];
  const rows: string[] = [];
  for (let i = 0; i < pairs.length; i += 16) rows.push(pairs.slice(i, i + 16).join(' '));
  return rows.join('\n');
}

export function ColouredToken({ token }: { token: DecodedToken }) {
  const segments = segmentsOf(token).filter((segment) => segment.source === 'token');
  return (
    <p className="coloured-token mono" aria-label="Token by segment">
      {segments.map((segment, index) => {
        const text = segment.text;
        const cut = text.length > maxSegmentCharacters;
        return (
          <span key={segment.name}>
            {index > 0 && <span className="token-dot">.</span>}
            <span className={segmentTone[segment.name]} title={title(segment.name)}>
              {cut ? text.slice(0, maxSegmentCharacters) : text}
            </span>
            {cut && (
              <span className="muted">
                {' '}
                … {text.length - maxSegmentCharacters} more characters{' '}
              </span>
            )}
          </span>
        );
      })}
      {token.kind === 'jws' && token.payload.source === 'detached' && (
        <span className="muted"> (payload detached)</span>
      )}
    </p>
  );
}

function SegmentPanel({ segment, token }: { segment: DecodedSegment; token: DecodedToken }) {
  const notes = token.notes.filter((note) => note.segment === segment.name);
  const content = segment.content;
  const headingId = useId();

  return (
    <section
      className={`panel segment-panel ${segmentTone[segment.name]}-border`}
      aria-labelledby={headingId}
    >
      <h2 id={headingId}>
        <span className={segmentTone[segment.name]}>{title(segment.name)}</span>{' '}
        <span className="muted segment-meta">
          {segment.bytes.length} bytes
          {segment.encoding === 'unencoded' ? ', not base64url (b64: false)' : ''}
          {segment.encoding === 'base64' ? ', standard base64' : ''}
          {segment.source === 'detached' ? ', detached payload you supplied' : ''}
        </span>
      </h2>
      {notes.map((note) => (
        <p
          key={note.id + note.text}
          className={`notice ${note.severity === 'warning' ? 'warning' : 'info'}`}
        >
          {note.text}
        </p>
      ))}
      <div className="segment-columns">
        {content.kind === 'json' && (
          <div>
            <h3>JSON</h3>
            <pre className="json-view" tabIndex={0} aria-label={`${title(segment.name)} as JSON`}>
              {clip(content.json.pretty)}
            </pre>
          </div>
        )}
        {content.kind === 'text' && (
          <div>
            <h3>Text (not JSON)</h3>
            <p className="hint">{content.notJsonReason}</p>
            <pre
              className="json-view text-view"
              tabIndex={0}
              aria-label={`${title(segment.name)} as text`}
            >
              {clip(content.text)}
            </pre>
          </div>
        )}
        {content.kind === 'binary' && content.invalidUtf8Offset !== undefined && (
          <div>
            <h3>Not UTF-8</h3>
            <p>
              Byte {content.invalidUtf8Offset} is not valid UTF-8, so the bytes are shown as hex
              only.
            </p>
          </div>
        )}
        {content.kind === 'empty' && (
          <div>
            <h3>Empty</h3>
            <p className="hint">This segment has no bytes.</p>
          </div>
        )}
        <div>
          <h3>Raw bytes</h3>
          {(content.kind === 'json' || content.kind === 'text') && (
            <pre className="raw-text" tabIndex={0} aria-label={`${title(segment.name)} exact text`}>
              <VisibleText text={clip(content.text)} />
            </pre>
          )}
          {segment.bytes.length > 0 && (
            <pre
              className="hex-view"
              tabIndex={0}
              aria-label={`${title(segment.name)} bytes as hex`}
            >
              {hexRows(segment)}
              {segment.bytes.length > maxHexBytes &&
                `\n… ${segment.bytes.length - maxHexBytes} more bytes`}
            </pre>
          )}
        </div>
      </div>
    </section>
  );
}

function ClaimsTable({ claims }: { claims: ClaimsReport }) {
  const headingId = useId();
  if (claims.claims.length === 0) return null;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Claims</h2>
      <div className="table-scroll">
        <table className="claims-table">
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Value</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {claims.claims.map((claim) => (
              <tr key={claim.name} data-claim={claim.name}>
                <th scope="row" className="mono">
                  {claim.name}
                </th>
                <td>
                  <span className="mono break">{claim.valueText}</span>
                  {claim.time && (
                    <div className="claim-time">
                      <div>
                        <span className="mono">{claim.time.iso}</span> (UTC)
                      </div>
                      <div>
                        {claim.time.local} ({claim.time.timeZone})
                      </div>
                      <div className="claim-relative">{claim.time.relative}</div>
                      {claim.time.note && <div className="hint">{claim.time.note}</div>}
                    </div>
                  )}
                  {claim.millisecondsReading && (
                    <p className="notice warning">
                      This looks like milliseconds: read that way it is {claim.millisecondsReading}.
                    </p>
                  )}
                  {claim.problems.map((problem) => (
                    <p key={problem.id} className="notice warning">
                      {problem.text}
                    </p>
                  ))}
                </td>
                <td>
                  {claim.info ? (
                    <>
                      {claim.info.description} <span className="hint">({claim.info.source})</span>
                    </>
                  ) : (
                    <span className="hint">
                      A private claim: its meaning is agreed between issuer and audience.
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Times are judged against this computer's clock when the token was inspected.
      </p>
    </section>
  );
}

const severityOrder: Record<Finding['severity'], number> = { danger: 0, warning: 1, info: 2 };

/** Findings that decide whether a token is usable right now come first within their severity. */
const timeFindings = new Set<Finding['id']>(['expired', 'not-yet-valid', 'issued-in-future']);

/** Returns the findings, most severe first, with the validity-period ones leading each severity. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityOrder[a.severity] - severityOrder[b.severity] ||
      Number(timeFindings.has(b.id)) - Number(timeFindings.has(a.id)),
  );
}

function ReviewList({ findings }: { findings: readonly Finding[] }) {
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Security review</h2>
      {findings.length === 0 ? (
        <p>No problems found in the header or claims.</p>
      ) : (
        <ul className="findings">
          {sortFindings(findings).map((finding) => (
            <li key={finding.id + (finding.member ?? '')} className={`finding ${finding.severity}`}>
              <span className={`badge ${finding.severity}`}>{finding.severity}</span>{' '}
              <strong>{finding.title}</strong>
              <p>{finding.text}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function VerificationDetails({ verification }: { verification: VerificationResult }) {
  const headingId = useId();
  const encodingNames: Record<string, string> = {
    utf8: 'UTF-8',
    base64: 'base64',
    base64url: 'base64url',
    hex: 'hex',
  };
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Verification</h2>
      <dl className="value-list compact">
        {verification.alg && (
          <div>
            <dt>Algorithm</dt>
            <dd className="mono">{verification.alg}</dd>
          </div>
        )}
        {verification.key && (
          <div>
            <dt>Key</dt>
            <dd>{verification.key.summary}</dd>
          </div>
        )}
        {verification.keySelection && (
          <div>
            <dt>Key chosen</dt>
            <dd>{verification.keySelection}</dd>
          </div>
        )}
        {verification.secretEncoding && (
          <div>
            <dt>Secret read as</dt>
            <dd>{encodingNames[verification.secretEncoding]}</dd>
          </div>
        )}
        <div>
          <dt>Signature</dt>
          <dd>
            {verification.signatureLength} bytes
            {verification.expectedSignatureLength !== undefined &&
              verification.expectedSignatureLength !== verification.signatureLength &&
              ` (expected ${verification.expectedSignatureLength})`}
          </dd>
        </div>
      </dl>
      {verification.verifyingEncoding && (
        <p className="notice warning">
          The secret does not verify when read as{' '}
          {encodingNames[verification.secretEncoding ?? 'utf8']}, but it does when read as{' '}
          <strong>{encodingNames[verification.verifyingEncoding]}</strong>. Choose that encoding if
          that is how the issuer reads it.
        </p>
      )}
      {verification.problem && (
        <div className="notice danger">
          <p>{verification.problem.explanation.what}</p>
          {verification.problem.explanation.where && (
            <p>{verification.problem.explanation.where}</p>
          )}
          <p>{verification.problem.explanation.fix}</p>
        </div>
      )}
      {verification.receivedBytes.standardBase64 && (
        <p className="notice warning">
          The token uses standard base64 characters. The signature was checked over the exact
          characters received:{' '}
          {verification.receivedBytes.exactBytesVerify ? 'they verify.' : 'they do not verify.'}
          {verification.receivedBytes.base64urlFormVerifies !== undefined &&
            ` Rewritten as base64url, the token ${verification.receivedBytes.base64urlFormVerifies ? 'would verify' : 'would not verify either'}.`}
        </p>
      )}
      {verification.warnings.map((warning) => (
        <p key={warning.id} className="notice warning">
          {warning.text}
        </p>
      ))}
    </section>
  );
}

function JweDetails({
  jwe,
  decryption,
}: {
  jwe: JweSummary;
  decryption: JweDecryption | undefined;
}) {
  const headingId = useId();
  const parts: [string, number][] = [
    ['Protected header', jwe.partLengths.header],
    ['Encrypted key', jwe.partLengths.encryptedKey],
    ['Initialization vector', jwe.partLengths.iv],
    ['Ciphertext', jwe.partLengths.ciphertext],
    ['Authentication tag', jwe.partLengths.tag],
  ];
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Encryption (JWE)</h2>
      <dl className="value-list compact">
        <div>
          <dt>Key management</dt>
          <dd>
            <span className="mono">{jwe.alg ?? '(missing)'}</span> (
            {jwe.keyManagementMode.replace(/-/g, ' ')})
          </dd>
        </div>
        <div>
          <dt>Content encryption</dt>
          <dd className="mono">{jwe.enc ?? '(missing)'}</dd>
        </div>
        {parts.map(([name, length]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{length} bytes</dd>
          </div>
        ))}
      </dl>
      {jwe.notes.map((note) => (
        <p key={note} className="notice info">
          {note}
        </p>
      ))}
      {decryption?.problem && (
        <div className="notice danger">
          <p>{decryption.problem.explanation.what}</p>
          <p>{decryption.problem.explanation.fix}</p>
        </div>
      )}
      {decryption?.warnings.map((warning) => (
        <p key={warning} className="notice warning">
          {warning}
        </p>
      ))}
      {decryption?.plaintext && (
        <>
          <h3>Plaintext ({decryption.plaintext.length} bytes)</h3>
          <pre className="json-view" tabIndex={0} aria-label="Decrypted plaintext">
            {clip(decryption.plaintextText ?? '') ||
              Array.from(decryption.plaintext.slice(0, maxHexBytes), (b) =>
                b.toString(16).padStart(2, '0'),
              ).join(' ')}
          </pre>
        </>
      )}
    </section>
  );
}

interface JwtResultViewProps {
  readonly result: JwtInspectorResult;
  readonly depth: number;
  /** Loads a token into the inspector's input, such as the inner token of a nested JWT. */
  readonly onInspectToken?: (token: string) => void;
}

export function JwtResultView({ result, depth, onInspectToken }: JwtResultViewProps) {
  const token = result.token;
  if (!token) return null;
  return (
    <div className="jwt-result">
      {depth > 0 && <h2>Nested token (decoded from the JWE plaintext)</h2>}
      <ColouredToken token={token} />
      <div className="segments">
        {segmentsOf(token).map((segment) => (
          <SegmentPanel key={segment.name} segment={segment} token={token} />
        ))}
      </div>
      {token.notes
        .filter((note) => note.segment === undefined)
        .map((note) => (
          <p
            key={note.id + note.text}
            className={`notice ${note.severity === 'warning' ? 'warning' : 'info'}`}
          >
            {note.text}
          </p>
        ))}
      {result.verification && <VerificationDetails verification={result.verification} />}
      {depth > 0 && token.kind === 'jws' && !result.verification && token.alg !== 'none' && (
        <div className="notice warning nested-unverified">
          <p>
            <strong>The inner token's signature is not verified.</strong> Decrypting the JWE proves
            who could encrypt to you, not who signed the inner token: check its signature with the
            signer's key before trusting these claims.
          </p>
          {onInspectToken && (
            <button type="button" className="button" onClick={() => onInspectToken(token.token)}>
              Inspect the inner token on its own
            </button>
          )}
        </div>
      )}
      {result.jwe && <JweDetails jwe={result.jwe} decryption={result.decryption} />}
      {result.claims && <ClaimsTable claims={result.claims} />}
      <ReviewList findings={result.findings} />
      {result.nested && (
        <JwtResultView result={result.nested} depth={depth + 1} onInspectToken={onInspectToken} />
      )}
    </div>
  );
}
