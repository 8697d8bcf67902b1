// The linear part both reward heads share: z = w·x over a compact training problem (head-problem.ts' layout:
// touched buckets, then dense dims, then a bias column these heads never use — Bradley–Terry scores differences,
// where an intercept has no side to belong to, and the ordinal head's thresholds are its intercepts), and the
// mapping between compact parameters and full-size weights (vectors.ts' layout), for warm starts and scoring.
import { HASH_SIZE } from '../features';
import type { CompactProblem } from '../head-problem';
import { weightLength } from '../vectors';

/** Columns the heads fit: every column of the problem but the bias. */
export function fittedWidth(p: CompactProblem): number {
  return p.width - 1;
}

/** out[r] = θ·x_r for every row. */
export function rowScores(p: CompactProblem, theta: Float64Array, out: Float64Array): void {
  const D = p.denseDims;
  const denseStart = p.buckets.length;
  for (let r = 0; r < p.rows; r++) {
    let z = 0;
    const end = p.rowStart[r + 1] as number;
    for (let i = p.rowStart[r] as number; i < end; i++) z += (theta[p.columns[i] as number] as number) * (p.values[i] as number);
    const base = r * D;
    for (let j = 0; j < D; j++) z += (theta[denseStart + j] as number) * (p.dense[base + j] as number);
    out[r] = z;
  }
}

/** gradient += Σ_r dz[r]·x_r. */
export function addRowGradients(p: CompactProblem, dz: Float64Array, gradient: Float64Array): void {
  const D = p.denseDims;
  const denseStart = p.buckets.length;
  for (let r = 0; r < p.rows; r++) {
    const g = dz[r] as number;
    if (g === 0) continue;
    const end = p.rowStart[r + 1] as number;
    for (let i = p.rowStart[r] as number; i < end; i++) {
      const column = p.columns[i] as number;
      gradient[column] = (gradient[column] as number) + g * (p.values[i] as number);
    }
    const base = r * D;
    for (let j = 0; j < D; j++) gradient[denseStart + j] = (gradient[denseStart + j] as number) + g * (p.dense[base + j] as number);
  }
}

/** Full-size weights (or zeros) → the problem's compact columns, at theta[0 … fittedWidth). */
export function loadCompact(p: CompactProblem, weights: Float32Array | undefined, theta: Float64Array): void {
  if (weights === undefined || weights.length !== weightLength(p.denseDims)) return;
  p.buckets.forEach((bucket, j) => (theta[j] = weights[bucket] as number));
  const denseStart = p.buckets.length;
  for (let j = 0; j < p.denseDims; j++) theta[denseStart + j] = weights[HASH_SIZE + j] as number;
}

/** The compact columns → full-size weights; buckets no row touched stay 0 (their optimum under L2). */
export function expandCompact(p: CompactProblem, theta: Float64Array): Float32Array {
  const weights = new Float32Array(weightLength(p.denseDims));
  p.buckets.forEach((bucket, j) => (weights[bucket] = theta[j] as number));
  const denseStart = p.buckets.length;
  for (let j = 0; j < p.denseDims; j++) weights[HASH_SIZE + j] = theta[denseStart + j] as number;
  return weights;
}

/** log(1 + e^x), without overflow either way. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}
