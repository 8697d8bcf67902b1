// Final labels of compare tasks: the majority preference keyed by response id, whatever position each annotator saw.
import { describe, expect, it } from 'vitest';
import { encodeJudgement } from '../../../src/lib/domain/compare';
import { finalLabels } from '../../../src/lib/sync/final';
import { better, judged, judgement } from './compare-factories';

describe('finalLabels of a compare project', () => {
  it('takes the preference most annotators chose by response id, and the judgement of the first who chose it', () => {
    // r1 was A for Ada, B for Bo and Cy: by position the majority would be "B", i.e. nobody's r1.
    const ada = judgement(['r1', 'r2'], better('r1'), { ratings: { Helpful: 5 } });
    const annotations = [
      judged('t1', 'ann-ada', ada),
      judged('t1', 'ann-bo', judgement(['r2', 'r1'], better('r1'))),
      judged('t1', 'ann-cy', judgement(['r2', 'r1'], better('r2'))),
    ];
    expect(finalLabels(annotations, 'compare')).toEqual([
      { taskId: 't1', value: [encodeJudgement(ada)], source: 'majority', votes: { 'better:r1': 2, 'better:r2': 1 }, annotators: 3 },
    ]);
  });

  it('marks a draw, and lets a review decide', () => {
    const annotations = [judged('t1', 'ann-ada', judgement(['r1', 'r2'], better('r1'))), judged('t1', 'ann-bo', judgement(['r1', 'r2'], { kind: 'tie' }))];
    expect(finalLabels(annotations, 'compare')[0]).toMatchObject({ value: [], source: 'tie', tied: ['better:r1', 'tie'] });
    const verdict = judgement(['r2', 'r1'], { kind: 'tie' }, { rationale: 'both fine' });
    const reviewed = [...annotations, judged('t1', 'ann-rev#review', verdict, { role: 'review' })];
    expect(finalLabels(reviewed, 'compare')[0]).toMatchObject({ value: [encodeJudgement(verdict)], source: 'review', annotators: 2 });
  });

  it('counts one judgement as single, and ratings without a preference as nothing to decide by', () => {
    const only = judgement(['r1', 'r2'], { kind: 'both-bad' });
    expect(finalLabels([judged('t1', 'ann-ada', only)], 'compare')[0]).toMatchObject({ value: [encodeJudgement(only)], source: 'single', votes: { 'both-bad': 1 } });
    const ratingsOnly = [judged('t2', 'ann-ada', judgement(['r1', 'r2'], null, { ratings: { Helpful: 2 } })), judged('t2', 'ann-bo', judgement(['r1', 'r2'], null))];
    expect(finalLabels(ratingsOnly, 'compare')[0]).toMatchObject({ value: [], source: 'tie', tied: [], annotators: 2 });
  });
});
