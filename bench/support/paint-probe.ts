// Keydown → the page's change → next paint, measured inside the page: the one instrument of the keypress, spans and
// compare figures, shared by each app measurement and its floor (a bare page with the same markup), so both go
// through exactly the same code. What differs between screens (which keys, what counts as the press's change) is
// said in a KeyProbeSpec, as data: the probe runs in the page, where no function of Node's can follow it.
import type { Page } from '@playwright/test';
import type { AfterNextPaint } from './app';

export const TASK_TEXT_SELECTOR = '[role="region"][aria-label="Task text"]';

export interface ProbeSamples {
  /** keydown → the watched change in the DOM (the page's own work, no frame wait). */
  dom: number[];
  /** keydown → the next frame painted (see AfterNextPaint in app.ts). */
  paint: number[];
}

export interface KeyProbeSpec {
  /** The window property the probe lives in. */
  name: string;
  /** The key timed; null: every key but those in `ignore`. Repeats never count. */
  key: string | null;
  ignore: readonly string[];
  /** The element whose subtree is watched, or its closest ancestor matching `within`. */
  root: string;
  within: string | null;
  /** A mutation is the press's change only when this element's text changed; null: any mutation is. */
  textOf: string | null;
  /** Whether attribute changes count (a cursor's style, a button's aria-pressed). */
  attributes: boolean;
  /** Says what was missing when the root is not on the page. */
  missing: string;
}

interface Probe extends ProbeSamples {
  /** keydown timeStamp of the press whose change has not been seen yet. */
  pending: number | null;
  lastText: string | null;
  /** Node's waits, woken when a sample lands: no polling inside the frames being measured. */
  waiters: (() => void)[];
}

type ProbeWindow = Record<string, Probe> & { __benchAfterNextPaint: AfterNextPaint };

export function installKeyProbe(page: Page, spec: KeyProbeSpec): Promise<void> {
  return page.evaluate((spec) => {
    const w = window as unknown as ProbeWindow;
    const found = document.querySelector(spec.root);
    const root = spec.within === null ? found : found?.closest(spec.within);
    if (!root) throw new Error(spec.missing);
    const textNow = () => (spec.textOf === null ? null : (document.querySelector(spec.textOf)?.textContent ?? null));
    const probe: Probe = { pending: null, lastText: textNow(), dom: [], paint: [], waiters: [] };
    w[spec.name] = probe;
    // Capture phase on window: runs before the page's own handler; timeStamp is when the input event was created.
    window.addEventListener('keydown', (event) => {
      if (event.repeat || (spec.key === null ? spec.ignore.includes(event.key) : event.key !== spec.key)) return;
      probe.pending = event.timeStamp;
    }, { capture: true });
    new MutationObserver(() => {
      if (spec.textOf !== null) {
        // The text may change as a text-node update or a re-rendered element: compare the text itself.
        const text = textNow();
        if (text === probe.lastText) return;
        probe.lastText = text;
      }
      if (probe.pending === null) return;
      const start = probe.pending;
      probe.pending = null;
      probe.dom.push(performance.now() - start);
      w.__benchAfterNextPaint(() => {
        probe.paint.push(performance.now() - start);
        for (const wake of probe.waiters.splice(0)) wake();
      });
    }).observe(root, { childList: true, subtree: true, characterData: true, attributes: spec.attributes });
  }, spec);
}

/**
 * Presses each key in turn, waiting for its paint before the next; returns the samples in press order. `silence`
 * is the error for a press that changed nothing within 30 s, with `{n}` for the press's number.
 */
export async function pressAndWait(page: Page, name: string, keys: readonly string[], silence: string): Promise<ProbeSamples> {
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.press(keys[i] as string);
    await page.evaluate(
      ({ name, n, silence }) =>
        new Promise<void>((resolve, reject) => {
          const probe = (window as unknown as ProbeWindow)[name] as Probe;
          if (probe.paint.length >= n) return resolve();
          const timer = setTimeout(() => reject(new Error(silence.replace('{n}', String(n)))), 30_000);
          probe.waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        }),
      { name, n: i + 1, silence },
    );
  }
  return page.evaluate((name) => {
    const { dom, paint } = (window as unknown as ProbeWindow)[name] as Probe;
    return { dom, paint };
  }, name);
}

const TASK_KEYS = 'taskKeys';

/** The keypress figure: `key` moving to the next task, whose change is the Task text's. */
export function installProbe(page: Page, key: string): Promise<void> {
  return installKeyProbe(page, { name: TASK_KEYS, key, ignore: [], root: 'body', within: null, textOf: TASK_TEXT_SELECTOR, attributes: false, missing: 'No page body' });
}

/** Presses `key` `times` times, each time waiting until its paint was recorded; returns all samples. */
export function pressAndSample(page: Page, key: string, times: number): Promise<ProbeSamples> {
  return pressAndWait(page, TASK_KEYS, new Array<string>(times).fill(key), 'No task change {n} within 30 s of its keypress');
}

/** What a task's screen shows once it has rendered. */
export interface RenderedWhen {
  /** Every one of these strings is in the page's text. */
  markers: readonly string[];
  /** And this element holds `tags` elements matching `tag` and at least `chars` characters of text. */
  box: { selector: string; tag: string; tags: number; chars: number } | null;
}

type RenderProbeWindow = {
  __benchRender: { start: number | null; dom: number | null; paint: number | null };
  __benchAfterNextPaint: AfterNextPaint;
};

/**
 * Presses `key` (which moves to another task) and times keydown → the page showing what `until` says → the next
 * paint. The screen may be replaced on the way, so the whole body is watched.
 */
export async function timeKeyToRender(page: Page, key: string, until: RenderedWhen): Promise<{ dom: number; paint: number }> {
  await page.evaluate(
    ({ key, until }) => {
      const w = window as unknown as RenderProbeWindow;
      const probe: RenderProbeWindow['__benchRender'] = { start: null, dom: null, paint: null };
      w.__benchRender = probe;
      const onKey = (event: KeyboardEvent) => {
        if (event.key !== key) return;
        probe.start = event.timeStamp;
        window.removeEventListener('keydown', onKey, { capture: true });
      };
      window.addEventListener('keydown', onKey, { capture: true });
      const rendered = () => {
        const text = document.body.textContent ?? '';
        if (!until.markers.every((marker) => text.includes(marker))) return false;
        if (until.box === null) return true;
        const box = document.querySelector(until.box.selector);
        return !!box && box.querySelectorAll(until.box.tag).length === until.box.tags && (box.textContent?.length ?? 0) >= until.box.chars;
      };
      const observer = new MutationObserver(() => {
        if (probe.start === null || !rendered()) return;
        observer.disconnect();
        const start = probe.start;
        probe.dom = performance.now() - start;
        w.__benchAfterNextPaint(() => (probe.paint = performance.now() - start));
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    },
    { key, until },
  );
  await page.keyboard.press(key);
  const handle = await page.waitForFunction(
    () => {
      const probe = (window as unknown as RenderProbeWindow).__benchRender;
      return probe.paint === null ? null : { dom: probe.dom as number, paint: probe.paint };
    },
    null,
    { timeout: 60_000, polling: 50 },
  );
  return (await handle.jsonValue()) as { dom: number; paint: number };
}
