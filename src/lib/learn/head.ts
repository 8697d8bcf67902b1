// The linear classifier head on top of the feature rows: softmax regression for single-label projects,
// one-vs-rest logistic regression for multi-label ones, minimising Σ sᵢ·lossᵢ + (l2/2)·‖w‖² with class-balancing
// sample weights sᵢ. Trained from scratch or warm-started from the previous round's weights; either way it reaches
// the same optimum (the objective is strictly convex), only sooner warm. Both are solved by dual coordinate descent:
// two-class problems (two-class heads, and each class of a multi-label head) by dual-cd.ts, three or more exclusive
// classes by its K-wide form, softmax-dual.ts.
import { HASH_SIZE } from './features';
import { buildProblem, sigmoid, type CompactProblem, type HeadMode } from './head-problem';
import { solveBinaryDual, type DualResult } from './dual-cd';
import { blockWeights, poolLogits } from './rescore';
import { solveSoftmaxDual } from './softmax-dual';
import { dotWeights, weightLength, type FeatureRow } from './vectors';

export type { HeadMode } from './head-problem';

/** Typed arrays and numbers only, so it crosses postMessage (structured clone or transfer) unchanged. */
export interface HeadWeights {
  mode: HeadMode;
  classes: number;
  denseDims: number;
  /** One array per class, laid out as vectors.ts says: 2^18 hashed buckets, then dense dims, then the bias. */
  perClass: Float32Array[];
}

export interface TrainingExample {
  x: FeatureRow;
  /** Indices of the classes that apply: exactly one for 'single', any number (even none) for 'multi'. */
  y: number[];
}

export interface HeadSpec {
  mode: HeadMode;
  classes: number;
  denseDims: number;
  /** Strength of the L2 penalty on the summed (not averaged) loss, so it weighs less as labels accumulate. */
  l2?: number;
  /** Relative gradient norm at which training stops (DEFAULT_TOLERANCE, or DEFAULT_SOFTMAX_TOLERANCE for 3+ exclusive classes). */
  tolerance?: number;
  maxEpochs?: number;
  warmStart?: HeadWeights;
  /** Weigh examples by inverse class frequency (default), so a rare class is not simply never predicted. */
  balance?: boolean;
}

export interface TrainResult {
  weights: HeadWeights;
  /** Optimiser iterations, each one full pass over the examples (plus line-search passes). */
  epochs: number;
  converged: boolean;
}

// Measured on spam-assassin (20 % held out, seed 1): with unit-norm rows, l2 = 0.1 gives a full-pool accuracy of
// 0.989 against 0.978 at l2 = 1 (0.988 at 0.03). Training stops at ‖∇P‖ ≤ tolerance · ‖∇P(0)‖ (as LIBLINEAR's primal
// solvers do). Two-class problems stop at 1e-4: it gave active-learning curves identical to 1e-5 to four decimals in
// half the time, and they are fast enough. Three or more exclusive classes (softmax-dual.ts) stop at 1e-3: a warm
// 4-class retrain takes ~17 passes instead of ~25 and a 10-class one 7 instead of 11, for 4-class active-learning
// curves that differ from 1e-4 by −0.004…+0.003 on average over seeds, either way (bench/README.md, "third round");
// 1e-2 moved single curves by up to 9 points. (On the two-class synthetic task of simulate.test.ts, 1e-3 moved
// hybrid sampling's mean accuracy below random's by 0.0002: two-class heads were left at 1e-4.)
export const DEFAULT_L2 = 0.1;
export const DEFAULT_TOLERANCE = 1e-4;
export const DEFAULT_SOFTMAX_TOLERANCE = 1e-3;
export const DEFAULT_MAX_EPOCHS = 1000;

