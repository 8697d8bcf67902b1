// A coordinator brings a public preference set into a "Compare responses" project and hands it on as training files.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { AnnotatorPage } from './support/annotator-page';
import { expect, screenshot, storedRows, test } from './support/fixtures';

const FIXTURES = fileURLToPath(new URL('../fixtures/compare/', import.meta.url));

async function chooseFixture(page: Page, name: string): Promise<void> {
  await page.getByLabel('Import tasks').setInputFiles({ name, mimeType: 'application/json', buffer: await readFile(FIXTURES + name) });
}

async function screenshotsAtBothWidths(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, `${name}-tablet`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Makes a "Compare responses" project with the new-project form; the page lands on its Import tab. */
async function createCompareProject(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project name').fill(name);
  await page.getByLabel('Task type').selectOption({ label: 'Compare responses' });
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name: `Import tasks into “${name}”` })).toBeVisible();
}

async function exported(page: Page, format: string): Promise<{ name: string; lines: Record<string, unknown>[] }> {
  await page.getByLabel('Training file format').selectOption(format);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export for' }).click();
  const download = await downloading;
  const text = await readFile(await download.path(), 'utf8');
  return { name: download.suggestedFilename(), lines: text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

test('a project that labels texts says a TRL file holds responses to compare, and refuses it', async ({ page }) => {
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await annotator.createProject('Answers', ['Preferred']);
  await chooseFixture(page, 'ultra.trl.jsonl');
  const detected = page.getByRole('form', { name: 'Detected format' });
  await expect(detected).toContainText('ultra.trl.jsonl holds responses to compare');
  await expect(detected.getByLabel('Read it as')).toHaveValue('trl');
  await detected.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('but project "Answers" labels texts. Import it into a "Compare responses" project; nothing was imported.')).toBeVisible();
  expect(await storedRows(page, 'tasks')).toEqual([]);
});

test('a TRL preference set comes into a compare project judged by its file, and goes out as TRL and OpenAI files', async ({ page, context }) => {
  // The browser's save dialog cannot be driven headless: this run takes the download path.
  await context.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await createCompareProject(page, 'Answers');
  await expect(page.getByText('Prompts or chats with 2–4 responses each')).toBeVisible();
  await chooseFixture(page, 'ultra.trl.jsonl');
  const detected = page.getByRole('form', { name: 'Detected format' });
  await expect(detected).toContainText('TRL preference JSONL (standard): prompt, chosen and rejected; each pair comes in as a task judged by "ultra.trl"');
  await expect(detected.getByLabel('Read it as')).toHaveValue('trl');
  await screenshotsAtBothWidths(page, 'compare-import-detected');
  await detected.getByRole('button', { name: 'Import' }).click();
  const result = page.getByRole('status', { name: 'Import result for ultra.trl.jsonl' });
  await expect(result).toContainText('imported 4 tasks');
  await expect(result).toContainText('4 judgements by 1 annotator and 0 model verdicts (as suggestions) taken over.');

  await annotator.openTab('Sync');
  await expect(page.getByRole('heading', { name: 'Export judgements' })).toBeVisible();
  await screenshotsAtBothWidths(page, 'compare-export-card');
  const source = (await readFile(FIXTURES + 'ultra.trl.jsonl', 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as { prompt: string; chosen: string; rejected: string });

  const trl = await exported(page, 'trl');
  expect(trl.name).toMatch(/\.trl\.jsonl$/);
  expect(trl.lines).toEqual(source.map(({ prompt, chosen, rejected }) => ({ prompt, chosen, rejected })));
  await expect(page.getByRole('status', { name: 'Export result' })).toContainText('Exported 4 pairs');

  const openai = await exported(page, 'openai-preference');
  expect(openai.lines).toEqual(
    source.map(({ prompt, chosen, rejected }) => ({
      input: { messages: [{ role: 'user', content: prompt }] },
      preferred_output: [{ role: 'assistant', content: chosen }],
      non_preferred_output: [{ role: 'assistant', content: rejected }],
    })),
  );
});
