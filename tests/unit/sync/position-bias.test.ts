import { describe, expect, it } from 'vitest';
import { describeJudgement } from '../../../src/lib/sync/compare-votes';
import { binomialTestTwoSided } from '../../../src/lib/sync/binomial';
import { firstChoicesByResponses, positionBias } from '../../../src/lib/sync/position-bias';
import { better, judged, judgement } from './compare-factories';
import { enumeratedPValue } from './enumerated-p-value';

/** `n` judgements by `annotator`, the winner shown first in `first` of them; tasks numbered from `from`. */
function choices(annotator: string, n: number, first: number, from = 0) {
  return Array.from({ length: n }, (_, i) => {
    const shown = i % 2 === 0 ? ['r1', 'r2'] : ['r2', 'r1'];
    const winner = i < first ? shown[0] : shown[1];
    return judged(`t${from + i}`, annotator, judgement(shown, better(winner as string)));
  });
}

describe('positionBias: who picks the response shown first', () => {
  it('counts, per annotator, winners shown first among judgements of two that named one, with the exact binomial p-value', () => {
    const [always, fair] = positionBias([...choices('ann-ada', 10, 10), ...choices('ann-bo', 10, 5)]);
    expect(always).toEqual({
      annotatorId: 'ann-ada',
      annotatorName: 'ann-ada',
      choices: 10,
      first: 10,
      firstShare: 1,
      chanceShare: 0.5,
      pValue: expect.closeTo(2 / 1024, 14),
      byResponses: [{ responses: 2, choices: 10, first: 10 }],
    });
    expect(fair).toMatchObject({ annotatorId: 'ann-bo', choices: 10, first: 5, firstShare: 0.5, pValue: 1 });
  });

  it('reads the position from the order each annotator saw, not from the response ids', () => {
    // Both chose r1; Ada saw it first, Bo saw it second.
    const [ada, bo] = positionBias([judged('t1', 'ann-ada', judgement(['r1', 'r2'], better('r1'))), judged('t1', 'ann-bo', judgement(['r2', 'r1'], better('r1')))]);
    expect([ada?.first, bo?.first]).toEqual([1, 0]);
  });

  it('leaves out ties, both bad, no preference, skips and older versions', () => {
    const annotations = [
      ...choices('ann-ada', 4, 3),
      judged('x1', 'ann-ada', judgement(['r1', 'r2'], { kind: 'tie' })),
      judged('x2', 'ann-ada', judgement(['r1', 'r2'], { kind: 'both-bad' })),
      judged('x3', 'ann-ada', judgement(['r1', 'r2'], null, { ratings: { Helpful: 2 } })),
      judged('x4', 'ann-ada', judgement(['r1', 'r2', 'r3'], { kind: 'tie' })),
      judged('x5', 'ann-ada', judgement(['r1', 'r2'], better('r1')), { status: 'skipped', value: [] }),
      // An older version of t0 (revision 0) chose the other side; the newer one counts.
      judged('t0', 'ann-ada', judgement(['r1', 'r2'], better('r2')), { revision: 0 }),
    ];
    expect(positionBias(annotations)).toEqual([
      { annotatorId: 'ann-ada', annotatorName: 'ann-ada', choices: 4, first: 3, firstShare: 0.75, chanceShare: 0.5, pValue: expect.closeTo(0.625, 14), byResponses: [{ responses: 2, choices: 4, first: 3 }] },
    ]);
  });

  it('counts a ranking of two by its top, and lists an annotator with no choices without a share', () => {
    expect(positionBias([judged('t1', 'ann-ada', judgement(['r2', 'r1'], { kind: 'ranking', ids: ['r2', 'r1'] }))])[0]).toMatchObject({ choices: 1, first: 1 });
    expect(positionBias([judged('t1', 'ann-cy', judgement(['r1', 'r2'], { kind: 'tie' }))])).toEqual([
      { annotatorId: 'ann-cy', annotatorName: 'ann-cy', choices: 0, first: 0, firstShare: null, chanceShare: null, pValue: null, byResponses: [] },
    ]);
  });
});

