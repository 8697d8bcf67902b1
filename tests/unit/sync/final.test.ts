import { describe, expect, it } from 'vitest';
import { agreementReport } from '../../../src/lib/sync/agreement-report';
import { finalLabels, writeFinalFile } from '../../../src/lib/sync/final';
import { syncAnnotation, vote } from './factories';

const review = (taskId: string, reviewer: string, value: string[], updatedAt: number, overrides = {}) =>
  syncAnnotation({ taskId, annotatorId: reviewer, role: 'review', value, updatedAt, ...overrides });

describe('final labels: one per task', () => {
  it('single-label: the majority, a lone vote, and a tie with the tied options listed', () => {
    const rows = finalLabels(
      [
        vote('t1', 'ada', ['pos']), vote('t1', 'bo', ['pos']), vote('t1', 'cy', ['neg']),
        vote('t2', 'ada', ['neg']),
        vote('t3', 'ada', ['pos']), vote('t3', 'bo', ['neg']),
        vote('t4', 'ada', [], { status: 'skipped' }),
      ],
      'single',
    );
    expect(rows).toEqual([
      { taskId: 't1', value: ['pos'], source: 'majority', votes: { neg: 1, pos: 2 }, annotators: 3 },
      { taskId: 't2', value: ['neg'], source: 'single', votes: { neg: 1 }, annotators: 1 },
      { taskId: 't3', value: [], source: 'tie', tied: ['neg', 'pos'], votes: { neg: 1, pos: 1 }, annotators: 2 },
    ]);
  });

  it('a review decides, the latest of several; a retracted review does not', () => {
    const rows = finalLabels(
      [
        vote('t1', 'ada', ['pos']), vote('t1', 'bo', ['neg']),
        review('t1', 'rev-1', ['neg'], 5_000), review('t1', 'rev-2', ['pos'], 9_000),
        vote('t2', 'ada', ['pos']), vote('t2', 'bo', ['pos']),
        review('t2', 'rev-1', [], 9_000, { status: 'retracted' }),
        review('t3', 'rev-1', ['neu'], 1_000),
      ],
      'single',
    );
    expect(rows).toEqual([
      { taskId: 't1', value: ['pos'], source: 'review', votes: { neg: 1, pos: 1 }, annotators: 2 },
      { taskId: 't2', value: ['pos'], source: 'majority', votes: { pos: 2 }, annotators: 2 },
      { taskId: 't3', value: ['neu'], source: 'review', votes: {}, annotators: 0 },
    ]);
  });

  it('multi-label: each label kept by more than half of the annotators; a label at exactly half is a tie', () => {
    const rows = finalLabels(
      [
        vote('t1', 'ada', ['billing', 'urgent']), vote('t1', 'bo', ['billing']), vote('t1', 'cy', ['billing', 'urgent']),
        vote('t2', 'ada', ['login', 'urgent']), vote('t2', 'bo', ['login']),
      ],
      'multi',
    );
    expect(rows).toEqual([
      { taskId: 't1', value: ['billing', 'urgent'], source: 'majority', votes: { billing: 3, urgent: 2 }, annotators: 3 },
      { taskId: 't2', value: ['login'], source: 'tie', tied: ['urgent'], votes: { login: 2, urgent: 1 }, annotators: 2 },
    ]);
  });

  it('spans: each exact span kept by more than half, "nothing marked" counting as a vote, spans in span order', () => {
    const rows = finalLabels(
      [
        // 2:5 LOC by all three; 10:14 PER by two of three; Cy's 10:12 PER by one.
        vote('t1', 'ada', ['10:14:PER', '2:5:LOC']), vote('t1', 'bo', ['10:14:PER', '2:5:LOC']), vote('t1', 'cy', ['10:12:PER', '2:5:LOC']),
        // Bo saw nothing to mark: Ada's span has one vote of two, a tie, not a lone vote.
        vote('t2', 'ada', ['0:4:PER']), vote('t2', 'bo', []),
      ],
      'spans',
    );
    expect(rows).toEqual([
      { taskId: 't1', value: ['2:5:LOC', '10:14:PER'], source: 'majority', votes: { '10:12:PER': 1, '10:14:PER': 2, '2:5:LOC': 3 }, annotators: 3 },
      { taskId: 't2', value: [], source: 'tie', tied: ['0:4:PER'], votes: { '0:4:PER': 1 }, annotators: 2 },
    ]);
  });

  it('spans: a review that keeps one annotator\'s spans decides them as a whole', () => {
    const rows = finalLabels(
      [vote('t1', 'ada', ['0:3:PER', '8:12:LOC']), vote('t1', 'bo', ['0:3:ORG']), review('t1', 'cy#review', ['0:3:PER', '8:12:LOC'], 9)],
      'spans',
    );
    expect(rows).toEqual([expect.objectContaining({ taskId: 't1', value: ['0:3:PER', '8:12:LOC'], source: 'review' })]);
  });

  it('spans: a review can decide that there is nothing to mark', () => {
    const rows = finalLabels([vote('t1', 'ada', ['0:3:PER']), vote('t1', 'bo', ['0:3:ORG']), review('t1', 'cy#review', [], 9)], 'spans');
    expect(rows).toEqual([expect.objectContaining({ taskId: 't1', value: [], source: 'review' })]);
  });

  it('uses only the newest version of each annotation', () => {
    const rows = finalLabels([vote('t1', 'ada', ['pos'], { revision: 1 }), vote('t1', 'ada', ['neg'], { revision: 2 })], 'single');
    expect(rows).toEqual([{ taskId: 't1', value: ['neg'], source: 'single', votes: { neg: 1 }, annotators: 1 }]);
  });

  it('writes final.jsonl: a header with the agreement figures, then one line per task', () => {
    const annotations = [vote('t1', 'ada', ['pos']), vote('t1', 'bo', ['neg'])];
    const text = writeFinalFile('proj-1', agreementReport(annotations, 'single'), finalLabels(annotations, 'single'));
    const [header, row] = text.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(header).toMatchObject({ type: 'fieldlabel.final', version: 1, project_id: 'proj-1', tasks: 1, agreement: { task_type: 'single', pairable_tasks: 1 } });
    expect(Object.keys(header.agreement.overall)).toEqual(['percent_agreement', 'cohen_kappa', 'light_kappa', 'fleiss_kappa', 'krippendorff_alpha', 'gwet_ac1']);
    expect(row).toEqual({ task_id: 't1', value: [], source: 'tie', votes: { neg: 1, pos: 1 }, annotators: 2, tie: true, tied: ['neg', 'pos'] });
  });

  it('writes span F1 in the header of a span project’s final.jsonl', () => {
    const annotations = [vote('t1', 'ada', ['0:4:PER']), vote('t1', 'bo', ['0:4:PER', '9:12:LOC'])];
    const [header] = writeFinalFile('proj-1', agreementReport(annotations, 'spans'), finalLabels(annotations, 'spans')).trimEnd().split('\n').map((line) => JSON.parse(line));
    // 2·1 / (1 + 2) = 2/3.
    expect(header.agreement).toMatchObject({ task_type: 'spans', tasks: 1, pairable_tasks: 1, annotators: 2, span_f1: { overall: { matched: 1, marked: 3, f1: 2 / 3 } } });
    expect(header.agreement).not.toHaveProperty('overall');
  });
});
