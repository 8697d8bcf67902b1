// The judging loop replayed on a preference set whose answers are known (TRL's prompt/chosen/rejected): how many
// judgements does each sampling strategy need before the reward model picks the preferred response of held-out
// pairs? Same result shape as classification's simulate.ts (`full_accuracy`, per strategy `labels_to_95pct` and
// `curve`), so the two read alike.
//
// Per seed: which response is shown as A is drawn at random per pair (a model that learnt "A wins" would score
// 0.5), a quarter of the pairs is held out, the loop starts from 10 random judgements and retrains (warm) after
// every batch. Accuracy is the share of held-out pairs whose chosen response gets P(chosen > rejected) > ½ (a tie
// at exactly ½, as before any judgement, counts half).
import { createRng, shuffleInPlace } from '../random';
import { SAMPLING_STRATEGIES, type SamplingStrategy } from '../../domain/types';
import { summarizeRuns, type SeedRun, type SimulationResult } from '../simulate';
import type { FeatureRow } from '../vectors';
import { preferenceProbability, trainReward, type PreferencePair, type RewardSpec, type RewardWeights } from './bradley-terry';
import { rankCompareTasks, scoreResponses } from './compare-sampling';
import { sumRow } from './pair-rows';

export interface PreferenceCorpus {
  /** Rows of the preferred response (pair-rows.ts responseRow), one per pair. */
  chosen: FeatureRow[];
  rejected: FeatureRow[];
  denseDims: number;
}

export interface CompareSimulationOptions {
  strategies: readonly SamplingStrategy[];
  seeds: number;
  budget: number;
  batch: number;
  initialLabels?: number;
  head?: Pick<RewardSpec, 'l2' | 'tolerance' | 'maxIterations'>;
  onProgress?: (progress: { seed: number; strategy: SamplingStrategy | null; labels: number; accuracy: number }) => void;
}

/** Held-out share: one pair in four. */
export const HELD_OUT_SHARE = 0.25;
const INITIAL_LABELS = 10;

interface CompareSeed {
  seed: number;
  /** Per pair: true when the chosen response is shown as A. */
  chosenFirst: boolean[];
  pool: number[];
  test: number[];
  initial: number[];
}

export function simulateCompare(corpus: PreferenceCorpus, options: CompareSimulationOptions): SimulationResult {
  const runs: SeedRun[] = [];
  for (let seed = 1; seed <= options.seeds; seed++) {
    const setup = prepareCompareSeed(corpus, seed, options.initialLabels ?? INITIAL_LABELS);
    const full = trainAndTest(corpus, setup, setup.pool, undefined, options);
    options.onProgress?.({ seed, strategy: null, labels: setup.pool.length, accuracy: full.accuracy });
    const curves: SeedRun['curves'] = {};
    for (const strategy of options.strategies) curves[strategy] = runCompareStrategy(corpus, setup, strategy, options);
    runs.push({ seed, fullAccuracy: full.accuracy, curves });
  }
  return summarizeRuns(runs, options.strategies);
}

function prepareCompareSeed(corpus: PreferenceCorpus, seed: number, initialLabels: number): CompareSeed {
  const rng = createRng(seed);
  const n = corpus.chosen.length;
  const chosenFirst = Array.from({ length: n }, () => rng() < 0.5);
  const order = shuffleInPlace(Array.from({ length: n }, (_, i) => i), rng);
  const testSize = Math.round(n * HELD_OUT_SHARE);
  const test = order.slice(0, testSize).sort((a, b) => a - b);
  const pool = order.slice(testSize).sort((a, b) => a - b);
  const initial = shuffleInPlace([...pool], rng).slice(0, Math.min(initialLabels, pool.length));
  return { seed, chosenFirst, pool, test, initial };
}

/** The rows of pair i as shown: [A, B]. */
function shown(corpus: PreferenceCorpus, setup: CompareSeed, i: number): [FeatureRow, FeatureRow] {
  const chosen = corpus.chosen[i] as FeatureRow;
  const rejected = corpus.rejected[i] as FeatureRow;
  return setup.chosenFirst[i] ? [chosen, rejected] : [rejected, chosen];
}

function runCompareStrategy(corpus: PreferenceCorpus, setup: CompareSeed, strategy: SamplingStrategy, options: CompareSimulationOptions): [number, number][] {
  const rng = createRng(setup.seed * 7919 + SAMPLING_STRATEGIES.indexOf(strategy) * 104729 + 1);
  const judged = [...setup.initial];
  const isJudged = new Set(judged);
  const curve: [number, number][] = [];
  const budget = Math.min(options.budget, setup.pool.length);
  let warm: RewardWeights | undefined;
  for (;;) {
    const round = trainAndTest(corpus, setup, judged, warm, options);
    warm = round.weights;
    curve.push([judged.length, round4(round.accuracy)]);
    options.onProgress?.({ seed: setup.seed, strategy, labels: judged.length, accuracy: round.accuracy });
    if (judged.length >= budget) return curve;
    const open = setup.pool.filter((i) => !isJudged.has(i));
    const needsScores = strategy !== 'sequential' && strategy !== 'random';
    const rows = open.map((i) => shown(corpus, setup, i));
    const picks = rankCompareTasks(
      strategy,
      {
        ids: open,
        scores: needsScores ? scoreResponses(round.weights, rows) : null,
        vectors: strategy === 'hybrid' ? rows.map(([a, b]) => sumRow(a, b)) : undefined,
      },
      Math.min(options.batch, budget - judged.length),
      rng,
    );
    for (const i of picks) {
      judged.push(i);
      isJudged.add(i);
    }
  }
}

/** The simulated annotator always prefers the file's chosen response, whichever side it is shown on. */
function trainAndTest(
  corpus: PreferenceCorpus,
  setup: CompareSeed,
  judged: readonly number[],
  warm: RewardWeights | undefined,
  options: CompareSimulationOptions,
): { weights: RewardWeights; accuracy: number } {
  const pairs: PreferencePair[] = judged.map((i) => ({ winner: corpus.chosen[i] as FeatureRow, loser: corpus.rejected[i] as FeatureRow }));
  const { weights } = trainReward(pairs, { ...options.head, denseDims: corpus.denseDims, warmStart: warm });
  return { weights, accuracy: pairwiseAccuracy(weights, corpus, setup, setup.test) };
}

function pairwiseAccuracy(model: RewardWeights, corpus: PreferenceCorpus, setup: CompareSeed, test: readonly number[]): number {
  let right = 0;
  for (const i of test) {
    const [a, b] = shown(corpus, setup, i);
    const pA = preferenceProbability(model, a, b);
    const pChosen = setup.chosenFirst[i] ? pA : 1 - pA;
    right += pChosen > 0.5 ? 1 : pChosen === 0.5 ? 0.5 : 0;
  }
  return test.length === 0 ? 0 : right / test.length;
}

function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
