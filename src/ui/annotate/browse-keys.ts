/** The keys that move between tasks, as the Previous and Next buttons and the all-done note show them. */
export interface BrowseKeys {
  /** As drawn on the buttons. */
  previous: string;
  next: string;
  /** As the all-done note names them. */
  named: string;
  /** As aria-keyshortcuts names them. */
  previousKey: string;
  nextKey: string;
  skipKeys: string;
}

export const ARROW_BROWSE_KEYS: BrowseKeys = { previous: '←', next: '→', named: '← and →', previousKey: 'ArrowLeft', nextKey: 'ArrowRight', skipKeys: 'S Space' };

/** The span editor owns the arrows and Space. */
export const PAGE_BROWSE_KEYS: BrowseKeys = { previous: 'PgUp', next: 'PgDn', named: 'Page Up and Page Down', previousKey: 'PageUp', nextKey: 'PageDown', skipKeys: 'S' };
