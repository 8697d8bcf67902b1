// A span project in a page of its own, and a CoNLL file imported into it through the Import tab as an annotator
// does it: choose the file, confirm the detected format, read the summary.
import type { Page } from '@playwright/test';
import { AnnotatorPage } from '../../tests/e2e/support/annotator-page';
import type { ConllFile } from './conll-data';
import { importResult, watchImport } from './project';
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

/** Imports `file` and checks the summary reports every document as a task. All timestamps are taken in the page. */
export async function timedConllImport(page: Page, file: ConllFile): Promise<ConllImportTiming> {
  await watchImport(page, file.fileName, true);
  await page.getByLabel('Import tasks').setInputFiles(file.path);
  const form = page.getByRole('form', { name: 'Detected format' });
  await form.waitFor({ timeout: 120_000 });
  const heading = (await form.locator('h2').textContent()) ?? '';
  if (!heading.includes('CoNLL')) throw new Error(`The app did not recognise ${file.fileName} as CoNLL: ${heading}`);
  await form.getByRole('button', { name: 'Import' }).click();
  const probe = await importResult(page, `imported ${file.documents.toLocaleString('en-US')} task`);
  if (probe.shown === null || probe.submitted === null) throw new Error(`The page saw no detected-format form shown and submitted for ${file.fileName}`);
  return { detectMs: probe.shown - probe.start, importMs: probe.end - probe.submitted, pauseMs: probe.submitted - probe.shown };
}
