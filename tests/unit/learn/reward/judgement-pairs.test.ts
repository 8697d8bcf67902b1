import { describe, expect, it } from 'vitest';
import type { Judgement, Preference } from '../../../../src/lib/domain/compare';
import { judgementPairs, TIE_WEIGHT } from '../../../../src/lib/learn/reward/judgement-pairs';

function judgement(shown: string[], preference: Preference | null): Judgement {
  return { shown, preference, ratings: {}, correction: null, rationale: '' };
}

describe('judgementPairs', () => {
  it('a win beats every other shown response', () => {
    expect(judgementPairs(judgement(['b', 'a'], { kind: 'better', id: 'a' }))).toEqual([{ winner: 'a', loser: 'b', weight: 1 }]);
    expect(judgementPairs(judgement(['a', 'b', 'c'], { kind: 'better', id: 'b' }))).toEqual([
      { winner: 'b', loser: 'a', weight: 1 },
      { winner: 'b', loser: 'c', weight: 1 },
    ]);
  });

  it('a ranking is broken into every ordered pair', () => {
    expect(judgementPairs(judgement(['a', 'b', 'c'], { kind: 'ranking', ids: ['c', 'a', 'b'] }))).toEqual([
      { winner: 'c', loser: 'a', weight: 1 },
      { winner: 'c', loser: 'b', weight: 1 },
      { winner: 'a', loser: 'b', weight: 1 },
    ]);
  });

  it('a tie is a half-win each way', () => {
    expect(judgementPairs(judgement(['a', 'b'], { kind: 'tie' }))).toEqual([
      { winner: 'a', loser: 'b', weight: TIE_WEIGHT },
      { winner: 'b', loser: 'a', weight: TIE_WEIGHT },
    ]);
    expect(TIE_WEIGHT).toBe(0.5);
  });

  it('both bad, and no preference at all, teach no order', () => {
    expect(judgementPairs(judgement(['a', 'b'], { kind: 'both-bad' }))).toEqual([]);
    expect(judgementPairs(judgement(['a', 'b'], null))).toEqual([]);
  });
});
