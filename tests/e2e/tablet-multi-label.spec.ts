import type { Locator } from '@playwright/test';
import { AnnotatorPage } from './support/annotator-page';
import { FIXTURES, expect, screenshot, test } from './support/fixtures';

test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });

/** The lines of an element's text as laid out on screen, wrapped lines apart, without their spaces. */
function laidOutLines(element: Locator): Promise<string[]> {
  return element.evaluate((root) => {
    const lines = new Map<number, { x: number; char: string }[]>();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let at = 0; at < text.length; at++) {
        const char = text.charAt(at);
        if (/\s/.test(char)) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0) continue;
        const top = Math.round(rect.top);
        lines.set(top, [...(lines.get(top) ?? []), { x: rect.left, char }]);
      }
    }
    return [...lines.entries()].sort(([a], [b]) => a - b).map(([, chars]) => chars.sort((a, b) => a.x - b.x).map((c) => c.char).join(''));
  });
}

/** A "·" separator stands between two items on the same line: never first or last on a line, never beside another. */
async function expectSeparatorsBetweenItems(element: Locator): Promise<void> {
  const lines = await laidOutLines(element);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line, `a line of ${await element.getAttribute('aria-label')}`).not.toMatch(/^·|·$|··/);
}

test('on a tablet, a multi-label project is labelled by tapping and the save dialog receives the export', async ({ page, context }) => {
  // A stand-in for the File System Access save dialog: it records what the app writes.
  await context.addInitScript(() => {
    const saved: { name: string; text: string }[] = [];
    Object.assign(window, {
      savedFiles: saved,
      showSaveFilePicker: async ({ suggestedName }: { suggestedName: string }) => ({
        createWritable: async () => {
          let text = '';
          return {
            write: async (blob: Blob) => void (text += await blob.text()),
            close: async () => void saved.push({ name: suggestedName, text }),
          };
        },
      }),
    });
  });
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await screenshot(page, 'projects-empty-tablet');
  await annotator.createProject('Incident reports', ['Injury', 'Equipment', 'Weather', 'Other'], 'Multi label');
  await expect(await annotator.importFile(`${FIXTURES}/reviews.jsonl`, 'reviews.jsonl')).toContainText('imported 4 tasks');
  await annotator.openTab('Annotate');
  await annotator.expectProgress(0, 4);
  const storageFooter = page.getByRole('contentinfo', { name: 'Storage' });
  await expect(storageFooter).toContainText('persistent');
  await expectSeparatorsBetweenItems(storageFooter);

  const button = (name: string) => page.getByRole('button', { name: new RegExp(`^${name} \\(key`) });
  await button('Equipment').tap();
  await button('Weather').tap();
  await button('Weather').tap();
  await button('Injury').tap();
  await expect(button('Injury')).toHaveAttribute('aria-pressed', 'true');
  await expect(button('Weather')).toHaveAttribute('aria-pressed', 'false');
  await screenshot(page, 'annotate-multi-tablet');
  await page.getByRole('button', { name: 'Submit' }).tap();
  await annotator.expectProgress(1, 4);
  await expect(annotator.taskText).toHaveText('Screen cracked on the first drop.');

  await page.keyboard.press('4');
  await page.keyboard.press('Enter');
  await annotator.expectProgress(2, 4);
  await page.getByRole('button', { name: 'Skip' }).tap();
  await expect(annotator.progress).toContainText('1 skipped');
  await page.getByRole('button', { name: 'Previous task' }).tap();
  await page.getByRole('button', { name: 'Previous task' }).tap();
  await expect(annotator.taskText).toHaveText('Screen cracked on the first drop.');
  await expect(page.getByLabel('Current label')).toHaveText('Labelled: Other');

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Equipment');
  await screenshot(page, 'keymap-tablet');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();

  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'annotate-multi-tablet-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await annotator.openTab('Sync');
  await page.getByRole('button', { name: 'Export CSV' }).tap();
  await expect(page.getByRole('status', { name: 'Export result' })).toContainText('Exported 4 tasks (3 with labels)');
  const saved = await page.evaluate(() => (window as unknown as { savedFiles: { name: string; text: string }[] }).savedFiles);
  expect(saved).toHaveLength(1);
  expect(saved[0]?.name).toMatch(/^incident-reports_annotator_\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = saved[0]?.text.trim().split('\n') ?? [];
  expect(rows[0]).toBe('id,text,source,stars,annotator,annotator_name,labels,status,updated_at');
  expect(rows.slice(1).map((row) => row.split(',').slice(6, 8).join(','))).toEqual([
    'Injury|Equipment,labelled',
    'Other,labelled',
    ',skipped',
    ',',
  ]);
});
