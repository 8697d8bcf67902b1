// Keydown → next paint in the span editor, measured inside the page with the same instrument as paint-probe.ts
// (the page's change seen by a MutationObserver, then AfterNextPaint, see app.ts).
// The editor's keys change different things (a cursor box's style, selection boxes, a span tag in the text), so
// here any mutation inside the editor counts as its change, attributes included; the keys used must all change
// something, or a press would wait for a change that never comes.
import type { Page } from '@playwright/test';
import { installKeyProbe, pressAndWait, timeKeyToRender, type ProbeSamples } from './paint-probe';

export const SPAN_EDITOR_SELECTOR = '[role="textbox"][aria-label^="Task text"]';
export const SPAN_TAG_SELECTOR = '.sp-tag.sp-span';

const SPAN_KEYS = 'spanKeys';

/** Watches every key press (Shift and repeats aside) and the editor's root (text, overlay and toolbar). */
export function installSpanKeyProbe(page: Page): Promise<void> {
  return installKeyProbe(page, { name: SPAN_KEYS, key: null, ignore: ['Shift'], root: SPAN_EDITOR_SELECTOR, within: '.span-editor', textOf: null, attributes: true, missing: 'No span editor on the page' });
}

/** Presses each key in turn, waiting for its paint before the next; returns the samples in press order. */
export function pressSpanKeys(page: Page, keys: readonly string[]): Promise<ProbeSamples> {
  return pressAndWait(page, SPAN_KEYS, keys, 'Press {n} changed nothing in the span editor within 30 s');
}

/** Presses `key` (which moves to another task) and times it until the editor shows `tags` span tags and `chars` characters. */
export function timeTaskRender(page: Page, key: string, tags: number, chars: number): Promise<{ dom: number; paint: number }> {
  return timeKeyToRender(page, key, { markers: [], box: { selector: SPAN_EDITOR_SELECTOR, tag: SPAN_TAG_SELECTOR, tags, chars } });
}
