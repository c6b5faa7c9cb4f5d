import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { lazy, Suspense, useMemo } from 'react';
import { usePreferences, type ThemeChoice } from '../store/preferences';
import { useDocumentPreferences, useResolvedTheme } from './theme';
import {
  useShortcutDispatcher,
  useShortcutRegistry,
  useShortcuts,
  type Shortcut,
} from './shortcuts';

// The dialog loads on first use: the home page's script budget is tight.
const ShortcutsDialog = lazy(() =>
  import('./shortcuts-dialog').then((module) => ({ default: module.ShortcutsDialog })),
);

const nextTheme: Record<'light' | 'dark', ThemeChoice> = { light: 'dark', dark: 'light' };

export function AppShell() {
  useDocumentPreferences();
  useShortcutDispatcher();

  const theme = useResolvedTheme();
  const setTheme = usePreferences((state) => state.setTheme);
  const presenterMode = usePreferences((state) => state.presenterMode);
  // Presenter mode is saved, but only a page with the scenario player presents. Elsewhere the
  // navigation stays, so a reload on the home page cannot hide it.
  const hasPlayer = useShortcutRegistry((state) =>
    state.groups.some((group) => group.id === 'player'),
  );
  const presenting = presenterMode && hasPlayer;
  const setHelpOpen = useShortcutRegistry((state) => state.setHelpOpen);
  const helpOpen = useShortcutRegistry((state) => state.helpOpen);
  const pathname = useRouterState({ select: (state) => state.location.pathname });

  const globalShortcuts = useMemo<Shortcut[]>(
    () => [
      {
        keys: ['?'],
        label: '?',
        description: 'Show this list of keyboard shortcuts',
        run: () => setHelpOpen(true),
      },
      {
        keys: ['t'],
        label: 'T',
        description: 'Switch between the light and dark theme',
        run: () => setTheme(nextTheme[theme]),
      },
    ],
    [setHelpOpen, setTheme, theme],
  );
  useShortcuts('global', 'Everywhere', globalShortcuts);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {!presenting && (
        <header className="app-header">
          <Link to="/" className="brand">
            Protocol Lab
          </Link>
          <nav aria-label="Labs" className="app-nav">
            <Link to="/jwt" activeProps={{ 'aria-current': 'page' }}>
              JWT
            </Link>
            <Link to="/tcp" activeProps={{ 'aria-current': 'page' }}>
              TCP
            </Link>
            <Link to="/tls" activeProps={{ 'aria-current': 'page' }}>
              TLS 1.3
            </Link>
          </nav>
          <div className="header-actions">
            <button
              type="button"
              className="button icon-button"
              onClick={() => setTheme(nextTheme[theme])}
              aria-label={`Switch to ${nextTheme[theme]} theme`}
              title={`Switch to ${nextTheme[theme]} theme (T)`}
            >
              <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
            </button>
            <button
              type="button"
              className="button icon-button"
              onClick={() => setHelpOpen(true)}
              aria-label="Keyboard shortcuts"
              title="Keyboard shortcuts (?)"
            >
              <span aria-hidden="true">?</span>
            </button>
          </div>
        </header>
      )}
      <main id="main" className="app-main" tabIndex={-1} data-path={pathname}>
        <Outlet />
      </main>
      {!presenting && (
        <footer className="app-footer">
          Everything runs in your browser. Nothing you type leaves this page unless you ask for it.
        </footer>
      )}
      {helpOpen && (
        <Suspense fallback={null}>
          <ShortcutsDialog />
        </Suspense>
      )}
    </div>
  );
}
