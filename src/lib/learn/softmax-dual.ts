// Dual coordinate descent for L2-regularised softmax regression (the maximum-entropy dual of Yu, Huang & Lin 2011,
// section 5), used for single-label heads of three or more classes. It is the two-class solver of dual-cd.ts made
// K-wide: one visit to an example reads and writes its non-zeros once for all K classes, so a pass costs
// O(non-zeros × K), as K two-class passes would. L-BFGS on the primal, used before, also paid O(buckets × K) per
// iteration for its vector updates, and labelled texts touch ~10^5 buckets: it took ~2 s per 4-class retrain on
// 2,000 mails.
//
// Primal: min_w ½‖w‖² + Σᵢ Cᵢ (log Σ_y exp(w_y·xᵢ) − w_{yᵢ}·xᵢ). Dual: per example a point αᵢ of the simplex scaled
// to Cᵢ (αᵢ_y ≥ 0, Σ_y αᵢ_y = Cᵢ), with w_y = Σᵢ (Cᵢ[y = yᵢ] − αᵢ_y) xᵢ, minimising ½‖w‖² + Σ αᵢ_y log αᵢ_y. At the
// optimum αᵢ = Cᵢ · softmax(W xᵢ), which is also how a warm start from earlier weights becomes dual variables.
import type { CompactProblem } from './head-problem';
import type { DualResult } from './dual-cd';
import { addScaled, dotRows, gatherRow, scatterRow } from './float64-kernels';
import { createRng, shuffleInPlace } from './random';
import { solveSimplexStep } from './simplex-step';

// Cold start: each example gives 0.1 % of its weight to the classes it is not (w ≈ 0), as the two-class solver does.
const COLD_SHARE = 1e-3;
const ORDER_SEED = 0x5eed;
/** Pay for the exact gradient norm once the cheap upper bound is within this factor of the threshold. */
const EXACT_CHECK_SLACK = 30;
/** Run the full check once the shares summed during a pass are within this factor of the threshold. */
const CHECK_AFTER_PASS = 4;

/**
 * Solves a single-label problem of p.classes ≥ 2 classes into `theta` (column-major: theta[column · K + class]),
 * which holds the warm start on entry (zeros for none). Stops when ‖∇P(w)‖ ≤ tolerance · ‖∇P(0)‖, the rule of the
 * two-class solver.
 */
