// What to judge next in a compare project, with classification's strategies and names (sampling.ts): a task's
// "class probabilities" are P(each response is the best one) from the reward model. With two responses
// least-confidence, margin and entropy all rank by |P(A > B) − ½|, smallest first; with 3–4 they differ as they do
// for 3–4 classes. Hybrid spreads the unsure pairs over clusters of whole pairs (the sum of their responses' rows,
// which does not depend on which one is shown first) and mixes in random picks.
import { rankCandidates, type CandidatePool, type Rng } from '../sampling';
import type { SamplingStrategy } from '../../domain/types';
import type { FeatureRow } from '../vectors';
import { choiceProbabilities, rewardScore, type RewardWeights } from './bradley-terry';

/** Every response's reward, task by task: what a retrain re-scores. */
export function scoreResponses(model: RewardWeights, tasks: readonly (readonly FeatureRow[])[]): Float64Array[] {
  return tasks.map((rows) => Float64Array.from(rows, (row) => rewardScore(model, row)));
}

export interface CompareCandidates {
  /** Task order numbers, in file order. */
  ids: number[];
  /** The responses' rewards per task (scoreResponses), same order as ids; null before the first judgement. */
  scores: readonly Float64Array[] | null;
  /** One row per task for hybrid's clustering (sumRow of its responses); without them hybrid skips the clustering. */
  vectors?: FeatureRow[];
}

/** The ids of `count` tasks to judge next, best first. */
export function rankCompareTasks(strategy: SamplingStrategy, candidates: CompareCandidates, count: number, rng: Rng): number[] {
  const pool: CandidatePool = {
    ids: candidates.ids,
    probs: candidates.scores === null ? candidates.ids.map(() => new Float32Array(0)) : candidates.scores.map((s) => choiceProbabilities(s, new Float32Array(s.length))),
    vectors: candidates.vectors,
  };
  return rankCandidates(strategy, pool, count, rng);
}
