import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AnnotatorPage } from './support/annotator-page';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const SYNC_FIXTURES = fileURLToPath(new URL('../fixtures/sync', import.meta.url));

test('folder sync writes this device\'s label file into the folder and takes in the others found there', async ({ page }) => {
  // The folder picker cannot be driven headless: it answers with a folder in the origin-private file system,
  // which is the same FileSystemDirectoryHandle type a picked USB folder is.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'showDirectoryPicker', {
      value: async () => (await navigator.storage.getDirectory()).getDirectoryHandle('usb-stick', { create: true }),
    });
  });
  // Time is Playwright's, so the sync every five minutes can be reached without waiting for it.
  await page.clock.install();
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await page.getByLabel('Open project file').setInputFiles(`${SYNC_FIXTURES}/project-v1.fieldlabel.zip`);
  await expect(page.getByRole('heading', { name: 'Product reviews' })).toBeVisible();
  await annotator.pressAndAdvance('1');

  const adasFile = await readFile(`${SYNC_FIXTURES}/full-v1.labels.jsonl`, 'utf8');
  await page.evaluate(async (text) => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('usb-stick', { create: true });
    const writable = await (await folder.getFileHandle('product-reviews_ada.labels.jsonl', { create: true })).createWritable();
    await writable.write(text);
    await writable.close();
  }, adasFile);

  // The bundle already carries one of Ada's four labels: her file adds two more, and keeps apart her undo on t4, a
  // task this bundle does not have.
  await annotator.openTab('Sync');
  await page.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(page.getByRole('status', { name: 'Folder sync result' })).toContainText(
    'read 1 other files: 2 new, 0 updated labels; 1 annotation for 1 task this project does not have kept apart.',
  );
  await expect(page.getByText('Folder: usb-stick')).toBeVisible();

  const written = await folderFiles(page);
  expect(written.names).toHaveLength(2);
  const [header, ...lines] = written.own.trim().split('\n');
  expect(JSON.parse(header ?? '{}')).toMatchObject({ type: 'fieldlabel.labels', project_id: 'proj-reviews', scope: 'full', count: 5 });
  expect(lines).toHaveLength(5);

  // Syncing again reads Ada's file again and changes nothing.
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status', { name: 'Folder sync result' })).toContainText('read 1 other files: 0 new, 0 updated labels');

  // The folder is synced every five minutes while the annotator labels, whichever tab is open.
  await annotator.openTab('Annotate');
  await annotator.pressAndAdvance('2');
  await page.clock.fastForward('05:01');
  await expect.poll(async () => (await folderFiles(page)).own.trim().split('\n').length - 1).toBe(6);
});

/**
 * The sync folder's label files, and the text of this device's own ('' while the app is replacing it). While the
 * app writes its file, Chromium keeps a `<name>.crswap` beside it and moves it over the file when the write closes:
 * the swap file is no label file, and the file itself may be missing for that moment (or, read as it is replaced,
 * unreadable: Chromium then refuses the File it handed out).
 */
function folderFiles(page: Page): Promise<{ names: string[]; own: string }> {
  return page.evaluate(async () => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('usb-stick');
    const names: string[] = [];
    for await (const name of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) if (name.endsWith('.labels.jsonl')) names.push(name);
    const own = names.find((n) => n.startsWith('product-reviews_annotator_'));
    const text = async (name: string) => (await (await folder.getFileHandle(name)).getFile()).text();
    return { names: names.sort(), own: own ? await text(own).catch((error: Error) => (['NotFoundError', 'NotReadableError'].includes(error.name) ? '' : Promise.reject(error))) : '' };
  });
}
