// The labelling loop, replayed on a corpus whose labels are already known: how many labels would each sampling
// strategy have needed? Shared by `fieldlabel simulate` and the benchmark, so both measure the same thing.
//
// Per seed: 20 % of the corpus is held out for testing (stratified, never offered for labelling); the loop starts
// from the same 10 random labels for every strategy (a paired comparison), retrains the head (warm) after each
// batch, records test accuracy, and lets the strategy pick the next batch, until the budget is spent.
import { accuracy, stratifiedFolds } from './evaluate';
import { predictAll, trainHead, type HeadMode, type HeadSpec, type HeadWeights, type TrainingExample } from './head';
import { createRng, rankCandidates, SAMPLING_STRATEGIES, type SamplingStrategy } from './sampling';
import type { FeatureRow } from './vectors';

export interface SimulationCorpus {
  rows: FeatureRow[];
  /** Class indices per row (exactly one each in 'single' mode). */
  labels: number[][];
  classes: number;
  mode: HeadMode;
  denseDims: number;
}

export interface SimulationOptions {
  strategies: readonly SamplingStrategy[];
  /** Number of seeds (1, 2, …); each gives its own split, starting labels and random picks. */
  seeds: number;
  budget: number;
  batch: number;
  initialLabels?: number;
  /** Head settings other than the task shape (l2, tolerance, …). */
  head?: Pick<HeadSpec, 'l2' | 'tolerance' | 'maxEpochs'>;
  onProgress?: (progress: SimulationProgress) => void;
}

export interface SimulationProgress {
  seed: number;
  /** null for the full-pool reference head (its accuracy on all pool labels). */
  strategy: SamplingStrategy | null;
  labels: number;
  accuracy: number;
}

export interface StrategyResult {
  labels_to_95pct: number | null;
  curve: [number, number][];
}

/** The documented output of `fieldlabel simulate`, field names included. */
export interface SimulationResult {
  full_accuracy: number;
  strategies: Record<string, StrategyResult>;
}

/** Held-out share: one fold in five. */
const TEST_FOLDS = 5;
export const DEFAULT_INITIAL_LABELS = 10;
/** "Good enough" = this share of what the head reaches with every pool label. */
export const TARGET_SHARE = 0.95;

/** One seed: its full-pool accuracy and a curve per strategy (plain data: it crosses threads). */
export interface SeedRun {
  seed: number;
  fullAccuracy: number;
  curves: Partial<Record<SamplingStrategy, [number, number][]>>;
}

/** Every seed in turn, in this thread. `fieldlabel simulate` spreads the seeds over worker threads instead. */
export function simulate(corpus: SimulationCorpus, options: SimulationOptions): SimulationResult {
  const runs = Array.from({ length: options.seeds }, (_, i) => simulateSeed(corpus, i + 1, options));
  return summarizeRuns(runs, options.strategies);
}

export function simulateSeed(corpus: SimulationCorpus, seed: number, options: Omit<SimulationOptions, 'seeds'>): SeedRun {
  const setup = prepareSeed(corpus, seed, options);
  const curves: SeedRun['curves'] = {};
  for (const strategy of options.strategies) curves[strategy] = runStrategy(corpus, setup, strategy, options);
  return { seed, fullAccuracy: setup.fullAccuracy, curves };
}

/** What every strategy of one seed shares: the split, the starting labels and the full-pool accuracy. */
export interface SeedSetup {
  seed: number;
  pool: number[];
  test: number[];
  initial: number[];
  fullAccuracy: number;
}

export function prepareSeed(corpus: SimulationCorpus, seed: number, options: Omit<SimulationOptions, 'seeds' | 'strategies'>): SeedSetup {
  const { pool, test } = splitCorpus(corpus, seed);
  const fullAccuracy = testAccuracy(corpus, train(corpus, pool, undefined, options), test);
  options.onProgress?.({ seed, strategy: null, labels: pool.length, accuracy: fullAccuracy });
  const initial = pickInitial(pool, options.initialLabels ?? DEFAULT_INITIAL_LABELS, seed);
  return { seed, pool, test, initial, fullAccuracy };
}

/** One strategy's learning curve for one seed. */
export function runStrategy(
  corpus: SimulationCorpus,
  setup: SeedSetup,
  strategy: SamplingStrategy,
  options: Omit<SimulationOptions, 'seeds' | 'strategies'>,
): [number, number][] {
  // The stream depends on the seed and the strategy's name only, so a strategy's run does not change with which
  // other strategies are compared alongside it, nor with which thread runs it.
  const rng = createRng(setup.seed * 7919 + SAMPLING_STRATEGIES.indexOf(strategy) * 104729 + 1);
  return runLoop(corpus, setup, strategy, rng, options);
}

