// The reward model's rating head: a cumulative-link (proportional-odds) model for an item rated 1..K,
//   P(y ≤ k | x) = σ(t_k − w·x),  k = 1 … K−1,   t_1 < t_2 < … < t_{K−1},
// so one linear score moves the rating up or down and the thresholds cut it into values; an ordinal model knows
// that 4 is nearer 5 than 1 is, which K separate classes would have to learn from data. The thresholds are kept in
// order by fitting t_1 and the log-gaps g_k = log(t_k − t_{k−1}). Minimises −Σ log P(yᵢ | xᵢ) + (l2/2)·(‖w‖² + t_1² +
// Σ g_k²) by L-BFGS, warm-started: the penalty on the gaps keeps a value nobody has used yet at a finite distance.
import { buildProblem, sigmoid } from '../head-problem';
import { minimize } from '../lbfgs';
import { dotWeights, type FeatureRow } from '../vectors';
import { addRowGradients, expandCompact, fittedWidth, loadCompact, rowScores } from './compact-linear';

export interface RatingExample {
  x: FeatureRow;
  /** 1..scale. */
  value: number;
}

export interface OrdinalWeights {
  scale: number;
  denseDims: number;
  /** vectors.ts layout; the bias slot stays 0 (the thresholds are the intercepts). */
  weights: Float32Array;
  /** t_1 … t_{scale−1}, increasing. */
  thresholds: Float64Array;
}

export interface OrdinalSpec {
  scale: number;
  denseDims: number;
  l2?: number;
  tolerance?: number;
  maxIterations?: number;
  warmStart?: OrdinalWeights;
}

export const ORDINAL_L2 = 0.1;
const TOLERANCE = 1e-4;
const MAX_ITERATIONS = 500;

export function trainOrdinal(examples: readonly RatingExample[], spec: OrdinalSpec): { weights: OrdinalWeights; iterations: number; converged: boolean } {
  const K = spec.scale;
  if (!Number.isInteger(K) || K < 2) throw new RangeError(`A rating scale needs at least two values, got ${K}.`);
  examples.forEach(({ value }, i) => {
    if (!Number.isInteger(value) || value < 1 || value > K) throw new RangeError(`Rating ${i}: ${value} is not in 1..${K}.`);
  });
  const l2 = spec.l2 ?? ORDINAL_L2;
  const n = examples.length;
  const p = buildProblem(examples.map((e) => e.x), 'multi', 1, spec.denseDims, new Int32Array(n), new Float64Array(n).fill(1), l2);
  const width = fittedWidth(p);
  const theta = new Float64Array(width + K - 1);
  const warm = spec.warmStart;
  if (warm && warm.scale === K && warm.denseDims === spec.denseDims) {
    loadCompact(p, warm.weights, theta);
    theta.set(thresholdParameters(warm.thresholds), width);
  } else {
    // Evenly spread thresholds around 0: every value equally likely before anything is learnt.
    theta.set(thresholdParameters(Float64Array.from({ length: K - 1 }, (_, k) => k - (K - 2) / 2)), width);
  }

  const z = new Float64Array(n);
  const dz = new Float64Array(n);
  const t = new Float64Array(K - 1);
  const dt = new Float64Array(K - 1);
  const objective = (params: Float64Array, gradient: Float64Array): number => {
    thresholdsFrom(params, width, t);
    rowScores(p, params, z);
    dt.fill(0);
    let loss = 0;
    examples.forEach(({ value }, r) => {
      const { probability, dUpper, dLower } = bandProbability(t, value, z[r] as number);
      loss -= Math.log(probability);
      // ∂P/∂z = −σ'(upper) + σ'(lower), since both terms are σ(t − z).
      dz[r] = (dUpper - dLower) / probability;
      if (value < K) dt[value - 1] = (dt[value - 1] as number) - dUpper / probability;
      if (value > 1) dt[value - 2] = (dt[value - 2] as number) + dLower / probability;
    });
    gradient.fill(0);
    addRowGradients(p, dz, gradient);
    // Chain rule to (t_1, g_2 … g_{K−1}): t_k = t_1 + Σ_{j≤k} e^{g_j}.
    let tail = 0;
    for (let k = K - 2; k >= 0; k--) {
      tail += dt[k] as number;
      gradient[width + k] = k === 0 ? tail : tail * Math.exp(params[width + k] as number);
    }
    for (let j = 0; j < params.length; j++) {
      const v = params[j] as number;
      loss += 0.5 * l2 * v * v;
      gradient[j] = (gradient[j] as number) + l2 * v;
    }
    return loss;
  };
  const atZero = new Float64Array(theta.length);
  objective(new Float64Array(theta.length), atZero);
  const gradientScale = Math.sqrt(atZero.reduce((sum, g) => sum + g * g, 0));
  const result = minimize(objective, theta, { tolerance: spec.tolerance ?? TOLERANCE, gradientScale, maxIterations: spec.maxIterations ?? MAX_ITERATIONS });
  const thresholds = new Float64Array(K - 1);
  thresholdsFrom(theta, width, thresholds);
  return { weights: { scale: K, denseDims: spec.denseDims, weights: expandCompact(p, theta), thresholds }, iterations: result.iterations, converged: result.converged };
}

/**
 * P(y = value) = σ(t_value − z) − σ(t_{value−1} − z), with t_0 = −∞ and t_K = +∞, and the derivatives
 * σ'(·) of its two terms. Taken from the far side of the curve when both terms are near 1, where the difference of
 * two numbers close to 1 would lose its digits.
 */
function bandProbability(t: Float64Array, value: number, z: number): { probability: number; dUpper: number; dLower: number } {
  const K = t.length + 1;
  const upper = value < K ? (t[value - 1] as number) - z : Number.POSITIVE_INFINITY;
  const lower = value > 1 ? (t[value - 2] as number) - z : Number.NEGATIVE_INFINITY;
  const su = sigmoid(upper);
  const sl = sigmoid(lower);
  const probability = lower > 0 ? sigmoid(-lower) - sigmoid(-upper) : su - sl;
  return { probability: Math.max(probability, Number.MIN_VALUE), dUpper: su * (1 - su), dLower: sl * (1 - sl) };
}

function thresholdParameters(thresholds: Float64Array): Float64Array {
  return thresholds.map((t, k) => (k === 0 ? t : Math.log(Math.max(t - (thresholds[k - 1] as number), 1e-12))));
}

function thresholdsFrom(params: Float64Array, at: number, out: Float64Array): void {
  for (let k = 0; k < out.length; k++) out[k] = k === 0 ? (params[at] as number) : (out[k - 1] as number) + Math.exp(params[at + k] as number);
}

/** P(value = 1 … scale), index 0 for value 1. */
export function ratingProbabilities(model: OrdinalWeights, x: FeatureRow): Float64Array {
  const z = dotWeights(model.weights, x, model.denseDims);
  let below = 0;
  return Float64Array.from({ length: model.scale }, (_, k) => {
    const upTo = k < model.scale - 1 ? sigmoid((model.thresholds[k] as number) - z) : 1;
    const p = upTo - below;
    below = upTo;
    return p;
  });
}

/** The most probable value and its probability. */
export function suggestRating(model: OrdinalWeights, x: FeatureRow): { value: number; confidence: number } {
  const probabilities = ratingProbabilities(model, x);
  let best = 0;
  for (let k = 1; k < probabilities.length; k++) if ((probabilities[k] as number) > (probabilities[best] as number)) best = k;
  return { value: best + 1, confidence: probabilities[best] as number };
}
