// Judging what a model wrote: a coordinator makes a "Compare responses" project and imports a file of chats (one
// response carries HTML, one task a model judge's verdict), an annotator judges by keyboard on a desktop and by touch
// on a tablet, corrects a response, finds every judgement again offline, and exports TRL and OpenAI preference files.
// A response that carries HTML stays text: nothing loads, nothing runs.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { decodeJudgement, type Judgement } from '../../src/lib/domain/compare';
import { hidesSuggestion } from '../../src/lib/state/annotator-seed';
import { shownOrder } from '../../src/lib/state/tasks/compare/shown-order';
import { DIST, expect, screenshot, storedRows, test, waitForServiceWorker } from './support/fixtures';
import { serveDirectory } from './support/static-server';

/**
 * A Content-Security-Policy as strict as the app can run under (no inline script, no eval; style attributes
 * allowed): the tablet test runs under it and records every violation the page reports.
 */
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self' blob: data:";
const underCsp = test.extend({
  app: async ({}, use) => {
    const server = await serveDirectory(DIST, { 'content-security-policy': CSP });
    await use(server);
    await server.stop();
  },
});

const FIXTURES = fileURLToPath(new URL('../fixtures/compare/', import.meta.url));
interface ChatLine {
  id: string;
  messages: { role: string; content: string }[];
  responses?: { id: string; text: string }[];
}
const CHATS = async (): Promise<ChatLine[]> => (await readFile(FIXTURES + 'chats.jsonl', 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as ChatLine);
const HOSTILE = '<img src=x onerror=alert(1)>';
/** The default rubric's share of tasks whose suggestion is hidden from each annotator. */
const HIDDEN_SHARE = 0.1;

async function createCompareProject(page: Page, name: string, ratingItems: string, correction: boolean, screen: string): Promise<void> {
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project name').fill(name);
  await page.getByLabel('Task type').selectOption({ label: 'Compare responses' });
  if (ratingItems) await page.getByLabel('Rating items').fill(ratingItems);
  if (correction) await page.getByLabel('Annotators may correct the chosen response').check();
  await screenshot(page, screen);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/#\/project\/[^/]+\/import$/);
}

/** Imports a file through the Import tab as detected, then opens the Annotate tab. */
async function importFile(page: Page, name: string, buffer: Buffer, tasks: number): Promise<void> {
  await page.getByLabel('Import tasks').setInputFiles({ name, mimeType: 'application/json', buffer });
  const detected = page.getByRole('form', { name: 'Detected format' });
  await expect(detected.getByLabel('Read it as')).toHaveValue('responses');
  await detected.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status', { name: `Import result for ${name}` })).toContainText(`imported ${tasks} task`);
  await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Annotate' }).click();
}

/** The id this browser's annotator got on first start: which response is shown first, and which suggestion is hidden, follow from it. */
function annotatorId(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('fieldlabel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('settings').objectStore('settings').get('localAnnotator');
          request.onsuccess = () => resolve((request.result as { value: { id: string } }).value.id);
        };
      }),
  );
}

async function judgements(page: Page): Promise<Record<string, Judgement>> {
  const rows = (await storedRows(page, 'annotations')) as { taskId: string; status: string; value: string[] }[];
  const labelled = rows.filter((row) => row.status === 'labelled');
  for (const row of labelled) expect(row.value).toHaveLength(1);
  return Object.fromEntries(labelled.map((row) => [row.taskId, decodeJudgement(row.value[0]!) as Judgement]));
}

