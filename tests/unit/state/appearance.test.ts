import { describe, expect, it } from 'vitest';
import { DEFAULT_APPEARANCE, effectiveTheme, parseAppearance } from '../../../src/lib/state/appearance';

describe('appearance', () => {
  it('reads what was saved, and falls back field by field on anything it cannot use', () => {
    expect(parseAppearance(null)).toEqual(DEFAULT_APPEARANCE);
    expect(parseAppearance('{"theme":"dark","textSize":"large"}')).toEqual({ theme: 'dark', textSize: 'large' });
    expect(parseAppearance('{"theme":"sepia","textSize":"large"}')).toEqual({ theme: 'system', textSize: 'large' });
    expect(parseAppearance('{"theme":"light","textSize":30}')).toEqual({ theme: 'light', textSize: 'medium' });
    expect(parseAppearance('not json')).toEqual(DEFAULT_APPEARANCE);
    expect(parseAppearance('"dark"')).toEqual(DEFAULT_APPEARANCE);
  });

  it('follows the device unless a theme was chosen', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(effectiveTheme('dark', false)).toBe('dark');
  });
});
