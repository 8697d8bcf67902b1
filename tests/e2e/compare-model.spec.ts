// The reward model in the loop, in the browser: an annotator judges chats by keyboard, the model learns which
// reply people prefer and says so with a calibrated confidence and its word; the Model tab shows the judgements'
// figures, the reliability chart and its calibration error; the bundled test encoder then embeds every prompt and
// reply, and the suggestions come from it.
import type { Page } from '@playwright/test';
import { confidenceWord } from '../../src/lib/learn/reliability';
import { expect, screenshot, storedRows, test } from './support/fixtures';

const TOPICS = ['an invoice', 'a parcel', 'a password', 'a refund', 'a meeting', 'a printer', 'a booking', 'a warranty'];
const TASKS = 30;
const JUDGED = 20;
/** Judgements made before the model is asked (it trains from ten on). */
const FIRST = 10;

/** Task i: a helpful reply and a dismissive one, under ids that do not say which is which. */
function chats(): string {
  return Array.from({ length: TASKS }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length] as string;
    const good = `Happy to help with ${topic}: here are the steps, checked and explained (case ${i}).`;
    const bad = `No idea about ${topic}. Look it up yourself (case ${i}).`;
    const responses = i % 2 === 0 ? [{ id: 'r1', text: good }, { id: 'r2', text: bad }] : [{ id: 'r1', text: bad }, { id: 'r2', text: good }];
    return JSON.stringify({ id: `c${i}`, prompt: `A question about ${topic}, number ${i}.`, responses });
  }).join('\n');
}

const progress = (page: Page) => page.getByRole('status', { name: 'Progress' });
const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name }).click();

function embeddingLengths(page: Page): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('fieldlabel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('embeddings').objectStore('embeddings').getAll();
          request.onsuccess = () => resolve((request.result as { vector: Float32Array }[]).map((row) => row.vector.length));
        };
      }),
  );
}

/**
 * Prefers the helpful reply wherever it is shown, and submits. After the first judgements, waits for the model's
 * suggestion first: a judgement made before it arrives would leave nothing for the calibration to count.
 */
async function judgeHelpful(page: Page, done: number): Promise<void> {
  if (done > FIRST) await expect(page.getByRole('status', { name: 'Suggestion' })).toBeVisible();
  const a = (await page.getByRole('region', { name: 'Response A', exact: true }).textContent()) ?? '';
  await page.keyboard.press(a.includes('Happy to help') ? '1' : '2');
  await page.keyboard.press('Enter');
  await expect(progress(page)).toContainText(`${done} / ${TASKS} compared`);
}

test('the reward model learns from judgements, shows a calibrated confidence, and reads embeddings of every reply once a model is used', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project name').fill('Support replies');
  await page.getByLabel('Task type').selectOption({ label: 'Compare responses' });
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByLabel('Import tasks').setInputFiles({ name: 'chats.jsonl', mimeType: 'application/json', buffer: Buffer.from(chats()) });
  await page.getByRole('form', { name: 'Detected format' }).getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status', { name: 'Import result for chats.jsonl' })).toContainText(`imported ${TASKS} tasks`);
  // No hidden suggestions in this project: every judgement after the first ten is made with one shown.
  await tab(page, 'Settings');
  const hidden = page.getByRole('form', { name: 'Hidden suggestions' });
  await hidden.getByLabel('Hide the suggestion on (0–50 %)').fill('0');
  await hidden.getByRole('button', { name: 'Save' }).click();
  await expect(hidden.getByRole('status')).toContainText('Saved');
  await tab(page, 'Annotate');

  for (let done = 1; done <= FIRST; done++) await judgeHelpful(page, done);
  // Keys pressed faster than a person presses them keep the retrain waiting: let the model learn from the first
  // judgements, as it does while a person reads, then fetch the open task's suggestion afresh (back and forth).
  await tab(page, 'Model');
  await expect(page.getByLabel('Learned from')).toHaveText(`learned from ${FIRST} judgements`, { timeout: 30_000 });
  await tab(page, 'Annotate');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  for (let done = FIRST + 1; done <= JUDGED; done++) await judgeHelpful(page, done);

  await tab(page, 'Model');
  await expect(page.getByLabel('Learned from')).toHaveText(`learned from ${JUDGED} judgements`, { timeout: 30_000 });
  await expect(page.getByText('how often the model prefers the response you preferred')).toBeVisible();
  await expect(page.getByLabel('Estimated accuracy', { exact: true })).toHaveText(/^\d+%$/);
  await expect(page.getByRole('img', { name: /^Reliability/ })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Learning curve: estimated accuracy by number of judgements' })).toContainText(/\d+ judgements/);
  await expect(page.getByLabel('Calibration error')).toHaveText(/^\d+%$/);
  // Nothing hidden in this project, so no anchoring check to show.
  await expect(page.getByRole('heading', { name: 'Do suggestions sway the annotators?' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'What to judge next' })).toBeVisible();
  await screenshot(page, 'model-compare-desktop');
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, 'model-compare-tablet');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The suggestion on the next pair: the helpful reply, its calibrated number and the word that goes with it.
  await tab(page, 'Annotate');
  const suggestion = page.getByRole('status', { name: 'Suggestion' });
  await expect(suggestion).toBeVisible();
  const words = (await suggestion.textContent()) ?? '';
  const percent = Number(/(\d+)%/.exec(words)?.[1]);
  expect(words).toContain(`${percent}% ${confidenceWord(percent / 100)}`);
  const helpfulIsA = ((await page.getByRole('region', { name: 'Response A', exact: true }).textContent()) ?? '').includes('Happy to help');
  expect(words).toContain(`Suggested: ${helpfulIsA ? 'A' : 'B'} is better`);

  // An encoder: the prompt and both replies of every task are embedded, and the next suggestions come from it.
  await tab(page, 'Model');
  await page.getByRole('button', { name: 'Use fieldlabel/test-tiny' }).click();
  await expect(page.getByText(`Embedded ${TASKS} / ${TASKS} tasks (prompt and each response)`)).toBeVisible({ timeout: 60_000 });
  await screenshot(page, 'model-compare-encoder-desktop');
  await page.getByLabel('Order').selectOption({ label: 'Least confident first' });
  await expect(page.getByText('Where the model is least sure which response people prefer.')).toBeVisible();
  // One row a task, three vectors end to end (prompt, then each reply).
  const lengths = await embeddingLengths(page);
  expect(lengths).toHaveLength(TASKS);
  expect(new Set(lengths).size).toBe(1);
  expect((lengths[0] as number) % 3).toBe(0);
  await tab(page, 'Annotate');
  for (let done = JUDGED + 1; done <= TASKS; done++) await judgeHelpful(page, done);
  const rows = (await storedRows(page, 'annotations')) as { suggestion: { modelVersion: string } | null }[];
  expect(rows.some((row) => /^fieldlabel\/test-tiny@\d+$/.test(row.suggestion?.modelVersion ?? ''))).toBe(true);
});
