import { useEffect, useRef, useState } from 'react';
import { encodeShareFragment } from '../share';

interface ShareDialogProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly token: string;
  /** The public key to offer, or undefined when the key must not be shared. */
  readonly shareableKey: string | undefined;
  /** Whether a key was entered that cannot be shared (a secret or a private key). */
  readonly keyWithheld: boolean;
}

/** Warns what a share link exposes, then puts the token in the URL fragment on request. */
export function ShareDialog({ open, onClose, token, shareableKey, keyWithheld }: ShareDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [includeKey, setIncludeKey] = useState(false);
  const [link, setLink] = useState<string | undefined>();
  const [copied, setCopied] = useState<'copied' | 'failed' | undefined>();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  async function createLink() {
    const fragment = encodeShareFragment({
      token,
      ...(includeKey && shareableKey ? { key: shareableKey } : {}),
    });
    const url = `${window.location.origin}${window.location.pathname}#${fragment}`;
    window.history.replaceState(window.history.state, '', `#${fragment}`);
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }

  function close() {
    setLink(undefined);
    setCopied(undefined);
    onClose();
  }

  return (
    <dialog
      ref={dialogRef}
      className="shortcuts-dialog share-dialog"
      aria-labelledby="share-title"
      onClose={close}
    >
      <div className="dialog-header">
        <h2 id="share-title">Share this token as a link</h2>
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      </div>
      <div className="notice warning">
        <p>
          <strong>The link contains the whole token.</strong> Anyone who gets it can read every
          claim, and can use the token wherever it is still accepted until it expires. That includes
          chat and e-mail services you paste it into, and this browser's history.
        </p>
        <p>
          The token goes after the # in the link, which browsers do not send to the server that
          serves this page.
        </p>
      </div>
      {shareableKey && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includeKey}
            onChange={(event) => setIncludeKey(event.target.checked)}
          />{' '}
          Also include the public key, so the link verifies the signature
        </label>
      )}
      {keyWithheld && (
        <p className="hint">
          The key you entered is a secret or a private key, so it is never put in a link.
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={() => void createLink()}>
          Create link
        </button>
      </div>
      {link && (
        <div className="field">
          <label htmlFor="share-link">Link</label>
          <input
            id="share-link"
            type="text"
            readOnly
            value={link}
            onFocus={(event) => event.target.select()}
          />
          <p role="status" className="hint">
            {copied === 'copied'
              ? 'The link is copied to the clipboard and is now in the address bar.'
              : 'The link is in the address bar and the box above; copy it from there.'}
          </p>
        </div>
      )}
    </dialog>
  );
}
