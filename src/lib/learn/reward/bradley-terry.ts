// The reward model's preference head: Bradley–Terry, P(a preferred over b) = σ(s(a) − s(b)) with a linear score
// s(r) = w·φ(r) over a response's row (pair-rows.ts). Fitting it is logistic regression without an intercept on
// differences of rows, minimising Σ cᵢ·log(1 + e^(−w·(φ(winnerᵢ) − φ(loserᵢ)))) + (l2/2)·‖w‖² by L-BFGS from the
// previous weights (warm start: the objective is strictly convex, so warm or cold reach the same optimum).
// Scores are per response, so re-scoring a pool costs one sparse dot per response, not per pair.
import { buildProblem, sigmoid } from '../head-problem';
import { minimize } from '../lbfgs';
import { dotWeights, type FeatureRow } from '../vectors';
import { addRowGradients, expandCompact, fittedWidth, loadCompact, rowScores, softplus } from './compact-linear';
import { differenceRow } from './pair-rows';

/** One comparison the head learns from: `winner` was preferred over `loser`, counting `weight` (default 1). */
export interface PreferencePair {
  winner: FeatureRow;
  loser: FeatureRow;
  weight?: number;
}

/** Typed arrays and numbers only, so it crosses postMessage unchanged. Layout: vectors.ts (the bias slot stays 0). */
export interface RewardWeights {
  denseDims: number;
  weights: Float32Array;
}

export interface RewardSpec {
  denseDims: number;
  l2?: number;
  /** Relative gradient norm at which training stops (relative to the gradient at zero weights). */
  tolerance?: number;
  maxIterations?: number;
  warmStart?: RewardWeights;
}

export interface RewardTraining {
  weights: RewardWeights;
  iterations: number;
  converged: boolean;
}

// Measured on the spam-reply preference set (scripts/generate-preference-set.ts): docs/architecture.md, "Reward model".
export const REWARD_L2 = 0.1;
export const REWARD_TOLERANCE = 1e-4;
const MAX_ITERATIONS = 500;

export function trainReward(pairs: readonly PreferencePair[], spec: RewardSpec): RewardTraining {
  const rows = pairs.map((pair) => differenceRow(pair.winner, pair.loser));
  const sampleWeights = Float64Array.from(pairs, (pair) => pair.weight ?? 1);
  const l2 = spec.l2 ?? REWARD_L2;
  const p = buildProblem(rows, 'multi', 1, spec.denseDims, new Int32Array(rows.length).fill(1), sampleWeights, l2);
  const width = fittedWidth(p);
  const theta = new Float64Array(width);
  const warm = spec.warmStart;
  if (warm && warm.denseDims === spec.denseDims) loadCompact(p, warm.weights, theta);

  const margins = new Float64Array(p.rows);
  const dz = new Float64Array(p.rows);
  const objective = (w: Float64Array, gradient: Float64Array): number => {
    rowScores(p, w, margins);
    let loss = 0;
    for (let r = 0; r < p.rows; r++) {
      const c = sampleWeights[r] as number;
      const m = margins[r] as number;
      loss += c * softplus(-m);
      dz[r] = -c * sigmoid(-m);
    }
    gradient.fill(0);
    addRowGradients(p, dz, gradient);
    for (let j = 0; j < width; j++) {
      const v = w[j] as number;
      loss += 0.5 * l2 * v * v;
      gradient[j] = (gradient[j] as number) + l2 * v;
    }
    return loss;
  };
  const atZero = new Float64Array(width);
  objective(new Float64Array(width), atZero);
  const gradientScale = Math.sqrt(atZero.reduce((sum, g) => sum + g * g, 0));
  const result = minimize(objective, theta, {
    tolerance: spec.tolerance ?? REWARD_TOLERANCE,
    gradientScale,
    maxIterations: spec.maxIterations ?? MAX_ITERATIONS,
  });
  return { weights: { denseDims: spec.denseDims, weights: expandCompact(p, theta) }, iterations: result.iterations, converged: result.converged };
}

/** A response's reward s(r): only differences of scores mean anything. */
export function rewardScore(model: RewardWeights, row: FeatureRow): number {
  return dotWeights(model.weights, row, model.denseDims);
}

/** P(a preferred over b). */
export function preferenceProbability(model: RewardWeights, a: FeatureRow, b: FeatureRow): number {
  return sigmoid(rewardScore(model, a) - rewardScore(model, b));
}

export interface ResponseRanking {
  /** Response positions, best first (ties keep the given order). */
  order: number[];
  scores: Float64Array;
  /**
   * P(each response is the best one): the softmax of the scores, the Plackett–Luce choice probability that BT
   * extends to several responses. With two it is exactly σ(s(a) − s(b)) and 1 − that.
   */
  best: Float64Array;
}

export function rankResponses(model: RewardWeights, rows: readonly FeatureRow[]): ResponseRanking {
  return rankScores(Float64Array.from(rows, (row) => rewardScore(model, row)));
}

export function rankScores(scores: Float64Array): ResponseRanking {
  const order = Array.from(scores, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return { order, scores, best: choiceProbabilities(scores, new Float64Array(scores.length)) };
}

/** The softmax of the scores into `out` (P(each response is the best)): no sorting, no allocation. */
export function choiceProbabilities<T extends Float32Array | Float64Array>(scores: Float64Array, out: T): T {
  let top = Number.NEGATIVE_INFINITY;
  for (const s of scores) top = Math.max(top, s);
  let total = 0;
  for (let i = 0; i < scores.length; i++) total += out[i] = Math.exp((scores[i] as number) - top);
  for (let i = 0; i < scores.length; i++) out[i] = (out[i] as number) / total;
  return out;
}

/** The response the model would pick, with its confidence: P(it is the best of the responses). */
export function suggestPreferred(model: RewardWeights, rows: readonly FeatureRow[]): { index: number; confidence: number } {
  const { order, best } = rankResponses(model, rows);
  const index = order[0] as number;
  return { index, confidence: best[index] as number };
}
