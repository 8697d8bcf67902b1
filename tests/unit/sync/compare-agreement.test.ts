// Agreement in a compare project, against figures worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { encodeJudgement } from '../../../src/lib/domain/compare';
import { agreementReport } from '../../../src/lib/sync/agreement-report';
import { compareAgreement, judgeAnnotations } from '../../../src/lib/sync/compare-agreement';
import { reportToJson } from '../../../src/lib/sync/report-types';
import { better, judged, judgement } from './compare-factories';

// Ada and Bo judge three tasks. On t1 both prefer r1, though Ada saw it as A and Bo as B.
const ADA_BO = [
  judged('t1', 'ann-ada', judgement(['r1', 'r2'], better('r1'), { ratings: { Helpful: 4 } })),
  judged('t1', 'ann-bo', judgement(['r2', 'r1'], better('r1'), { ratings: { Helpful: 5 } })),
  judged('t2', 'ann-ada', judgement(['r2', 'r1'], better('r2'), { ratings: { Helpful: 2 } })),
  judged('t2', 'ann-bo', judgement(['r1', 'r2'], { kind: 'tie' }, { ratings: { Helpful: 2 } })),
  judged('t3', 'ann-ada', judgement(['r1', 'r2'], better('r1'), { ratings: { Helpful: 5 } })),
  judged('t3', 'ann-bo', judgement(['r1', 'r2'], better('r1'), { ratings: { Helpful: 4 } })),
];

const JUDGE = judgeAnnotations('proj-1', [
  { taskId: 't1', value: [encodeJudgement(judgement(['r1', 'r2'], better('r1')))], source: 'gpt-judge.jsonl' },
  { taskId: 't2', value: [encodeJudgement(judgement(['r1', 'r2'], better('r2')))], source: 'gpt-judge.jsonl' },
  { taskId: 't3', value: [encodeJudgement(judgement(['r1', 'r2'], { kind: 'tie' }))], source: 'gpt-judge.jsonl' },
]);

describe('compareAgreement', () => {
  it('keys the preference by response id, not position: agreement 2/3, Cohen\'s κ = (2/3 − 4/9)/(1 − 4/9) = 2/5', () => {
    // Ada: r1, r2, r1; Bo: r1, tie, r1. Chance: both "r1 better" (2/3 · 2/3) = 4/9. By position t1 would disagree.
    const report = compareAgreement(ADA_BO);
    expect(report).toMatchObject({ taskType: 'compare', tasks: 3, pairableTasks: 3, annotators: 2 });
    expect(report.preference.percentAgreement).toBeCloseTo(2 / 3, 14);
    expect(report.preference.cohenKappa).toBeCloseTo(2 / 5, 14);
  });

  it('reads each rating item as nominal, ordinal and interval data: α = 1/6, 7/12 and 23/28', () => {
    // Helpful: (4, 5), (2, 2), (5, 4). Coincidences 4–5 and 5–4: 2 each, 2–2: 2; n = 6, totals 2, 2, 2 on 2, 4, 5.
    // Nominal: 1 − 5·4/(36 − 12). Interval: δ² 4, 9, 1; 1 − 5·4/(2·4·(4 + 9 + 1)) = 1 − 20/112.
    // Ordinal: δ²(2,4) = (4 − 2)² = 4, δ²(2,5) = (6 − 2)² = 16, δ²(4,5) = (4 − 2)² = 4; 1 − 5·16/(2·4·24) = 1 − 80/192.
    const helpful = compareAgreement(ADA_BO).ratings.Helpful;
    expect(helpful?.pairableTasks).toBe(3);
    expect(helpful?.percentAgreement).toBeCloseTo(1 / 3, 14);
    expect(helpful?.alphaNominal).toBeCloseTo(1 / 6, 14);
    expect(helpful?.alphaOrdinal).toBeCloseTo(7 / 12, 14);
    expect(helpful?.alphaInterval).toBeCloseTo(23 / 28, 14);
  });

  it('compares the model\'s judge with each person like another annotator, leaving the project\'s figures to the people', () => {
    // Ada–judge: agree on t1, t2; κ = (2/3 − 1/3)/(1 − 1/3) = 1/2. Bo–judge: agree on t1 only; chance 1/3, κ = 0.
    const report = compareAgreement(ADA_BO, JUDGE);
    expect(report.annotators).toBe(2);
    expect(report.preference.percentAgreement).toBeCloseTo(2 / 3, 14);
    const pairs = report.pairs.map((p) => [p.annotators.join(' · '), p.tasks, p.percentAgreement, p.cohenKappa]);
    expect(pairs).toEqual([
      ['ann-ada · ann-bo', 3, expect.closeTo(2 / 3, 14), expect.closeTo(2 / 5, 14)],
      ['ann-ada · judge:gpt-judge.jsonl', 3, expect.closeTo(2 / 3, 14), expect.closeTo(1 / 2, 14)],
      ['ann-bo · judge:gpt-judge.jsonl', 3, expect.closeTo(1 / 3, 14), expect.closeTo(0, 14)],
    ]);
  });

  it('is what agreementReport gives a compare project, and writes to JSON with its position bias', () => {
    const report = agreementReport(ADA_BO, 'compare');
    expect(report).toEqual(compareAgreement(ADA_BO));
    const json = reportToJson(report);
    expect(json).toMatchObject({ task_type: 'compare', tasks: 3, pairable_tasks: 3, annotators: 2 });
    expect(json.task_type === 'compare' && json.position_bias).toEqual([
      { annotator_id: 'ann-ada', annotator_name: 'ann-ada', choices: 3, first: 3, first_share: 1, chance_share: 0.5, p_value: expect.closeTo(0.25, 14), by_responses: [{ responses: 2, choices: 3, first: 3 }] },
      { annotator_id: 'ann-bo', annotator_name: 'ann-bo', choices: 2, first: 1, first_share: 0.5, chance_share: 0.5, p_value: 1, by_responses: [{ responses: 2, choices: 2, first: 1 }] },
    ]);
  });

  it('has no figures before two people judged a task, and counts judgements without a preference only for their ratings', () => {
    const report = compareAgreement([judged('t1', 'ann-ada', judgement(['r1', 'r2'], null, { ratings: { Helpful: 3 } }))]);
    expect(report).toMatchObject({ tasks: 1, pairableTasks: 0, annotators: 1, pairs: [] });
    expect(report.preference.percentAgreement).toBeNull();
    expect(report.ratings.Helpful).toEqual({ pairableTasks: 0, percentAgreement: null, alphaNominal: null, alphaOrdinal: null, alphaInterval: null });
  });
});
