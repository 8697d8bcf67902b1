import type { Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnnotatorPage } from './support/annotator-page';
import { FIXTURES, expect, screenshot, test, waitForServiceWorker } from './support/fixtures';
import { canMountDisks, launchOnDisk, mountSmallDisk, type SmallDisk } from './support/small-disk';

test.skip(!canMountDisks(), 'needs root to mount a small tmpfs disk for the browser profile');
test.setTimeout(240_000);

let disk: SmallDisk | null = null;
test.afterEach(() => disk?.remove());

/** About 21 MB of short reports, like the file that emptied a database in the issue. */
async function bigFile(dir: string): Promise<string> {
  const rows = Array.from({ length: 220_000 }, (_, i) => JSON.stringify({ id: `big-${i}`, text: `Report ${i} from the northern district about water pumps and roads.` }));
  const path = join(dir, 'big.jsonl');
  await writeFile(path, `${rows.join('\n')}\n`);
  return path;
}

async function labelledProject(page: Page, origin: string): Promise<AnnotatorPage> {
  const annotator = new AnnotatorPage(page);
  await page.goto(`${origin}/`);
  await waitForServiceWorker(page);
  await annotator.createProject('Field reports', ['Yes', 'No']);
  await annotator.importFile(`${FIXTURES}/reviews.jsonl`, 'reviews.jsonl');
  await annotator.openTab('Annotate');
  await annotator.pressAndAdvance('1');
  await annotator.pressAndAdvance('2');
  await annotator.expectProgress(2, 4);
  return annotator;
}

test('on a device with less than a GB left, every screen says so, the big import is refused up front, and nothing is lost', async ({ app }) => {
  // The browser reports the room left only in whole GB, rounded up: below one, it cannot promise any.
  disk = mountSmallDisk(1000);
  const big = await bigFile(disk.profile.replace(/profile$/, ''));
  let { context, page } = await launchOnDisk(disk.profile);
  // The download path: headless Chromium cannot drive a real save dialog.
  await context.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
  let annotator = await labelledProject(page, app.origin);
  const banner = page.getByRole('alert', { name: 'Storage running low' });
  await expect(banner).toContainText('Storage is running low on this device (at most 1.1 GB left for fieldlabel, which keeps 200 MB free');

  await annotator.openTab('Import');
  const result = await annotator.importFile(big, 'big.jsonl');
  await expect(result).toContainText('big.jsonl was not imported. Not enough free storage on this device: importing big.jsonl needs about');
  await expect(result).toContainText('fieldlabel keeps 200 MB free so that labels can always be saved; this device has at most 1.1 GB left for it');
  await expect(page.getByText('4 tasks in the project now')).toBeVisible();
  await screenshot(page, 'import-refused-disk-full-desktop');
  await annotator.openTab('Annotate');
  await expect(banner).toBeVisible();
  await annotator.pressAndAdvance('1');
  await annotator.expectProgress(3, 4);
  const downloading = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Save label file' }).click();
  const labelFile = await readFile(await (await downloading).path(), 'utf8');
  expect(labelFile.trim().split('\n')).toHaveLength(4);
  await expect(banner.getByRole('status')).toContainText('Saved 3 annotations to field-reports_annotator_');
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, 'low-storage-banner-tablet');
  await page.getByRole('link', { name: 'fieldlabel: all projects' }).click();
  await expect(banner).toBeVisible();

  await context.close();
  ({ context, page } = await launchOnDisk(disk.profile));
  annotator = new AnnotatorPage(page);
  await page.goto(`${app.origin}/`);
  await page.getByRole('link', { name: /Field reports/ }).click();
  await annotator.expectProgress(3, 4);
  await context.close();
});

test('on a device with room, the same import goes ahead and no screen warns', async ({ app }) => {
  disk = mountSmallDisk(3000);
  const big = await bigFile(disk.profile.replace(/profile$/, ''));
  const { context, page } = await launchOnDisk(disk.profile);
  const annotator = await labelledProject(page, app.origin);
  await annotator.openTab('Import');
  await page.getByLabel('Import tasks').setInputFiles(big);
  await expect(page.getByRole('status', { name: 'Import result for big.jsonl' })).toContainText('big.jsonl: imported 220,000 tasks', { timeout: 120_000 });
  await expect(page.getByRole('alert', { name: 'Storage running low' })).toBeHidden();
  await context.close();
});

test('an embedding pass the device has no room for is refused and says so; labelling goes on, and the pass resumes once there is room', async ({ app }) => {
  const small = mountSmallDisk(1000);
  disk = small;
  // Small enough to import (it takes less than a day of labels), too much to embed on a device below a GB.
  const rows = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `Pump ${i} needs care.` }));
  const reports = join(small.profile.replace(/profile$/, ''), 'reports.jsonl');
  await writeFile(reports, `${rows.join('\n')}\n`);
  let { context, page } = await launchOnDisk(small.profile);
  const annotator = new AnnotatorPage(page);
  await page.goto(`${app.origin}/`);
  await waitForServiceWorker(page);
  await annotator.createProject('Gear reviews', ['Positive', 'Negative']);
  await annotator.importFile(`${FIXTURES}/sentiment.jsonl`, 'sentiment.jsonl');
  await annotator.openTab('Model');
  await page.getByRole('button', { name: 'Use fieldlabel/test-tiny' }).click();
  await expect(page.getByText('Embedded 30 / 30 tasks')).toBeVisible({ timeout: 30_000 });
  // With word features only, the tasks imported next are not embedded yet.
  await page.getByRole('button', { name: 'Use word features only' }).click();
  await annotator.openTab('Import');
  await expect(await annotator.importFile(reports, 'reports.jsonl')).toContainText('imported 3,000 tasks');

  await annotator.openTab('Model');
  await page.getByRole('button', { name: 'Use fieldlabel/test-tiny' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Embedding stopped' });
  await expect(alert).toContainText('Embedding stopped at 30 of 3,030 tasks. Not enough free storage on this device: embedding 3,000 tasks needs about', { timeout: 30_000 });
  await expect(alert).toContainText('fieldlabel keeps 200 MB free so that labels can always be saved');
  await expect(page.getByText('Embedded 30 / 3,030 tasks')).toBeVisible();
  await screenshot(page, 'embedding-stopped-disk-full-desktop');
  await annotator.openTab('Annotate');
  await annotator.pressAndAdvance('1');
  await expect(annotator.progress).toContainText('1 / 3,030 labelled');

  // Room made on the device; the browser sees it from its next start, and the pass embeds the rest.
  await context.close();
  small.grow(3000);
  ({ context, page } = await launchOnDisk(small.profile));
  await page.goto(`${app.origin}/`);
  await page.getByRole('link', { name: /Gear reviews/ }).click();
  await new AnnotatorPage(page).openTab('Model');
  await expect(page.getByText('Embedded 3,030 / 3,030 tasks')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'Embedding stopped' })).toHaveCount(0);
  await context.close();
});
