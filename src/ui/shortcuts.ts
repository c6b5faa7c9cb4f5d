// Keyboard shortcuts: pages register theirs with useShortcuts, one listener on
// window dispatches them, and the "?" dialog lists whatever is registered.

import { useEffect, useRef } from 'react';
import { create } from 'zustand';

export interface Shortcut {
  /** KeyboardEvent.key values that trigger it, such as "ArrowRight" or "?". */
  readonly keys: readonly string[];
  /** Display text of the keys in the list, such as "← / →". */
  readonly label: string;
  readonly description: string;
  readonly run: (event: KeyboardEvent) => void;
  /** Also fire while a text field has focus (Escape, say). */
  readonly inTextFields?: boolean;
}

interface ShortcutGroup {
  readonly id: string;
  readonly title: string;
  readonly shortcuts: readonly Shortcut[];
}

interface ShortcutRegistry {
  groups: readonly ShortcutGroup[];
  helpOpen: boolean;
  setHelpOpen(open: boolean): void;
  register(group: ShortcutGroup): void;
  unregister(id: string): void;
}

export const useShortcutRegistry = create<ShortcutRegistry>()((set) => ({
  groups: [],
  helpOpen: false,
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  register: (group) =>
    set((state) => ({ groups: [...state.groups.filter((g) => g.id !== group.id), group] })),
  unregister: (id) => set((state) => ({ groups: state.groups.filter((g) => g.id !== id) })),
}));

/** Elements that act on Space or Enter themselves. */
const interactiveSelector =
  'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"]), [role="button"], [contenteditable="true"]';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(type);
}

/** Registers a group of shortcuts while the calling component is mounted. */
export function useShortcuts(id: string, title: string, shortcuts: readonly Shortcut[]): void {
  const latest = useRef(shortcuts);
  const register = useShortcutRegistry((state) => state.register);
  const unregister = useShortcutRegistry((state) => state.unregister);

  useEffect(() => {
    latest.current = shortcuts;
    register({ id, title, shortcuts });
  }, [id, title, shortcuts, register]);

  useEffect(() => () => unregister(id), [id, unregister]);
}

/** Installs the one window listener; mount once, in the app shell. */
export function useShortcutDispatcher(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      // A modal dialog (the shortcut list, the share dialog) owns the keyboard: Esc closes it.
      if (document.querySelector('dialog[open]')) return;
      const inText = isTextField(event.target);
      // A focused control keeps Space and Enter (a checkbox ticks, a link opens, a button
      // presses), and a range input keeps its arrows.
      const target = event.target instanceof HTMLElement ? event.target : null;
      const onOwnControl =
        (event.key === ' ' || event.key === 'Enter') &&
        target !== null &&
        target !== document.body &&
        target.closest(interactiveSelector) !== null;
      const onRange =
        target instanceof HTMLInputElement &&
        target.type === 'range' &&
        event.key.startsWith('Arrow');
      if (onOwnControl || onRange) return;

      for (const group of useShortcutRegistry.getState().groups) {
        for (const shortcut of group.shortcuts) {
          if (!shortcut.keys.includes(event.key)) continue;
          if (inText && !shortcut.inTextFields) continue;
          event.preventDefault();
          shortcut.run(event);
          return;
        }
      }
    }

    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
