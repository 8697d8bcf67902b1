// A span project in a page of its own, and a CoNLL file imported into it through the Import tab as an annotator
// does it: choose the file, confirm the detected format, read the summary.
import type { Page } from '@playwright/test';
import { AnnotatorPage } from '../../tests/e2e/support/annotator-page';
import type { ConllFile } from './conll-data';
import type { Bench } from './types';

export async function openSpanProject(bench: Bench, name: string, labels: readonly string[]): Promise<{ page: Page; annotator: AnnotatorPage }> {
  const page = await bench.context.newPage();
  const annotator = new AnnotatorPage(page);
  await page.goto(`${bench.origin}/`);
  await annotator.createProject(name, [...labels], 'Spans (names, places, …)');
  return { page, annotator };
}

export interface ConllImportTiming {
  /** The input's change event → the "Detected format" form shown: reading and recognising the file. */
  detectMs: number;
  /** The form's submit → the result region shown: parsing and storing. */
  importMs: number;
  /** The form shown → its submit: Playwright's round trip standing in for the annotator's click, left out of rates. */
  pauseMs: number;
}

type Probe = { start: number | null; shown: number | null; submitted: number | null; end: number | null; text: string };
type ProbeWindow = { __benchConll: Probe };

/** Imports `file` and checks the summary reports every document as a task. All timestamps are taken in the page. */
export async function timedConllImport(page: Page, file: ConllFile): Promise<ConllImportTiming> {
  await page.evaluate((resultName) => {
    const probe: Probe = { start: null, shown: null, submitted: null, end: null, text: '' };
    (window as unknown as ProbeWindow).__benchConll = probe;
    document.addEventListener('change', () => (probe.start ??= performance.now()), { capture: true });
    document.addEventListener('submit', () => (probe.submitted ??= performance.now()), { capture: true });
    const observer = new MutationObserver(() => {
      if (probe.shown === null && document.querySelector('form[aria-label="Detected format"]')) probe.shown = performance.now();
      const region = document.querySelector(`[role="status"][aria-label="${resultName}"]`);
      if (!region) return;
      probe.end = performance.now();
      probe.text = region.textContent ?? '';
      observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }, `Import result for ${file.fileName}`);

  await page.getByLabel('Import tasks').setInputFiles(file.path);
  const form = page.getByRole('form', { name: 'Detected format' });
  await form.waitFor({ timeout: 120_000 });
  const heading = (await form.locator('h2').textContent()) ?? '';
  if (!heading.includes('CoNLL')) throw new Error(`The app did not recognise ${file.fileName} as CoNLL: ${heading}`);
  await form.getByRole('button', { name: 'Import' }).click();
  // A generous ceiling: a slow machine must produce a slow figure, not a timeout.
  await page.waitForFunction(() => (window as unknown as ProbeWindow).__benchConll.end !== null, null, { timeout: 600_000, polling: 100 });
  const probe = await page.evaluate(() => (window as unknown as ProbeWindow).__benchConll);
  const expected = `imported ${file.documents.toLocaleString('en-US')} task`;
  if (!probe.text.includes(expected) || probe.start === null || probe.shown === null || probe.submitted === null || probe.end === null) {
    throw new Error(`The app's import did not report "${expected}": ${probe.text.trim() || '(no text)'}`);
  }
  return { detectMs: probe.shown - probe.start, importMs: probe.end - probe.submitted, pauseMs: probe.submitted - probe.shown };
}
