import { AnnotatorPage } from './support/annotator-page';
import { FIXTURES, expect, test } from './support/fixtures';

test('moving between a project\'s tabs keeps the annotator\'s place: undo still takes back the last label', async ({ page }) => {
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await annotator.createProject('Field reviews', ['Positive', 'Negative', 'Neutral']);
  await annotator.importFile(`${FIXTURES}/reviews.jsonl`, 'reviews.jsonl');
  await annotator.openTab('Annotate');
  await expect(annotator.taskText).toHaveText('The battery lasts two full days in the field.');
  await annotator.pressAndAdvance('1');
  await annotator.expectProgress(1, 4);

  // A look at the other tabs, as an annotator does between tasks.
  for (const tab of ['Model', 'Review', 'Sync', 'Annotate'] as const) await annotator.openTab(tab);
  await expect(annotator.taskText).toHaveText('Screen cracked on the first drop.');
  await page.keyboard.press('Control+z');
  await expect(annotator.taskText).toHaveText('The battery lasts two full days in the field.');
  await annotator.expectProgress(0, 4);
  await expect(page.getByText('Nothing to undo.')).toHaveCount(0);
});
