import { readFile } from 'node:fs/promises';
import { taskContentKey } from '../../src/lib/formats/tasks';
import { AnnotatorPage } from './support/annotator-page';
import { FIXTURES, expect, screenshot, test, waitForServiceWorker } from './support/fixtures';

const NOW = new Date('2026-11-20T09:30:00.000Z');

test('an annotator imports files, labels with the keyboard, survives reload and offline, and exports', async ({
  page,
  context,
  app,
  outsideRequests,
}) => {
  const annotator = await AnnotatorPage.openSavingDownloads(page, context, NOW);
  await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();
  await screenshot(page, 'projects-empty-desktop');

  await annotator.createProject('Field reviews', ['Positive', 'Negative', 'Neutral']);
  await expect(await annotator.importFile(`${FIXTURES}/reviews.jsonl`, 'reviews.jsonl')).toContainText(
    'reviews.jsonl: imported 4 tasks · 0 duplicates skipped · 0 lines rejected',
  );
  const csv = await annotator.importFile(`${FIXTURES}/reviews.csv`, 'reviews.csv');
  await expect(csv).toContainText('reviews.csv: imported 3 tasks · 1 duplicate skipped · 1 line rejected');
  await expect(csv).toContainText('reviews.csv, line 6: expected 3 columns');
  await screenshot(page, 'import-desktop');

  await annotator.openTab('Settings');
  await page.getByLabel('Annotator name').fill('Amina');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const annotatorId = (await page.locator('code').textContent()) ?? '';
  expect(annotatorId).toMatch(/^[0-9a-f-]{36}$/);

  await annotator.openTab('Annotate');
  await annotator.expectProgress(0, 7);
  await expect(annotator.taskText).toHaveText('The battery lasts two full days in the field.');
  await screenshot(page, 'annotate-desktop');
  await annotator.pressAndAdvance('1');
  await annotator.pressAndAdvance('2');
  await annotator.pressAndAdvance('s');
  await annotator.pressAndAdvance('3');
  await annotator.expectProgress(3, 7);
  await annotator.pressAndAdvance('Control+z');
  await expect(annotator.taskText).toHaveText('Fine for the price, nothing special.');
  await annotator.expectProgress(2, 7);
  await annotator.pressAndAdvance('1');
  await annotator.pressAndAdvance('1');
  await annotator.pressAndAdvance('2');
  await annotator.expectProgress(5, 7);
  await expect(annotator.progress).toContainText('1 skipped');
  await expect(annotator.taskText).toHaveText('Does what it says.');

  await page.reload();
  await annotator.expectProgress(5, 7);
  await expect(annotator.taskText).toHaveText('Does what it says.');
  await waitForServiceWorker(page);
  // This server sends no isolation headers: the service worker adds them, so onnxruntime may use threads.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await expect(page.getByRole('status', { name: 'Network status' })).toBeHidden();
  // The server gone while the browser still thinks it is online (a dead Wi-Fi network): the app asks its origin.
  await app.stop();
  await page.reload();
  expect(await page.evaluate(() => navigator.onLine)).toBe(true);
  await expect(page.getByRole('status', { name: 'Network status' })).toContainText('Offline');
  await context.setOffline(true);
  await annotator.expectProgress(5, 7);
  await page.keyboard.press('3');
  await annotator.expectProgress(6, 7);
  await expect(page.getByText('All 7 tasks are labelled or skipped.')).toBeVisible();
  await screenshot(page, 'annotate-offline-done-desktop');

  await annotator.openTab('Sync');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSONL' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('field-reviews_amina_2026-11-20.jsonl');
  const exported = await readFile(await download.path(), 'utf8');
  const at = NOW.toISOString();
  const label = (value: string[], revision: number, status = 'labelled') => [
    { annotator: annotatorId, annotator_name: 'Amina', value, status, created_at: at, updated_at: at, revision },
  ];
  const expected = [
    { id: 'r1', text: 'The battery lasts two full days in the field.', meta: { source: 'forum', stars: 5 }, annotations: label(['Positive'], 1) },
    { id: 'r2', text: 'Screen cracked on the first drop.', meta: { source: 'email', stars: 1 }, annotations: label(['Negative'], 2) },
    { id: 'r3', text: 'It arrived on time.', meta: { source: 'forum', stars: 3 }, annotations: label([], 3, 'skipped') },
    { id: 'r4', text: 'Fine for the price, nothing special.', meta: { source: 'survey', stars: 3 }, annotations: label(['Positive'], 6) },
    ...[
      ['Setup took five minutes, even offline.', 'survey', '5', 'Positive', 7],
      ['The strap broke, and support never answered.', 'email', '1', 'Negative', 8],
      ['Does what it says.', 'forum', '4', 'Neutral', 9],
    ].map(([text, source, stars, value, revision]) => ({
      id: taskContentKey(text as string),
      text,
      meta: { source, stars },
      annotations: label([value as string], revision as number),
    })),
  ];
  expect(exported).toBe(expected.map((line) => `${JSON.stringify(line)}\n`).join(''));
  await expect(page.getByRole('status', { name: 'Export result' })).toContainText('Exported 7 tasks (7 with labels)');

  expect(outsideRequests).toEqual([]);
});