/** Medians over seeds: the documented result. */
export function summarizeRuns(runs: SeedRun[], strategies: readonly SamplingStrategy[]): SimulationResult {
  const result: Record<string, StrategyResult> = {};
  for (const strategy of strategies) {
    const curves = runs.map((run) => run.curves[strategy] ?? []);
    const reached = median(
      runs.map((run, i) => (curves[i] as [number, number][]).find(([, acc]) => acc >= TARGET_SHARE * run.fullAccuracy)?.[0] ?? Number.POSITIVE_INFINITY),
    );
    result[strategy] = { labels_to_95pct: Number.isFinite(reached) ? reached : null, curve: medianCurve(curves) };
  }
  return { full_accuracy: round4(median(runs.map((run) => run.fullAccuracy))), strategies: result };
}

/** Positions (into corpus.rows) of the labelling pool, in corpus order, and of the held-out test set. */
export function splitCorpus(corpus: SimulationCorpus, seed: number): { pool: number[]; test: number[] } {
  const foldOf = stratifiedFolds(corpus.labels, TEST_FOLDS, seed);
  const pool: number[] = [];
  const test: number[] = [];
  foldOf.forEach((fold, i) => (fold === 0 ? test : pool).push(i));
  return { pool, test };
}

function pickInitial(pool: number[], count: number, seed: number): number[] {
  const rng = createRng(seed);
  return rankCandidates('random', { ids: pool, probs: [] }, count, rng);
}

function runLoop(
  corpus: SimulationCorpus,
  { pool, test, initial, seed }: SeedSetup,
  strategy: SamplingStrategy,
  rng: () => number,
  options: Omit<SimulationOptions, 'seeds' | 'strategies'>,
): [number, number][] {
  const labelled = [...initial];
  const isLabelled = new Set(labelled);
  const testLabels = labelsOf(corpus, test);
  const curve: [number, number][] = [];
  let warm: HeadWeights | undefined;
  const budget = Math.min(options.budget, pool.length);
  for (;;) {
    const weights = train(corpus, labelled, warm, options);
    warm = weights;
    const open = pool.filter((i) => !isLabelled.has(i));
    // Sequential and random ignore the head: skip scoring the pool for them. Test set and pool are scored in one
    // re-score, which lays the weights out once.
    const needsScores = strategy !== 'sequential' && strategy !== 'random';
    const scores = scoreRows(weights, corpus, needsScores ? [...test, ...open] : test);
    const roundAccuracy = accuracy(scores.slice(0, test.length), testLabels, corpus.mode);
    curve.push([labelled.length, round4(roundAccuracy)]);
    options.onProgress?.({ seed, strategy, labels: labelled.length, accuracy: roundAccuracy });
    if (labelled.length >= budget) return curve;

    const picks = rankCandidates(
      strategy,
      {
        ids: open,
        probs: needsScores ? scores.slice(test.length) : [],
        vectors: strategy === 'hybrid' ? open.map((i) => corpus.rows[i] as FeatureRow) : undefined,
        multiLabel: corpus.mode === 'multi',
      },
      Math.min(options.batch, budget - labelled.length),
      rng,
    );
    for (const i of picks) {
      labelled.push(i);
      isLabelled.add(i);
    }
  }
}

function train(corpus: SimulationCorpus, rows: number[], warm: HeadWeights | undefined, options: Omit<SimulationOptions, 'seeds' | 'strategies'>): HeadWeights {
  const examples: TrainingExample[] = rows.map((i) => ({ x: corpus.rows[i] as FeatureRow, y: corpus.labels[i] as number[] }));
  return trainHead(examples, {
    ...options.head,
    mode: corpus.mode,
    classes: corpus.classes,
    denseDims: corpus.denseDims,
    warmStart: warm,
  }).weights;
}

function testAccuracy(corpus: SimulationCorpus, weights: HeadWeights, test: number[]): number {
  return accuracy(scoreRows(weights, corpus, test), labelsOf(corpus, test), corpus.mode);
}

function labelsOf(corpus: SimulationCorpus, positions: number[]): number[][] {
  return positions.map((i) => corpus.labels[i] as number[]);
}

/** The head's class probabilities for the given corpus rows, one array each (views into one batch re-score). */
function scoreRows(weights: HeadWeights, corpus: SimulationCorpus, positions: number[]): Float32Array[] {
  const all = predictAll(weights, positions.map((i) => corpus.rows[i] as FeatureRow));
  const K = weights.classes;
  return positions.map((_, k) => all.subarray(k * K, (k + 1) * K));
}

/** Median, with +∞ allowed (a seed that never reached the target): the median is then +∞ if half or more are. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median accuracy at each label count that every seed's curve has. */
function medianCurve(curves: [number, number][][]): [number, number][] {
  const first = curves[0] ?? [];
  return first
    .map(([labels]) => labels)
    .filter((labels) => curves.every((curve) => curve.some(([n]) => n === labels)))
    .map((labels) => [labels, round4(median(curves.map((curve) => (curve.find(([n]) => n === labels) as [number, number])[1])))]);
}

function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

