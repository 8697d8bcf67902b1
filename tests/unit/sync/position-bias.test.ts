import { describe, expect, it } from 'vitest';
import { describeJudgement } from '../../../src/lib/sync/compare-votes';
import { positionBias } from '../../../src/lib/sync/position-bias';
import { better, judged, judgement } from './compare-factories';

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
    expect(always).toEqual({ annotatorId: 'ann-ada', annotatorName: 'ann-ada', choices: 10, first: 10, firstShare: 1, pValue: expect.closeTo(2 / 1024, 14) });
    expect(fair).toMatchObject({ annotatorId: 'ann-bo', choices: 10, first: 5, firstShare: 0.5, pValue: 1 });
  });

  it('reads the position from the order each annotator saw, not from the response ids', () => {
    // Both chose r1; Ada saw it first, Bo saw it second.
    const [ada, bo] = positionBias([judged('t1', 'ann-ada', judgement(['r1', 'r2'], better('r1'))), judged('t1', 'ann-bo', judgement(['r2', 'r1'], better('r1')))]);
    expect([ada?.first, bo?.first]).toEqual([1, 0]);
  });

  it('leaves out ties, both bad, no preference, judgements of three responses, skips and older versions', () => {
    const annotations = [
      ...choices('ann-ada', 4, 3),
      judged('x1', 'ann-ada', judgement(['r1', 'r2'], { kind: 'tie' })),
      judged('x2', 'ann-ada', judgement(['r1', 'r2'], { kind: 'both-bad' })),
      judged('x3', 'ann-ada', judgement(['r1', 'r2'], null, { ratings: { Helpful: 2 } })),
      judged('x4', 'ann-ada', judgement(['r1', 'r2', 'r3'], better('r1'))),
      judged('x5', 'ann-ada', judgement(['r1', 'r2'], better('r1')), { status: 'skipped', value: [] }),
      // An older version of t0 (revision 0) chose the other side; the newer one counts.
      judged('t0', 'ann-ada', judgement(['r1', 'r2'], better('r2')), { revision: 0 }),
    ];
    expect(positionBias(annotations)).toEqual([{ annotatorId: 'ann-ada', annotatorName: 'ann-ada', choices: 4, first: 3, firstShare: 0.75, pValue: expect.closeTo(0.625, 14) }]);
  });

  it('counts a ranking of two by its top, and lists an annotator with no choices without a share', () => {
    expect(positionBias([judged('t1', 'ann-ada', judgement(['r2', 'r1'], { kind: 'ranking', ids: ['r2', 'r1'] }))])[0]).toMatchObject({ choices: 1, first: 1 });
    expect(positionBias([judged('t1', 'ann-cy', judgement(['r1', 'r2'], { kind: 'tie' }))])).toEqual([
      { annotatorId: 'ann-cy', annotatorName: 'ann-cy', choices: 0, first: 0, firstShare: null, pValue: null },
    ]);
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
