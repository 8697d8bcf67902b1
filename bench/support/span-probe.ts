// Keydown → next paint in the span editor, measured inside the page with the same instrument as paint-probe.ts
// (the page's change seen by a MutationObserver, then AfterNextPaint, see app.ts).
// The editor's keys change different things (a cursor box's style, selection boxes, a span tag in the text), so
// here any mutation inside the editor counts as its change, attributes included; the keys used must all change
// something, or a press would wait for a change that never comes.
import type { Page } from '@playwright/test';
import type { AfterNextPaint } from './app';

export const SPAN_EDITOR_SELECTOR = '[role="textbox"][aria-label^="Task text"]';
export const SPAN_TAG_SELECTOR = '.sp-tag.sp-span';

interface Probe {
  pending: number | null;
  dom: number[];
  paint: number[];
  waiters: (() => void)[];
}

type ProbeWindow = {
  __benchSpanKeys: Probe;
  __benchRender: { start: number | null; dom: number | null; paint: number | null };
  __benchAfterNextPaint: AfterNextPaint;
};

/** Watches every key press (repeats aside) and the editor's root (text, overlay and toolbar). */
export function installSpanKeyProbe(page: Page): Promise<void> {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector)?.closest('.span-editor');
    if (!root) throw new Error('No span editor on the page');
    const probe: Probe = { pending: null, dom: [], paint: [], waiters: [] };
    (window as unknown as ProbeWindow).__benchSpanKeys = probe;
    window.addEventListener('keydown', (event) => {
      if (!event.repeat && event.key !== 'Shift') probe.pending = event.timeStamp;
    }, { capture: true });
    new MutationObserver(() => {
      if (probe.pending === null) return;
      const start = probe.pending;
      probe.pending = null;
      probe.dom.push(performance.now() - start);
      (window as unknown as ProbeWindow).__benchAfterNextPaint(() => {
        probe.paint.push(performance.now() - start);
        for (const wake of probe.waiters.splice(0)) wake();
      });
    }).observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  }, SPAN_EDITOR_SELECTOR);
}

/** Presses each key in turn, waiting for its paint before the next; returns the samples in press order. */
export async function pressSpanKeys(page: Page, keys: readonly string[]): Promise<{ dom: number[]; paint: number[] }> {
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.press(keys[i] as string);
    await page.evaluate(
      (n) =>
        new Promise<void>((resolve, reject) => {
          const probe = (window as unknown as ProbeWindow).__benchSpanKeys;
          if (probe.paint.length >= n) return resolve();
          const timer = setTimeout(() => reject(new Error(`Press ${n} changed nothing in the span editor within 30 s`)), 30_000);
          probe.waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        }),
      i + 1,
    );
  }
  return page.evaluate(() => {
    const { dom, paint } = (window as unknown as ProbeWindow).__benchSpanKeys;
    return { dom, paint };
  });
}

/**
 * Presses `key` (which moves to another task) and times keydown → the editor showing `tags` span tags and
 * at least `chars` characters of text → the next paint. The editor may be replaced on the way, so the whole body is watched.
 */
export async function timeTaskRender(page: Page, key: string, tags: number, chars: number): Promise<{ dom: number; paint: number }> {
  await page.evaluate(
    ({ key, tags, chars, editor, tag }) => {
      const probe: ProbeWindow['__benchRender'] = { start: null, dom: null, paint: null };
      (window as unknown as ProbeWindow).__benchRender = probe;
      const onKey = (event: KeyboardEvent) => {
        if (event.key !== key) return;
        probe.start = event.timeStamp;
        window.removeEventListener('keydown', onKey, { capture: true });
      };
      window.addEventListener('keydown', onKey, { capture: true });
      const observer = new MutationObserver(() => {
        if (probe.start === null) return;
        const box = document.querySelector(editor);
        if (!box || box.querySelectorAll(tag).length !== tags || (box.textContent?.length ?? 0) < chars) return;
        observer.disconnect();
        const start = probe.start;
        probe.dom = performance.now() - start;
        (window as unknown as ProbeWindow).__benchAfterNextPaint(() => (probe.paint = performance.now() - start));
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    },
    { key, tags, chars, editor: SPAN_EDITOR_SELECTOR, tag: SPAN_TAG_SELECTOR },
  );
  await page.keyboard.press(key);
  const handle = await page.waitForFunction(
    () => {
      const probe = (window as unknown as ProbeWindow).__benchRender;
      return probe.paint === null ? null : { dom: probe.dom as number, paint: probe.paint };
    },
    null,
    { timeout: 60_000, polling: 50 },
  );
  return (await handle.jsonValue()) as { dom: number; paint: number };
}
