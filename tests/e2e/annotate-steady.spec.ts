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
  test(`the label buttons stay in place from task to task, and labelling starts no animation (${viewport.name})`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    const file = testInfo.outputPath('lengths.jsonl');
    await writeFile(file, TEXTS.map((text, i) => JSON.stringify({ id: `t${i}`, text })).join('\n'));
    const annotator = new AnnotatorPage(page);
    await page.goto('/');
    await annotator.createProject('Steady', ['Urgent', 'Routine']);
    await expect(await annotator.importFile(file, 'lengths.jsonl')).toContainText('imported 3 tasks');
    await annotator.openTab('Annotate');

    const button = page.getByRole('button', { name: /^Urgent/ });
    const positions: { x: number; y: number }[] = [];
    const heights: number[] = [];
    for (let i = 0; i < TEXTS.length; i++) {
      await expect(annotator.taskText).toHaveText(TEXTS[i] as string);
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
    // The texts really differ in height here, so the steady buttons are the layout's doing.
    expect(Math.max(...heights)).toBeGreaterThan(Math.min(...heights));
    // Compared whole, so a failure shows where the button was for each task.
    expect(positions).toEqual(positions.map(() => positions[0]));
  });
}
