// When Chromium loses the database (seen after a disk ran full) or brings it back older than the last labels (a
// crash before its writes reached the disk), the second copy of the labels, kept outside IndexedDB, gives them back.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLabelLines } from '../../src/lib/labels/labelset';
import { writeBundle } from '../../src/lib/sync/bundle';
import { AnnotatorPage } from './support/annotator-page';
import { expect, screenshot, test } from './support/fixtures';
import { launchKillable } from './support/killable-browser';
import { launchOnDisk } from './support/small-disk';

test.setTimeout(120_000);

const TEXTS = ['The pump in the north well works again.', 'Road to the clinic flooded.', 'School roof repaired.', 'No news from the east camp.'];

/** What a coordinator hands out: the project and its tasks (four, or as many as asked). */
async function coordinatorBundle(dir: string, count = TEXTS.length): Promise<string> {
  const labels = parseLabelLines('Yes\nNo');
  if (!labels.ok) throw new Error('labels');
  const bytes = await writeBundle({
    project: { id: 'field-reports', name: 'Field reports', taskType: 'single', labels: labels.labels, instructions: '', strategy: 'sequential', allowOverlap: false },
    createdBy: { id: 'coordinator', name: 'Coordinator' },
    deviceId: 'office',
    createdAt: Date.UTC(2026, 11, 1),
    tasks: Array.from({ length: count }, (_, seq) => ({ id: `r${seq + 1}`, seq, text: TEXTS[seq] ?? `Report number ${seq + 1}.`, meta: {} })),
  });
  const path = join(dir, 'field-reports.fieldlabel.zip');
  await writeFile(path, bytes);
  return path;
}

async function openBundleAndLabel(annotator: AnnotatorPage, origin: string, bundle: string, keys: string[]): Promise<void> {
  await annotator.page.goto(`${origin}/`);
  await annotator.page.getByLabel('Open project file').setInputFiles(bundle);
  for (const key of keys) await annotator.pressAndAdvance(key);
  await annotator.expectProgress(keys.length, 4);
}

function indexedDbFolder(profile: string): string {
  return join(profile, 'Default', 'IndexedDB');
}

test('a database the browser lost comes back from the second copy: the annotator, the project, and its labels once the bundle brings the tasks', async ({ app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-lost-'));
  const profile = join(dir, 'profile');
  const bundle = await coordinatorBundle(dir);
  const crashed = await launchKillable(profile);
  const first = new AnnotatorPage(crashed.page);
  await crashed.page.goto(`${app.origin}/`);
  await crashed.page.getByLabel('Who is labelling on this device?').fill('Amina');
  await crashed.page.getByRole('button', { name: 'Save name' }).click();
  await openBundleAndLabel(first, app.origin, bundle, ['1', '2', '1']);
  await expect(crashed.page.getByText('Saved on this device')).toBeVisible();
  await crashed.kill();
  // What Chromium did to a database whose disk ran full: on the next start it was gone.
  await rm(indexedDbFolder(profile), { recursive: true, force: true });

  const { context, page } = await launchOnDisk(profile);
  const annotator = new AnnotatorPage(page);
  await page.goto(`${app.origin}/`);
  const notice = page.getByRole('alert').filter({ hasText: 'The browser emptied' });
  await expect(notice).toContainText('Your project “Field reports” is listed again. 3 labels came back from the second copy fieldlabel keeps of your labels.');
  await expect(page.getByRole('banner')).toContainText('Amina');
  await expect(page.getByRole('link', { name: /Field reports/ })).toContainText('3 labels waiting for their tasks: open the project file');
  await screenshot(page, 'database-lost-notice-desktop');
  await page.getByLabel('Open project file').setInputFiles(bundle);
  await expect(page.getByText('3 annotations kept apart until now joined their tasks')).toBeVisible();
  await page.getByRole('link', { name: /Field reports/ }).click();
  await annotator.expectProgress(3, 4);
  await expect(annotator.taskText).toHaveText(TEXTS[3] as string);
  await context.close();
  await rm(dir, { recursive: true, force: true });
});

test('a database that came back older than the last labels gets them back from the second copy', async ({ app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-older-'));
  const profile = join(dir, 'profile');
  const bundle = await coordinatorBundle(dir);
  let browser = await launchOnDisk(profile);
  await openBundleAndLabel(new AnnotatorPage(browser.page), app.origin, bundle, ['1', '2']);
  await browser.context.close();
  // The database as it was on disk before the last two labels.
  await cp(indexedDbFolder(profile), join(dir, 'before'), { recursive: true });

  const crashed = await launchKillable(profile);
  const first = new AnnotatorPage(crashed.page);
  await crashed.page.goto(`${app.origin}/`);
  await crashed.page.getByRole('link', { name: /Field reports/ }).click();
  await first.pressAndAdvance('2');
  await crashed.page.keyboard.press('1');
  await first.expectProgress(4, 4);
  await crashed.kill();
  await rm(indexedDbFolder(profile), { recursive: true, force: true });
  await cp(join(dir, 'before'), indexedDbFolder(profile), { recursive: true });

  browser = await launchOnDisk(profile);
  await browser.page.goto(`${app.origin}/`);
  await expect(browser.page.getByRole('alert')).toContainText(
    "2 labels that had not reached the database when the app last closed were put back from this device's second copy of your labels.",
  );
  await expect(browser.page.getByRole('link', { name: /Field reports/ })).toContainText('4 / 4');
  await browser.context.close();
  await rm(dir, { recursive: true, force: true });
});

test('the journals of closed tabs are folded into one file, which still brings every label back', async ({ app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-fold-'));
  const profile = join(dir, 'profile');
  const bundle = await coordinatorBundle(dir, 12);
  let browser = await launchOnDisk(profile);
  const annotator = new AnnotatorPage(browser.page);
  await browser.page.goto(`${app.origin}/`);
  await browser.page.getByLabel('Open project file').setInputFiles(bundle);
  await annotator.expectProgress(0, 12);
  // Nine visits, one label each: every page keeps its own journal.
  for (let visit = 1; visit <= 9; visit++) {
    await annotator.pressAndAdvance('1');
    await annotator.expectProgress(visit, 12);
    await browser.page.reload();
    await annotator.expectProgress(visit, 12);
  }
  const journals = () =>
    browser.page.evaluate(async () => {
      const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('second-copy');
      const names: string[] = [];
      for await (const name of folder.keys()) if (name.startsWith('labels-')) names.push(name);
      return names.length;
    });
  // The ninth visit folded the eight before it; the ninth's own stays until enough others join it.
  await expect.poll(journals).toBe(2);
  await browser.context.close();
  await rm(indexedDbFolder(profile), { recursive: true, force: true });

  browser = await launchOnDisk(profile);
  await browser.page.goto(`${app.origin}/`);
  await expect(browser.page.getByRole('alert')).toContainText('9 labels came back from the second copy');
  await browser.context.close();
  await rm(dir, { recursive: true, force: true });
});
