// The JWT inspector page. The token and key live only in this component's
// state: never in the URL (unless the user creates a share link), storage or logs.

import { useMemo, useState } from 'react';
import { SECRET_ENCODINGS, type SecretEncoding } from '../keys';
import { decodeShareFragment, isShareableKey } from '../share';
import type { JwtInspectorResult } from '../tool';
import { jwtExamples } from './examples';
import { JwtResultView } from './jwt-result-view';
import { ShareDialog } from './share-dialog';
import { useJwtInspector, type JwtInputs } from './use-jwt-inspector';
import { useDocumentTitle } from '../../../ui/use-document-title';
import './jwt.css';

const timeFindingIds = new Set(['expired', 'not-yet-valid']);

const encodingLabels: Record<SecretEncoding, string> = {
  utf8: 'UTF-8 text',
  base64url: 'base64url',
  base64: 'base64',
  hex: 'hex',
};

type Tone = 'ok' | 'danger' | 'warning' | 'info';

/** Returns the one line the live region announces, with its tone. */
function statusOf(
  result: JwtInspectorResult | undefined,
  key: string,
): { text: string; tone: Tone } | undefined {
  if (!result) return undefined;
  if (!result.ok || !result.token) {
    return {
      text: `Cannot decode: ${result.error?.explanation.what ?? 'the input is not a token'}`,
      tone: 'danger',
    };
  }
  const token = result.token;

  if (token.kind === 'jwe') {
    if (!result.decryption)
      return { text: 'Encrypted (JWE): enter the key to decrypt it', tone: 'info' };
    if (result.decryption.status === 'decrypted') return { text: 'Decrypted', tone: 'ok' };
    if (result.decryption.status === 'failed') return { text: 'Decryption failed', tone: 'danger' };
    return {
      text: `Cannot decrypt: ${result.decryption.problem?.explanation.what ?? ''}`,
      tone: 'danger',
    };
  }

  if (token.alg === 'none') return { text: 'Unsecured: no signature', tone: 'warning' };
  const verification = result.verification;
  if (!verification) {
    return {
      text: key.trim() === '' ? 'Not verified: enter the secret or public key' : 'Verifying…',
      tone: 'info',
    };
  }
  switch (verification.status) {
    case 'verified':
      return { text: 'Signature verified', tone: 'ok' };
    case 'invalid':
      return { text: 'Invalid signature', tone: 'danger' };
    case 'unsecured':
      return { text: 'Unsecured: no signature', tone: 'warning' };
    case 'error':
      return {
        text: `Cannot verify: ${verification.problem?.explanation.what ?? 'unknown error'}`,
        tone: 'danger',
      };
  }
}

