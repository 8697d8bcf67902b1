// Span F1 worked by hand. Each test spells out the sets it compares; F1 = 2·matched / marked, where `marked` is
// |A| + |B| summed over the tasks both annotators labelled.
import { describe, expect, it } from 'vitest';
import { spanAgreement } from '../../../src/lib/sync/span-agreement';
import { vote } from './factories';

describe('exact-match span F1', () => {
  it('a span matches only with the same start, end and label', () => {
    // "Ada Lovelace met Charles Babbage in London": both mark Charles Babbage (17:32) as PER; Bo's Ada (0:3) stops
    // short of Ada's (0:12), and Bo calls London (36:42) an ORG. One match out of 3 + 3 spans: F1 = 2·1 / 6 = 1/3.
    const report = spanAgreement([
      vote('t1', 'ada', ['0:12:PER', '17:32:PER', '36:42:LOC']),
      vote('t1', 'bo', ['0:3:PER', '17:32:PER', '36:42:ORG']),
    ]);
    expect(report.overall).toEqual({ matched: 1, marked: 6, f1: 1 / 3 });
    // PER: Ada 2, Bo 2, one shared: 2·1 / 4. LOC: only Ada's, 0 / 1. ORG: only Bo's, 0 / 1.
    expect(report.perLabel).toEqual({
      LOC: { matched: 0, marked: 1, f1: 0 },
      ORG: { matched: 0, marked: 1, f1: 0 },
      PER: { matched: 1, marked: 4, f1: 0.5 },
    });
    expect(report.pairs).toEqual([{ annotators: ['ada', 'bo'], tasks: 1, spans: [3, 3], matched: 1, marked: 6, f1: 1 / 3, perLabel: report.perLabel }]);
  });

  it('micro-averages over tasks: spans are pooled before dividing', () => {
    // t1: 1 of 1 + 1 matched; t2: 0 of 2 + 1. Pooled: 2·1 / (2 + 3) = 0.4, not the mean of the tasks' 1 and 0 (0.5).
    const report = spanAgreement([
      vote('t1', 'ada', ['0:4:PER']), vote('t1', 'bo', ['0:4:PER']),
      vote('t2', 'ada', ['0:4:PER', '9:14:LOC']), vote('t2', 'bo', ['0:5:PER']),
    ]);
    expect(report.overall).toEqual({ matched: 1, marked: 5, f1: 0.4 });
    expect(report.pairs[0]).toMatchObject({ tasks: 2, spans: [3, 2] });
  });

  describe('empty annotations', () => {
    it('two annotators who both marked nothing agree: F1 is 1, for every label too', () => {
      const report = spanAgreement([vote('t1', 'ada', []), vote('t1', 'bo', []), vote('t2', 'ada', []), vote('t2', 'bo', [])], ['PER']);
      expect(report.overall).toEqual({ matched: 0, marked: 0, f1: 1 });
      expect(report.perLabel).toEqual({ PER: { matched: 0, marked: 0, f1: 1 } });
      expect(report.pairs[0]).toMatchObject({ tasks: 2, spans: [0, 0], f1: 1 });
    });

    it('nothing against something is no match: 2·0 / (1 + 0) = 0', () => {
      expect(spanAgreement([vote('t1', 'ada', ['0:4:PER']), vote('t1', 'bo', [])]).overall).toEqual({ matched: 0, marked: 1, f1: 0 });
    });

    it('tasks where both marked nothing add no spans, so they neither raise nor lower F1', () => {
      // t1: 2·1 / 2; t2 adds 0 to both counts, and is still one of the tasks they share.
      const report = spanAgreement([vote('t1', 'ada', ['0:4:PER']), vote('t1', 'bo', ['0:4:PER']), vote('t2', 'ada', []), vote('t2', 'bo', [])]);
      expect(report.overall).toEqual({ matched: 1, marked: 2, f1: 1 });
      expect(report.pairs[0]?.tasks).toBe(2);
    });

    it('is undefined (null) when no two annotators labelled a common task', () => {
      const report = spanAgreement([vote('t1', 'ada', ['0:4:PER']), vote('t2', 'bo', ['0:4:PER'])], ['LOC']);
      expect(report.overall).toEqual({ matched: 0, marked: 0, f1: null });
      expect(report.perLabel).toEqual({ LOC: { matched: 0, marked: 0, f1: null }, PER: { matched: 0, marked: 0, f1: null } });
      expect(report.pairs).toEqual([]);
    });
  });

  it('three annotators: per pair, per label, and overall weighted by the spans each pair marked', () => {
    // t1 "Ada went to Paris": Ada and Cy mark Ada (0:4) PER and Paris (10:16) LOC; Bo calls Paris an ORG.
    // t2: Ada and Bo mark 2:8 LOC; Cy did not label t2, so Cy's pairs share t1 only.
    const report = spanAgreement([
      vote('t1', 'ada', ['0:4:PER', '10:16:LOC']), vote('t1', 'bo', ['0:4:PER', '10:16:ORG']), vote('t1', 'cy', ['0:4:PER', '10:16:LOC']),
      vote('t2', 'ada', ['2:8:LOC']), vote('t2', 'bo', ['2:8:LOC']),
    ]);
    // ada–bo over t1 and t2: 0:4:PER and 2:8:LOC match; 3 + 3 spans: 2·2 / 6 = 2/3.
    // ada–cy over t1: both spans match, 2·2 / 4 = 1. bo–cy over t1: only PER, 2·1 / 4 = 1/2.
    expect(report.pairs.map((p) => [p.annotators.join('–'), p.tasks, p.spans, p.matched, p.marked, p.f1])).toEqual([
      ['ada–bo', 2, [3, 3], 2, 6, 2 / 3],
      ['ada–cy', 1, [2, 2], 2, 4, 1],
      ['bo–cy', 1, [2, 2], 1, 4, 0.5],
    ]);
    // Weighted by spans: (6·2/3 + 4·1 + 4·1/2) / 14 = 2·(2 + 2 + 1) / 14 = 5/7 (the unweighted mean would be 13/18).
    expect(report.overall).toEqual({ matched: 5, marked: 14, f1: 5 / 7 });
    // PER: every pair matches its two: 2·3 / 6 = 1.
    // LOC: ada–bo 1 of 2 + 1, ada–cy 1 of 1 + 1, bo–cy 0 of 0 + 1: 2·2 / 6 = 2/3. ORG: Bo's, twice: 0 / 2.
    expect(report.perLabel).toEqual({
      LOC: { matched: 2, marked: 6, f1: 2 / 3 },
      ORG: { matched: 0, marked: 2, f1: 0 },
      PER: { matched: 3, marked: 6, f1: 1 },
    });
    expect(report.pairs[0]?.perLabel.LOC).toEqual({ matched: 1, marked: 3, f1: 2 / 3 });
    expect(report.annotators).toEqual([
      { id: 'ada', tasks: 2, spans: 3, perLabel: { LOC: 2, PER: 1 } },
      { id: 'bo', tasks: 2, spans: 3, perLabel: { LOC: 1, ORG: 1, PER: 1 } },
      { id: 'cy', tasks: 1, spans: 2, perLabel: { LOC: 1, PER: 1 } },
    ]);
  });

  it('counts only current span votes: not skips, undos, reviews or superseded versions', () => {
    const report = spanAgreement([
      vote('t1', 'ada', ['0:4:PER'], { revision: 1 }), vote('t1', 'ada', ['0:4:LOC'], { revision: 2 }), vote('t1', 'bo', ['0:4:LOC']),
      vote('t2', 'ada', [], { status: 'skipped' }), vote('t2', 'bo', ['0:4:PER']),
      vote('t3', 'ada', [], { status: 'retracted' }), vote('t3', 'bo', ['0:4:PER']),
      vote('t1', 'rev', ['0:4:PER'], { role: 'review' }),
    ]);
    expect(report.overall).toEqual({ matched: 1, marked: 2, f1: 1 });
    expect(report.annotators.map((a) => [a.id, a.tasks, a.spans])).toEqual([['ada', 1, 1], ['bo', 3, 3]]);
  });

  it('compares spans by value, not by spelling: a hand-edited "00:4" is 0:4, and a span written twice counts once', () => {
    const report = spanAgreement([vote('t1', 'ada', ['0:4:PER', '0:4:PER']), vote('t1', 'bo', ['00:4:PER'])]);
    expect(report.overall).toEqual({ matched: 1, marked: 2, f1: 1 });
  });

  it('lists the project’s labels even when nobody used them, with labels in code-unit order', () => {
    const report = spanAgreement([vote('t1', 'ada', ['0:4:per']), vote('t1', 'bo', ['0:4:per'])], ['PER', 'LOC']);
    expect(Object.keys(report.perLabel)).toEqual(['LOC', 'PER', 'per']);
    expect(report.perLabel.LOC).toEqual({ matched: 0, marked: 0, f1: 1 });
  });
});
