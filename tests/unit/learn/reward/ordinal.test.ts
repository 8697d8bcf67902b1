import { describe, expect, it } from 'vitest';
import { hashedFeatures } from '../../../../src/lib/learn/features';
import { createRng } from '../../../../src/lib/learn/random';
import { ratingProbabilities, suggestRating, trainOrdinal, type RatingExample } from '../../../../src/lib/learn/reward/ordinal';
import type { FeatureRow } from '../../../../src/lib/learn/vectors';
import { dotMap, joined, sigmoid } from './preference-data';

const WORDS_BY_VALUE = [['awful', 'broken'], ['poor', 'weak'], ['okay', 'fine'], ['good', 'solid'], ['great', 'superb']];

/** Ratings on a 1..scale whose words say the value, with a shared filler word; a tenth are one step off. */
function ratings(count: number, scale: number, seed: number): RatingExample[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const value = 1 + Math.floor(rng() * scale);
    const words = WORDS_BY_VALUE[Math.round(((value - 1) * 4) / (scale - 1))] as string[];
    const text = `${words[Math.floor(rng() * 2)]} filler${Math.floor(rng() * 3)}`;
    const noisy = rng() < 0.1 ? Math.min(scale, Math.max(1, value + (rng() < 0.5 ? -1 : 1))) : value;
    return { x: { sparse: hashedFeatures(text), dense: null }, value: noisy };
  });
}

/**
 * The same objective written plainly — −Σ log(σ(t_y − z) − σ(t_{y−1} − z)) + (l2/2)(‖w‖² + t_1² + Σ g²) with
 * t_k = t_1 + Σ e^{g_j} — minimised by gradient descent on central finite differences: it shares no derivative
 * with the head it checks.
 */
function referenceOrdinal(examples: RatingExample[], scale: number, l2: number): { w: Map<number | string, number>; thresholds: number[] } {
  const xs = examples.map((e) => joined(e.x, 0));
  const keys = [...new Set(xs.flatMap((x) => [...x.keys()]))];
  const n = keys.length;
  const params = new Float64Array(n + scale - 1);
  params.set(Array.from({ length: scale - 1 }, (_, k) => (k === 0 ? -(scale - 2) / 2 : 0)), n);
  const unpack = (p: Float64Array): { w: Map<number | string, number>; thresholds: number[] } => {
    const w = new Map(keys.map((k, i) => [k, p[i] as number]));
    const thresholds: number[] = [];
    for (let k = 0; k < scale - 1; k++) thresholds.push(k === 0 ? (p[n] as number) : (thresholds[k - 1] as number) + Math.exp(p[n + k] as number));
    return { w, thresholds };
  };
  const loss = (p: Float64Array): number => {
    const { w, thresholds } = unpack(p);
    let sum = 0;
    examples.forEach(({ value }, i) => {
      const z = dotMap(w, xs[i] as Map<number | string, number>);
      const upper = value < scale ? sigmoid((thresholds[value - 1] as number) - z) : 1;
      const lower = value > 1 ? sigmoid((thresholds[value - 2] as number) - z) : 0;
      sum -= Math.log(upper - lower);
    });
    return sum + 0.5 * l2 * p.reduce((s, v) => s + v * v, 0);
  };
  const h = 1e-5;
  const step = 0.05;
  const gradient = new Float64Array(params.length);
  for (let iteration = 0; iteration < 100_000; iteration++) {
    for (let j = 0; j < params.length; j++) {
      const saved = params[j] as number;
      params[j] = saved + h;
      const up = loss(params);
      params[j] = saved - h;
      const down = loss(params);
      params[j] = saved;
      gradient[j] = (up - down) / (2 * h);
    }
    if (Math.sqrt(gradient.reduce((s, g) => s + g * g, 0)) < 1e-9) return unpack(params);
    for (let j = 0; j < params.length; j++) params[j] = (params[j] as number) - step * (gradient[j] as number);
  }
  throw new Error('reference gradient descent did not converge');
}

describe('trainOrdinal against a plain finite-difference reference', () => {
  it('reaches the same thresholds and rating probabilities', () => {
    const scale = 4;
    const l2 = 1;
    const examples = ratings(30, scale, 1);
    const { weights, converged } = trainOrdinal(examples, { scale, denseDims: 0, l2, tolerance: 1e-9 });
    expect(converged).toBe(true);
    const reference = referenceOrdinal(examples, scale, l2);
    reference.thresholds.forEach((t, k) => expect(Math.abs((weights.thresholds[k] as number) - t)).toBeLessThan(1e-6));
    for (const { x } of ratings(10, scale, 2)) {
      const z = dotMap(reference.w, joined(x, 0));
      const cumulative = [...reference.thresholds.map((t) => sigmoid(t - z)), 1];
      const expected = cumulative.map((c, k) => c - (k > 0 ? (cumulative[k - 1] as number) : 0));
      ratingProbabilities(weights, x).forEach((p, k) => expect(Math.abs(p - (expected[k] as number))).toBeLessThan(1e-6));
    }
  });
});

describe('trainOrdinal', () => {
  it('suggests the value the words say on held-out texts, thresholds in order, probabilities summing to 1', () => {
    const { weights } = trainOrdinal(ratings(200, 5, 3), { scale: 5, denseDims: 0 });
    for (let k = 1; k < weights.thresholds.length; k++) expect(weights.thresholds[k]).toBeGreaterThan(weights.thresholds[k - 1] as number);
    const test = ratings(200, 5, 4);
    let withinOne = 0;
    for (const { x, value } of test) {
      const probabilities = ratingProbabilities(weights, x);
      expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      const suggestion = suggestRating(weights, x);
      expect(suggestion.confidence).toBe(Math.max(...probabilities));
      if (Math.abs(suggestion.value - value) <= 1) withinOne++;
    }
    expect(withinOne / test.length).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps a value nobody used at a finite threshold, and suggests the used ones', () => {
    const used = ratings(60, 5, 5).filter(({ value }) => value !== 3);
    const { weights, converged } = trainOrdinal(used, { scale: 5, denseDims: 0 });
    expect(converged).toBe(true);
    for (const t of weights.thresholds) expect(Number.isFinite(t)).toBe(true);
    const great: FeatureRow = { sparse: hashedFeatures('superb filler1'), dense: null };
    expect(suggestRating(weights, great).value).toBe(5);
  });

  it('reaches the same optimum from a warm start, in fewer iterations', () => {
    const all = ratings(150, 5, 6);
    const before = trainOrdinal(all.slice(0, 148), { scale: 5, denseDims: 0, tolerance: 1e-8 });
    const cold = trainOrdinal(all, { scale: 5, denseDims: 0, tolerance: 1e-8 });
    const warm = trainOrdinal(all, { scale: 5, denseDims: 0, tolerance: 1e-8, warmStart: before.weights });
    expect(warm.iterations).toBeLessThan(cold.iterations);
    warm.weights.thresholds.forEach((t, k) => expect(t).toBeCloseTo(cold.weights.thresholds[k] as number, 5));
  });

  it('refuses a value off the scale, naming it', () => {
    const example = ratings(1, 5, 7)[0] as RatingExample;
    expect(() => trainOrdinal([{ ...example, value: 6 }], { scale: 5, denseDims: 0 })).toThrow('Rating 0: 6 is not in 1..5.');
  });
});
