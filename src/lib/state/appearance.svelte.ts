import { APPEARANCE_KEY, effectiveTheme, parseAppearance, TEXT_SIZE_PX, type Appearance } from './appearance';

/** The appearance chosen on this device, applied to the page (data-theme and --task-size on the root element). */
class AppearanceState {
  current = $state<Appearance>(parseAppearance(globalThis.localStorage?.getItem(APPEARANCE_KEY) ?? null));
  private readonly darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

  constructor() {
    this.darkQuery?.addEventListener('change', () => this.apply());
    this.apply();
  }

  choose(change: Partial<Appearance>): void {
    this.current = { ...this.current, ...change };
    globalThis.localStorage?.setItem(APPEARANCE_KEY, JSON.stringify(this.current));
    this.apply();
  }

  private apply(): void {
    if (typeof document === 'undefined') return;
    const root = document.documentElement;
    root.dataset.theme = effectiveTheme(this.current.theme, this.darkQuery?.matches ?? false);
    root.style.setProperty('--task-size', `${TEXT_SIZE_PX[this.current.textSize]}px`);
  }
}

export const appearance = new AppearanceState();
