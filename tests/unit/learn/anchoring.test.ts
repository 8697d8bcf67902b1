import { describe, expect, it } from 'vitest';
import { encodeJudgement, type Judgement } from '../../../src/lib/domain/compare';
import { agreesWithSuggestion, anchoringReport } from '../../../src/lib/learn/anchoring';

const judgement = (preference: Judgement['preference']): string[] => [encodeJudgement({ shown: ['b', 'a'], preference, ratings: {}, correction: null, rationale: '' })];

describe('agreesWithSuggestion', () => {
  it('compares labels in any order, and a judgement by the response it preferred', () => {
    expect(agreesWithSuggestion(['x', 'y'], ['y', 'x'])).toBe(true);
    expect(agreesWithSuggestion(['x'], ['x', 'y'])).toBe(false);
    expect(agreesWithSuggestion(judgement({ kind: 'better', id: 'a' }), ['a'])).toBe(true);
    expect(agreesWithSuggestion(judgement({ kind: 'better', id: 'b' }), ['a'])).toBe(false);
    expect(agreesWithSuggestion(judgement({ kind: 'ranking', ids: ['a', 'b'] }), ['a'])).toBe(true);
    expect(agreesWithSuggestion(judgement({ kind: 'tie' }), ['a'])).toBe(false);
    expect(agreesWithSuggestion(judgement({ kind: 'better', id: 'a' }), judgement({ kind: 'better', id: 'a' }))).toBe(true);
  });
});

describe('anchoringReport', () => {
  it('sets agreement where the suggestion was shown beside agreement where it was hidden', () => {
    const shown = [true, true, true, false].map((agree) => ({ value: agree ? ['pos'] : ['neg'], suggested: ['pos'], hidden: false }));
    const hidden = [true, false].map((agree) => ({ value: judgement({ kind: 'better', id: agree ? 'a' : 'b' }), suggested: ['a'], hidden: true }));
    const report = anchoringReport([...shown, ...hidden]);
    expect(report.shown).toEqual({ decisions: 4, agreed: 3, rate: 0.75 });
    expect(report.hidden).toEqual({ decisions: 2, agreed: 1, rate: 0.5 });
    expect(report.difference).toBeCloseTo(0.25);
  });

  it('has no rate and no difference without decisions on a side', () => {
    const report = anchoringReport([{ value: ['pos'], suggested: ['pos'], hidden: false }]);
    expect(report.hidden).toEqual({ decisions: 0, agreed: 0, rate: null });
    expect(report.difference).toBeNull();
  });
});
