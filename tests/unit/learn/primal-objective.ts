// The head's primal objective and its gradient, computed directly (no dual): the reference the solvers are checked
// against. Softmax cross-entropy for 'single', independent logistic losses for 'multi'.
import { addScaled, dotRows } from '../../../src/lib/learn/float64-kernels';
import { sigmoid, type CompactProblem } from '../../../src/lib/learn/head-problem';

/** Returns the objective at theta and writes its gradient into `gradient`. */
export type Objective = (theta: Float64Array, gradient: Float64Array) => number;

/**
 * Weighted negative log-likelihood plus (l2/2)·‖w‖². Single: softmax cross-entropy.
 * Multi: a sum of independent binary logistic losses, one per class (one-vs-rest, optimised jointly).
 * Parameters are column-major (theta[column · classes + class]) so one feature's weights for all classes share a
 * cache line: the scattered sparse reads and writes are what bounds the speed here.
 */
export function headObjective(p: CompactProblem): Objective {
  const { classes: K, width, rowStart, columns, values, dense, denseDims: D } = p;
  const denseBase = p.buckets.length * K;
  const biasBase = (width - 1) * K;
  const logits = new Float64Array(K);
  // The dense block is copied class-major for the pass (and its gradient gathered there), so the embedding's
  // hundreds of dimensions are plain contiguous dot products instead of strided reads.
  const denseWeights = new Float64Array(K * D);
  const denseGradient = new Float64Array(K * D);
  return (theta, gradient) => {
    gradient.fill(0);
    denseGradient.fill(0);
    for (let j = 0; j < D; j++) for (let c = 0; c < K; c++) denseWeights[c * D + j] = theta[denseBase + j * K + c] as number;
    let loss = 0;
    for (let r = 0; r < p.rows; r++) {
      const start = rowStart[r] as number;
      const end = rowStart[r + 1] as number;
      for (let c = 0; c < K; c++) logits[c] = theta[biasBase + c] as number;
      for (let i = start; i < end; i++) {
        const base = (columns[i] as number) * K;
        const v = values[i] as number;
        for (let c = 0; c < K; c++) logits[c] = (logits[c] as number) + (theta[base + c] as number) * v;
      }
      const rowBase = r * D;
      for (let c = 0; c < K; c++) logits[c] = (logits[c] as number) + dotRows(denseWeights, c * D, dense, rowBase, D);
      loss += p.mode === 'single' ? softmaxResiduals(p, r, logits) : logisticResiduals(p, r, logits);
      // `logits` now holds dLoss/dz per class.
      for (let i = start; i < end; i++) {
        const base = (columns[i] as number) * K;
        const v = values[i] as number;
        for (let c = 0; c < K; c++) gradient[base + c] = (gradient[base + c] as number) + (logits[c] as number) * v;
      }
      for (let c = 0; c < K; c++) addScaled(denseGradient, c * D, logits[c] as number, dense, rowBase, D);
      for (let c = 0; c < K; c++) gradient[biasBase + c] = (gradient[biasBase + c] as number) + (logits[c] as number);
    }
    for (let j = 0; j < D; j++) for (let c = 0; c < K; c++) gradient[denseBase + j * K + c] = denseGradient[c * D + j] as number;
    for (let j = 0; j < theta.length; j++) {
      const w = theta[j] as number;
      loss += 0.5 * p.l2 * w * w;
      gradient[j] = (gradient[j] as number) + p.l2 * w;
    }
    return loss;
  };
}

/** Replaces logits by the weighted residuals p − y; returns the weighted cross-entropy of row r. */
function softmaxResiduals(p: CompactProblem, r: number, logits: Float64Array): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < logits.length; c++) max = Math.max(max, logits[c] as number);
  let sum = 0;
  for (let c = 0; c < logits.length; c++) sum += Math.exp((logits[c] as number) - max);
  const logSum = max + Math.log(sum);
  const target = p.targets[r] as number;
  const weight = p.sampleWeights[r] as number;
  const loss = weight * (logSum - (logits[target] as number));
  for (let c = 0; c < logits.length; c++) {
    logits[c] = weight * (Math.exp((logits[c] as number) - logSum) - (c === target ? 1 : 0));
  }
  return loss;
}

function logisticResiduals(p: CompactProblem, r: number, logits: Float64Array): number {
  let loss = 0;
  for (let c = 0; c < logits.length; c++) {
    const z = logits[c] as number;
    const t = p.targets[r * logits.length + c] as number;
    const weight = p.sampleWeights[r * logits.length + c] as number;
    // log(1 + e^z) − t·z, written so neither branch overflows.
    loss += weight * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z);
    logits[c] = weight * (sigmoid(z) - t);
  }
  return loss;
}
