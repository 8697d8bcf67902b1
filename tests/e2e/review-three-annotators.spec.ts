// A coordinator takes in three annotators' label files: Cohen's κ, which compares two, is left out and says why;
// Light's κ, the mean of Cohen's κ over the pairs, stands beside it.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnnotatorPage } from './support/annotator-page';
import { expect, screenshot, test } from './support/fixtures';
import { bundle, labelFile } from './support/sync-files';

const LABELS = [
  { name: 'Yes', color: '#E69F00', hotkey: '1' },
  { name: 'No', color: '#56B4E9', hotkey: '2' },
];
const TASKS = ['The well is dry.', 'The road is open.', 'The school has power.', 'The bridge is down.', 'The clinic has staff.', 'The market is busy.'];

test('three annotators: Review shows Light’s κ beside Cohen’s, and why Cohen’s is “—”', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-review-'));
  await writeFile(join(dir, 'survey.fieldlabel.zip'), bundle({ project: { id: 'survey', name: 'Village survey', labels: LABELS }, tasks: TASKS.map((text, i) => ({ id: `t${i + 1}`, text })) }));
  const votes = { Ada: 'YYYNNN', Bo: 'YYNNNY', Cy: 'YNYNYN' };
  const files = Object.entries(votes).map(([name, choices]) => {
    const annotator = { id: `ann-${name.toLowerCase()}`, name };
    return { path: join(dir, `${name}.labels.jsonl`), text: labelFile('survey', [...choices].map((c, i) => ({ taskId: `t${i + 1}`, annotator, value: [c === 'Y' ? 'Yes' : 'No'] }))) };
  });
  for (const file of files) await writeFile(file.path, file.text);

  await page.goto('/');
  await page.getByLabel('Open project file').setInputFiles(join(dir, 'survey.fieldlabel.zip'));
  await expect(page.getByRole('heading', { name: 'Village survey' })).toBeVisible();
  const annotator = new AnnotatorPage(page);
  await annotator.openTab('Sync');
  await page.getByLabel('Import label files').setInputFiles(files.map((f) => f.path));
  await page.getByRole('region', { name: 'Label import summary' }).getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status', { name: 'Label import result' })).toContainText('Applied: 18 new');

  // Ada–Bo and Ada–Cy agree on 4 of 6 with even marginals: κ = 1/3 each; Bo–Cy on 2 of 6: κ = −1/3.
  // Light's κ = (1/3 + 1/3 − 1/3) / 3 = 0.111; pairwise agreement (1 + 1/3 + 1/3 + 1 + 1/3 + 1/3) / 6 = 0.556.
  await annotator.openTab('Review');
  const table = page.getByRole('table', { name: 'Agreement table' });
  await expect(table.getByRole('row').first()).toHaveText(/Label\s*Agreement\s*Cohen's κ\s*Light's κ\s*Fleiss' κ/);
  const overall = table.getByRole('row', { name: /All labels/ }).getByRole('cell');
  await expect(overall.nth(0)).toHaveText('0.556');
  await expect(overall.nth(1)).toHaveText('—');
  await expect(overall.nth(2)).toHaveText('0.111');
  await expect(table).toHaveAccessibleDescription(
    "Cohen's κ compares exactly two annotators; 3 labelled here. Light's κ is the mean of Cohen's κ over the 3 pairs of annotators who labelled tasks in common (Light 1971); a pair whose shared votes all fell in one category has no κ and is left out.",
  );
  await expect(page.getByText('3 annotators · 6 tasks labelled by two or more')).toBeVisible();
  await screenshot(page, 'review-three-annotators-desktop');
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, 'review-three-annotators-tablet');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'review-three-annotators-tablet-dark');
});
