// Issue #17, item 3: one project open in two tabs of one browser (same origin, same database). Before, both tabs
// labelled side by side, the second tab's labels silently replaced the first's, both showed stale counts, and undo in
// one tab took back the other tab's label.
import type { Page } from '@playwright/test';
import { AnnotatorPage } from './support/annotator-page';
import { FIXTURES, expect, screenshot, storedRows, test } from './support/fixtures';

const UNDO_REFUSED = 'That label was changed in another tab or by a merge since; nothing was undone.';

/** The position shown beside the progress ("task 7 of 30"), counted from 0. */
async function shownSeq(tab: AnnotatorPage): Promise<number> {
  const match = /task (\d+) of/.exec((await tab.progress.textContent()) ?? '');
  if (!match) throw new Error('no task is shown');
  return Number(match[1]) - 1;
}

/** Steps with ← / → to the task at `seq`, waiting for each step to show. */
async function goToTask(tab: AnnotatorPage, seq: number): Promise<void> {
  let at = await shownSeq(tab);
  while (at !== seq) {
    const forward = at < seq;
    await tab.page.keyboard.press(forward ? 'ArrowRight' : 'ArrowLeft');
    at += forward ? 1 : -1;
    await expect(tab.progress).toContainText(`task ${at + 1} of`);
  }
}

/** Each task's stored label by task id, e.g. { s01: 'No' }; a skip or retraction shows as its status. */
async function labelsByTask(page: Page): Promise<Record<string, string>> {
  const rows = await storedRows(page, 'annotations');
  return Object.fromEntries(rows.map((row) => [row.taskId as string, row.status === 'labelled' ? (row.value as string[]).join(',') : (row.status as string)]));
}

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `s${String(from + i).padStart(2, '0')}`);
const labelled = (taskIds: string[], label: string) => Object.fromEntries(taskIds.map((id) => [id, label]));

test('one project in two tabs: one tab labels at a time, the other follows, takes over without losing a label, and undo never takes back the other tab\'s label', async ({ page, context }) => {
  const a = new AnnotatorPage(page);
  await page.goto('/');
  await a.createProject('Two tabs', ['Yes', 'No']);
  await a.importFile(`${FIXTURES}/sentiment.jsonl`, 'sentiment.jsonl');
  await a.openTab('Annotate');
  for (let i = 0; i < 5; i++) await a.pressAndAdvance('1');
  await a.expectProgress(5, 30);

  // Tab B opens the same project: it says so and cannot label.
  const b = new AnnotatorPage(await context.newPage());
  await b.page.goto(page.url());
  const elsewhere = b.page.getByRole('heading', { name: 'This project is open in another tab' });
  await expect(elsewhere).toBeVisible();
  await b.expectProgress(5, 30);
  await expect(b.page.getByRole('group', { name: 'Labels' })).toHaveCount(0);
  await expect(b.taskText).toHaveCount(0);
  await screenshot(b.page, 'two-tabs-elsewhere-1280');
  await b.page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(b.page, 'two-tabs-elsewhere-768');
  await b.page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(b.page, 'two-tabs-elsewhere-768-dark');
  await b.page.emulateMedia({ colorScheme: 'light' });
  await b.page.keyboard.press('2');
  await b.page.keyboard.press('Control+z');

  // The other screens say so too; label files wait for the tab that labels.
  await b.openTab('Sync');
  await expect(b.page.getByRole('heading', { name: 'This project is open in another tab' })).toBeVisible();
  await expect(b.page.getByLabel('Import label files')).toBeDisabled();
  await screenshot(b.page, 'two-tabs-elsewhere-sync-768');
  await b.openTab('Annotate');

  // A goes on; B's count follows. Only A wrote: ten labels, revisions 1 to 10.
  for (let i = 0; i < 5; i++) await a.pressAndAdvance('1');
  await a.expectProgress(10, 30);
  await b.expectProgress(10, 30);
  expect(await labelsByTask(page)).toEqual(labelled(ids(1, 10), 'Yes'));
  expect((await storedRows(page, 'annotations')).map((row) => row.revision).sort((x, y) => Number(x) - Number(y))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

  // B takes over: A stops, says where the work went, and its keys do nothing.
  const takeOver = b.page.getByRole('button', { name: 'Take over here' });
  await expect(takeOver).toHaveCSS('min-height', '44px');
  await takeOver.focus();
  await b.page.keyboard.press('Enter');
  await expect(b.page.getByRole('group', { name: 'Labels' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Continued in another tab' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Labels' })).toHaveCount(0);
  await screenshot(page, 'two-tabs-continued-1280');
  await page.keyboard.press('1');
  await page.keyboard.press('Control+z');

  // B labels the same ten tasks "No".
  await b.page.setViewportSize({ width: 1280, height: 800 });
  for (let seq = 0; seq < 10; seq++) {
    await goToTask(b, seq);
    await b.pressAndAdvance('2');
  }
  await b.expectProgress(10, 30);
  await a.expectProgress(10, 30);
  expect(await labelsByTask(page)).toEqual(labelled(ids(1, 10), 'No'));

  // A takes back over: its count is right, and undo refuses to take back B's label on task 10 (A's last).
  await page.getByRole('button', { name: 'Take over here' }).click();
  await expect(b.page.getByRole('heading', { name: 'Continued in another tab' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Labels' })).toBeVisible();
  await a.expectProgress(10, 30);
  await page.keyboard.press('Control+z');
  await expect(page.getByText(UNDO_REFUSED)).toBeVisible();
  await expect(a.taskText).toHaveText('Awful sound, awful price.');
  await expect(page.getByLabel('Current label')).toHaveText('Labelled: No');
  expect(await labelsByTask(page)).toEqual(labelled(ids(1, 10), 'No'));

  // A labels on; B follows. Each task holds the label made last, by whichever tab made it.
  await goToTask(a, 10);
  await a.pressAndAdvance('1');
  await a.expectProgress(11, 30);
  await b.expectProgress(11, 30);
  expect(await labelsByTask(page)).toEqual({ ...labelled(ids(1, 10), 'No'), s11: 'Yes' });

  // Leaving the project and coming back in the same tab keeps it: the tab does not find itself "elsewhere".
  await page.getByRole('link', { name: 'fieldlabel: all projects' }).click();
  await page.getByRole('link', { name: /Two tabs/ }).first().click();
  await expect(page.getByRole('group', { name: 'Labels' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This project is open in another tab' })).toHaveCount(0);
});
