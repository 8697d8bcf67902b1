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

// Issue #17: files that stopped at "Which column holds the text to label?" with no column to choose. Dropped
// together, each must end in a summary (an import, or a refusal with its line); a form with nothing to choose
// would hold up the queue and the summaries after it.
test('files that once stopped at an empty column form are imported or refused with their line', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-dead-ends-'));
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await annotator.createProject('Dead ends', ['Yes', 'No']);

  const files: [string, string | Uint8Array][] = [
    ['long-line.txt', `${'word '.repeat(60_000)}\nsecond line\n`],
    ['big.json', JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ id: `b${i}`, sentence: `Report ${i} from the field.` })))],
    ['numbers.json', '[\n1,\n2,\n3\n]\n'],
    ['unclosed.csv', 'text,label\n"a quote never closed,Yes\nnext,No\n'],
    ['deep-meta.jsonl', `{"text": "kept"}\n{"text": "too deep", "meta": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}\n{"text": "kept too"}\n`],
    ['utf32.txt', new Uint8Array([0xff, 0xfe, 0, 0, 0x68, 0, 0, 0, 0x69, 0, 0, 0, 0x0a, 0, 0, 0])],
    ['late-nul.txt', new Uint8Array([...new TextEncoder().encode(`${'fine line\n'.repeat(1000)}bad`), 0, 0x0a])],
  ];
  for (const [name, content] of files) await writeFile(join(dir, name), content);
  await page.getByLabel('Import tasks').setInputFiles(files.map(([name]) => join(dir, name)));

  const result = (name: string) => page.getByRole('status', { name: `Import result for ${name}` });
  await expect(result('long-line.txt')).toContainText('long-line.txt: imported 2 tasks');
  await expect(result('big.json')).toContainText('big.json: imported 20,000 tasks');
  await expect(result('numbers.json')).toContainText(
    'numbers.json, line 2: expected a task object or a text string, found a number (not one task could be read from this file)',
  );
  await expect(result('unclosed.csv')).toContainText('unclosed.csv, line 2: a quoted field opens on this line and is never closed');
  // Stored by Chromium's own IndexedDB, whose structured clone ran out of stack on this record before.
  await expect(result('deep-meta.jsonl')).toContainText('deep-meta.jsonl: imported 2 tasks');
  await expect(result('deep-meta.jsonl')).toContainText('deep-meta.jsonl, line 2: field "meta" is nested deeper than 64 levels');
  await expect(result('utf32.txt')).toContainText('utf32.txt: is UTF-32 text, which cannot be read here; save it as UTF-8 and import again');
  await expect(result('late-nul.txt')).toContainText('late-nul.txt, line 1001: holds a NUL character');
  await expect(page.getByText('20,004 tasks in the project now')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Which column holds the text to label?' })).toBeHidden();
  await screenshot(page, 'import-dead-ends-desktop');
});

test('a repeated id with another text is listed with its lines, and the column form offers only columns with text', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-repeats-'));
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await annotator.createProject('Repeats', ['Yes', 'No']);
  const jsonl = (rows: object[]) => `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;
  await writeFile(join(dir, 'first.jsonl'), jsonl([{ id: '17', text: 'The pump at the north well is broken.' }]));
  await expect(await annotator.importFile(join(dir, 'first.jsonl'), 'first.jsonl')).toContainText('imported 1 task');

  await writeFile(
    join(dir, 'second.jsonl'),
    jsonl([
      { id: '42', text: 'Road to the clinic flooded again.' },
      { id: '42', text: 'Road to the clinic flooded again.' },
      { id: '42', text: 'Road to the school flooded.' },
      { id: '17', text: 'The pump at the north well works now.' },
      { id: '18', text: 'Market prices rose this week.' },
    ]),
  );
  const summary = await annotator.importFile(join(dir, 'second.jsonl'), 'second.jsonl');
  await expect(summary).toContainText('second.jsonl: imported 2 tasks · 3 duplicates skipped (2 with a different text) · 0 lines rejected');
  await expect(summary.getByRole('listitem')).toHaveText([
    'second.jsonl, line 3: id "42" repeats line 1 with a different text; skipped',
    'second.jsonl, line 4: id "17" is already in the project with a different text; skipped',
  ]);
  await screenshot(page, 'import-repeated-ids-desktop');
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'import-repeated-ids-tablet-dark');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });

  await writeFile(join(dir, 'pairs.jsonl'), jsonl([{ question: 'Is the well dry?', answer: 'No, it is full.', votes: 3 }]));
  await page.getByLabel('Import tasks').setInputFiles(join(dir, 'pairs.jsonl'));
  await expect(page.getByRole('heading', { name: 'Which column holds the text to label?' })).toBeVisible();
  const column = page.getByLabel('Text column');
  await expect(column.getByRole('option')).toHaveText(['Choose a column', 'question', 'answer']);
  await screenshot(page, 'import-choose-column-desktop');
  await column.selectOption('question');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Import result for pairs.jsonl' })).toContainText('pairs.jsonl: imported 1 task');
});
