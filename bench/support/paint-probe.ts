// Keydown → next paint, measured inside the page. Shared by the app measurement and its floor (a bare page with
// the same markup), so both go through exactly the same instrument.
import type { Page } from '@playwright/test';
import type { AfterNextPaint } from './app';

export const TASK_TEXT_SELECTOR = '[role="region"][aria-label="Task text"]';

export interface ProbeSamples {
  /** keydown → the Task text changed in the DOM (the page's own work, no frame wait). */
  dom: number[];
  /** keydown → the next frame painted (see AfterNextPaint in app.ts). */
  paint: number[];
}

interface Probe extends ProbeSamples {
  /** keydown timeStamp of the press whose task change has not been seen yet. */
  pending: number | null;
  lastText: string | null;
  /** Node's waits, woken when a sample lands: no polling inside the frames being measured. */
  waiters: (() => void)[];
}

type ProbeWindow = { __benchKeys: Probe; __benchAfterNextPaint: AfterNextPaint };

export function installProbe(page: Page, key: string): Promise<void> {
  return page.evaluate(
    ({ key, selector }) => {
      const region = () => document.querySelector(selector);
      const probe: Probe = { pending: null, lastText: region()?.textContent ?? null, dom: [], paint: [], waiters: [] };
      (window as unknown as ProbeWindow).__benchKeys = probe;
      // Capture phase on window: runs before the page's own handler; timeStamp is when the input event was created.
      window.addEventListener('keydown', (event) => {
        if (event.key === key && !event.repeat) probe.pending = event.timeStamp;
      }, { capture: true });
      // The text may change as a text-node update or a re-rendered element: watch the whole body, compare text.
      new MutationObserver(() => {
        const text = region()?.textContent ?? null;
        if (text === probe.lastText) return;
        probe.lastText = text;
        if (probe.pending === null) return;
        const start = probe.pending;
        probe.pending = null;
        probe.dom.push(performance.now() - start);
        (window as unknown as ProbeWindow).__benchAfterNextPaint(() => {
          probe.paint.push(performance.now() - start);
          for (const wake of probe.waiters.splice(0)) wake();
        });
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    },
    { key, selector: TASK_TEXT_SELECTOR },
  );
}

/** Presses `key` `times` times, each time waiting until its paint was recorded; returns all samples. */
export async function pressAndSample(page: Page, key: string, times: number): Promise<ProbeSamples> {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await waitForSamples(page, i + 1);
  }
  return page.evaluate(() => {
    const { dom, paint } = (window as unknown as ProbeWindow).__benchKeys;
    return { dom, paint };
  });
}

function waitForSamples(page: Page, count: number): Promise<void> {
  return page.evaluate(
    (n) =>
      new Promise<void>((resolve, reject) => {
        const probe = (window as unknown as ProbeWindow).__benchKeys;
        if (probe.paint.length >= n) return resolve();
        const timer = setTimeout(() => reject(new Error(`No task change ${n} within 30 s of its keypress`)), 30_000);
        probe.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
    count,
  );
}