async function exported(page: Page, format: string): Promise<Record<string, unknown>[]> {
  await page.getByLabel('Training file format').selectOption(format);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export for' }).click();
  const text = await readFile(await (await downloading).path(), 'utf8');
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

const progress = (page: Page) => page.getByRole('status', { name: 'Progress' });
const response = (page: Page, name: string) => page.getByRole('region', { name: `Response ${name}`, exact: true });

interface StoredTask {
  id: string;
  compare: { messages: { role: string; content: string }[]; responses: { id: string; text: string }[] };
}

/** Each imported task's responses in the order this annotator sees them. */
async function shownIds(page: Page, annotator: string): Promise<Record<string, string[]>> {
  const tasks = (await storedRows(page, 'tasks')) as unknown as StoredTask[];
  return Object.fromEntries(tasks.map((task) => [task.id, shownOrder(task.compare.responses, annotator, task.id).map((r) => r.id)]));
}

test('on a desktop, imported chats are judged, rated and corrected by keyboard, kept offline and exported as TRL and OpenAI files; HTML stays inert', async ({ page, context, app }) => {
  // The browser's save dialog cannot be driven headless: this run takes the download path.
  await context.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
  const hostileRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/x$/.test(new URL(request.url()).pathname)) hostileRequests.push(request.url());
  });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto('/');
  await createCompareProject(page, 'Chatbot replies', 'Helpfulness: useless | poor | fair | good | excellent', true, 'new-project-compare-desktop');
  await importFile(page, 'chats.jsonl', await readFile(FIXTURES + 'chats.jsonl'), 2);
  await expect(progress(page)).toContainText('0 / 2 compared');

  const [c1] = await CHATS();
  const annotator = await annotatorId(page);
  const order = await shownIds(page, annotator);
  const [firstA, firstB] = order.c1!;
  const text = (id: string) => c1!.responses!.find((r) => r.id === id)!.text;

  const prompt = page.getByRole('region', { name: 'Prompt' });
  await expect(prompt).toContainText('You answer briefly.');
  await expect(prompt).toContainText('How do I reverse a list in Python?');
  // Side by side on a desktop, each scrolling on its own.
  const [a, b] = [await response(page, 'A').boundingBox(), await response(page, 'B').boundingBox()];
  expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
  expect(Math.abs(b!.y - a!.y)).toBeLessThan(2);
  const panes = page.getByRole('region', { name: /^Response [AB]$/ });
  await expect(panes.filter({ hasText: HOSTILE })).toHaveCount(1);
  await expect(panes.locator('pre code')).toContainText('items[::-1]');
  await expect(page.locator('main img, section img')).toHaveCount(0);

  // The model judge's verdict (gpt, score 0.82) is the suggestion, pre-selected under the letter gpt is shown as —
  // unless this task is one of the annotator's seeded share whose suggestion is hidden.
  const hidden = hidesSuggestion(annotator, 'c1', HIDDEN_SHARE);
  const judgeLetter = firstA === 'gpt' ? 'A' : 'B';
  const suggestion = page.getByRole('status', { name: 'Suggestion' });
  if (hidden) {
    await expect(suggestion).toHaveCount(0);
  } else {
    await expect(suggestion).toContainText(`Suggested: ${judgeLetter} is better`);
    await expect(suggestion).toContainText('82% likely');
    await expect(page.getByRole('button', { name: `${judgeLetter} is better` })).toHaveAttribute('aria-pressed', 'true');
  }
  await screenshot(page, 'compare-desktop');

  // The annotator prefers A (a key replaces the suggestion), rates it, and corrects it.
  await page.keyboard.press('1');
  await expect(page.getByRole('button', { name: 'A is better' })).toHaveAttribute('aria-pressed', 'true');
  const helpfulness = page.getByRole('group', { name: 'Helpfulness' });
  await expect(helpfulness).toContainText('keys 1–5');
  await page.keyboard.press('4');
  await expect(helpfulness.getByRole('button', { name: '4' })).toHaveAttribute('aria-pressed', 'true');
  await expect(helpfulness).toContainText('4: good');
  await page.keyboard.press('e');
  const editor = page.getByRole('textbox', { name: 'Corrected response' });
  await expect(editor).toBeFocused();
  await editor.fill('Use `items[::-1]` for a reversed copy, or `items.reverse()` in place.');
  await screenshot(page, 'compare-desktop-correcting');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(response(page, 'A')).toContainText('Corrected');
  await page.keyboard.press('Enter');
  await expect(progress(page)).toContainText('1 / 2 compared');
  await expect(prompt).toContainText('Name a prime number.');
  await expect(panes.locator('strong')).toHaveText('7');

  // A tie needs its rating too: Enter says so and stores nothing.
  await page.keyboard.press('3');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Rate “Helpfulness” (1–5).')).toBeVisible();
  await page.keyboard.press('5');
  await page.keyboard.press('Enter');
  await expect(progress(page)).toContainText('2 / 2 compared');

  await page.getByRole('button', { name: 'Show differences' }).click();
  await expect(page.getByRole('region', { name: 'Differences between A and B' })).toBeVisible();
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'compare-desktop-dark-diff');
  await page.emulateMedia({ colorScheme: 'light' });

  const stored = await judgements(page);
  const corrected = 'Use `items[::-1]` for a reversed copy, or `items.reverse()` in place.';
  expect(stored.c1).toEqual({ shown: [firstA, firstB], preference: { kind: 'better', id: firstA }, ratings: { Helpfulness: 4 }, correction: { id: firstA, text: corrected }, rationale: '' });
  expect(stored.c2).toMatchObject({ shown: order.c2, preference: { kind: 'tie' }, ratings: { Helpfulness: 5 }, correction: null });
  // The judge's verdict is stored with the judgement, and what became of it.
  const rows = (await storedRows(page, 'annotations')) as { taskId: string; suggestion: { value: string[]; confidence: number; hidden?: true } | null; suggestionOutcome: string | null }[];
  const c1Row = rows.find((row) => row.taskId === 'c1')!;
  expect(c1Row.suggestion).toMatchObject({ confidence: 0.82, ...(hidden ? { hidden: true } : {}) });
  expect((decodeJudgement(c1Row.suggestion!.value[0]!) as Judgement).preference).toEqual({ kind: 'better', id: 'gpt' });
  expect(c1Row.suggestionOutcome).toBe(hidden ? null : firstA === 'gpt' ? 'accepted' : 'changed');

  // Offline, with the server gone: the judgements are still there, shown as they were made.
  await waitForServiceWorker(page);
  await app.stop();
  await context.setOffline(true);
  await page.reload();
  await expect(progress(page)).toContainText('2 / 2 compared');
  await page.keyboard.press('ArrowLeft');
  await expect(prompt).toContainText('How do I reverse a list in Python?');
  await expect(response(page, 'A')).toContainText('Corrected');
  await expect(page.getByRole('button', { name: 'A is better' })).toHaveAttribute('aria-pressed', 'true');

  // Exported from the Sync tab, still offline: the pair judged (the tie is left out), conversational for TRL as the
  // chat has a system turn.
  await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Sync' }).click();
  const chat = c1!.messages;
  expect(await exported(page, 'trl')).toEqual([
    { prompt: chat, chosen: [{ role: 'assistant', content: text(firstA!) }], rejected: [{ role: 'assistant', content: text(firstB!) }] },
  ]);
  await expect(page.getByRole('status', { name: 'Export result' })).toContainText(/Exported 1 pair → .*judgements left out .*: tie 1/);
  expect(await exported(page, 'openai-preference')).toEqual([
    { input: { messages: chat }, preferred_output: [{ role: 'assistant', content: text(firstA!) }], non_preferred_output: [{ role: 'assistant', content: text(firstB!) }] },
  ]);

  // The Model tab sets agreement with the model where its suggestion was hidden beside where it was shown.
  await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Model' }).click();
  const agreement = page.getByRole('table', { name: 'Agreement with the model' });
  // The annotator's row: labels made with the suggestion shown, then with it hidden.
  const cells = agreement.getByRole('row', { name: /\(you\)|^You / }).getByRole('cell');
  await expect(cells.nth(hidden ? 2 : 0)).toHaveText(/^[12]$/);
  await screenshot(page, 'model-anchoring-desktop');
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, 'model-anchoring-tablet');

  expect(hostileRequests).toEqual([]);
  expect(dialogs).toEqual([]);
});

