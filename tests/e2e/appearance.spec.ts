import { AnnotatorPage } from './support/annotator-page';
import { FIXTURES, expect, screenshot, test } from './support/fixtures';

const background = (page: import('@playwright/test').Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT = 'rgb(246, 245, 242)';
const DARK = 'rgb(21, 22, 24)';

test('the theme follows the device until one is chosen; the choice and the text size stay on this device after a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  expect(await background(page)).toBe(LIGHT);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => background(page)).toBe(DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page)).toBe(LIGHT);

  await annotator.createProject('Looks', ['Yes', 'No']);
  await annotator.importFile(`${FIXTURES}/reviews.jsonl`, 'reviews.jsonl');
  await annotator.openTab('Settings');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect.poll(() => background(page)).toBe(DARK);
  await page.getByRole('radio', { name: 'Large' }).check();
  await screenshot(page, 'settings-dark-desktop');
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, 'settings-dark-tablet');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.reload();
  await annotator.openTab('Annotate');
  await expect(annotator.taskText).toHaveText('The battery lasts two full days in the field.');
  // Chosen, so the device's light setting no longer decides.
  expect(await background(page)).toBe(DARK);
  await expect(annotator.taskText).toHaveCSS('font-size', '21px');
  await annotator.openTab('Settings');
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await page.getByRole('radio', { name: 'As the device' }).check();
  await page.getByRole('radio', { name: 'Medium' }).check();
  await expect.poll(() => background(page)).toBe(LIGHT);
  await annotator.openTab('Annotate');
  await expect(annotator.taskText).toHaveCSS('font-size', '18px');
});
