// A confidence that means what it says. The head's probabilities are fitted to its training labels, so early on
// they are too timid (strong L2) and later too bold; what a shown "80 %" should mean is "right 4 times in 5".
// The only honest evidence is the human labels, each predicted by a head that did not see it (cross-validation,
// evaluate.ts). From those held-out predictions we fit one number per project:
// - single label: a temperature T, probabilities p_k^(1/T) renormalised (Guo et al. 2017, "On Calibration of
//   Modern Neural Networks"): it keeps the ranking of classes and moves only how sure the head sounds;
// - multi label: Platt scaling, sigmoid(a·logit(p) + b), one (a, b) shared by every class, since each class alone
//   has too few labels early on (Platt 1999, with his smoothed targets so a perfect separation stays finite).
// Both minimise the negative log-likelihood of the held-out labels.
import { sigmoid } from './head-problem';

/** The logistic function the solvers use, beside its inverse `logit`. */
export { sigmoid };

export type Calibration =
  | { kind: 'none' }
  | { kind: 'temperature'; temperature: number }
  | { kind: 'platt'; a: number; b: number };

export const NO_CALIBRATION: Calibration = { kind: 'none' };

const EPS = 1e-7;
const LOG_T_RANGE = [-4, 4] as const;

/** The probabilities the annotator sees, for one task's head output. */
export function applyCalibration(calibration: Calibration, probs: Float32Array): Float32Array {
  switch (calibration.kind) {
    case 'none':
      return probs;
    case 'temperature':
      return withTemperature(probs, calibration.temperature);
    case 'platt':
      return probs.map((p) => sigmoid(calibration.a * logit(p) + calibration.b));
  }
}

export function withTemperature(probs: Float32Array, temperature: number): Float32Array {
  const out = new Float32Array(probs.length);
  let max = -Infinity;
  for (let k = 0; k < probs.length; k++) max = Math.max(max, Math.log(Math.max(probs[k] as number, EPS)) / temperature);
  let sum = 0;
  for (let k = 0; k < probs.length; k++) {
    const value = Math.exp(Math.log(Math.max(probs[k] as number, EPS)) / temperature - max);
    out[k] = value;
    sum += value;
  }
  for (let k = 0; k < probs.length; k++) out[k] = (out[k] as number) / sum;
  return out;
}

/**
 * Mean negative log-likelihood of the true classes under temperature T. With `smoothing` ε the target is 1 − ε on the
 * true class and ε spread over the others (Platt's smoothed targets for K classes).
 */
export function temperatureLoss(predictions: readonly Float32Array[], truths: readonly number[], temperature: number, smoothing = 0): number {
  // In float64 throughout: the loss is flat near its minimum, and float32 rounding would move the argmin.
  let loss = 0;
  predictions.forEach((probs, i) => {
    let max = -Infinity;
    for (let k = 0; k < probs.length; k++) max = Math.max(max, Math.log(Math.max(probs[k] as number, EPS)) / temperature);
    let sum = 0;
    for (let k = 0; k < probs.length; k++) sum += Math.exp(Math.log(Math.max(probs[k] as number, EPS)) / temperature - max);
    const other = probs.length > 1 ? smoothing / (probs.length - 1) : 0;
    for (let k = 0; k < probs.length; k++) {
      const target = k === truths[i] ? 1 - smoothing : other;
      if (target > 0) loss -= target * (Math.log(Math.max(probs[k] as number, EPS)) / temperature - max - Math.log(sum));
    }
  });
  return loss / Math.max(1, predictions.length);
}

/**
 * The temperature that best explains held-out single-label predictions (`truths[i]`: the class index). The loss is
 * unimodal in log T for these families in practice; a golden-section search on log T is exact to 1e-6 and needs no
 * gradient. The targets are smoothed as Platt smooths his (ε = 1/(n+2)): n predictions all right are evidence of
 * "right about (n+1)/(n+2) of the time", not of certainty, and exact targets would drive T to its bound and show
 * every suggestion at 100 %.
 */
export function fitTemperature(predictions: readonly Float32Array[], truths: readonly number[]): number {
  if (predictions.length === 0) return 1;
  const smoothing = 1 / (predictions.length + 2);
  let [lo, hi] = LOG_T_RANGE as readonly [number, number];
  const ratio = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - ratio * (hi - lo);
  let x2 = lo + ratio * (hi - lo);
  const loss = (logT: number) => temperatureLoss(predictions, truths, Math.exp(logT), smoothing);
  let f1 = loss(x1);
  let f2 = loss(x2);
  while (hi - lo > 1e-6) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - ratio * (hi - lo);
      f1 = loss(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + ratio * (hi - lo);
      f2 = loss(x2);
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * Platt's fit of sigmoid(a·s + b) to outcomes, s = logit of the raw probability, with Platt's smoothed targets
 * ((n₊+1)/(n₊+2) and 1/(n₋+2)): Newton's method with a backtracking line search (Lin, Lin & Weng 2007, "A note on
 * Platt's probabilistic outputs"). A plain Newton step from (1, 0) overshoots when the raw scores are far too sure
 * (logits of 8 and more) and wanders off to a fit worse than none.
 */
export function fitPlatt(probs: readonly number[], outcomes: readonly boolean[]): { a: number; b: number } {
  const positives = outcomes.filter(Boolean).length;
  const negatives = outcomes.length - positives;
  const hiTarget = (positives + 1) / (positives + 2);
  const loTarget = 1 / (negatives + 2);
  const scores = probs.map(logit);
  const targets = outcomes.map((right) => (right ? hiTarget : loTarget));
  let a = 1;
  let b = 0;
  let loss = plattLoss(scores, targets, a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let gA = 0;
    let gB = 0;
    let hAA = 1e-12;
    let hAB = 0;
    let hBB = 1e-12;
    scores.forEach((s, i) => {
      const p = sigmoid(a * s + b);
      const t = targets[i] as number;
      const w = p * (1 - p);
      gA += (p - t) * s;
      gB += p - t;
      hAA += w * s * s;
      hAB += w * s;
      hBB += w;
    });
    if (Math.abs(gA) + Math.abs(gB) < 1e-9) break;
    const det = hAA * hBB - hAB * hAB;
    if (Math.abs(det) < 1e-24) break;
    const dA = -(hBB * gA - hAB * gB) / det;
    const dB = -(hAA * gB - hAB * gA) / det;
    const slope = gA * dA + gB * dB;
    let step = 1;
    while (step >= 1e-10) {
      const next = plattLoss(scores, targets, a + step * dA, b + step * dB);
      if (next <= loss + 1e-4 * step * slope) {
        a += step * dA;
        b += step * dB;
        loss = next;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10 || Math.abs(step * dA) + Math.abs(step * dB) < 1e-10) break;
  }
  return { a, b };
}

/** Cross-entropy of sigmoid(a·s + b) against the smoothed targets, stable for large |a·s + b|. */
function plattLoss(scores: readonly number[], targets: readonly number[], a: number, b: number): number {
  let loss = 0;
  scores.forEach((s, i) => {
    const z = a * s + b;
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    loss += softplus - (targets[i] as number) * z;
  });
  return loss;
}

export function logit(p: number): number {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
}
