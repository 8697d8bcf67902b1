// Keypress → the label's transaction committed, right after a 100,000-task import and with a model embedding those
// tasks in the worker (issue #17: after a large import a label took 1.5–2 s to commit while the screen had moved
// on). The screen never waits for the commit (see keypress.ts), so this is how long a label stays unsaved.
//
// A fresh project on the bench's origin gets the tiny test model through the Model tab (so it is the project's
// active model), then the 100k file through the Import tab; the moment the import's summary shows, the Annotate tab
// opens and "1" is pressed PRESSES times, PACE_MS apart, as a quick annotator would: the import's compaction, the
// worker reading the new tasks and the embedding pass all run meanwhile. Nothing waits for quiet in between.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { AnnotatorPage } from '../tests/e2e/support/annotator-page';
import { ROOT } from './support/app';
import { installCommitProbe, waitForCommits } from './support/commit-probe';
import { LABELS, TASK_COUNT, tasksFile, timedImport } from './support/project';
import { median, percentile, round } from './support/stats';
import { tinyModelZip } from './support/tiny-model';
import type { Bench, Figures, Target } from './support/types';

const KEY = '1';
const PRESSES = 60;
/** A quick annotator's pace, as in the report (5 keys 300 ms apart): the workload, not a wait. */
const PACE_MS = 300;

export const labelCommitTargets: Record<string, Target> = {
  'label.commit_ms': { atMost: 100 },
};

export async function measureLabelCommit(bench: Bench): Promise<Figures> {
  const dataset = await tasksFile(bench);
  const modelZip = await tinyModelZip(bench);
  const page = await bench.context.newPage();
  try {
    await installCommitProbe(page, KEY);
    const annotator = new AnnotatorPage(page);
    await page.goto(`${bench.origin}/`);
    await annotator.createProject('Bench label commit', LABELS);
    const projectId = decodeURIComponent(/#\/project\/([^/]+)/.exec(page.url())?.[1] ?? '');
    await annotator.openTab('Model');
    await page.getByLabel('Import model (.zip)').setInputFiles(modelZip);
    await page.getByText('Test model: random weights, not trained').waitFor({ timeout: 60_000 });
    await annotator.openTab('Import');
    await bench.quiet();

    await timedImport(page, dataset);
    await annotator.openTab('Annotate');
    await annotator.progress.filter({ hasText: `0 / ${TASK_COUNT.toLocaleString('en-US')} labelled` }).waitFor({ timeout: 60_000 });
    await annotator.taskText.waitFor();
    const embeddedBefore = await storedEmbeddings(page, projectId);
    const startedAt = Date.now();
    for (let i = 0; i < PRESSES; i++) {
      const due = startedAt + i * PACE_MS;
      if (Date.now() < due) await page.waitForTimeout(due - Date.now());
      await page.keyboard.press(KEY);
    }
    const { commits, transactions } = await waitForCommits(page, PRESSES, 120_000);
    const embeddedAfter = await storedEmbeddings(page, projectId);
    await annotator.progress.filter({ hasText: `${PRESSES} / ` }).waitFor({ timeout: 10_000 }).catch(async () => {
      throw new Error(`Expected ${PRESSES} labels; the Progress region says: ${await annotator.progress.textContent()}`);
    });
    // The worker must have been embedding while the labels were made, or the figure describes a quiet worker.
    if (embeddedAfter <= embeddedBefore) throw new Error(`No task was embedded during the presses (${embeddedBefore} before, ${embeddedAfter} after).`);
    const ms = commits.map((c) => c.commitMs as number);
    // Every press and every page transaction, for reading one run in detail (bench/results is not committed).
    await writeFile(join(ROOT, 'bench', 'results', 'label-commit.json'), `${JSON.stringify({ commits, transactions }, null, 1)}\n`).catch(() => undefined);
    return {
      'label.commit_ms': round(percentile(ms, 95)),
      'label.commit.median_ms': round(median(ms)),
      'label.commit.max_ms': round(Math.max(...ms)),
      'label.commit.first_ms': round(ms[0] as number),
      'label.commit.presses': PRESSES,
      'label.commit.embedded_before': embeddedBefore,
      'label.commit.embedded_after': embeddedAfter,
    };
  } finally {
    await page.close();
  }
}

/** Embeddings stored for the project so far, counted in one short read of its own. */
function storedEmbeddings(page: Page, projectId: string): Promise<number> {
  return page.evaluate(
    (projectId) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('fieldlabel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const range = IDBKeyRange.bound([projectId, ''], [projectId, '\uffff']);
          const count = db.transaction('embeddings').objectStore('embeddings').count(range);
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
    projectId,
  );
}
