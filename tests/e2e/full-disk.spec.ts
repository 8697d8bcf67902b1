import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnnotatorPage } from './support/annotator-page';
import { FIXTURES, expect, screenshot, test, waitForServiceWorker } from './support/fixtures';
import { canMountDisks, launchOnDisk, mountSmallDisk, type SmallDisk } from './support/small-disk';

const MB = 1_000_000;

test.skip(!canMountDisks(), 'needs root to mount a small tmpfs disk for the browser profile');
test.setTimeout(240_000);

let disk: SmallDisk;
test.beforeEach(() => {
  disk = mountSmallDisk(500);
});
test.afterEach(() => disk.remove());

/** About 21 MB of short reports, like the file that emptied a database in the issue. */
async function bigFile(dir: string): Promise<string> {
  const rows = Array.from({ length: 220_000 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `Report ${i} from the northern district about water pumps and roads.` }));
  const path = join(dir, 'big.jsonl');
  await writeFile(path, `${rows.join('\n')}\n`);
  return path;
}

async function labelledProject(page: import('@playwright/test').Page, origin: string): Promise<AnnotatorPage> {
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

test('an import that would fill the disk is refused before it starts, and the project and its labels stay', async ({ app }) => {
  const big = await bigFile(disk.profile.replace(/profile$/, ''));
  let { context, page } = await launchOnDisk(disk.profile);
  let annotator = await labelledProject(page, app.origin);

  disk.fillUntilFree(150 * MB);
  await annotator.openTab('Import');
  const result = await annotator.importFile(big, 'big.jsonl');
  await expect(result).toContainText('big.jsonl was not imported. Not enough free storage on this device: importing big.jsonl needs about');
  await expect(result).toContainText('fieldlabel keeps 200 MB free so that labels can always be saved');
  await expect(page.getByText('4 tasks in the project now')).toBeVisible();
  await screenshot(page, 'import-refused-disk-full-desktop');
  await annotator.openTab('Annotate');
  await annotator.pressAndAdvance('1');
  await annotator.expectProgress(3, 4);

  await context.close();
  disk.emptyFiller();
  ({ context, page } = await launchOnDisk(disk.profile));
  annotator = new AnnotatorPage(page);
  await page.goto(`${app.origin}/`);
  await page.getByRole('link', { name: /Field reports/ }).click();
  await annotator.expectProgress(3, 4);
  await context.close();
});

test('another app filling the disk during an import stops the import cleanly; the database and its labels survive', async ({ app }) => {
  const big = await bigFile(disk.profile.replace(/profile$/, ''));
  let { context, page } = await launchOnDisk(disk.profile);
  const annotator = await labelledProject(page, app.origin);
  await annotator.openTab('Import');
  await page.getByLabel('Import tasks').setInputFiles(big);
  await expect(page.getByText(/[1-9][\d,]* added/)).toBeVisible();
  // Not to the last byte: a write already under way when a disk fills up completely fails whatever the app does.
  disk.fillUntilFree(20 * MB);
  const result = page.getByRole('status', { name: 'Import result for big.jsonl' });
  await expect(result).toContainText('big.jsonl: Not enough free storage on this device', { timeout: 120_000 });
  await expect(result).toContainText('nothing from this file was kept');
  await expect(page.getByText('4 tasks in the project now')).toBeVisible();
  await annotator.openTab('Annotate');
  await annotator.pressAndAdvance('1');
  await annotator.expectProgress(3, 4);

  // The other app's files stay: the browser restarts on the same full disk, and the project is still there.
  await context.close();
  ({ context, page } = await launchOnDisk(disk.profile));
  await page.goto(`${app.origin}/`);
  await expect(page.getByRole('link', { name: /Field reports/ })).toContainText('3 / 4');
  await context.close();
});

test('an embedding pass that would fill the disk is refused and says so; labelling goes on, and the pass resumes once there is room', async ({ app }) => {
  const rows = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `Report ${i}: the pump near the river needs attention (${i % 13} days).` }));
  const reports = join(disk.profile.replace(/profile$/, ''), 'reports.jsonl');
  await writeFile(reports, `${rows.join('\n')}\n`);
  const { context, page } = await launchOnDisk(disk.profile);
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
  await expect(await annotator.importFile(reports, 'reports.jsonl')).toContainText('imported 2,000 tasks');

  disk.fillUntilFree(150 * MB);
  await annotator.openTab('Model');
  await page.getByRole('button', { name: 'Use fieldlabel/test-tiny' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Embedding stopped at 30 of 2,030 tasks. Not enough free storage on this device: embedding 2,000 tasks needs about', { timeout: 30_000 });
  await expect(alert).toContainText('fieldlabel keeps 200 MB free so that labels can always be saved');
  await expect(page.getByText('Embedded 30 / 2,030 tasks')).toBeVisible();
  await screenshot(page, 'embedding-stopped-disk-full-desktop');
  await annotator.openTab('Annotate');
  await annotator.pressAndAdvance('1');
  await expect(annotator.progress).toContainText('1 / 2,030 labelled');

  // The other app's files go; the next opening embeds the rest, on top of the 30 kept.
  disk.emptyFiller();
  await page.reload();
  await annotator.openTab('Model');
  await expect(page.getByText('Embedded 2,030 / 2,030 tasks')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await context.close();
});
