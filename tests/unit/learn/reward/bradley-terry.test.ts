import { describe, expect, it } from 'vitest';
import { HASH_SIZE } from '../../../../src/lib/learn/features';
import { createRng } from '../../../../src/lib/learn/random';
import {
  preferenceProbability,
  rankResponses,
  rewardScore,
  suggestPreferred,
  trainReward,
  type PreferencePair,
} from '../../../../src/lib/learn/reward/bradley-terry';
import type { FeatureRow } from '../../../../src/lib/learn/vectors';
import { dotMap, joined, referenceBradleyTerry, rowOf, sigmoid, syntheticPairs } from './preference-data';

function pairsOf(count: number, seed: number, dense = 0): PreferencePair[] {
  const rng = createRng(seed + 100);
  const embedding = (): Float32Array | null => (dense > 0 ? Float32Array.from({ length: dense }, () => rng() - 0.5) : null);
  return syntheticPairs(count, seed).map(({ prompt, better, worse }) => ({ winner: rowOf(prompt, better, embedding()), loser: rowOf(prompt, worse, embedding()) }));
}

describe('trainReward (Bradley–Terry) against a plain gradient-descent reference', () => {
  it.each([
    ['hashed words only', 0],
    ['hashed words and a 4-dim embedding', 4],
  ])('reaches the same weights and probabilities, %s', (_, dense) => {
    const l2 = 1;
    const pairs = pairsOf(40, 1, dense);
    // Ties as half-wins each way and a doubled pair: sample weights go through as the objective says.
    const tie = pairsOf(1, 9, dense)[0] as PreferencePair;
    pairs.push({ winner: tie.winner, loser: tie.loser, weight: 0.5 }, { winner: tie.loser, loser: tie.winner, weight: 0.5 });
    (pairs[0] as PreferencePair).weight = 2;

    const { weights, converged } = trainReward(pairs, { denseDims: dense, l2, tolerance: 1e-8 });
    expect(converged).toBe(true);
    const reference = referenceBradleyTerry(pairs, dense, l2);
    for (const [key, value] of reference) {
      const index = typeof key === 'number' ? key : HASH_SIZE + Number(key.slice(1));
      expect(weights.weights[index]).toBeCloseTo(value, 6);
    }
    for (const pair of pairsOf(20, 2, dense)) {
      const expected = sigmoid(dotMap(reference, joined(pair.winner, dense)) - dotMap(reference, joined(pair.loser, dense)));
      expect(Math.abs(preferenceProbability(weights, pair.winner, pair.loser) - expected)).toBeLessThan(1e-6);
    }
  });
});

describe('trainReward', () => {
  it('prefers the better response of held-out pairs', () => {
    const { weights } = trainReward(pairsOf(100, 3), { denseDims: 0 });
    const test = pairsOf(200, 4);
    const right = test.filter((pair) => preferenceProbability(weights, pair.winner, pair.loser) > 0.5).length;
    expect(right / test.length).toBeGreaterThanOrEqual(0.9);
  });

  it('has no side: P(a over b) = 1 − P(b over a), and swapping winner and loser in training flips it', () => {
    const pairs = pairsOf(50, 5);
    const { weights } = trainReward(pairs, { denseDims: 0 });
    const flipped = trainReward(
      pairs.map(({ winner, loser }) => ({ winner: loser, loser: winner })),
      { denseDims: 0 },
    ).weights;
    for (const { winner, loser } of pairsOf(10, 6)) {
      const p = preferenceProbability(weights, winner, loser);
      expect(preferenceProbability(weights, loser, winner)).toBeCloseTo(1 - p, 12);
      expect(preferenceProbability(flipped, winner, loser)).toBeCloseTo(1 - p, 5);
    }
  });

  it('reaches the same optimum from a warm start, in fewer iterations', () => {
    const pairs = pairsOf(120, 7);
    const before = trainReward(pairs.slice(0, 118), { denseDims: 0, tolerance: 1e-8 });
    const cold = trainReward(pairs, { denseDims: 0, tolerance: 1e-8 });
    const warm = trainReward(pairs, { denseDims: 0, tolerance: 1e-8, warmStart: before.weights });
    expect(warm.converged).toBe(true);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    for (const { winner, loser } of pairsOf(20, 8)) {
      expect(preferenceProbability(warm.weights, winner, loser)).toBeCloseTo(preferenceProbability(cold.weights, winner, loser), 5);
    }
  });

  it('learns nothing from ties alone: every pair stays at ½', () => {
    const pairs = pairsOf(10, 10).flatMap(({ winner, loser }) => [
      { winner, loser, weight: 0.5 },
      { winner: loser, loser: winner, weight: 0.5 },
    ]);
    const { weights } = trainReward(pairs, { denseDims: 0 });
    for (const { winner, loser } of pairsOf(5, 11)) expect(preferenceProbability(weights, winner, loser)).toBeCloseTo(0.5, 6);
  });
});

describe('ranking several responses', () => {
  const { weights } = trainReward(pairsOf(100, 12), { denseDims: 0 });
  const prompt = 'question filler1';
  const rows: FeatureRow[] = [
    rowOf(prompt, 'filler2 rude wrong vague'),
    rowOf(prompt, 'filler2 clear correct helpful'),
    rowOf(prompt, 'filler2 clear wrong'),
    rowOf(prompt, 'filler2 polite precise thorough clear'),
  ];

  it('orders responses by their rewards, best first, with choice probabilities that sum to 1', () => {
    const { order, scores, best } = rankResponses(weights, rows);
    expect(order[order.length - 1]).toBe(0);
    for (let k = 1; k < order.length; k++) expect(scores[order[k - 1] as number]).toBeGreaterThanOrEqual(scores[order[k] as number] as number);
    expect(best.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(best[order[0] as number]).toBe(Math.max(...best));
  });

  it('with two responses, the confidence is P(A over B) of the preferred one', () => {
    const pair = [rows[0] as FeatureRow, rows[1] as FeatureRow];
    const suggestion = suggestPreferred(weights, pair);
    expect(suggestion.index).toBe(1);
    expect(suggestion.confidence).toBeCloseTo(preferenceProbability(weights, rows[1] as FeatureRow, rows[0] as FeatureRow), 12);
    expect(suggestion.confidence).toBeCloseTo(sigmoid(rewardScore(weights, rows[1] as FeatureRow) - rewardScore(weights, rows[0] as FeatureRow)), 12);
  });
});