export function trainHead(examples: TrainingExample[], spec: HeadSpec): TrainResult {
  const { mode, classes, denseDims } = spec;
  const l2 = spec.l2 ?? DEFAULT_L2;
  const targets = encodeTargets(examples, mode, classes);
  const weights = spec.balance === false ? new Float64Array(targets.length).fill(1) : balancedWeights(targets, mode, classes, examples.length);
  const rows = examples.map((e) => e.x);
  // Two-class softmax only depends on w₁ − w₀, and with an L2 penalty its optimum is w₁ = −w₀ = d/2 where d is the
  // logistic regression with half the penalty: the same model for half the work, in the most common project.
  const binary = mode === 'single' && classes === 2;
  const problem = binary
    ? buildProblem(rows, 'multi', 1, denseDims, targets, weights, l2 / 2)
    : buildProblem(rows, mode, classes, denseDims, targets, weights, l2);
  const theta = new Float64Array(problem.classes * problem.width);
  const warm = spec.warmStart;
  const global = globalIndices(problem);
  if (warm && warm.mode === mode && warm.classes === classes && warm.denseDims === denseDims) {
    if (binary) {
      const [w0, w1] = warm.perClass as [Float32Array, Float32Array];
      for (let j = 0; j < problem.width; j++) theta[j] = (w1[global[j] as number] as number) - (w0[global[j] as number] as number);
    } else {
      gatherColumns(theta, problem.classes, global, warm.perClass);
    }
  }
  const tolerance = spec.tolerance ?? (problem.mode === 'single' ? DEFAULT_SOFTMAX_TOLERANCE : DEFAULT_TOLERANCE);
  const maxEpochs = spec.maxEpochs ?? DEFAULT_MAX_EPOCHS;
  const result = problem.mode === 'multi' ? solveEachClass(problem, theta, tolerance, maxEpochs) : solveSoftmaxDual(problem, theta, tolerance, maxEpochs);

  const perClass = Array.from({ length: classes }, () => new Float32Array(weightLength(denseDims)));
  if (binary) {
    const [w0, w1] = perClass as [Float32Array, Float32Array];
    for (let j = 0; j < problem.width; j++) {
      const value = theta[j] as number;
      w1[global[j] as number] = value / 2;
      w0[global[j] as number] = -value / 2;
    }
  } else {
    scatterColumns(theta, problem.classes, global, perClass);
  }
  return { weights: { mode, classes, denseDims, perClass }, epochs: result.epochs, converged: result.converged };
}

/** Two-class problems, one per class: dual coordinate descent (see dual-cd.ts for why). */
function solveEachClass(p: CompactProblem, theta: Float64Array, tolerance: number, maxEpochs: number): DualResult {
  const K = p.classes;
  const w = new Float64Array(p.width);
  let epochs = 0;
  let converged = true;
  for (let c = 0; c < K; c++) {
    for (let j = 0; j < p.width; j++) w[j] = theta[j * K + c] as number;
    const result = solveBinaryDual(p, c, w, tolerance, maxEpochs);
    for (let j = 0; j < p.width; j++) theta[j * K + c] = w[j] as number;
    epochs = Math.max(epochs, result.epochs);
    converged &&= result.converged;
  }
  return { epochs, converged };
}

/** Class probabilities: softmax over classes for 'single', an independent sigmoid per class for 'multi'. */
export function predict(weights: HeadWeights, x: FeatureRow): Float32Array {
  const out = new Float32Array(weights.classes);
  probabilitiesInto(weights, x, new Float64Array(weights.classes), out, 0);
  return out;
}

/** Every row's class probabilities, row after row in one array (row i at i × classes): a whole pool's re-scoring. */
export function predictAll(weights: HeadWeights, rows: readonly FeatureRow[]): Float32Array {
  const { mode, classes, denseDims } = weights;
  // A softmax does not change when the same number is taken from every logit, so w_c − w_0 scores like w_c with the
  // first class's logit always 0: one class fewer to score (half of a 2-class pool's re-scoring).
  const first = mode === 'single' ? 1 : 0;
  const blocked = blockWeights(weights.perClass.slice(first), denseDims, mode === 'single' ? (weights.perClass[0] as Float32Array) : null);
  const all = new Float64Array(rows.length * classes);
  poolLogits(blocked, rows, all, classes, first);
  const out = new Float32Array(rows.length * classes);
  for (let r = 0; r < rows.length; r++) probabilitiesFromLogits(mode, all, r * classes, classes, out, r * classes);
  return out;
}