describe('positionBias with 3 and 4 responses: the first shown is best 1 time in k by chance', () => {
  /** `n` judgements of `shown.length` responses whose best (a winner, or a ranking's first) was shown first in `first` of them. */
  function ofMany(annotator: string, shown: readonly string[], n: number, first: number, ranking = false) {
    return Array.from({ length: n }, (_, i) => {
      const best = i < first ? shown[0] : shown[1 + (i % (shown.length - 1))];
      const rest = shown.filter((id) => id !== best);
      const preference = ranking ? { kind: 'ranking' as const, ids: [best as string, ...rest] } : better(best as string);
      return judged(`${annotator}-${shown.length}-${i}`, annotator, judgement(shown, preference));
    });
  }

  it('tests judgements of three responses against 1/3: 6 of 6 first is (1/3)⁶, as scipy binomtest(6, 6, 1/3) gives', () => {
    const [ada] = positionBias(ofMany('ann-ada', ['r1', 'r2', 'r3'], 6, 6, true));
    expect(ada).toMatchObject({ choices: 6, first: 6, firstShare: 1, chanceShare: expect.closeTo(1 / 3, 15), byResponses: [{ responses: 3, choices: 6, first: 6 }] });
    expect(ada?.pValue).toBeCloseTo(1 / 729, 15);
    expect(ada?.pValue).toBe(binomialTestTwoSided(6, 6, 1 / 3));
  });

  it('does not flag a fair share: 1 of 4 judgements of four responses is what chance gives', () => {
    const [bo] = positionBias(ofMany('ann-bo', ['r1', 'r2', 'r3', 'r4'], 4, 1));
    expect(bo).toMatchObject({ choices: 4, first: 1, firstShare: 0.25, chanceShare: 0.25, pValue: 1 });
  });

  it('pools 2, 3 and 4 responses in one exact test over their chances, keeping the counts by k', () => {
    const annotations = [...ofMany('ann-cy', ['r1', 'r2'], 4, 3), ...ofMany('ann-cy', ['r1', 'r2', 'r3'], 3, 2), ...ofMany('ann-cy', ['r1', 'r2', 'r3', 'r4'], 2, 2, true)];
    const [cy] = positionBias(annotations);
    expect(cy?.byResponses).toEqual([
      { responses: 2, choices: 4, first: 3 },
      { responses: 3, choices: 3, first: 2 },
      { responses: 4, choices: 2, first: 2 },
    ]);
    expect(cy).toMatchObject({ choices: 9, first: 7, chanceShare: expect.closeTo((4 / 2 + 3 / 3 + 2 / 4) / 9, 15) });
    // The reference: the distribution of the sum, from the 2⁹ outcomes of the nine trials, and scipy's two-sided rule.
    const chances = [0.5, 0.5, 0.5, 0.5, 1 / 3, 1 / 3, 1 / 3, 0.25, 0.25];
    const expected = enumeratedPValue(7, chances);
    expect(cy?.pValue).toBeCloseTo(expected, 14);
    // Tested as if every chance were a half, 7 of 9 would look like luck (p ≈ 0.18); against its real chances it is not.
    expect(cy?.pValue).toBeCloseTo(0.0289351851851852, 14);
    expect(binomialTestTwoSided(7, 9)).toBeGreaterThan(0.17);
    expect(firstChoicesByResponses(cy!)).toBe('2 shown: 3/4 · 3 shown: 2/3 · 4 shown: 2/2');
  });
});

describe('describeJudgement: a judgement as a reviewer reads it', () => {
  it('names the winner by id with the letter it was shown under, then ratings, correction and rationale', () => {
    const j = judgement(['r2', 'r1'], better('r1'), { ratings: { Helpful: 4 }, correction: { id: 'r1', text: 'Paris.' }, rationale: ' shorter ' });
    expect(describeJudgement(j)).toBe('r1 better (shown as B) · Helpful 4 · corrected r1 · “shorter”');
    expect(describeJudgement(judgement(['r1', 'r2', 'r3'], { kind: 'ranking', ids: ['r3', 'r1', 'r2'] }))).toBe('r3 > r1 > r2');
    expect(describeJudgement(judgement(['r1', 'r2'], { kind: 'both-bad' }))).toBe('both bad');
    expect(describeJudgement(judgement(['r1', 'r2'], null))).toBe('no preference');
  });
});
