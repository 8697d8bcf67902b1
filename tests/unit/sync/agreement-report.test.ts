import { describe, expect, it } from 'vitest';
import { agreementFigures } from '../../../src/lib/sync/agreement';
import { agreementReport } from '../../../src/lib/sync/agreement-report';
import { reportToJson } from '../../../src/lib/sync/report-types';
import { spanAgreement } from '../../../src/lib/sync/span-agreement';
import { syncAnnotation, vote } from './factories';

describe('agreement of a project’s annotators', () => {
  it('single-label: overall is the nominal figure; per label, each label against the rest', () => {
    const annotations = [
      vote('t1', 'ada', ['pos']), vote('t1', 'bo', ['pos']),
      vote('t2', 'ada', ['neg']), vote('t2', 'bo', ['pos']),
      vote('t3', 'ada', ['neu']), vote('t3', 'bo', ['neu']),
      vote('t4', 'ada', ['neg']),
    ];
    const report = agreementReport(annotations, 'single');
    expect(report).toMatchObject({ taskType: 'single', tasks: 4, pairableTasks: 3, annotators: 2 });
    expect(report.overall.percentAgreement).toBeCloseTo(2 / 3, 12);
    expect(Object.keys(report.perLabel)).toEqual(['neg', 'neu', 'pos']);
    // "neg" against the rest: t1 absent/absent, t2 present/absent, t3 absent/absent; t4 rated once.
    expect(report.perLabel.neg?.percentAgreement).toBeCloseTo(2 / 3, 12);
    expect(report.perLabel.neu?.percentAgreement).toBe(1);
  });

  it('multi-label: per label present or absent, and overall the mean over the labels', () => {
    const annotations = [
      vote('t1', 'ada', ['billing', 'urgent']), vote('t1', 'bo', ['billing']), vote('t1', 'cy', ['billing', 'urgent']),
      vote('t2', 'ada', ['login']), vote('t2', 'bo', ['login', 'urgent']), vote('t2', 'cy', ['login']),
      vote('t3', 'ada', ['billing']), vote('t3', 'bo', ['login']),
    ];
    const report = agreementReport(annotations, 'multi');
    const expectedUrgent = agreementFigures([
      { unit: 't1', annotator: 'ada', value: 'present' }, { unit: 't1', annotator: 'bo', value: 'absent' }, { unit: 't1', annotator: 'cy', value: 'present' },
      { unit: 't2', annotator: 'ada', value: 'absent' }, { unit: 't2', annotator: 'bo', value: 'present' }, { unit: 't2', annotator: 'cy', value: 'absent' },
      { unit: 't3', annotator: 'ada', value: 'absent' }, { unit: 't3', annotator: 'bo', value: 'absent' },
    ]);
    expect(report.perLabel.urgent).toEqual(expectedUrgent);
    const labels = Object.values(report.perLabel);
    const mean = labels.reduce((sum, f) => sum + (f.krippendorffAlpha as number), 0) / labels.length;
    expect(report.overall.krippendorffAlpha).toBeCloseTo(mean, 12);
    expect(report.overall.cohenKappa).toBeNull();
  });

  it('counts only current labels: not skips, undos, reviews or superseded versions', () => {
    const annotations = [
      vote('t1', 'ada', ['pos'], { revision: 1 }), vote('t1', 'ada', ['neg'], { revision: 2 }), vote('t1', 'bo', ['neg']),
      vote('t2', 'ada', [], { status: 'skipped' }), vote('t2', 'bo', ['pos']),
      vote('t3', 'ada', [], { status: 'retracted' }), vote('t3', 'bo', ['pos']),
      syncAnnotation({ taskId: 't2', annotatorId: 'rev', role: 'review', value: ['neg'] }),
    ];
    const report = agreementReport(annotations, 'single');
    expect(report).toMatchObject({ tasks: 3, pairableTasks: 1, annotators: 2 });
    expect(report.overall.percentAgreement).toBe(1);
  });

  it('lists the project’s labels even when nobody used them', () => {
    const report = agreementReport([vote('t1', 'ada', ['pos']), vote('t1', 'bo', ['pos'])], 'single', ['neg', 'pos']);
    expect(Object.keys(report.perLabel)).toEqual(['neg', 'pos']);
  });

  it('spans: span F1 instead of the classification figures; a labelled annotation without spans is a vote', () => {
    const annotations = [
      vote('t1', 'ada', ['0:4:PER']), vote('t1', 'bo', ['0:4:PER']),
      vote('t2', 'ada', []), vote('t2', 'bo', ['3:9:LOC']),
      vote('t3', 'ada', []), vote('t3', 'bo', [], { status: 'skipped' }),
    ];
    const report = agreementReport(annotations, 'spans', ['PER', 'LOC', 'ORG']);
    // t1 and t2 are labelled by both (t2's empty vote counts); t3 by Ada only, Bo skipped it.
    expect(report).toEqual({ taskType: 'spans', tasks: 3, pairableTasks: 2, annotators: 2, spanF1: spanAgreement(annotations, ['PER', 'LOC', 'ORG']) });
    // 2·1 / (1 + 2): the PER matches, Bo's LOC has no partner.
    expect(report.spanF1.overall.f1).toBeCloseTo(2 / 3, 12);
    expect(reportToJson(report)).toEqual({
      task_type: 'spans',
      tasks: 3,
      pairable_tasks: 2,
      annotators: 2,
      span_f1: {
        overall: { matched: 1, marked: 3, f1: 2 / 3 },
        per_label: { LOC: { matched: 0, marked: 1, f1: 0 }, ORG: { matched: 0, marked: 0, f1: 1 }, PER: { matched: 1, marked: 2, f1: 1 } },
        pairs: [{
          annotators: ['ada', 'bo'], tasks: 2, spans: [1, 2], matched: 1, marked: 3, f1: 2 / 3,
          per_label: { LOC: { matched: 0, marked: 1, f1: 0 }, ORG: { matched: 0, marked: 0, f1: 1 }, PER: { matched: 1, marked: 2, f1: 1 } },
        }],
        annotators: [
          { id: 'ada', tasks: 3, spans: 1, per_label: { PER: 1 } },
          { id: 'bo', tasks: 2, spans: 2, per_label: { LOC: 1, PER: 1 } },
        ],
      },
    });
  });
});
