// Judging what a model wrote: a coordinator makes a "Compare responses" project, an annotator judges by keyboard on a
// desktop and by touch on a tablet, corrects a response, and finds every judgement again offline. A response that
// carries HTML stays text: nothing loads, nothing runs.
//
// Tasks are written straight into the app's IndexedDB (the rows the compare import stores) until that import is on
// main; everything after that goes through the screen.
import type { Page } from '@playwright/test';
import { decodeJudgement, type CompareContent, type Judgement } from '../../src/lib/domain/compare';
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

const HOSTILE = 'Sure! <img src=x onerror="window.pwned = true"> Here you go.';

const TASKS: { id: string; compare: CompareContent }[] = [
  {
    id: 'reverse-list',
    compare: {
      messages: [
        { role: 'system', content: 'You are a helpful programming assistant.' },
        { role: 'user', content: 'How do I reverse a list in **Python**?' },
      ],
      responses: [
        { id: 'good', text: 'Use slicing or `reversed`:\n\n```python\nitems = [1, 2, 3]\nprint(items[::-1])\n```\n\n- `items.reverse()` reverses in place.' },
        { id: 'hostile', text: HOSTILE },
      ],
    },
  },
  {
    id: 'capital',
    compare: {
      messages: [
        { role: 'user', content: 'What is the capital of France?' },
        { role: 'assistant', content: 'Paris.' },
        { role: 'user', content: 'And of Italy?' },
      ],
      responses: [
        { id: 'rome', text: 'The capital of Italy is Rome.' },
        { id: 'rome-too', text: 'Rome is the capital of Italy.' },
      ],
    },
  },
  {
    id: 'haiku',
    compare: {
      messages: [{ role: 'user', content: 'Write a haiku about rain.' }],
      responses: [
        { id: 'h1', text: 'Soft rain on the roof\nthe kettle begins to sing\nslow afternoon tea' },
        { id: 'h2', text: 'Rain is wet. It falls.' },
      ],
    },
  },
];

