// The browser side of the merge benchmark: a project bundle that gives the app the label files' project (same id,
// same tasks), and label files taken in through the Sync screen exactly as an annotator does: choose the files,
// wait for the summary, press Apply, wait for the result.
import type { Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnnotatorPage } from '../../tests/e2e/support/annotator-page';
import { parseLabelLines } from '../../src/lib/labels/labelset';
import { writeBundle } from '../../src/lib/sync/bundle';
import { LABEL_NAMES, taskId, type LabelFilePlan } from './label-files';

export async function writeProjectBundle(dir: string, plan: LabelFilePlan): Promise<string> {
  const labels = parseLabelLines(LABEL_NAMES.join('\n'));
  if (!labels.ok) throw new Error('the benchmark label set is invalid');
  const tasks = Array.from({ length: plan.tasks }, (_, seq) => ({ id: taskId(seq), seq, text: `Field report ${seq}: pump checked, reading noted.`, meta: {} }));
  const bytes = await writeBundle({
    project: { id: plan.projectId, name: 'Bench merge', taskType: 'single', labels: labels.labels, instructions: '', strategy: 'sequential', allowOverlap: false },
    createdBy: { id: 'ann-coordinator', name: 'Coordinator' },
    deviceId: 'dev-coordinator',
    createdAt: Date.UTC(2026, 2, 1),
    tasks,
  });
  const path = join(dir, 'bench-merge.fieldlabel.zip');
  await writeFile(path, bytes);
  return path;
}

/** Opens the bundle from the project list; the app then shows the new project, whose Sync tab is opened. */
export async function openProjectBundle(page: Page, bundlePath: string): Promise<void> {
  await page.getByLabel('Open project file').setInputFiles(bundlePath);
  // Writing the bundle's tasks takes a while; this is preparation, not part of any figure.
  await page.getByRole('navigation', { name: 'Project sections' }).waitFor({ timeout: 300_000 });
  await new AnnotatorPage(page).openTab('Sync');
}

type MergeProbe = { chosen: number | null; summary: number | null; applyClicked: number | null; applied: number | null; text: string };

export interface BrowserMerge {
  /** From the file input's change event to the summary of all files: reading, checking and planning. */
  checkMs: number;
  /** From the click on Apply to the result line: the one transaction that writes the merge. */
  applyMs: number;
  resultText: string;
}

/**
 * Times are read in the page (performance.now()), so Node's polling and the pause before it presses Apply are not
 * in the figures. Resolves once the app reports the import applied.
 */
export async function importLabelFiles(page: Page, paths: string[]): Promise<BrowserMerge> {
  await page.evaluate(() => {
    const probe: MergeProbe = { chosen: null, summary: null, applyClicked: null, applied: null, text: '' };
    (window as unknown as { __benchMerge: MergeProbe }).__benchMerge = probe;
    document.addEventListener('change', () => (probe.chosen ??= performance.now()), { capture: true });
    document.addEventListener(
      'click',
      (event) => {
        if ((event.target as Element).closest('button')?.textContent?.trim() === 'Apply') probe.applyClicked ??= performance.now();
      },
      { capture: true },
    );
    const observer = new MutationObserver(() => {
      if (probe.summary === null && document.querySelector('[aria-label="Label import summary"]')?.textContent?.includes('Together:')) {
        probe.summary = performance.now();
      }
      const result = document.querySelector('[role="status"][aria-label="Label import result"]');
      if (result === null) return;
      probe.applied = performance.now();
      probe.text = result.textContent ?? '';
      observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });

  await page.getByLabel('Import label files').setInputFiles(paths);
  const summary = page.getByRole('region', { name: 'Label import summary' });
  // Generous ceilings: a slow machine must give a slow figure, not a timeout.
  await summary.getByText('Together:').waitFor({ timeout: 900_000 });
  // The click returns once the page answers again, which is after the apply's synchronous planning: hence the ceiling.
  await summary.getByRole('button', { name: 'Apply' }).click({ timeout: 900_000 });
  await page.waitForFunction(() => (window as unknown as { __benchMerge: MergeProbe }).__benchMerge.applied !== null, null, {
    timeout: 900_000,
    polling: 250,
  });
  const probe = await page.evaluate(() => (window as unknown as { __benchMerge: MergeProbe }).__benchMerge);
  if (probe.chosen === null || probe.summary === null || probe.applyClicked === null || probe.applied === null) {
    throw new Error(`The label import was not seen through: ${JSON.stringify(probe)}`);
  }
  return { checkMs: probe.summary - probe.chosen, applyMs: probe.applied - probe.applyClicked, resultText: probe.text.trim() };
}
