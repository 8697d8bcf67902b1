// Issue #20: does active learning pay off on more than two classes? spam-assassin's three groups (spam, easy ham,
// hard ham; every n-th mail of 4,000, so the rare hard ham keeps its share), replayed with `simulate` (the library
// `fieldlabel simulate` runs): every strategy, 3 seeds, a 1,000-label budget, batches of 10. The figure is the labels
// the best strategy needs to reach 95 % of full accuracy over what random needs (target ≤ 0.5), side by side in one run.
// The median curves go to bench/results/al-multiclass-curves.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spamAssassin3 } from './support/spam-corpus';
import { hashedFeatures } from '../src/lib/learn/features';
import { summarizeRuns } from '../src/lib/learn/simulate';
import { runInParallel } from '../src/cli/parallel-simulate';
import { SAMPLING_STRATEGIES } from '../src/lib/learn/sampling';
import { round } from './support/stats';
import type { Figures, Target } from './support/types';

const TEXTS = 4_000;
const GROUPS = ['spam', 'easy ham', 'hard ham'] as const;
const RESULTS = join(fileURLToPath(new URL('.', import.meta.url)), 'results');

export const alMulticlassTargets: Record<string, Target> = {
  'al.multiclass_best_over_random': { atMost: 0.5 },
};

export async function measureAlMulticlass(log: (message: string) => void = () => undefined): Promise<Figures> {
  const mails = spamAssassin3();
  const picked = Array.from({ length: TEXTS }, (_, k) => mails[Math.floor((k * mails.length) / TEXTS)] as (typeof mails)[number]);
  const corpus = {
    rows: picked.map((mail) => ({ sparse: hashedFeatures(mail.text), dense: null })),
    labels: picked.map((mail) => [GROUPS.indexOf(mail.group)]),
    classes: GROUPS.length,
    mode: 'single' as const,
    denseDims: 0,
  };
  const started = performance.now();
  // The runs `fieldlabel simulate` would make, on both cores (each run's randomness is its own: same result).
  const options = { strategies: SAMPLING_STRATEGIES, seeds: 3, budget: 1000, batch: 10 };
  const result = summarizeRuns(await runInParallel(corpus, options, 2, () => undefined), SAMPLING_STRATEGIES);
  const seconds = (performance.now() - started) / 1000;
  await mkdir(RESULTS, { recursive: true });
  const record = { type: 'fieldlabel-al-curves', version: 1, corpus: 'spam-assassin, 4,000 mails, spam / easy ham / hard ham', ...options, result };
  await writeFile(join(RESULTS, 'al-multiclass-curves.json'), `${JSON.stringify(record)}\n`);
  const labelsOf = (name: string) => result.strategies[name]?.labels_to_95pct ?? null;
  const random = labelsOf('random');
  const uncertain = SAMPLING_STRATEGIES.filter((name) => name !== 'random' && name !== 'sequential');
  const best = uncertain.reduce<{ name: string; labels: number } | null>((found, name) => {
    const labels = labelsOf(name);
    return labels !== null && (found === null || labels < found.labels) ? { name, labels } : found;
  }, null);
  log(`al-multiclass: ${uncertain.map((name) => `${name} ${labelsOf(name) ?? 'never'}`).join(', ')}, random ${random ?? 'never'}; best ${best?.name ?? 'none'}`);
  return {
    'al.multiclass_full_accuracy': round(result.full_accuracy, 4),
    'al.multiclass_random_labels': random ?? -1,
    'al.multiclass_best_labels': best?.labels ?? -1,
    'al.multiclass_best_over_random': best && random ? round(best.labels / random, 3) : -1,
    'al.multiclass_seconds': round(seconds, 1),
  };
}
