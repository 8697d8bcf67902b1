import { describe, expect, it } from 'vitest';
import { agreementFigures } from '../../../src/lib/sync/agreement';
import { agreementNotes } from '../../../src/lib/sync/agreement-notes';
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

describe('Cohen’s and Light’s κ in a report, and what the reader is told about them', () => {
  const threeAnnotators = [
    vote('t1', 'ada', ['pos']), vote('t1', 'bo', ['pos']), vote('t1', 'cy', ['pos']),
    vote('t2', 'ada', ['neg']), vote('t2', 'bo', ['pos']),
    vote('t3', 'ada', ['neg']), vote('t3', 'bo', ['neg']),
    vote('t4', 'cy', ['neg']),
  ];

  it('counts the pairs of annotators who labelled a task in common, and takes Light’s κ over them', () => {
    const report = agreementReport(threeAnnotators, 'single', ['neg', 'pos']);
    // Ada–Bo share t1–t3: po = 2/3; Ada neg 2/3, pos 1/3; Bo neg 1/3, pos 2/3; pe = 2/9 + 2/9 = 4/9; κ = (2/9)/(5/9) = 2/5.
    // Ada–Cy and Bo–Cy share only t1, both pos: κ undefined, left out. Cy's t4 pairs with nobody.
    expect(report).toMatchObject({ annotators: 3, annotatorPairs: 3, pairableTasks: 3 });
    expect(report.overall.cohenKappa).toBeNull();
    expect(report.overall.lightKappa).toBeCloseTo(2 / 5, 12);
    expect(reportToJson(report)).toMatchObject({ overall: { cohen_kappa: null, light_kappa: report.overall.lightKappa } });
  });

  it('says why Cohen’s κ is missing and what Light’s κ averages; that other figures are left out where all votes agree by necessity', () => {
    const report = agreementReport(threeAnnotators, 'single', ['neg', 'pos']);
    expect(agreementNotes(report)).toEqual([
      "Cohen's κ compares exactly two annotators; 3 labelled here. Light's κ is the mean of Cohen's κ over the 3 pairs of annotators who labelled tasks in common (Light 1971); a pair whose shared votes all fell in one category has no κ and is left out.",
    ]);
    const allPositive = agreementReport([vote('t1', 'ada', ['pos']), vote('t1', 'bo', ['pos'])], 'single');
    expect(allPositive.overall).toMatchObject({ percentAgreement: 1, cohenKappa: null, lightKappa: null });
    expect(agreementNotes(allPositive)).toEqual([
      'A figure is left out where the votes it compares all fell in one category: agreement by chance is then certain, and nothing is left to measure.',
    ]);
  });

  it('with two annotators, Light’s κ is Cohen’s κ and nothing needs saying', () => {
    const report = agreementReport([vote('t1', 'ada', ['pos']), vote('t1', 'bo', ['pos']), vote('t2', 'ada', ['neg']), vote('t2', 'bo', ['pos'])], 'single', ['neg', 'pos']);
    expect(report.annotatorPairs).toBe(1);
    expect(report.overall.lightKappa).toBe(report.overall.cohenKappa);
    expect(agreementNotes(report)).toEqual([]);
  });

  it('says there is nothing to measure before two annotators share a task', () => {
    const report = agreementReport([vote('t1', 'ada', ['pos']), vote('t2', 'bo', ['neg'])], 'single');
    expect(report.annotatorPairs).toBe(0);
    expect(agreementNotes(report)).toEqual(['No task was labelled by two annotators, so there is no agreement to measure yet.']);
  });
});
