import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/lib/learn/random';
import { rankCompareTasks, scoreResponses } from '../../../../src/lib/learn/reward/compare-sampling';
import { rewardScore, trainReward } from '../../../../src/lib/learn/reward/bradley-terry';
import { sumRow } from '../../../../src/lib/learn/reward/pair-rows';
import { SAMPLING_STRATEGIES } from '../../../../src/lib/domain/types';
import { rowOf, syntheticPairs } from './preference-data';

const ids = [10, 11, 12, 13, 14];
// Reward gaps per task: |P(A > B) − ½| grows with |gap|.
const scores = [Float64Array.of(2, 0), Float64Array.of(0, 0.1), Float64Array.of(-1, 0), Float64Array.of(0.5, 0.5), Float64Array.of(0, 3)];

describe('rankCompareTasks', () => {
  it.each(['least-confidence', 'margin', 'entropy'] as const)('%s puts the pairs nearest ½ first', (strategy) => {
    expect(rankCompareTasks(strategy, { ids, scores }, 5, createRng(1))).toEqual([13, 11, 12, 10, 14]);
  });

  it('with three responses, least-confidence follows P(best)', () => {
    const three = [Float64Array.of(3, 0, 0), Float64Array.of(0.1, 0, 0.05)];
    expect(rankCompareTasks('least-confidence', { ids: [1, 2], scores: three }, 2, createRng(1))).toEqual([2, 1]);
  });

  it('sequential keeps file order; random is seeded and picks each task once', () => {
    expect(rankCompareTasks('sequential', { ids, scores: null }, 3, createRng(1))).toEqual([10, 11, 12]);
    const first = rankCompareTasks('random', { ids, scores: null }, 5, createRng(7));
    expect(rankCompareTasks('random', { ids, scores: null }, 5, createRng(7))).toEqual(first);
    expect([...first].sort()).toEqual(ids);
  });

  it('before the first judgement every strategy falls back to file order or chance, never fails', () => {
    for (const strategy of SAMPLING_STRATEGIES) {
      const picks = rankCompareTasks(strategy, { ids, scores: null }, 3, createRng(2));
      expect(new Set(picks).size).toBe(3);
    }
  });

  it('hybrid spreads its unsure picks over kinds of pairs and mixes in chance', () => {
    const pairs = syntheticPairs(120, 3).map(({ prompt, better, worse }) => [rowOf(prompt, better), rowOf(prompt, worse)]);
    const model = trainReward(
      pairs.slice(0, 20).map(([winner, loser]) => ({ winner: winner!, loser: loser! })),
      { denseDims: 0 },
    ).weights;
    const open = pairs.slice(20);
    const openIds = open.map((_, i) => i + 20);
    const picks = rankCompareTasks('hybrid', { ids: openIds, scores: scoreResponses(model, open), vectors: open.map(([a, b]) => sumRow(a!, b!)) }, 10, createRng(4));
    expect(new Set(picks).size).toBe(10);
    expect(picks.every((id) => openIds.includes(id))).toBe(true);
    expect(rankCompareTasks('hybrid', { ids: openIds, scores: scoreResponses(model, open), vectors: open.map(([a, b]) => sumRow(a!, b!)) }, 10, createRng(4))).toEqual(picks);
  });
});

describe('scoreResponses', () => {
  it('gives every response of every task its reward', () => {
    const pairs = syntheticPairs(30, 5).map(({ prompt, better, worse }) => ({ winner: rowOf(prompt, better), loser: rowOf(prompt, worse) }));
    const model = trainReward(pairs, { denseDims: 0 }).weights;
    const tasks = [[pairs[0]!.winner, pairs[0]!.loser], [pairs[1]!.winner, pairs[1]!.loser, pairs[2]!.winner]];
    const scored = scoreResponses(model, tasks);
    expect(scored.map((s) => s.length)).toEqual([2, 3]);
    expect(scored[1]![2]).toBe(rewardScore(model, pairs[2]!.winner));
  });
});