export function solveSoftmaxDual(p: CompactProblem, theta: Float64Array, tolerance: number, maxEpochs: number): DualResult {
  const K = p.classes;
  const n = p.rows;
  const w = new SoftmaxWeights(p, theta);
  const bound = new Float64Array(n);
  const rowNorm = new Float64Array(n);
  const alpha = new Float64Array(n * K);
  const z = new Float64Array(K);
  const warm = theta.some((v) => v !== 0);
  for (let r = 0; r < n; r++) {
    bound[r] = (p.sampleWeights[r] as number) / p.l2;
    rowNorm[r] = w.rowNormSquared(r);
    const C = bound[r] as number;
    if (warm) {
      w.logits(r, z);
      softmaxInto(z, C, alpha, r * K);
    } else {
      for (let c = 0; c < K; c++) alpha[r * K + c] = (C * COLD_SHARE) / (K - 1);
      alpha[r * K + (p.targets[r] as number)] = C * (1 - COLD_SHARE);
    }
  }
  w.clear();
  const coefficient = new Float64Array(K);
  for (let r = 0; r < n; r++) {
    primalCoefficients(alpha, r, K, p.targets[r] as number, coefficient);
    w.addRow(r, coefficient);
  }

  const gradient = new SoftmaxWeights(p, new Float64Array(theta.length));
  const stopAt = tolerance * gradientAtZero(p, bound, gradient);
  const probs = new Float64Array(K);
  // Every example's residual as of the last full check, kept so the exact gradient needs no second pass of logits.
  const residuals = new Float64Array(n * K);
  // Each example's share of the bound below as last computed; their sum estimates the bound between full checks,
  // counting the examples that left the passes at their last value.
  const share = new Float64Array(n);
  let shareSum = 0;
  const refresh = (r: number, into: Float64Array, at: number): number => {
    const value = Math.sqrt(residualSquared(w, r, alpha, bound[r] as number, z, into, at) * (rowNorm[r] as number));
    shareSum += value - (share[r] as number);
    share[r] = value;
    return value;
  };
  const done = (): boolean => {
    // ‖∇P‖ = ‖Σᵢ (αᵢ − Cᵢ pᵢ) ⊗ xᵢ‖ ≤ Σᵢ ‖αᵢ − Cᵢ pᵢ‖ ‖xᵢ‖: needs only the logits. The exact norm (scattering the
    // same residuals into every touched weight) is paid for only when the bound is close.
    share.fill(0);
    shareSum = 0;
    for (let r = 0; r < n; r++) refresh(r, residuals, r * K);
    if (shareSum <= stopAt) return true;
    if (shareSum > EXACT_CHECK_SLACK * stopAt) return false;
    gradient.clear();
    for (let r = 0; r < n; r++) gradient.addRow(r, residuals.subarray(r * K, (r + 1) * K));
    return gradient.norm() <= stopAt;
  };

  const all = Array.from({ length: n }, (_, r) => r);
  const rng = createRng(ORDER_SEED);
  const delta = new Float64Array(K);
  // Shrinking, as LIBLINEAR does: an example whose share is under stopAt / n (all such examples together cannot keep
  // the bound above stopAt) is skipped and leaves the passes. After a warm start that is nearly every old label, so
  // a pass costs the few examples still moving instead of all of them. Once the shares say the bound could pass,
  // the full check runs on every example; if it fails, the examples it found still moving come back.
  const negligible = stopAt / n;
  let active = all.slice();
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    if (epoch > 0 && shareSum <= CHECK_AFTER_PASS * stopAt) {
      if (done()) return finish(w, { epochs: epoch, converged: true });
      active = all.filter((r) => (share[r] as number) >= negligible);
    }
    let kept = 0;
    for (const r of shuffleInPlace(active, rng)) {
      if (refresh(r, probs, 0) < negligible) continue;
      active[kept++] = r;
      if (!solveSimplexStep(z, alpha, r * K, rowNorm[r] as number, bound[r] as number, delta)) continue;
      for (let c = 0; c < K; c++) {
        alpha[r * K + c] = (alpha[r * K + c] as number) + (delta[c] as number);
        delta[c] = -(delta[c] as number);
      }
      w.addRow(r, delta);
    }
    active.length = kept;
  }
  return finish(w, { epochs: maxEpochs, converged: done() });
}

function finish(w: SoftmaxWeights, result: DualResult): DualResult {
  w.store();
  return result;
}

/** out = C · softmax(z), written at alpha[at…]. */
function softmaxInto(z: Float64Array, C: number, alpha: Float64Array, at: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < z.length; c++) sum += Math.exp((z[c] as number) - max);
  for (let c = 0; c < z.length; c++) alpha[at + c] = (C * Math.exp((z[c] as number) - max)) / sum;
}

/**
 * Cᵢ[y = yᵢ] − αᵢ_y, example r's share of w_y. For the true class it is the sum of the others' α (Cᵢ − αᵢ_yᵢ would
 * lose every digit when the example is learnt well and αᵢ_yᵢ ≈ Cᵢ).
 */
function primalCoefficients(alpha: Float64Array, r: number, K: number, target: number, out: Float64Array): void {
  let others = 0;
  for (let c = 0; c < K; c++) {
    if (c === target) continue;
    const a = alpha[r * K + c] as number;
    out[c] = -a;
    others += a;
  }
  out[target] = others;
}

/**
 * Writes αᵢ − Cᵢ·softmax(W xᵢ) into `residual` and returns its squared norm: example r's share of ∇P. `z` is scratch.
 */
function residualSquared(w: SoftmaxWeights, r: number, alpha: Float64Array, C: number, z: Float64Array, residual: Float64Array, at: number): number {
  const K = z.length;
  w.logits(r, z);
  softmaxInto(z, C, residual, at);
  let squared = 0;
  for (let c = 0; c < K; c++) {
    const d = (alpha[r * K + c] as number) - (residual[at + c] as number);
    residual[at + c] = d;
    squared += d * d;
  }
  return squared;
}

