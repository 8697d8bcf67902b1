import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnnotatorPage } from './support/annotator-page';
import { expect, screenshot, test } from './support/fixtures';

test('a file that is not what it claims is refused whole with its name and line, and a big import can be cancelled', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-bad-'));
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await page.getByLabel('Who is labelling on this device?').fill('Tomás');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Who is labelling on this device?')).toBeHidden();
  await expect(page.getByRole('banner')).toContainText('Tomás');
  await annotator.createProject('Refusals', ['Yes', 'No']);

  await writeFile(join(dir, 'tasks.jsonl'), 'id,text\n1,a comma separated file in disguise\n');
  await expect(await annotator.importFile(join(dir, 'tasks.jsonl'), 'tasks.jsonl')).toContainText(
    'tasks.jsonl was not imported. tasks.jsonl, line 1: is not JSON Lines',
  );
  await writeFile(join(dir, 'empty.csv'), '');
  await expect(await annotator.importFile(join(dir, 'empty.csv'), 'empty.csv')).toContainText('empty.csv: is empty');
  await screenshot(page, 'import-refused-desktop');

  // Several megabytes, so the import is still running when Cancel is pressed.
  const rows = Array.from({ length: 100_000 }, (_, i) => JSON.stringify({ id: `row-${i}`, text: `Report number ${i} from the northern district.` }));
  await writeFile(join(dir, 'big.jsonl'), `${rows.join('\n')}\n`);
  await page.getByLabel('Import tasks').setInputFiles(join(dir, 'big.jsonl'));
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  // Taking back what was already written is one transaction over up to tens of thousands of rows: allow for it.
  await expect(page.getByRole('status', { name: 'Import result for big.jsonl' })).toContainText('Import cancelled; nothing from this file was kept.', {
    timeout: 60_000,
  });
  await expect(page.getByText('0 tasks in the project now')).toBeVisible();
  await annotator.openTab('Annotate');
  await expect(page.getByRole('heading', { name: 'No tasks yet' })).toBeVisible();
});

test('a CoNLL file with one mistyped tag is read as CoNLL and refused at that line, not taken for plain text', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-bad-'));
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await annotator.createProject('Slips', ['PER', 'ORG', 'LOC'], 'Spans (names, places, …)');
  const lines = Array.from({ length: 30 }, (_, i) => (i % 10 === 9 ? '' : `word${i} ${i % 4 === 0 ? 'B-PER' : 'O'}`));
  lines[14] = 'Kisumu LOC';
  await writeFile(join(dir, 'news-ner.txt'), `${lines.join('\n')}\n`);

  await page.getByLabel('Import tasks').setInputFiles(join(dir, 'news-ner.txt'));
  const detected = page.getByRole('form', { name: 'Detected format' });
  await expect(detected).toContainText('news-ner.txt looks like a CoNLL-2003 (IOB) file');
  await detected.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status', { name: 'Import result for news-ner.txt' })).toContainText('news-ner.txt, line 15');
  await expect(page.getByText('0 tasks in the project now')).toBeVisible();
  await screenshot(page, 'import-refused-conll-slip-desktop');
});
