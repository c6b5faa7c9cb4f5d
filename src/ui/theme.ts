import { useEffect } from 'react';
import { usePreferences } from '../store/preferences';
import { useMediaQuery } from './use-media-query';

export type ResolvedTheme = 'light' | 'dark';

/** Returns the theme in force: the user's choice, or the system's when they chose "system". */
export function useResolvedTheme(): ResolvedTheme {
  const choice = usePreferences((state) => state.theme);
  const systemDark = useMediaQuery('(prefers-color-scheme: dark)');
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

/** True when animation should be replaced by instant changes. */
export function useReducedMotion(): boolean {
  const choice = usePreferences((state) => state.motion);
  const systemReduce = useMediaQuery('(prefers-reduced-motion: reduce)');
  if (choice === 'system') return systemReduce;
  return choice === 'reduce';
}

/** Mirrors theme, motion and presenter mode onto <html> so CSS can follow them. */
export function useDocumentPreferences(): void {
  const theme = useResolvedTheme();
  const reduceMotion = useReducedMotion();
  const presenterMode = usePreferences((state) => state.presenterMode);

  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.dataset.motion = reduceMotion ? 'reduce' : 'full';
    root.dataset.presenter = presenterMode ? 'on' : 'off';
    root.style.colorScheme = theme;
  }, [theme, reduceMotion, presenterMode]);
}
