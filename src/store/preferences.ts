// App preferences: theme, animation speed, motion and presenter mode. They are
// persisted to localStorage; secrets never go in this store.

import { create } from 'zustand';
import { persist, createJSONStorage } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type MotionChoice = 'system' | 'reduce' | 'full';
export const animationSpeeds = [0.5, 1, 2] as const;
export type AnimationSpeed = (typeof animationSpeeds)[number];

export interface Preferences {
  theme: ThemeChoice;
  motion: MotionChoice;
  animationSpeed: AnimationSpeed;
  presenterMode: boolean;
  /** Step ids seen per lab, so the home page can show progress. */
  progress: Record<string, number>;
}

interface PreferenceActions {
  setTheme(theme: ThemeChoice): void;
  setMotion(motion: MotionChoice): void;
  setAnimationSpeed(speed: AnimationSpeed): void;
  setPresenterMode(on: boolean): void;
  recordProgress(labId: string, fraction: number): void;
}

export const defaultPreferences: Preferences = {
  theme: 'system',
  motion: 'system',
  animationSpeed: 1,
  presenterMode: false,
  progress: {},
};

export const usePreferences = create<Preferences & PreferenceActions>()(
  persist(
    (set) => ({
      ...defaultPreferences,
      setTheme: (theme) => set({ theme }),
      setMotion: (motion) => set({ motion }),
      setAnimationSpeed: (animationSpeed) => set({ animationSpeed }),
      setPresenterMode: (presenterMode) => set({ presenterMode }),
      recordProgress: (labId, fraction) =>
        set((state) => ({
          progress: { ...state.progress, [labId]: Math.max(state.progress[labId] ?? 0, fraction) },
        })),
    }),
    {
      name: 'protocol-lab:preferences',
      version: 1,
      storage: createJSONStorage(() => localStorage),
    },
  ),
);
