import { useEffect, useRef } from 'react';
import { PreferencesForm } from './preferences-form';
import { useShortcutRegistry } from './shortcuts';

/** Renders the "?" dialog: every shortcut the current page has registered, by group, and the preferences. */
export function ShortcutsDialog() {
  const open = useShortcutRegistry((state) => state.helpOpen);
  const setOpen = useShortcutRegistry((state) => state.setHelpOpen);
  const groups = useShortcutRegistry((state) => state.groups);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      onClose={() => setOpen(false)}
    >
      <div className="dialog-header">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      {groups.map((group) => (
        <section key={group.id} aria-label={group.title}>
          <h3>{group.title}</h3>
          <dl className="shortcut-list">
            {group.shortcuts.map((shortcut) => (
              <div key={shortcut.label + shortcut.description}>
                <dt>
                  <kbd>{shortcut.label}</kbd>
                </dt>
                <dd>{shortcut.description}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <p className="muted">Shortcuts are ignored while you type in a text field, except Esc.</p>
      <section aria-labelledby="preferences-title">
        <h3 id="preferences-title">Preferences</h3>
        <PreferencesForm />
        <p className="muted">Saved in this browser. Tokens and keys are never saved.</p>
      </section>
    </dialog>
  );
}
