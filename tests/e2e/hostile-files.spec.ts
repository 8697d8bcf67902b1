// Files that lie: label files speaking of tasks the project does not have or of labels it lacks, and bundles whose
// label set or sizes cannot be trusted. Each is kept apart or refused with file, line and reason, and no count moves.
import type { Page } from '@playwright/test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnnotatorPage } from './support/annotator-page';
import { FIXTURES, expect, screenshot, test } from './support/fixtures';
import { bundle, claimSize, labelFile } from './support/sync-files';

const LABELS = [
  { name: 'Yes', color: '#E69F00', hotkey: '1' },
  { name: 'No', color: '#56B4E9', hotkey: '2' },
];

/** The annotator this device labels as, straight from the database. */
function localAnnotator(page: Page): Promise<{ id: string; name: string }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('fieldlabel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('settings').objectStore('settings').get('localAnnotator');
          request.onsuccess = () => resolve({ id: request.result.value.id, name: request.result.value.name });
        };
      }),
  );
}

async function openProjects(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'fieldlabel: all projects' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
}

test('label files for tasks the project lacks are kept apart, ones with values that are no label are refused at their line', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-hostile-'));
  const annotator = new AnnotatorPage(page);
  await page.goto('/');
  await annotator.createProject('Field survey', ['Yes', 'No']);
  await annotator.importFile(`${FIXTURES}/sentiment.jsonl`, 'sentiment.jsonl');
  const projectId = decodeURIComponent(/#\/project\/([^/]+)/.exec(page.url())?.[1] ?? '');
  const me = await localAnnotator(page);
  await annotator.openTab('Annotate');
  for (const key of ['1', '1', '2']) await annotator.pressAndAdvance(key);
  await annotator.expectProgress(3, 30);

  // A file from a device that is ahead: the coordinator's next bundle has tasks this one does not have yet.
  const bo = { id: 'ann-bo', name: 'Bo' };
  const later = Array.from({ length: 1_000 }, (_, i) => `later-${i}`);
  await writeFile(join(dir, 'ahead.labels.jsonl'), labelFile(projectId, [{ taskId: 's03', annotator: bo, value: ['Yes'] }, ...later.map((taskId) => ({ taskId, annotator: me, value: ['Yes'] }))]));
  await writeFile(
    join(dir, 'team.labels.jsonl'),
    labelFile(projectId, [
      { taskId: 's01', annotator: bo, value: ['Yes'] },
      { taskId: 's02', annotator: bo, value: ['NOT-A-LABEL'] },
      { taskId: 's04', annotator: bo, value: ['<b>x</b>'] },
    ]),
  );

  await annotator.openTab('Sync');
  await page.getByLabel('Import label files').setInputFiles([join(dir, 'ahead.labels.jsonl'), join(dir, 'team.labels.jsonl')]);
  const summary = page.getByRole('region', { name: 'Label import summary' });
  await expect(summary).toContainText('Rejected: team.labels.jsonl, line 3: "NOT-A-LABEL" is not a label of this project (its labels: Yes, No)');
  await expect(summary).toContainText('Together: 1 new, 0 updated, 0 unchanged, 0 older than what is here.');
  await expect(summary).toContainText('1,000 annotations for 1,000 tasks this project does not have will be kept apart');
  await screenshot(page, 'sync-kept-apart-desktop');
  await summary.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status', { name: 'Label import result' })).toContainText(
    'Applied: 1 new, 0 updated, 0 unchanged, 0 older ignored. 1,000 annotations for 1,000 tasks this project does not have were kept apart.',
  );
  await expect(page.getByLabel('Annotations kept apart')).toContainText('Kept apart on this device: 1,000 annotations for 1,000 tasks this project does not have.');
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'sync-kept-apart-tablet-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Nothing kept apart counts: not in progress, not in review.
  await annotator.openTab('Annotate');
  await annotator.expectProgress(3, 30);
  await annotator.openTab('Review');
  await expect(page.getByText('2 annotators · 1 tasks labelled by two or more')).toBeVisible();
  await openProjects(page);
  const card = page.getByRole('link', { name: /Field survey/ });
  await expect(card).toContainText('3 / 30 labelled');
  await expect(card).not.toContainText('done');

  // The coordinator's next bundle brings two of those tasks: what was kept apart for them joins them.
  await writeFile(join(dir, 'later.fieldlabel.zip'), bundle({ project: { id: projectId, name: 'Field survey', labels: LABELS }, tasks: later.slice(0, 2).map((id) => ({ id, text: `Later report ${id}` })) }));
  await page.getByLabel('Open project file').setInputFiles(join(dir, 'later.fieldlabel.zip'));
  await expect(page.getByRole('status', { name: 'Project file result' })).toHaveText('later.fieldlabel.zip: 2 new tasks added; 2 annotations kept apart until now joined their tasks.');
  await expect(card).toContainText('5 / 32 labelled');
});

