import { describe, expect, it } from 'vitest';
import type { PreferencePair } from '../../../../src/lib/learn/reward/bradley-terry';
import { crossValidatedPairAccuracy, MIN_JUDGEMENTS_FOR_ESTIMATE } from '../../../../src/lib/learn/reward/evaluate-reward';
import { rowOf, syntheticPairs } from './preference-data';

const wins = (count: number, seed: number): PreferencePair[][] =>
  syntheticPairs(count, seed).map(({ prompt, better, worse }) => [{ winner: rowOf(prompt, better), loser: rowOf(prompt, worse) }]);

describe('crossValidatedPairAccuracy', () => {
  it('is high on a learnable set and near chance when the judgements contradict the words', () => {
    expect(crossValidatedPairAccuracy(wins(120, 1), { denseDims: 0 })).toBeGreaterThanOrEqual(0.85);
    // Every second judgement flipped: no model can be right much more than half the time.
    const noisy = wins(60, 2).map((pairs, i) => (i % 2 === 0 ? pairs : pairs.map(({ winner, loser }) => ({ winner: loser, loser: winner }))));
    expect(crossValidatedPairAccuracy(noisy, { denseDims: 0 })).toBeLessThan(0.7);
  });

  it('says nothing under the minimum, and does not score ties', () => {
    expect(crossValidatedPairAccuracy(wins(MIN_JUDGEMENTS_FOR_ESTIMATE - 1, 3), { denseDims: 0 })).toBeNull();
    const ties = wins(20, 4).map(([pair]) => [
      { winner: pair!.winner, loser: pair!.loser, weight: 0.5 },
      { winner: pair!.loser, loser: pair!.winner, weight: 0.5 },
    ]);
    expect(crossValidatedPairAccuracy(ties, { denseDims: 0 })).toBeNull();
    expect(crossValidatedPairAccuracy([...wins(12, 5), ...ties], { denseDims: 0 })).toBeGreaterThan(0.5);
  });

  it('is reproducible for a seed', () => {
    const set = wins(40, 6);
    expect(crossValidatedPairAccuracy(set, { denseDims: 0 }, 7)).toBe(crossValidatedPairAccuracy(set, { denseDims: 0 }, 7));
  });
});
