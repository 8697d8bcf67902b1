import { expect, screenshot, test } from './support/fixtures';

test('a link to a project this device does not have says so and leads back to the projects', async ({ page }) => {
  await page.goto('/#/project/no-such-project/annotate');
  await expect(page.getByRole('heading', { name: 'Project not found' })).toBeVisible();
  await expect(page.getByText('It may have been deleted on this device.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Project sections' })).toHaveCount(0);
  await screenshot(page, 'project-not-found-desktop');
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, 'project-not-found-tablet');
  await page.getByRole('button', { name: 'Back to projects' }).click();
  await expect(page.getByRole('button', { name: 'New project' })).toBeVisible();
});