async function createCompareProject(page: Page, name: string, ratingItems: string, correction: boolean, screen: string): Promise<string> {
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project name').fill(name);
  await page.getByLabel('Task type').selectOption({ label: 'Compare responses' });
  if (ratingItems) await page.getByLabel('Rating items').fill(ratingItems);
  if (correction) await page.getByLabel('Annotators may correct the chosen response').check();
  await screenshot(page, screen);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/#\/project\/[^/]+\/import$/);
  return decodeURIComponent(/#\/project\/([^/]+)\//.exec(page.url())![1]!);
}

/** Stores the tasks as the compare import would: numbered in file order, the prompt as one string in `text`. */
async function seedTasks(page: Page, projectId: string, tasks = TASKS): Promise<void> {
  await page.evaluate(
    ({ projectId, tasks }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fieldlabel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['tasks', 'projects'], 'readwrite');
          tasks.forEach((task, seq) => {
            const text = task.compare.messages.map((m) => m.content).join('\n\n');
            tx.objectStore('tasks').put({ projectId, id: task.id, seq, text, meta: {}, importId: 'e2e-seed', compare: task.compare });
          });
          const projects = tx.objectStore('projects');
          const get = projects.get(projectId);
          get.onsuccess = () => projects.put({ ...get.result, nextSeq: tasks.length });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    { projectId, tasks },
  );
}

async function judgements(page: Page): Promise<Record<string, Judgement>> {
  const rows = (await storedRows(page, 'annotations')) as { taskId: string; status: string; value: string[] }[];
  const labelled = rows.filter((row) => row.status === 'labelled');
  for (const row of labelled) expect(row.value).toHaveLength(1);
  return Object.fromEntries(labelled.map((row) => [row.taskId, decodeJudgement(row.value[0]!) as Judgement]));
}

const progress = (page: Page) => page.getByRole('status', { name: 'Progress' });
const response = (page: Page, name: string) => page.getByRole('region', { name: `Response ${name}`, exact: true });

test('on a desktop, responses are judged, rated and corrected by keyboard, and kept offline; HTML in a response stays inert', async ({ page, context, app }) => {
  const hostileRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/x$/.test(new URL(request.url()).pathname)) hostileRequests.push(request.url());
  });
  await page.goto('/');
  const projectId = await createCompareProject(page, 'Chatbot replies', 'Helpfulness: useless | poor | fair | good | excellent', true, 'new-project-compare-desktop');
  await seedTasks(page, projectId);
  await page.goto(`/#/project/${encodeURIComponent(projectId)}/annotate`);
  await page.reload();
  await expect(progress(page)).toContainText('0 / 3 compared');

  const prompt = page.getByRole('region', { name: 'Prompt' });
  await expect(prompt).toContainText('How do I reverse a list in Python?');
  await expect(prompt.locator('strong')).toHaveText('Python');
  // Side by side on a desktop, each scrolling on its own.
  const [a, b] = [await response(page, 'A').boundingBox(), await response(page, 'B').boundingBox()];
  expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
  expect(Math.abs(b!.y - a!.y)).toBeLessThan(2);
  const panes = page.getByRole('region', { name: /^Response [AB]$/ });
  await expect(panes.getByText(HOSTILE)).toBeVisible();
  await expect(panes.locator('pre code')).toContainText('print(items[::-1])');
  await expect(page.locator('main img, section img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
  const shownFirst = (await response(page, 'A').textContent())!.includes('Use slicing') ? 'good' : 'hostile';
  await screenshot(page, 'compare-desktop');

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
  await expect(progress(page)).toContainText('1 / 3 compared');
  await expect(prompt).toContainText('And of Italy?');

  // A tie needs its rating too: Enter says so and stores nothing.
  await page.keyboard.press('3');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Rate “Helpfulness” (1–5).')).toBeVisible();
  await page.keyboard.press('5');
  await page.keyboard.press('Enter');
  await expect(progress(page)).toContainText('2 / 3 compared');

  await page.getByRole('button', { name: 'Show differences' }).click();
  await expect(page.getByRole('region', { name: 'Differences between A and B' })).toBeVisible();
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'compare-desktop-dark-diff');
  await page.emulateMedia({ colorScheme: 'light' });

  const stored = await judgements(page);
  const first = stored['reverse-list']!;
  expect(first.shown[0]).toBe(shownFirst);
  expect(first.preference).toEqual({ kind: 'better', id: shownFirst });
  expect(first.ratings).toEqual({ Helpfulness: 4 });
  expect(first.correction).toEqual({ id: shownFirst, text: 'Use `items[::-1]` for a reversed copy, or `items.reverse()` in place.' });
  expect(stored.capital).toMatchObject({ preference: { kind: 'tie' }, ratings: { Helpfulness: 5 }, correction: null });

  // Offline, with the server gone: the judgements are still there, shown as they were made.
  await waitForServiceWorker(page);
  await app.stop();
  await context.setOffline(true);
  await page.reload();
  await expect(progress(page)).toContainText('2 / 3 compared');
  await page.keyboard.press('ArrowLeft');
  await expect(prompt).toContainText('And of Italy?');
  await expect(page.getByRole('button', { name: 'Tie' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(response(page, 'A')).toContainText('Corrected');
  expect((await response(page, 'A').textContent())!.includes('Use slicing')).toBe(shownFirst === 'good');
  expect(hostileRequests).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
});

test('four responses are ranked best first by keyboard, the last falling into place', async ({ page }) => {
  await page.goto('/');
  const projectId = await createCompareProject(page, 'Four models', '', false, 'new-project-compare-four');
  const texts = ['Paris.', 'The capital of France is **Paris**.', 'Lyon.', 'I am not sure; maybe Paris or Lyon.'];
  await seedTasks(page, projectId, [
    { id: 'four', compare: { messages: [{ role: 'user', content: 'What is the capital of France?' }], responses: texts.map((text, i) => ({ id: `m${i}`, text })) } },
  ]);
  await page.goto(`/#/project/${encodeURIComponent(projectId)}/annotate`);
  await page.reload();
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
    const projectId = await createCompareProject(page, 'Quick preferences', '', false, 'new-project-compare-tablet');
    await seedTasks(page, projectId);
    await page.goto(`/#/project/${encodeURIComponent(projectId)}/annotate`);
    await page.reload();
    await expect(progress(page)).toContainText('0 / 3 compared');
    const [a, b] = [await response(page, 'A').boundingBox(), await response(page, 'B').boundingBox()];
    expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1);
    expect(Math.abs(b!.x - a!.x)).toBeLessThan(2);
    await expect(page.getByRole('region', { name: /^Response [AB]$/ }).locator('pre code')).toContainText('print(items[::-1])');
    for (const name of ['A is better', 'B is better', 'Tie', 'Both bad']) {
      expect((await page.getByRole('button', { name }).boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    await screenshot(page, 'compare-tablet');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'compare-tablet-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('button', { name: 'B is better' }).tap();
    await expect(progress(page)).toContainText('1 / 3 compared');
    await page.getByRole('button', { name: 'Both bad' }).tap();
    await expect(progress(page)).toContainText('2 / 3 compared');
    await page.getByRole('button', { name: 'Undo' }).tap();
    await expect(progress(page)).toContainText('1 / 3 compared');
    await expect(page.getByRole('region', { name: 'Prompt' })).toContainText('And of Italy?');

    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);

    const stored = await judgements(page);
    expect(Object.keys(stored)).toEqual(['reverse-list']);
    expect(stored['reverse-list']!.preference).toEqual({ kind: 'better', id: stored['reverse-list']!.shown[1] });
  });
});
