// `npm run bench`: build once, serve the build, start one Chromium profile, run each measurement module, merge their
// flat figures into bench/results/latest.json and print them beside their targets.
// To add a measurement: write bench/<name>.ts exporting `measure<Name>(bench)` and its targets, list it below.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { alMulticlassTargets, measureAlMulticlass } from './al-multiclass';
import { compareTargets, measureCompare } from './compare';
import { conllTargets, measureConll } from './conll';
import { measureEmbed, embedTargets } from './embed';
import { measureImport, importTargets } from './import';
import { measureKeypress, keypressTargets } from './keypress';
import { labelCommitTargets, measureLabelCommit } from './label-commit';
import { learnTargets, runLearnBench } from './learn';
import { loopTargets, measureLoop } from './loop';
import { measureMerge, mergeTargets } from './merge';
import { measureReward, rewardTargets } from './reward';
import { measureSimulate, measureSimulate4, simulate4Targets, simulateTargets } from './simulate';
import { measureSpans, spansTargets } from './spans';
import { buildApp, launchBenchContext, ROOT, serveApp } from './support/app';
import { waitForQuietBrowser } from './support/settle';
import { round } from './support/stats';
import { formatTable } from './support/table';
import type { Bench, Figures, Measurement, Target } from './support/types';

// Order matters only for cost: import prepares the 100k-task project that keypress then reuses.
const MEASUREMENTS: Measurement[] = [
  { name: 'import', run: measureImport, targets: importTargets },
  { name: 'keypress', run: measureKeypress, targets: keypressTargets },
  { name: 'embed', run: measureEmbed, targets: embedTargets },
  // Node only: the learning loop on spam-assassin and the head's retrain + re-score time.
  { name: 'learn', run: (bench) => runLearnBench(() => bench.quiet()), targets: learnTargets },
  // Node only: suggestions after 40, 80 and 160 random labels, against a plain logistic regression (issue #20).
  { name: 'loop', run: measureLoop, targets: loopTargets },
  // Node only: active learning on spam-assassin's three groups, every strategy (issue #20).
  { name: 'al-multiclass', run: () => measureAlMulticlass(log), targets: alMulticlassTargets },
  // Node only: the compare projects' reward model (issue #19).
  { name: 'reward', run: (bench) => measureReward(() => bench.quiet()), targets: rewardTargets },
  // Node only: the simulate command on a 4,000-text corpus, as a user runs it (~7 minutes here).
  { name: 'simulate', run: measureSimulate, targets: simulateTargets },
  // Node only: the same command on four classes and a 2,000-label budget (issue #18, ~8.5 minutes here).
  { name: 'simulate4', run: measureSimulate4, targets: simulate4Targets },
  // Span projects of their own (issue #5): the span editor on a 5,000-word document, and a 10 MB CoNLL import.
  { name: 'spans', run: measureSpans, targets: spansTargets },
  { name: 'conll', run: measureConll, targets: conllTargets },
  { name: 'merge', run: measureMerge, targets: mergeTargets },
  // Compare responses (issue #19): two 2,000-word markdown responses, render and keypress → paint beside their floors.
  { name: 'compare', run: measureCompare, targets: compareTargets },
  // Last: it leaves a second 100k project, embedded, in the origin the others share.
  { name: 'label-commit', run: measureLabelCommit, targets: labelCommitTargets },
];

const RESULTS = join(ROOT, 'bench', 'results', 'latest.json');

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function main(): Promise<void> {
  // `npm run bench -- keypress` runs only the named modules (their shared preparations still run as needed).
  const only = process.argv.slice(2);
  const selected = only.length > 0 ? MEASUREMENTS.filter((m) => only.includes(m.name)) : MEASUREMENTS;
  if (selected.length === 0) throw new Error(`No measurement named ${only.join(', ')}; known: ${MEASUREMENTS.map((m) => m.name).join(', ')}`);

  // Other work on the machine slows every figure down: record how busy it was, and say so when it was.
  const cpus = availableParallelism();
  const load = round(loadavg()[0] ?? 0, 2);
  if (load > 0.5 * cpus) log(`warning: load average ${load} on ${cpus} CPUs before starting; figures will be noisy`);
  const workDir = await mkdtemp(join(tmpdir(), 'fieldlabel-bench-'));
  // BENCH_DIST=<dir> measures an existing build instead (e.g. one made from another commit, to compare).
  let dist = process.env.BENCH_DIST;
  if (!dist) {
    log('building the app (vite build)');
    dist = join(workDir, 'dist');
    buildApp(dist);
  }
  log(`serving ${dist}`);
  const server = await serveApp(dist);
  const profile = join(workDir, 'profile');
  const context = await launchBenchContext(profile);
  const prepared = new Map<string, Promise<unknown>>();
  const bench: Bench = {
    context,
    origin: server.origin,
    workDir,
    shared<T>(key: string, make: () => Promise<T>): Promise<T> {
      if (!prepared.has(key)) prepared.set(key, make());
      return prepared.get(key) as Promise<T>;
    },
    quiet: () => waitForQuietBrowser(profile),
  };

  const figures: Figures = { 'host.cpus': cpus, 'host.load_1m_at_start': load };
  const targets: Record<string, Target> = {};
  try {
    for (const measurement of selected) {
      log(`running ${measurement.name}`);
      const started = Date.now();
      const result = await measurement.run(bench);
      for (const [key, value] of Object.entries(result)) {
        if (key in figures) throw new Error(`Two modules report "${key}".`);
        if (!Number.isFinite(value)) throw new Error(`${measurement.name} reported a non-number for "${key}": ${value}`);
        figures[key] = value;
      }
      Object.assign(targets, measurement.targets);
      log(`${measurement.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
    await rm(workDir, { recursive: true, force: true });
  }

  await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\n${formatTable(figures, targets)}\n\nWritten to ${RESULTS}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