test('four responses are ranked best first by keyboard, the last falling into place', async ({ page }) => {
  await page.goto('/');
  await createCompareProject(page, 'Four models', '', false, 'new-project-compare-four');
  const texts = ['Paris.', 'The capital of France is **Paris**.', 'Lyon.', 'I am not sure; maybe Paris or Lyon.'];
  const line = { id: 'four', prompt: 'What is the capital of France?', responses: texts.map((text, i) => ({ id: `m${i}`, text })) };
  await importFile(page, 'four.jsonl', Buffer.from(`${JSON.stringify(line)}\n`), 1);
  await expect(progress(page)).toContainText('0 / 1 compared');
  for (const name of ['A', 'B', 'C', 'D']) await expect(response(page, name)).toBeVisible();
  await page.keyboard.press('c');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Rank the responses, best first')).toBeVisible();
  await page.keyboard.press('4');
  await expect(page.getByRole('button', { name: 'Rank B' })).toHaveAttribute('aria-pressed', 'true');
  await screenshot(page, 'compare-desktop-ranking');
  await page.keyboard.press('Enter');
  await expect(progress(page)).toContainText('1 / 1 compared');
  const judgement = (await judgements(page)).four!;
  const [a, b, c, d] = judgement.shown;
  expect(judgement.preference).toEqual({ kind: 'ranking', ids: [c, a, d, b] });
});

underCsp.describe('on a tablet, under a strict Content-Security-Policy', () => {
  underCsp.use({ viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });

  underCsp('responses stack, one tap on a preference stores it when nothing else is asked, and undo takes it back', async ({ page }) => {
    await page.addInitScript(() => {
      const violations: string[] = [];
      Object.assign(window, { cspViolations: violations });
      document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await page.goto('/');
    await createCompareProject(page, 'Quick preferences', '', false, 'new-project-compare-tablet');
    await importFile(page, 'chats.jsonl', await readFile(FIXTURES + 'chats.jsonl'), 2);
    await expect(progress(page)).toContainText('0 / 2 compared');
    const [a, b] = [await response(page, 'A').boundingBox(), await response(page, 'B').boundingBox()];
    expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1);
    expect(Math.abs(b!.x - a!.x)).toBeLessThan(2);
    await expect(page.getByRole('region', { name: /^Response [AB]$/ }).locator('pre code')).toContainText('items[::-1]');
    for (const name of ['A is better', 'B is better', 'Tie', 'Both bad']) {
      expect((await page.getByRole('button', { name }).boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    await screenshot(page, 'compare-tablet');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'compare-tablet-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // One tap stores the preference, whatever the suggestion had pre-selected.
    await page.getByRole('button', { name: 'B is better' }).tap();
    await expect(progress(page)).toContainText('1 / 2 compared');
    await page.getByRole('button', { name: 'Both bad' }).tap();
    await expect(progress(page)).toContainText('2 / 2 compared');
    await page.getByRole('button', { name: 'Undo' }).tap();
    await expect(progress(page)).toContainText('1 / 2 compared');
    await expect(page.getByRole('region', { name: 'Prompt' })).toContainText('Name a prime number.');

    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);

    const stored = await judgements(page);
    expect(Object.keys(stored)).toEqual(['c1']);
    expect(stored.c1!.preference).toEqual({ kind: 'better', id: stored.c1!.shown[1] });
  });
});
