// A coordinator brings files that Label Studio and doccano wrote, or that their importers take, into projects.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { AnnotatorPage } from './support/annotator-page';
import { expect, screenshot, storedRows, test } from './support/fixtures';

const SPAN_FIXTURES = fileURLToPath(new URL('../fixtures/spans/', import.meta.url));

/** Chooses a fixture of another tool in the import's file picker, as the coordinator would. */
async function chooseFixture(page: Page, name: string): Promise<void> {
  await page.getByLabel('Import tasks').setInputFiles({ name, mimeType: 'application/json', buffer: await readFile(SPAN_FIXTURES + name) });
}

async function screenshotsAtBothWidths(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, `${name}-tablet`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a Label Studio file of tasks with and without the data wrapper, labelled with choices, goes into a single-label project', async ({ page }) => {
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await annotator.createProject('Reviews', ['Positive', 'Negative']);

  await chooseFixture(page, 'labelstudio-unwrapped-choices.json');
  const detected = page.getByRole('form', { name: 'Detected format' });
  await expect(detected).toContainText('labelstudio-unwrapped-choices.json looks like a Label Studio JSON file');
  await expect(detected).toContainText('tasks with data and annotations, and tasks that are their own data');
  await detected.getByRole('button', { name: 'Import' }).click();
  const result = page.getByRole('status', { name: 'Import result for labelstudio-unwrapped-choices.json' });
  await expect(result).toContainText('labelstudio-unwrapped-choices.json: imported 3 tasks');
  await expect(result).toContainText('1 label and 0 suggestions taken over.');

  const tasks = (await storedRows(page, 'tasks')).sort((a, b) => Number(a.seq) - Number(b.seq));
  expect(tasks.map((task) => task.text)).toEqual(['The battery died after two days.', 'Setup took five minutes.', 'Arrived on time, works fine.']);
  const annotations = await storedRows(page, 'annotations');
  expect(annotations.map((annotation) => [annotation.taskId, annotation.value, annotation.status])).toEqual([['7', ['Positive'], 'labelled']]);

  await annotator.openTab('Annotate');
  await annotator.expectProgress(1, 3);
  await expect(annotator.taskText).toHaveText('The battery died after two days.');
});

test('a doccano relation export with an emoji before its spans: each span lands on its words, and the relations left out are named', async ({ page }) => {
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await annotator.createProject('Founders', ['ORG', 'DATE', 'PERSON'], 'Spans (names, places, …)');

  await chooseFixture(page, 'doccano-relations.jsonl');
  const detected = page.getByRole('form', { name: 'Detected format' });
  await expect(detected).toContainText('text with "entities" (a relation or intent project)');
  await expect(page.getByLabel('Read it as')).toHaveValue('doccano');
  await detected.getByRole('button', { name: 'Import' }).click();
  const result = page.getByRole('status', { name: 'Import result for doccano-relations.jsonl' });
  await expect(result).toContainText('doccano-relations.jsonl: imported 2 tasks');
  await expect(result).toContainText('doccano-relations.jsonl: not read, as fieldlabel has no place for them: 3 doccano relations.');
  await screenshotsAtBothWidths(page, 'import-summary-dropped-parts');

  await annotator.openTab('Annotate');
  const editor = page.getByRole('textbox', { name: /^Task text/ });
  // The open task comes first; the labelled one is the task before it.
  await expect(editor).toContainText('Nothing to see here.');
  await page.keyboard.press('PageUp');
  // Each label name is drawn right after its span: the spans cover exactly these words, after the emoji.
  await expect(editor).toHaveText('🎉 GoogleORG was founded on September 4, 1998DATE, by Larry PagePERSON and Sergey BrinPERSON 👏.');
});

test('JSON-MIN with the project\'s own field names and an old doccano export with label ids: the form asks for what it needs', async ({ page }) => {
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await annotator.createProject('Verdicts', ['Positive', 'Shipping'], 'Multi label');

  await chooseFixture(page, 'labelstudio-min-any-fields.json');
  const detected = page.getByRole('form', { name: 'Detected format' });
  await expect(detected.getByLabel('Text field')).toHaveValue('review');
  await expect(detected.getByLabel('Label field')).toHaveValue('verdict');
  await screenshotsAtBothWidths(page, 'import-detected-json-min-fields');
  await detected.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status', { name: 'Import result for labelstudio-min-any-fields.json' })).toContainText('imported 2 tasks');
  const values = (await storedRows(page, 'annotations')).map((annotation) => [annotation.annotatorId, annotation.value]);
  expect(values).toEqual([
    ['imported:ada@example.org', ['Positive']],
    ['imported:bo@example.org', ['Positive', 'Shipping']],
  ]);

  await page.getByRole('link', { name: 'fieldlabel: all projects' }).click();
  await annotator.createProject('Old NER', ['PER', 'ORG', 'MISC'], 'Spans (names, places, …)');
  await chooseFixture(page, 'doccano-annotations.jsonl');
  const ids = page.getByLabel('Label ids, as doccano numbered the labels');
  await expect(ids).toHaveValue('1=PER, 2=ORG, 3=MISC');
  await ids.fill('1=PER, ORG');
  await expect(page.getByRole('form', { name: 'Detected format' }).getByRole('button', { name: 'Import' })).toBeDisabled();
  await screenshotsAtBothWidths(page, 'import-detected-doccano-label-ids');
  await ids.fill('1=PER, 2=ORG, 3=MISC');
  await page.getByRole('form', { name: 'Detected format' }).getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status', { name: 'Import result for doccano-annotations.jsonl' })).toContainText('imported 3 tasks');
});

test('a Hugging Face emotion file (text with label numbers) goes into a single-label project, numbered by its labels', async ({ page }) => {
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await annotator.createProject('Emotions', ['sadness', 'joy', 'love', 'anger']);

  await chooseFixture(page, 'hf-emotion-single.jsonl');
  const detected = page.getByRole('form', { name: 'Detected format' });
  await expect(detected).toContainText('Hugging Face JSONL: text with label indices');
  await expect(detected.getByLabel('Label names, in the order of the numbers in the file')).toHaveValue('sadness, joy, love, anger');
  await detected.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status', { name: 'Import result for hf-emotion-single.jsonl' })).toContainText('hf-emotion-single.jsonl: imported 3 tasks');

  const annotations = await storedRows(page, 'annotations');
  expect(annotations.map((annotation) => annotation.value).sort()).toEqual([['anger'], ['joy'], ['sadness']]);
});
