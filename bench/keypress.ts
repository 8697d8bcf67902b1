// Keypress → paint while labelling a 100k-task project: the delay an annotator feels between pressing "1" and
// seeing the next task. Each label's transaction (strict durability) is opened at the keypress and the next task
// drawn before it commits; the run checks afterwards that every press was stored.
import type { Page } from '@playwright/test';
import { installProbe, pressAndSample, TASK_TEXT_SELECTOR, type ProbeSamples } from './support/paint-probe';
import { importedProject, TASK_COUNT } from './support/project';
import { median, percentile, round } from './support/stats';
import type { Bench, Figures, Target } from './support/types';

export const PRESSES = 200;
const KEY = '1';
const FLOOR_PATH = '/__bench/keypress-floor.html';

export const keypressTargets: Record<string, Target> = {
  // One frame at 60 Hz.
  'keypress_to_paint.p95_ms': { atMost: 16 },
};

export async function measureKeypress(bench: Bench): Promise<Figures> {
  const floor = await measureFloor(bench);
  const { page, annotator } = await importedProject(bench);
  await annotator.openTab('Annotate');
  await annotator.progress.filter({ hasText: `/ ${TASK_COUNT.toLocaleString('en-US')} labelled` }).waitFor();
  await annotator.taskText.waitFor();
  const labelledBefore = await labelledCount(page);
  await bench.quiet();

  await installProbe(page, KEY);
  const app = await pressAndSample(page, KEY, PRESSES);

  // Every press must have stored a label, or the figures describe something else (a no-op, an error notice).
  // The count is read once it settles: it may render a moment after the task text.
  const expected = (labelledBefore + PRESSES).toLocaleString('en-US');
  await annotator.progress.filter({ hasText: `${expected} / ` }).waitFor({ timeout: 10_000 }).catch(async () => {
    throw new Error(`Expected ${PRESSES} new labels; the Progress region says: ${await annotator.progress.textContent()}`);
  });
  return {
    'keypress_to_paint.median_ms': round(median(app.paint)),
    'keypress_to_paint.p95_ms': round(percentile(app.paint, 95)),
    'keypress_to_paint.max_ms': round(Math.max(...app.paint)),
    'keypress_to_dom.median_ms': round(median(app.dom)),
    'keypress_to_dom.p95_ms': round(percentile(app.dom, 95)),
    // The same instrument on a page whose keydown handler swaps the text at once: what no app can beat here.
    'keypress_to_paint.floor_median_ms': round(median(floor.paint)),
    'keypress_to_paint.floor_p95_ms': round(percentile(floor.paint, 95)),
  };
}

async function labelledCount(page: Page): Promise<number> {
  const text = (await page.getByRole('status', { name: 'Progress' }).textContent()) ?? '';
  const match = /([\d,]+)\s*\/\s*[\d,]+\s*labelled/.exec(text);
  if (!match?.[1]) throw new Error(`Unreadable Progress region: ${text}`);
  return Number(match[1].replaceAll(',', ''));
}

/**
 * The floor: keydown → paint when the page does no work at all. Even then the new text waits for the next frame
 * (up to one frame interval), so a keypress → paint figure can only be read against this one.
 */
async function measureFloor(bench: Bench): Promise<ProbeSamples> {
  const page = await bench.context.newPage();
  try {
    const [tag, label] = ['div role="region"', 'aria-label="Task text"'];
    const handler = `let n = 0; addEventListener('keydown', (e) => { if (e.key === '${KEY}') document.querySelector('${TASK_TEXT_SELECTOR}').textContent = 'Task ' + ++n; });`;
    await page.route(`${bench.origin}${FLOOR_PATH}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><${tag} ${label}>Task 0</div><script>${handler}</script>` }),
    );
    await page.goto(`${bench.origin}${FLOOR_PATH}`);
    await bench.quiet();
    await installProbe(page, KEY);
    return await pressAndSample(page, KEY, PRESSES);
  } finally {
    await page.close();
  }
}
