// Typed factories for the reward tests: seeded preference pairs whose better response is known by construction,
// and plain reference fits (gradient descent on the textbook objective, in joined-vector coordinates) that the
// heads must match.
import { hashedFeatures } from '../../../../src/lib/learn/features';
import { createRng, type Rng } from '../../../../src/lib/learn/random';
import { responseRow } from '../../../../src/lib/learn/reward/pair-rows';
import type { FeatureRow } from '../../../../src/lib/learn/vectors';

const GOOD = ['clear', 'correct', 'helpful', 'polite', 'precise', 'thorough'];
const BAD = ['rude', 'wrong', 'vague', 'spam', 'useless', 'confusing'];
const NOISE = Array.from({ length: 30 }, (_, i) => `filler${i}`);

function pick<T>(items: readonly T[], rng: Rng): T {
  return items[Math.floor(rng() * items.length)] as T;
}

export interface SyntheticPair {
  prompt: string;
  better: string;
  worse: string;
}

/** The better response carries more GOOD words and fewer BAD ones; both share the noise. */
export function syntheticPairs(count: number, seed: number, noise = 5): SyntheticPair[] {
  const rng = createRng(seed);
  const text = (good: number, bad: number): string => {
    const words = [...Array.from({ length: noise }, () => pick(NOISE, rng))];
    for (let i = 0; i < good; i++) words.push(pick(GOOD, rng));
    for (let i = 0; i < bad; i++) words.push(pick(BAD, rng));
    return words.join(' ');
  };
  return Array.from({ length: count }, () => ({ prompt: `question ${pick(NOISE, rng)}`, better: text(2, 1), worse: text(1, 2) }));
}

export function rowOf(prompt: string, response: string, dense: Float32Array | null = null): FeatureRow {
  return responseRow(hashedFeatures(prompt), hashedFeatures(response), dense);
}

/** A row as the joined vector the heads see (vectors.ts): sparse buckets by number, dense dims as "d<j>". */
export function joined(row: FeatureRow, denseDims: number): Map<number | string, number> {
  const scale = denseDims > 0 ? Math.SQRT1_2 : 1;
  const out = new Map<number | string, number>();
  row.sparse.indices.forEach((bucket, i) => out.set(bucket, scale * (row.sparse.values[i] as number)));
  if (denseDims > 0 && row.dense) row.dense.forEach((v, j) => out.set(`d${j}`, Math.SQRT1_2 * v));
  return out;
}

export function dotMap(w: Map<number | string, number>, x: Map<number | string, number>): number {
  let sum = 0;
  for (const [k, v] of x) sum += (w.get(k) ?? 0) * v;
  return sum;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Bradley–Terry by plain gradient descent: minimise Σ c·log(1 + e^(−w·(a − b))) + (l2/2)‖w‖² with a fixed step of
 * 1/L (L bounds the curvature), until the gradient is below 1e-11.
 */
export function referenceBradleyTerry(
  pairs: { winner: FeatureRow; loser: FeatureRow; weight?: number }[],
  denseDims: number,
  l2: number,
): Map<number | string, number> {
  const diffs = pairs.map(({ winner, loser }) => {
    const d = joined(winner, denseDims);
    for (const [k, v] of joined(loser, denseDims)) d.set(k, (d.get(k) ?? 0) - v);
    return d;
  });
  const weights = pairs.map((p) => p.weight ?? 1);
  const curvature = diffs.reduce((sum, d, i) => sum + ((weights[i] as number) * [...d.values()].reduce((s, v) => s + v * v, 0)) / 4, 0) + l2;
  const w = new Map<number | string, number>();
  for (let iteration = 0; iteration < 200_000; iteration++) {
    const gradient = new Map<number | string, number>();
    for (const [k, v] of w) gradient.set(k, l2 * v);
    diffs.forEach((d, i) => {
      const factor = -(weights[i] as number) * sigmoid(-dotMap(w, d));
      for (const [k, v] of d) gradient.set(k, (gradient.get(k) ?? 0) + factor * v);
    });
    let norm = 0;
    for (const g of gradient.values()) norm += g * g;
    if (Math.sqrt(norm) < 1e-11) return w;
    for (const [k, g] of gradient) w.set(k, (w.get(k) ?? 0) - g / curvature);
  }
  throw new Error('reference gradient descent did not converge');
}
