// The prepared state most measurements need: the app in a page of its own with one project holding the
// 100k generated tasks. Made once per run (Bench.shared) by whichever module asks first; creating it IS the
// app-side import measurement, so its timing is kept with it.
import type { Page } from '@playwright/test';
import { AnnotatorPage } from '../../tests/e2e/support/annotator-page';
import { writeTasksJsonl, type Dataset } from './dataset';
import type { Bench } from './types';

export const TASK_COUNT = 100_000;
export const LABELS = ['Positive', 'Negative', 'Neutral'];

export interface ImportedProject {
  page: Page;
  annotator: AnnotatorPage;
  dataset: Dataset;
  /** From the file input's change event to the result region appearing, both read in the page. */
  importMs: number;
  /** The same span seen from Node (includes CDP round trips and polling): a cross-check only. */
  importWallMs: number;
  /** How long the browser kept working (IndexedDB compaction) after the app reported the import done. */
  settleMs: number;
}

export function tasksFile(bench: Bench): Promise<Dataset> {
  return bench.shared('dataset-100k', () => writeTasksJsonl(bench.workDir, TASK_COUNT));
}

export function importedProject(bench: Bench): Promise<ImportedProject> {
  return bench.shared('project-100k', async () => {
    const dataset = await tasksFile(bench);
    const page = await bench.context.newPage();
    const annotator = new AnnotatorPage(page);
    await page.goto(`${bench.origin}/`);
    await annotator.createProject('Bench 100k', LABELS);
    await bench.quiet();
    const { importMs, importWallMs } = await timedImport(page, dataset);
    const settleMs = await bench.quiet();
    return { page, annotator, dataset, importMs, importWallMs, settleMs };
  });
}

type ImportProbe = { start: number | null; end: number | null; text: string };

/** Imports `dataset` through the Import tab of the project shown and times it in the page; checks every row arrived. */
export async function timedImport(page: Page, dataset: Dataset): Promise<{ importMs: number; importWallMs: number }> {
  // Timestamps are taken in the page: the start when the input reports the chosen file (as for a user), the end
  // in a MutationObserver the moment the result region exists. Node's polling delay never enters the figure.
  await page.evaluate((resultName) => {
    const probe: ImportProbe = { start: null, end: null, text: '' };
    (window as unknown as { __benchImport: ImportProbe }).__benchImport = probe;
    document.addEventListener('change', () => (probe.start ??= performance.now()), { capture: true });
    const observer = new MutationObserver(() => {
      const region = document.querySelector(`[role="status"][aria-label="${resultName}"]`);
      if (!region) return;
      probe.end = performance.now();
      probe.text = region.textContent ?? '';
      observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }, `Import result for ${dataset.fileName}`);

  const wallStart = Date.now();
  await page.getByLabel('Import tasks').setInputFiles(dataset.path);
  // A generous ceiling: a slow machine must produce a slow figure, not a timeout.
  await page.waitForFunction(() => (window as unknown as { __benchImport: ImportProbe }).__benchImport.end !== null, null, {
    timeout: 600_000,
    polling: 100,
  });
  const importWallMs = Date.now() - wallStart;
  const probe = await page.evaluate(() => (window as unknown as { __benchImport: ImportProbe }).__benchImport);
  const expected = `imported ${dataset.rows.toLocaleString('en-US')} tasks`;
  if (!probe.text.includes(expected) || probe.start === null || probe.end === null) {
    throw new Error(`The app's import did not report "${expected}": ${probe.text.trim() || '(no text)'}`);
  }
  return { importMs: probe.end - probe.start, importWallMs };
}