/** ‖∇P(0)‖: at w = 0 every class has probability 1/K, so ∇P(0)_y = Σᵢ Cᵢ (1/K − [y = yᵢ]) xᵢ. */
function gradientAtZero(p: CompactProblem, bound: Float64Array, gradient: SoftmaxWeights): number {
  const K = p.classes;
  const coefficient = new Float64Array(K);
  gradient.clear();
  for (let r = 0; r < p.rows; r++) {
    const C = bound[r] as number;
    coefficient.fill(C / K);
    coefficient[p.targets[r] as number] = C / K - C;
    gradient.addRow(r, coefficient);
  }
  return gradient.norm();
}

/**
 * The K weight vectors of a compact problem while the solver works on them: sparse columns and the bias stay in the
 * column-major `theta` (one feature's K weights share a cache line, and sparse reads are scattered), the dense block
 * is held class-major so each class's part of an embedding is one contiguous dot product.
 */
class SoftmaxWeights {
  private readonly K: number;
  private readonly D: number;
  private readonly denseBase: number;
  private readonly biasBase: number;
  private readonly dense: Float64Array;

  constructor(
    private readonly p: CompactProblem,
    private readonly theta: Float64Array,
  ) {
    this.K = p.classes;
    this.D = p.denseDims;
    this.denseBase = p.buckets.length * this.K;
    this.biasBase = (p.width - 1) * this.K;
    this.dense = new Float64Array(this.K * this.D);
    for (let j = 0; j < this.D; j++) for (let c = 0; c < this.K; c++) this.dense[c * this.D + j] = theta[this.denseBase + j * this.K + c] as number;
  }

  clear(): void {
    this.theta.fill(0);
    this.dense.fill(0);
  }

  /** Copies the dense block back into theta's column-major layout. */
  store(): void {
    for (let j = 0; j < this.D; j++) for (let c = 0; c < this.K; c++) this.theta[this.denseBase + j * this.K + c] = this.dense[c * this.D + j] as number;
  }

  norm(): number {
    this.store();
    let sum = 0;
    for (let j = 0; j < this.denseBase; j++) sum += (this.theta[j] as number) ** 2;
    for (const v of this.dense) sum += v * v;
    for (let c = 0; c < this.K; c++) sum += (this.theta[this.biasBase + c] as number) ** 2;
    return Math.sqrt(sum);
  }

  /** z_c = w_c · x_r, bias included. */
  logits(r: number, z: Float64Array): void {
    const { K, D, p } = this;
    gatherRow(this.theta, K, p.columns, p.values, p.rowStart[r] as number, p.rowStart[r + 1] as number, z);
    for (let c = 0; c < K; c++) {
      z[c] = (z[c] as number) + (this.theta[this.biasBase + c] as number);
      if (D > 0) z[c] = (z[c] as number) + dotRows(this.dense, c * D, p.dense, r * D, D);
    }
  }

  /** w_c += factor_c · x_r for every class c. */
  addRow(r: number, factor: Float64Array): void {
    const { K, D, p } = this;
    scatterRow(this.theta, K, p.columns, p.values, p.rowStart[r] as number, p.rowStart[r + 1] as number, factor);
    for (let c = 0; c < K; c++) {
      this.theta[this.biasBase + c] = (this.theta[this.biasBase + c] as number) + (factor[c] as number);
      if (D > 0) addScaled(this.dense, c * D, factor[c] as number, p.dense, r * D, D);
    }
  }

  /** ‖x_r‖², the bias feature's 1 included. */
  rowNormSquared(r: number): number {
    const { D, p } = this;
    const end = p.rowStart[r + 1] as number;
    let sum = 1;
    for (let i = p.rowStart[r] as number; i < end; i++) sum += (p.values[i] as number) ** 2;
    for (let j = 0; j < D; j++) sum += (p.dense[r * D + j] as number) ** 2;
    return sum;
  }
}