test('a bundle whose label set repeats a name is refused at its line; one with a huge unlisted entry opens without freezing the page', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'fieldlabel-hostile-'));
  await page.goto('/');
  const repeated = [LABELS[0] as (typeof LABELS)[number], { name: 'yes', color: '#56B4E9', hotkey: '2' }];
  await writeFile(join(dir, 'survey.fieldlabel.zip'), bundle({ project: { id: 'survey', name: 'Survey', labels: repeated }, tasks: [{ id: 't1', text: 'Is the pump working?' }] }));
  await page.getByLabel('Open project file').setInputFiles(join(dir, 'survey.fieldlabel.zip'));
  await expect(page.getByRole('status', { name: 'Project file result' })).toHaveText(
    'survey.fieldlabel.zip: manifest.json, line 14: "project.labels[1].name": "yes" repeats label "Yes": label names must differ, ignoring case. Nothing was changed.',
  );
  await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();
  await screenshot(page, 'bundle-refused-desktop');

  // 20,000 tasks, and an entry the manifest does not list whose directory claims 1.2 GB: read in the worker, the
  // unlisted entry never inflated, the page free all along.
  const tasks = Array.from({ length: 20_000 }, (_, i) => ({ id: `r${i}`, text: `Report ${i}: the pump near the river needs attention.` }));
  const zip = bundle({ project: { id: 'big', name: 'Big survey', labels: LABELS }, tasks, unlisted: { 'huge.bin': new Uint8Array(16 * 1024 * 1024) } });
  await writeFile(join(dir, 'big.fieldlabel.zip'), claimSize(zip, 'huge.bin', 1_200_000_000));
  await page.evaluate(() => {
    const seen: { start: number; ms: number }[] = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => seen.push({ start: e.startTime, ms: e.duration }))).observe({ type: 'longtask' });
    const w = window as unknown as { longTasks: typeof seen; openedAt: number };
    w.longTasks = seen;
    addEventListener('hashchange', () => (w.openedAt = performance.now()), { once: true });
  });
  await page.getByLabel('Open project file').setInputFiles(join(dir, 'big.fieldlabel.zip'));
  await expect(page.getByRole('heading', { name: 'Big survey' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Progress' })).toContainText('0 / 20,000');
  const { longTasks, openedAt } = await page.evaluate(() => {
    const w = window as unknown as { longTasks: { start: number; ms: number }[]; openedAt: number };
    return { longTasks: w.longTasks, openedAt: w.openedAt };
  });
  expect(openedAt).toBeGreaterThan(0);
  // Until the bundle was open (the app then moved to its Annotate screen) the page only waited for the worker and
  // redrew the project list. Read on the page, this bundle made one task of 0.9–1 s (and one of 0.2–0.45 s); with the
  // worker, a loaded 2-core machine (load average 7) still showed at times a task or two of 60–70 ms, the scheduler
  // stretching small ones. The bounds sit between the two.
  const whileReading = longTasks.filter((t) => t.start < openedAt);
  expect(Math.max(0, ...whileReading.map((t) => t.ms))).toBeLessThan(200);
  expect(whileReading.reduce((sum, t) => sum + t.ms, 0)).toBeLessThan(250);
});
