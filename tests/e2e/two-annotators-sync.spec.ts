import type { BrowserContext, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { AnnotatorPage } from './support/annotator-page';
import { FIXTURES, expect, screenshot, test, waitForServiceWorker } from './support/fixtures';

/** The download path: headless Chromium cannot drive a real save dialog. */
async function annotatorIn(context: BrowserContext, origin: string, name: string): Promise<AnnotatorPage> {
  await context.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await waitForServiceWorker(page);
  await page.getByLabel('Who is labelling on this device?').fill(name);
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('banner')).toContainText(name);
  return new AnnotatorPage(page);
}

async function download(page: Page, button: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  return (await downloading).path();
}

async function label(annotator: AnnotatorPage, keys: string[]): Promise<void> {
  await annotator.openTab('Annotate');
  for (const key of keys) await annotator.pressAndAdvance(key);
}

/** The annotation lines of a label file: the header differs by device, the merged annotations must not. */
async function annotationLines(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8')).trim().split('\n').slice(1);
}

test('two annotators share a bundle offline, swap label files, end in the same state, and a reviewer settles a disagreement', async ({
  browser,
  app,
}) => {
  const one = await browser.newContext();
  const two = await browser.newContext();
  const amina = await annotatorIn(one, app.origin, 'Amina');
  const tomas = await annotatorIn(two, app.origin, 'Tomás');
  await app.stop();
  await one.setOffline(true);
  await two.setOffline(true);

  await amina.createProject('Shared reviews', ['Yes', 'No']);
  await amina.importFile(`${FIXTURES}/sentiment.jsonl`, 'sentiment.jsonl');
  await amina.openTab('Sync');
  const bundle = await download(amina.page, 'Export project bundle');

  await tomas.page.getByLabel('Open project file').setInputFiles(bundle);
  await tomas.expectProgress(0, 30);
  await tomas.page.getByLabel('Open project file').waitFor({ state: 'detached' });

  await label(amina, ['1', '1', '1', '2', '2', '2']);
  await label(tomas, ['1', '1', '2', '2', '2', '1']);

  await amina.openTab('Sync');
  const fromAmina = await download(amina.page, 'Export my changes');
  await tomas.openTab('Sync');
  const fromTomas = await download(tomas.page, 'Export my changes');

  await amina.page.getByLabel('Import label files').setInputFiles(fromTomas);
  const summary = amina.page.getByRole('region', { name: 'Label import summary' });
  await expect(summary).toContainText('Together: 6 new, 0 updated, 0 unchanged, 0 older');
  await screenshot(amina.page, 'sync-summary-desktop');
  await summary.getByRole('button', { name: 'Apply' }).click();
  await expect(amina.page.getByRole('status', { name: 'Label import result' })).toContainText('Applied: 6 new');
  await tomas.page.getByLabel('Import label files').setInputFiles(fromAmina);
  await tomas.page.getByRole('region', { name: 'Label import summary' }).getByRole('button', { name: 'Apply' }).click();
  await expect(tomas.page.getByRole('status', { name: 'Label import result' })).toContainText('Applied: 6 new');

  // Applying the same file again changes nothing.
  await tomas.page.getByLabel('Import label files').setInputFiles(fromAmina);
  await expect(tomas.page.getByRole('region', { name: 'Label import summary' })).toContainText('Together: 0 new, 0 updated, 6 unchanged');
  await tomas.page.getByRole('button', { name: 'Cancel' }).click();

  expect(await annotationLines(await download(amina.page, 'Export all labels'))).toEqual(
    await annotationLines(await download(tomas.page, 'Export all labels')),
  );

  // Amina: Yes Yes Yes No No No; Tomás: Yes Yes No No No Yes → observed 4/6, expected 1/2, Cohen's κ = 1/3.
  await amina.openTab('Review');
  const table = amina.page.getByRole('table', { name: 'Agreement table' });
  await expect(table.getByRole('row', { name: /All labels/ })).toContainText('0.667');
  await expect(table.getByRole('row', { name: /All labels/ })).toContainText('0.333');
  const disagreements = amina.page.getByRole('listitem', { name: /^Disagreement on/ });
  await expect(disagreements).toHaveCount(2);
  await expect(amina.page.getByRole('heading', { name: /Disagreements/ })).toContainText('2 to review');
  await disagreements.first().getByRole('button', { name: 'No' }).click();
  await expect(amina.page.getByRole('heading', { name: /Disagreements/ })).toContainText('1 to review');
  await screenshot(amina.page, 'review-desktop');

  await amina.openTab('Sync');
  const final = (await readFile(await download(amina.page, 'Export final labels'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(final[0]).toMatchObject({ type: 'fieldlabel.final', tasks: 6, agreement: { overall: { cohen_kappa: expect.closeTo(1 / 3, 6) } } });
  expect(final.slice(1).map((row) => row.source).sort()).toEqual(['majority', 'majority', 'majority', 'majority', 'review', 'tie']);

  await one.close();
  await two.close();
});
