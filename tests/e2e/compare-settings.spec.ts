// A coordinator sets how often a compare project hides the model's suggestion (the anchoring check) in Settings; the
// Model screen follows, and the project bundle carries it.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnnotatorPage } from './support/annotator-page';
import { compareBundle } from './support/compare-bundle';
import { expect, screenshot, test } from './support/fixtures';

test('the hidden share is a project setting from 0 to 50 %, followed by the Model screen', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-compare-settings-'));
  await writeFile(join(dir, 'chat.fieldlabel.zip'), compareBundle({ tasks: 3, ratings: [] }));
  await page.goto('/');
  await page.getByLabel('Open project file').setInputFiles(join(dir, 'chat.fieldlabel.zip'));
  const annotator = new AnnotatorPage(page);
  await annotator.openTab('Settings');
  const card = page.getByRole('form', { name: 'Hidden suggestions' });
  const field = card.getByLabel('Hide the suggestion on (0–50 %)');
  await expect(field).toHaveValue('10');
  await field.fill('60');
  await expect(card.getByText('Enter a whole percentage from 0 to 50.')).toBeVisible();
  await expect(card.getByRole('button', { name: 'Save' })).toBeDisabled();
  await field.fill('25');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByRole('status')).toHaveText('Saved: the suggestion is now hidden on 25 % of the tasks you have not judged yet.');
  // Stored: the project opened again shows it.
  await page.reload();
  await expect(page.getByRole('form', { name: 'Hidden suggestions' }).getByLabel('Hide the suggestion on (0–50 %)')).toHaveValue('25');
  await screenshot(page, 'compare-settings-desktop');
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, 'compare-settings-tablet');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'compare-settings-tablet-dark');
  await annotator.openTab('Model');
  await expect(page.getByText('On 25% of tasks, chosen at random for each annotator, the suggestion is hidden.')).toBeVisible();
});
