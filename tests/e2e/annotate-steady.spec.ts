import { writeFile } from 'node:fs/promises';
import { AnnotatorPage } from './support/annotator-page';
import { expect, test } from './support/fixtures';

const TEXTS = [
  'Short.',
  'A much longer report that runs over several lines at this width: the pump at the north well stopped twice this ' +
    'week, the spare part has not arrived, and the team carried water from the river in the meantime.',
  'Medium length, one line or two.',
];

for (const viewport of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'tablet', width: 768, height: 1024 },
]) {
  test(`the label buttons stay in place from task to task, with or without a suggestion, and labelling starts no animation (${viewport.name})`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    // Prodigy lines without an answer are suggestions: the first task comes without one (and without a field to
    // show beside its text), the others with one.
    const file = testInfo.outputPath('lengths.jsonl');
    const lines = TEXTS.map((text, i) =>
      JSON.stringify({ text, _input_hash: i, _task_hash: i, ...(i > 0 ? { label: 'Urgent', score: 0.8 } : {}) }),
    );
    await writeFile(file, lines.join('\n'));
    const annotator = new AnnotatorPage(page);
    await page.goto('/');
    await annotator.createProject('Steady', ['Urgent', 'Routine']);
    await page.getByLabel('Import tasks').setInputFiles(file);
    const detected = page.getByRole('form', { name: 'Detected format' });
    await expect(page.getByLabel('Read it as')).toHaveValue('prodigy');
    await detected.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('status', { name: 'Import result for lengths.jsonl' })).toContainText('imported 3 tasks');
    await annotator.openTab('Annotate');
    const suggestion = page.getByRole('status', { name: 'Suggestion' });

    const button = page.getByRole('button', { name: /^Urgent/ });
    const positions: { x: number; y: number }[] = [];
    const heights: number[] = [];
    for (let i = 0; i < TEXTS.length; i++) {
      await expect(annotator.taskText).toHaveText(TEXTS[i] as string);
      // Prodigy's hashes are kept for export, not shown: they mean nothing to the annotator.
      await expect(page.getByText('_input_hash')).toHaveCount(0);
      if (i === 0) await expect(suggestion).toHaveCount(0);
      else await expect(suggestion).toContainText('Suggested: Urgent');
      const box = (await button.boundingBox())!;
      positions.push({ x: box.x, y: box.y });
      // The height of the text itself, not of its box.
      heights.push(
        await annotator.taskText.evaluate((region) => {
          const range = document.createRange();
          range.selectNodeContents(region);
          return range.getBoundingClientRect().height;
        }),
      );
      await page.keyboard.press(i === TEXTS.length - 1 ? '2' : '1');
      // Whatever the key changed (progress bar, counts, the next text) is drawn at once, not animated.
      expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
    }
    await annotator.expectProgress(3, 3);
    // The last task keeps its label on screen: what was pressed, not what had been pre-selected.
    await expect(page.getByLabel('Current label')).toHaveText('Labelled: Routine');
    await expect(page.getByRole('button', { name: /^Routine/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    // The texts really differ in height here, so the steady buttons are the layout's doing.
    expect(Math.max(...heights)).toBeGreaterThan(Math.min(...heights));
    // Compared whole, so a failure shows where the button was for each task.
    expect(positions).toEqual(positions.map(() => positions[0]));
  });
}