/** Writes x's class probabilities at out[at…]; `logits` is scratch space of `classes` numbers. */
function probabilitiesInto({ mode, classes, denseDims, perClass }: HeadWeights, x: FeatureRow, logits: Float64Array, out: Float32Array, at: number): void {
  const bias = weightLength(denseDims) - 1;
  for (let c = 0; c < classes; c++) {
    const w = perClass[c] as Float32Array;
    logits[c] = dotWeights(w, x, denseDims) + (w[bias] as number);
  }
  probabilitiesFromLogits(mode, logits, 0, classes, out, at);
}

/**
 * Softmax over logits[from … from + classes) for 'single', an independent sigmoid per class for 'multi', written at
 * out[at…]. The logits are overwritten.
 */
function probabilitiesFromLogits(mode: HeadMode, logits: Float64Array, from: number, classes: number, out: Float32Array, at: number): void {
  if (mode === 'multi') {
    for (let c = 0; c < classes; c++) out[at + c] = sigmoid(logits[from + c] as number);
    return;
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < classes; c++) max = Math.max(max, logits[from + c] as number);
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    const e = Math.exp((logits[from + c] as number) - max);
    logits[from + c] = e;
    sum += e;
  }
  for (let c = 0; c < classes; c++) out[at + c] = (logits[from + c] as number) / sum;
}

function encodeTargets(examples: TrainingExample[], mode: HeadMode, classes: number): Int32Array {
  const targets = new Int32Array(mode === 'single' ? examples.length : examples.length * classes);
  examples.forEach(({ y }, r) => {
    for (const c of y) {
      if (!Number.isInteger(c) || c < 0 || c >= classes) throw new RangeError(`Example ${r}: class ${c} is not in 0..${classes - 1}.`);
    }
    if (mode === 'single') {
      if (y.length !== 1) throw new RangeError(`Example ${r}: a single-label example needs exactly one class, got ${y.length}.`);
      targets[r] = y[0] as number;
    } else {
      for (const c of y) targets[r * classes + c] = 1;
    }
  });
  return targets;
}

/**
 * Inverse class frequency, scaled so the weights still sum to the number of examples (the L2 strength keeps its
 * meaning). Multi-label balances each class's positives against its negatives separately.
 */
function balancedWeights(targets: Int32Array, mode: HeadMode, classes: number, rows: number): Float64Array {
  if (mode === 'single') {
    const counts = new Array<number>(classes).fill(0);
    for (const t of targets) counts[t] = (counts[t] as number) + 1;
    const present = counts.filter((n) => n > 0).length;
    return Float64Array.from(targets, (t) => rows / (present * (counts[t] as number)));
  }
  const weights = new Float64Array(targets.length).fill(1);
  for (let c = 0; c < classes; c++) {
    let positives = 0;
    for (let r = 0; r < rows; r++) positives += targets[r * classes + c] as number;
    const negatives = rows - positives;
    if (positives === 0 || negatives === 0) continue;
    for (let r = 0; r < rows; r++) weights[r * classes + c] = rows / (2 * (targets[r * classes + c] ? positives : negatives));
  }
  return weights;
}

/** For each compact column, its index in a full-size weight vector: its bucket, then the dense dims, then the bias. */
function globalIndices(p: CompactProblem): Uint32Array {
  const out = new Uint32Array(p.width);
  out.set(p.buckets);
  for (let j = 0; j < p.denseDims; j++) out[p.buckets.length + j] = HASH_SIZE + j;
  out[p.width - 1] = weightLength(p.denseDims) - 1;
  return out;
}

/** theta[j · K + c] = perClass[c][global[j]]: full-size weights into the compact, column-major vector. */
function gatherColumns(theta: Float64Array, K: number, global: Uint32Array, perClass: readonly Float32Array[]): void {
  for (let c = 0; c < K; c++) {
    const w = perClass[c] as Float32Array;
    for (let j = 0; j < global.length; j++) theta[j * K + c] = w[global[j] as number] as number;
  }
}

/** perClass[c][global[j]] = theta[j · K + c]: gatherColumns' inverse. */
function scatterColumns(theta: Float64Array, K: number, global: Uint32Array, perClass: Float32Array[]): void {
  for (let c = 0; c < K; c++) {
    const w = perClass[c] as Float32Array;
    for (let j = 0; j < global.length; j++) w[global[j] as number] = theta[j * K + c] as number;
  }
}
