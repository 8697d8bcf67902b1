// How the app looks on this device: the colour theme and the size of task text. Device preferences, not project
// data, so they live with the browser profile (localStorage, read synchronously before the first paint) and never
// travel in label files or bundles.

export type ThemeChoice = 'system' | 'light' | 'dark';
export type TextSize = 'small' | 'medium' | 'large';

export interface Appearance {
  theme: ThemeChoice;
  textSize: TextSize;
}

export const APPEARANCE_KEY = 'fieldlabel.appearance';
export const DEFAULT_APPEARANCE: Appearance = { theme: 'system', textSize: 'medium' };

/** Task text size in CSS pixels: the middle one is the 18 px the screens are drawn for. */
export const TEXT_SIZE_PX: Record<TextSize, number> = { small: 16, medium: 18, large: 21 };

const THEMES: readonly string[] = ['system', 'light', 'dark'] satisfies ThemeChoice[];
const TEXT_SIZES: readonly string[] = Object.keys(TEXT_SIZE_PX);

/** What was saved, field by field: anything unreadable (an older version, a hand edit) falls back to the default. */
export function parseAppearance(saved: string | null): Appearance {
  let value: unknown = null;
  try {
    value = saved === null ? null : JSON.parse(saved);
  } catch {
    value = null;
  }
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    theme: THEMES.includes(record['theme'] as string) ? (record['theme'] as ThemeChoice) : DEFAULT_APPEARANCE.theme,
    textSize: TEXT_SIZES.includes(record['textSize'] as string) ? (record['textSize'] as TextSize) : DEFAULT_APPEARANCE.textSize,
  };
}

/** The theme drawn: "system" follows the device's own setting. */
export function effectiveTheme(theme: ThemeChoice, systemPrefersDark: boolean): 'light' | 'dark' {
  return theme === 'system' ? (systemPrefersDark ? 'dark' : 'light') : theme;
}
