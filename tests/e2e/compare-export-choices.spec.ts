// A coordinator hands a compare project's judgements on: to Label Studio (its Pairwise template) and as KTO, choosing
// which rating makes a tie desirable.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { AnnotatorPage } from './support/annotator-page';
import { compareBundle } from './support/compare-bundle';
import { expect, screenshot, test } from './support/fixtures';
import { labelFile } from './support/sync-files';

const judgement = (preference: unknown, ratings: Record<string, number>) => JSON.stringify({ shown: ['r2', 'r1'], preference, ratings, correction: null, rationale: '' });

async function exported(page: Page, format: string): Promise<string> {
  await page.getByLabel('Training file format').selectOption(format);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export for' }).click();
  return readFile(await (await downloading).path(), 'utf8');
}

async function bothWidths(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, `${name}-tablet`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('export for Label Studio and KTO with the rating rule chosen', async ({ page, context }) => {
  await context.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-compare-export-'));
  await writeFile(join(dir, 'chat.fieldlabel.zip'), compareBundle({ tasks: 2, ratings: [{ name: 'Helpful', scale: 5 }, { name: 'Harmless', scale: 3 }] }));
  const ada = { id: 'ann-ada', name: 'Ada' };
  await writeFile(
    join(dir, 'ada.labels.jsonl'),
    labelFile('chat', [
      { taskId: 'q1', annotator: ada, value: [judgement({ kind: 'better', id: 'r1' }, { Helpful: 5, Harmless: 3 })] },
      { taskId: 'q2', annotator: ada, value: [judgement({ kind: 'tie' }, { Helpful: 4, Harmless: 1 })] },
    ]),
  );
  await page.goto('/');
  await page.getByLabel('Open project file').setInputFiles(join(dir, 'chat.fieldlabel.zip'));
  const annotator = new AnnotatorPage(page);
  await annotator.openTab('Sync');
  await page.getByLabel('Import label files').setInputFiles(join(dir, 'ada.labels.jsonl'));
  await page.getByRole('region', { name: 'Label import summary' }).getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status', { name: 'Label import result' })).toContainText('Applied: 2 new');

  // Label Studio: r1 is the first response, text1 on the left; Ada saw it second and chose it.
  await page.getByLabel('Training file format').selectOption('labelstudio-pairwise');
  await expect(page.getByLabel('Label Studio labelling config')).toContainText('<Pairwise name="pw" toName="text1,text2"/>');
  await bothWidths(page, 'compare-export-labelstudio');
  const tasks = JSON.parse(await exported(page, 'labelstudio-pairwise')) as { id: string; data: Record<string, string>; annotations: unknown[] }[];
  expect(tasks.map((t) => [t.id, t.data['text1'], t.annotations])).toEqual([
    ['q1', 'Open **Settings → Account** and choose *Reset password*.', [expect.objectContaining({ completed_by: 'Ada', was_cancelled: false, result: [expect.objectContaining({ type: 'pairwise', value: { selected: 'left' } })] })]],
    ['q2', 'Open **Settings → Account** and choose *Reset password*.', []],
  ]);
  await expect(page.getByRole('status', { name: 'Export result' })).toContainText('judgements left out (labelstudio-pairwise has no place for them): tie 1');

  // KTO: the tie on q2 (Helpful 4 of 5, Harmless 1 of 3) is undesirable by the mean (0.375), desirable by Helpful ≥ 4.
  const labelsOf = (text: string) => text.trimEnd().split('\n').map((line) => (JSON.parse(line) as { label: boolean }).label);
  await page.getByLabel('Training file format').selectOption('kto');
  expect(labelsOf(await exported(page, 'kto'))).toEqual([false, true, false, false]);
  await expect(page.getByRole('status', { name: 'Export result' })).toContainText("when the ratings' mean share of their scales ≥ 0.5");
  await page.getByLabel('Rating that decides').selectOption('Helpful');
  await expect(page.getByLabel('Helpful at least')).toHaveValue('3');
  await page.getByLabel('Helpful at least').selectOption('4');
  await bothWidths(page, 'compare-export-kto-rule');
  expect(labelsOf(await exported(page, 'kto'))).toEqual([false, true, true, true]);
  await expect(page.getByRole('status', { name: 'Export result' })).toContainText('true for every response when Helpful ≥ 4 of 5');
  // Back to the mean, at a lower share than the default: 0.375 ≥ 0.3 makes the tie desirable again.
  await page.getByLabel('Rating that decides').selectOption('The mean of every rating');
  await page.getByLabel('Share of the scale at least').selectOption('0.3');
  expect(labelsOf(await exported(page, 'kto'))).toEqual([false, true, true, true]);
  await expect(page.getByRole('status', { name: 'Export result' })).toContainText("when the ratings' mean share of their scales ≥ 0.3");
});
