import {
  animationSpeeds,
  usePreferences,
  type AnimationSpeed,
  type MotionChoice,
  type ThemeChoice,
} from '../store/preferences';

const themeLabels: Record<ThemeChoice, string> = {
  system: 'Follow the system',
  light: 'Light',
  dark: 'Dark',
};

const motionLabels: Record<MotionChoice, string> = {
  system: 'Follow the system',
  reduce: 'Reduce: change instantly',
  full: 'Animate',
};

/** Renders the theme, motion and animation-speed settings, which are saved in this browser. */
export function PreferencesForm() {
  const theme = usePreferences((state) => state.theme);
  const motion = usePreferences((state) => state.motion);
  const speed = usePreferences((state) => state.animationSpeed);
  const setTheme = usePreferences((state) => state.setTheme);
  const setMotion = usePreferences((state) => state.setMotion);
  const setSpeed = usePreferences((state) => state.setAnimationSpeed);

  return (
    <div className="preferences-form field-row">
      <div className="field">
        <label htmlFor="preference-theme">Theme</label>
        <select
          id="preference-theme"
          value={theme}
          onChange={(event) => setTheme(event.target.value as ThemeChoice)}
        >
          {(Object.keys(themeLabels) as ThemeChoice[]).map((choice) => (
            <option key={choice} value={choice}>
              {themeLabels[choice]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="preference-motion">Motion</label>
        <select
          id="preference-motion"
          value={motion}
          onChange={(event) => setMotion(event.target.value as MotionChoice)}
        >
          {(Object.keys(motionLabels) as MotionChoice[]).map((choice) => (
            <option key={choice} value={choice}>
              {motionLabels[choice]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="preference-speed">Animation speed</label>
        <select
          id="preference-speed"
          value={speed}
          onChange={(event) => setSpeed(Number(event.target.value) as AnimationSpeed)}
        >
          {animationSpeeds.map((value) => (
            <option key={value} value={value}>
              {value}×
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