export function JwtPage() {
  useDocumentTitle('JWT inspector');
  // A share link carries the token in the fragment; it is read once, on arrival.
  const [shared] = useState(() => decodeShareFragment(window.location.hash));
  const [token, setToken] = useState(shared?.token ?? '');
  const [key, setKey] = useState(shared?.key ?? '');
  const [secretEncoding, setSecretEncoding] = useState<SecretEncoding>('utf8');
  const [detachedPayload, setDetachedPayload] = useState('');
  const [shareOpen, setShareOpen] = useState(false);

  const inputs = useMemo<JwtInputs>(
    () => ({ token, key, secretEncoding, detachedPayload }),
    [token, key, secretEncoding, detachedPayload],
  );
  const { result: latest, resultFor, running, failure } = useJwtInspector(inputs);
  const empty = token.trim() === '';
  const result = empty ? undefined : latest;
  const stale = running || (resultFor !== undefined && resultFor !== inputs);
  const status = empty ? undefined : statusOf(result, key);
  const decoded = result?.token;
  // Expiry matters as much as the signature: a verified but expired token must be rejected.
  const validity = empty
    ? undefined
    : result?.findings.find((f) => timeFindingIds.has(f.id))?.title;

  const isHmac =
    decoded?.kind === 'jws' && typeof decoded.alg === 'string' && decoded.alg.startsWith('HS');
  const needsDetachedPayload =
    decoded?.kind === 'jws' &&
    (decoded.payload.source === 'detached' || decoded.payload.text === '');
  const verificationKey = result?.verification?.key ?? result?.decryption?.key;
  const shareableKey = isShareableKey(verificationKey) ? key : undefined;

  // A share link's fragment describes the token it was made for. Once the inputs change,
  // a reload would bring back stale values, so the fragment is dropped from the address bar.
  function clearShareFragment() {
    if (window.location.hash.includes('token=')) {
      window.history.replaceState(
        window.history.state,
        '',
        window.location.pathname + window.location.search,
      );
    }
  }

  function changeToken(value: string) {
    setToken(value);
    clearShareFragment();
  }

  function changeKey(value: string) {
    setKey(value);
    clearShareFragment();
  }

  function inspectInnerToken(inner: string) {
    changeToken(inner);
    changeKey('');
    setDetachedPayload('');
    document.getElementById('jwt-key')?.focus();
  }

  function loadExample(id: string) {
    const example = jwtExamples.find((candidate) => candidate.id === id);
    if (!example) return;
    changeToken(example.token);
    changeKey(example.key);
    setSecretEncoding(example.secretEncoding);
    setDetachedPayload(example.detachedPayload ?? '');
  }

  return (
    <div className="page jwt-page">
      <h1>JWT inspector</h1>
      <p className="lead">
        Paste a JWT, JWS or JWE, alone or with what came around it. It is decoded and verified in
        this page, in a background worker; nothing is uploaded.
      </p>

      <div className="jwt-inputs">
        <div className="field">
          <label htmlFor="jwt-token">Token</label>
          <textarea
            id="jwt-token"
            rows={6}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            value={token}
            onChange={(event) => changeToken(event.target.value)}
            aria-describedby="jwt-token-hint"
            placeholder='eyJhbGciOi…  or  Authorization: Bearer eyJ…  or  {"id_token": "eyJ…"}'
          />
          <span id="jwt-token-hint" className="hint">
            Quotes, "Bearer ", an Authorization header, a JSON token response and line breaks are
            removed; the characters of the token itself are verified exactly as pasted.
          </span>
        </div>

        <div className="field">
          <label htmlFor="jwt-key">Secret or key</label>
          <textarea
            id="jwt-key"
            rows={4}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            value={key}
            onChange={(event) => changeKey(event.target.value)}
            aria-describedby="jwt-key-hint"
            placeholder="A shared secret, a PEM public key or certificate, a JWK or a JWK Set"
          />
          <span id="jwt-key-hint" className="hint">
            HMAC secret, PEM (public key, RSA public key or certificate; a private key decrypts a
            JWE), JWK or JWK Set. Kept in this page's memory only.
          </span>
        </div>

        <div className="field-row">
          <div className="field">
            <label htmlFor="jwt-secret-encoding">Secret encoding</label>
            <select
              id="jwt-secret-encoding"
              value={secretEncoding}
              onChange={(event) => setSecretEncoding(event.target.value as SecretEncoding)}
              aria-describedby="jwt-encoding-hint"
            >
              {SECRET_ENCODINGS.map((encoding) => (
                <option key={encoding} value={encoding}>
                  {encodingLabels[encoding]}
                </option>
              ))}
            </select>
            <span id="jwt-encoding-hint" className="hint">
              {isHmac
                ? 'How the typed secret becomes key bytes.'
                : 'Used for HMAC secrets and direct JWE keys.'}
            </span>
          </div>
          {needsDetachedPayload && (
            <div className="field detached-field">
              <label htmlFor="jwt-detached">Detached payload</label>
              <input
                id="jwt-detached"
                type="text"
                spellCheck={false}
                autoComplete="off"
                value={detachedPayload}
                onChange={(event) => setDetachedPayload(event.target.value)}
              />
              <span className="hint">
                The payload segment is empty, so give the payload exactly as it was signed.
              </span>
            </div>
          )}
        </div>

        <div className="examples" role="group" aria-label="Examples">
          <span className="hint">Try an example:</span>
          {jwtExamples.map((example) => (
            <button
              key={example.id}
              type="button"
              className="button small"
              onClick={() => loadExample(example.id)}
            >
              {example.label}
            </button>
          ))}
        </div>
      </div>

      <div className="jwt-status-row">
        <div role="status" aria-live="polite" aria-atomic="true" className="jwt-status-region">
          {status && <p className={`notice ${status.tone} verification-status`}>{status.text}</p>}
        </div>
        <div role="status" aria-live="polite" aria-atomic="true" className="jwt-validity-region">
          {validity && <p className="notice warning validity-status">{validity}</p>}
        </div>
        {stale && !empty && (
          <span className="hint" aria-hidden="true">
            Updating…
          </span>
        )}
        {decoded && (
          <button type="button" className="button" onClick={() => setShareOpen(true)}>
            Share link…
          </button>
        )}
      </div>

      {failure && !empty && (
        <div className="notice danger" role="alert">
          <p>{failure}</p>
        </div>
      )}

      {result?.extraction && result.extraction.removals.length > 0 && (
        <p className="notice info extraction-summary">{result.extraction.summary}</p>
      )}

      {result && !result.ok && result.error && (
        <div className="notice danger input-error">
          <p>
            <strong>{result.error.explanation.what}</strong>
          </p>
          {result.error.explanation.where && <p>{result.error.explanation.where}</p>}
          <p>{result.error.explanation.fix}</p>
        </div>
      )}

      {result && <JwtResultView result={result} depth={0} onInspectToken={inspectInnerToken} />}

      {decoded && (
        <ShareDialog
          open={shareOpen}
          onClose={() => setShareOpen(false)}
          token={result?.extraction?.token ?? token}
          shareableKey={shareableKey}
          keyWithheld={key.trim() !== '' && shareableKey === undefined}
        />
      )}
    </div>
  );
}
