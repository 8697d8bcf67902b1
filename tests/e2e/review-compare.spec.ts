// A coordinator opens a compare project's bundle and takes in two annotators' judgements: Review counts preferences
// by response, not by side, and flags the annotator who always picked the response shown first.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnnotatorPage } from './support/annotator-page';
import { compareBundle } from './support/compare-bundle';
import { expect, screenshot, test } from './support/fixtures';
import { labelFile } from './support/sync-files';

const TASKS = 12;

const judgement = (shown: string[], winner: string, helpful: number) =>
  JSON.stringify({ shown, preference: { kind: 'better', id: winner }, ratings: { Helpful: helpful }, correction: null, rationale: '' });

test('two annotators: Review keys preferences by response and flags the one who always picks A', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-compare-review-'));
  await writeFile(join(dir, 'chat.fieldlabel.zip'), compareBundle({ tasks: TASKS, ratings: [{ name: 'Helpful', scale: 5 }] }));
  // Ada always picks what she was shown first. Bo saw the other order and always picks r1: they agree on the tasks
  // where Ada saw r1 first, though by side they never chose alike.
  const ada = { id: 'ann-ada', name: 'Ada' };
  const bo = { id: 'ann-bo', name: 'Bo' };
  const adaSaw = (i: number) => (i % 2 === 0 ? ['r1', 'r2'] : ['r2', 'r1']);
  const files = [
    { path: join(dir, 'ada.labels.jsonl'), text: labelFile('chat', Array.from({ length: TASKS }, (_, i) => ({ taskId: `q${i + 1}`, annotator: ada, value: [judgement(adaSaw(i), adaSaw(i)[0] as string, 4)] }))) },
    { path: join(dir, 'bo.labels.jsonl'), text: labelFile('chat', Array.from({ length: TASKS }, (_, i) => ({ taskId: `q${i + 1}`, annotator: bo, value: [judgement([...adaSaw(i)].reverse(), 'r1', i % 2 === 0 ? 4 : 2)] }))) },
  ];
  for (const file of files) await writeFile(file.path, file.text);

  await page.goto('/');
  await page.getByLabel('Open project file').setInputFiles(join(dir, 'chat.fieldlabel.zip'));
  await expect(page.getByRole('heading', { name: 'Support answers' })).toBeVisible();
  const annotator = new AnnotatorPage(page);
  await annotator.openTab('Sync');
  await page.getByLabel('Import label files').setInputFiles(files.map((f) => f.path));
  await page.getByRole('region', { name: 'Label import summary' }).getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status', { name: 'Label import result' })).toContainText(`Applied: ${2 * TASKS} new`);

  await annotator.openTab('Review');
  await expect(page.getByText(`2 annotators · ${TASKS} tasks judged by two or more`)).toBeVisible();
  const preference = page.getByRole('table', { name: 'Preference agreement' }).getByRole('row', { name: /Which response is better/ }).getByRole('cell');
  await expect(preference.nth(0)).toHaveText('0.500');
  const bias = page.getByRole('table', { name: 'Position bias' });
  // 12 of 12 first where chance gives half: p = 2 / 2¹² = 0.00049; 6 of 12: p = 1.
  await expect(bias.getByRole('row', { name: /Ada/ })).toHaveText(/Ada\s*12\s*12\s*100 %\s*50 %\s*2 shown: 12\/12\s*0\.00049\s*Picks A more than chance/);
  await expect(bias.getByRole('row', { name: /Bo/ })).toHaveText(/Bo\s*12\s*6\s*50 %\s*50 %\s*2 shown: 6\/12\s*1\.0\s*$/);
  await expect(page.getByRole('table', { name: 'Rating agreement' }).getByRole('row', { name: /Helpful/ })).toBeVisible();

  const item = page.getByRole('listitem', { name: 'Disagreement on q2' });
  await expect(item).toContainText('Ada: r2 better (shown as A) · Helpful 4');
  await expect(item).toContainText('Bo: r1 better (shown as A) · Helpful 2');
  // Task text stays text: the markup in a response is shown, never run.
  await expect(item.getByRole('list', { name: 'Responses' })).toContainText('<img src=x onerror=alert(1)>');
  await expect(item.locator('img')).toHaveCount(0);
  await item.getByRole('button', { name: "Keep Bo's" }).click();
  await expect(page.getByRole('listitem', { name: 'Disagreement on q2' }).getByRole('button', { name: "Keep Bo's" })).toHaveAttribute('aria-pressed', 'true');

  await screenshot(page, 'review-compare-desktop');
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, 'review-compare-tablet');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'review-compare-tablet-dark');
});
