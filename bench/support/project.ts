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

/** An import through the Import tab, timed in the page: Node's polling delay never enters the figures. */
export interface ImportProbe {
  /** The file input reported the chosen file (as for a user). */
  start: number | null;
  /** The "Detected format" form appeared (only when watched for). */
  shown: number | null;
  /** A form was submitted. */
  submitted: number | null;
  /** The result region exists, with its text. */
  end: number | null;
  text: string;
}

/** Starts watching the import of `fileName`; `detects`: the file is one the Import tab asks about first. */
export function watchImport(page: Page, fileName: string, detects: boolean): Promise<void> {
  return page.evaluate(({ resultName, detects }) => {
    const probe: ImportProbe = { start: null, shown: null, submitted: null, end: null, text: '' };
    (window as unknown as { __benchImport: ImportProbe }).__benchImport = probe;
    document.addEventListener('change', () => (probe.start ??= performance.now()), { capture: true });
    document.addEventListener('submit', () => (probe.submitted ??= performance.now()), { capture: true });
    const observer = new MutationObserver(() => {
      if (detects && probe.shown === null && document.querySelector('form[aria-label="Detected format"]')) probe.shown = performance.now();
      const region = document.querySelector(`[role="status"][aria-label="${resultName}"]`);
      if (!region) return;
      probe.end = performance.now();
      probe.text = region.textContent ?? '';
      observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }, { resultName: `Import result for ${fileName}`, detects });
}

/** Waits for the watched import's result and checks it says `expected` (times from start to end included). */
export async function importResult(page: Page, expected: string): Promise<ImportProbe & { start: number; end: number }> {
  // A generous ceiling: a slow machine must produce a slow figure, not a timeout.
  await page.waitForFunction(() => (window as unknown as { __benchImport: ImportProbe }).__benchImport.end !== null, null, {
    timeout: 600_000,
    polling: 100,
  });
  const probe = await page.evaluate(() => (window as unknown as { __benchImport: ImportProbe }).__benchImport);
  const { start, end } = probe;
  if (!probe.text.includes(expected) || start === null || end === null) {
    throw new Error(`The app's import did not report "${expected}": ${probe.text.trim() || '(no text)'}`);
  }
  return { ...probe, start, end };
}

/** Imports `dataset` through the Import tab of the project shown and times it in the page; checks every row arrived. */
export async function timedImport(page: Page, dataset: Dataset): Promise<{ importMs: number; importWallMs: number }> {
  await watchImport(page, dataset.fileName, false);
  const wallStart = Date.now();
  await page.getByLabel('Import tasks').setInputFiles(dataset.path);
  const probe = await importResult(page, `imported ${dataset.rows.toLocaleString('en-US')} tasks`);
  return { importMs: probe.end - probe.start, importWallMs: Date.now() - wallStart };
}
