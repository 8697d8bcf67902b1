import { AnnotatorPage } from './support/annotator-page';
import { FIXTURES, expect, test } from './support/fixtures';

test('labels are committed with strict durability, and persistent storage is asked for as soon as a project exists', async ({ page }) => {
  await page.addInitScript(() => {
    const seen: { stores: string[]; durability: string }[] = [];
    const persistCalls: number[] = [];
    let granted = false;
    Object.assign(window, { __labelTransactions: seen, __persistCalls: persistCalls });
    const open = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof open>) {
      const tx = open.apply(this, args);
      const stores = [...tx.objectStoreNames];
      if (tx.mode === 'readwrite' && stores.includes('annotations')) seen.push({ stores, durability: tx.durability });
      return tx;
    } as typeof open;
    // Headless Chromium refuses persistence; the test needs to see when the app asks, and that it shows the answer.
    navigator.storage.persist = async () => {
      persistCalls.push(Date.now());
      granted = true;
      return true;
    };
    navigator.storage.persisted = async () => granted;
  });
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  const footer = page.getByRole('contentinfo', { name: 'Storage' });
  await expect(footer).toContainText('not yet persistent');

  await annotator.createProject('Durable', ['Yes', 'No']);
  await expect(footer).toContainText('persistent: the browser will not clear it');
  expect(await page.evaluate(() => (window as unknown as { __persistCalls: number[] }).__persistCalls.length)).toBe(1);

  await annotator.importFile(`${FIXTURES}/reviews.jsonl`, 'reviews.jsonl');
  await annotator.openTab('Annotate');
  await annotator.pressAndAdvance('1');
  await annotator.pressAndAdvance('2');
  await annotator.pressAndAdvance('Control+z');
  await annotator.expectProgress(1, 4);
  const transactions = await page.evaluate(() => (window as unknown as { __labelTransactions: { durability: string }[] }).__labelTransactions);
  expect(transactions.length).toBeGreaterThanOrEqual(3);
  expect(transactions.map((t) => t.durability)).toEqual(transactions.map(() => 'strict'));
});
