import { describe, expect, it } from 'vitest';
import { agreementFigures } from '../../../src/lib/sync/agreement';
import { agreementReport } from '../../../src/lib/sync/agreement-report';
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
});
