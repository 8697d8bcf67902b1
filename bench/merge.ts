// Merging label files from the field: 100 files × 10,000 annotations through the command line (`fieldlabel merge`,
// a child process: speed and its own peak memory) and through the app's Sync screen (choose the files, Apply).
// Both take the same generated files and must end with the same number of annotations, or no figure is reported.
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeLabelFiles, type GeneratedLabelFiles, type LabelFilePlan } from './support/label-files';
import { importLabelFiles, openProjectBundle, writeProjectBundle } from './support/merge-browser';
import { runCliMerge } from './support/merge-cli';
import { round } from './support/stats';
import type { Bench, Figures, Target } from './support/types';

/** 20 annotators × 5 "my changes" files; ~13 % of the lines are older versions that a later file supersedes. */
const PLAN: LabelFilePlan = { projectId: 'proj-bench-merge', tasks: 100_000, annotators: 20, filesPerAnnotator: 5, perFile: 10_000, seed: 20260302 };

/** Issue #18: the command line at 100,000 annotations a second. The browser's figures are printed for comparison. */
export const mergeTargets: Record<string, Target> = {
  'merge.cli.annotations_per_s': { atLeast: 100_000 },
};

export async function measureMerge(bench: Bench): Promise<Figures> {
  const dir = join(bench.workDir, 'merge');
  await mkdir(dir, { recursive: true });
  const files = await writeLabelFiles(dir, PLAN);

  await bench.quiet();
  // Half the files first: the peak memory of both side by side says whether it grows with the input.
  const half = await runCliMerge(files.paths.slice(0, files.paths.length / 2), join(dir, 'merged-half.labels.jsonl'), dir);
  const out = join(dir, 'merged.labels.jsonl');
  const cli = await runCliMerge(files.paths, out, dir);
  const written = (await countLines(out)) - 1;
  if (written !== files.identities) throw new Error(`fieldlabel merge wrote ${written} annotations; the files hold ${files.identities} distinct ones.`);

  const page = await bench.context.newPage();
  await page.goto(`${bench.origin}/`);
  await openProjectBundle(page, await writeProjectBundle(dir, PLAN));
  await bench.quiet();
  const browser = await importLabelFiles(page, files.paths);
  await page.close();
  checkApplied(browser.resultText, files);

  const browserMs = browser.checkMs + browser.applyMs;
  return {
    'merge.cli.annotations_per_s': round(files.lines / (cli.wallMs / 1000), 0),
    'merge.cli.peak_mb': round(cli.peakMb, 1),
    'merge.cli.peak_mb_half': round(half.peakMb, 1),
    'merge.cli.peak_growth_ratio': round(cli.peakMb / half.peakMb, 2),
    'merge.cli.s': round(cli.wallMs / 1000, 2),
    'merge.cli.cpu_s': round(cli.cpuMs / 1000, 2),
    'merge.browser.annotations_per_s': round(files.lines / (browserMs / 1000), 0),
    'merge.browser.check_s': round(browser.checkMs / 1000, 2),
    'merge.browser.apply_s': round(browser.applyMs / 1000, 2),
    'merge.files': files.paths.length,
    'merge.annotations': files.lines,
    'merge.distinct_annotations': files.identities,
    'merge.input_mb': round(files.bytes / 1e6, 1),
  };
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return lines;
}

/** An empty project takes every distinct annotation as new; anything else means the import did not do the work. */
function checkApplied(text: string, files: GeneratedLabelFiles): void {
  const expected = `Applied: ${files.identities.toLocaleString('en-US')} new, 0 updated`;
  if (!text.includes(expected)) throw new Error(`The app's label import said "${text}", expected "${expected}".`);
}
